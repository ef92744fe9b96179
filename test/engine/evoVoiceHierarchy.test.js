// Evo Voice's nested customers through n8n's engine (issue "Hierarchies reconciled"): Invoice
// Lines read each account's customer list (GET /customers, every page) and bill each customer its
// own minutes as the credential's Customer Rows says a parent's usage row holds them; without it,
// a parent and a child both with minutes are a Failure. Every figure is held against the
// sandbox's own truth: who used what, its hand table or its generated days.
const { DateTime } = require('luxon');

const { startScannedSandbox, useSandbox } = require('./engineRun');
// Last Month is October 2026, which the hand table covers.
const { octoberLines, pollAiMinutes } = require('./evoVoiceRuns');

const OCTOBER = ['2026-10-01', '2026-10-31'];
const CUSTOMERS_PATH = '/evovoice/customers';
const USAGE_PATH = '/evovoice/ai/usage';

// The issue's case: the hand table (sandbox/platforms/evoVoice/handTable.js), store-002 a child
// of store-001, a parent's usage row holding its child's minutes.
let sandbox;
useSandbox(
	{
		evoVoice: {
			from: '2026-09-01',
			to: '2026-11-30',
			dataSet: 'handTable',
			nestedCustomers: true,
			customerRows: 'includeSubCustomers',
		},
	},
	(started) => {
		sandbox = started;
	},
);

/** October's lines and Failure items, with the credential's Customer Rows (undefined: not set). */
const october = (server, customerRows, parameters, inputItems) =>
	octoberLines(
		server,
		customerRows === undefined ? {} : { evoVoiceCustomerRows: customerRows },
		parameters,
		inputItems,
	);

const quantities = (lines) => lines.map((line) => [line.customer, line.quantity]);

/**
 * What each customer, and each account itself, used in October, by the sandbox's truth: every
 * row of who used what, in tenths; customers before accounts, as the lines come, none of zero.
 */
function truthOfOctober(server) {
	const tenths = new Map();
	for (const row of server.evoVoice.dailyUsage()) {
		if (row.date < OCTOBER[0] || row.date > OCTOBER[1]) continue;
		const whom = row.customerId ?? row.accountId;
		tenths.set(whom, (tenths.get(whom) ?? 0) + Math.round(row.aiMinutes * 10));
	}
	const customers = server.evoVoice.customers.map((customer) => customer.customerId);
	return [...customers, ...server.evoVoice.accounts]
		.filter((whom) => tenths.get(whom))
		.map((whom) => [whom, tenths.get(whom) / 10]);
}

const customerRequests = (server) =>
	server.requests.filter((entry) => entry.path === CUSTOMERS_PATH);

describe("Evo Voice's nested customers: the issue's case (the hand table)", () => {
	test("with Include Sub-Customers' Minutes: parent 30, child 20, other 20, account 30, as who used what", async () => {
		const { lines, failure } = await october(sandbox, 'includeSubCustomers');
		expect(failure).toEqual([]);
		expect(quantities(lines)).toEqual([
			['store-001', 30],
			['store-002', 20],
			['store-003', 20],
			['clinic-01', 7.5],
			['clinic-02', 4.5],
			['acct-1001', 30],
		]);
		expect(quantities(lines)).toEqual(truthOfOctober(sandbox));
		expect(lines[0]).toMatchObject({
			platform: 'Evo Voice',
			category: 'ai-minutes',
			period_start: '2026-10-01',
			period_end: '2026-10-31',
		});
		// One customer list per account whose customers have minutes, read through the transport.
		expect(customerRequests(sandbox).map(({ query, status }) => [query, status])).toEqual([
			[{ accountIds: 'acct-1001', page: '0', countPerPage: '100' }, 200],
			[{ accountIds: 'acct-1002', page: '0', countPerPage: '100' }, 200],
		]);
	});

	test('without Customer Rows: a Failure naming the parent and the child, and nothing on Success', async () => {
		const { lines, failure } = await october(sandbox, undefined);
		expect(lines).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].error_message).toBe(
			"Evo Voice reported 50 AI minutes for customer store-001 and 20 for customer store-002, which the customer list of account acct-1001 places under store-001: whether a parent's row holds its sub-customers' minutes is not published, so store-002's minutes could be billed twice. Set the credential's Customer Rows to what this server's rows hold; nothing is returned.",
		);
	});

	test("with Each Customer's Own Minutes on this server: a Failure where the rows exceed an account's total", async () => {
		// acct-1001's rows (50 + 20 + 20) fit its 100, so the wrong reading shows only at acct-1002.
		const { lines, failure } = await october(sandbox, 'own');
		expect(lines).toEqual([]);
		expect(failure[0].error_message).toBe(
			"Evo Voice reported 16.5 AI minutes for the customers of account acct-1002, more than the account's 12: a customer's minutes may include another's (customers can have a parent), so the lines would count a minute twice; nothing is returned.",
		);
	});

	test('Rows and Response give the rows as sent, and read no customer list', async () => {
		const { lines, failure } = await october(sandbox, undefined, { outputMode: 'rows' });
		expect(failure).toEqual([]);
		expect(lines.find((row) => row.customerId === 'store-001').aiMinutes).toBe(50);
		expect(customerRequests(sandbox)).toEqual([]);
	});

	test('every item of a run reads each account’s customer list once', async () => {
		const { lines } = await october(sandbox, 'includeSubCustomers', {}, [
			{ json: {} },
			{ json: {} },
		]);
		expect(lines).toHaveLength(12);
		expect(customerRequests(sandbox)).toHaveLength(2);
	});

	test.each([
		[
			undefined,
			/^Evo Voice answered customer store-001's row alone, .* Set the credential's Customer Rows/,
		],
		[
			'includeSubCustomers',
			/^Evo Voice answered customer store-001's row alone, .* Leave Customer ID empty/,
		],
	])(
		'a parent asked alone with Customer Rows %s is a Failure: its sub-customers’ rows were not asked for',
		async (customerRows, message) => {
			const { lines, failure } = await october(sandbox, customerRows, { customerId: 'store-001' });
			expect(lines).toEqual([]);
			expect(failure[0].error_message).toMatch(message);
		},
	);

	test('a child asked alone is billed its own minutes, nothing twice', async () => {
		const { lines, failure } = await october(sandbox, 'includeSubCustomers', {
			customerId: 'store-002',
		});
		expect(failure).toEqual([]);
		expect(quantities(lines)).toEqual([['store-002', 20]]);
	});

	test('a usage row of a customer the list does not hold is a Failure naming it', async () => {
		sandbox.injectFault({
			platform: 'evoVoice',
			path: USAGE_PATH,
			status: 200,
			body: {
				accountUsage: [{ accountId: 'acct-1001', aiMinutes: 40 }],
				customerUsage: [
					{ accountId: 'acct-1001', customerId: 'store-003', aiMinutes: 20 },
					{ accountId: 'acct-1001', customerId: 'store-999', aiMinutes: 15.5 },
				],
			},
		});
		const { lines, failure } = await october(sandbox, 'own');
		expect(lines).toEqual([]);
		expect(failure[0].error_message).toBe(
			"Evo Voice reported 15.5 AI minutes for customer store-999 of account acct-1001, which the account's customer list (GET /customers) does not hold, so whose minutes its row holds cannot be told; nothing is returned.",
		);
	});
});

describe("Evo Voice's nested customers: each reading against the sandbox's truth (generated days)", () => {
	test.each(['own', 'includeSubCustomers'])(
		'a server whose parent rows read %s, and the credential saying so: each customer its own minutes',
		async (customerRows) => {
			const server = await startScannedSandbox({
				evoVoice: { from: '2026-09-01', to: '2026-11-30', nestedCustomers: true, customerRows },
			});
			try {
				const { lines, failure } = await october(server, customerRows);
				expect(failure).toEqual([]);
				expect(quantities(lines)).toEqual(truthOfOctober(server));
				// store-002 is store-001's child: both used minutes, so the case is a real one.
				const truth = new Map(truthOfOctober(server));
				expect(truth.get('store-001')).toBeGreaterThan(0);
				expect(truth.get('store-002')).toBeGreaterThan(0);
			} finally {
				await server.close();
			}
		},
	);

	test('every page of the customer list is read', async () => {
		const server = await startScannedSandbox({
			evoVoice: { from: '2026-09-01', to: '2026-11-30', nestedCustomers: true, maxCountPerPage: 2 },
		});
		try {
			const { lines, failure } = await october(server, 'includeSubCustomers');
			expect(failure).toEqual([]);
			expect(quantities(lines)).toEqual(truthOfOctober(server));
			// Each account's pages one after another (the two accounts side by side).
			const pagesOf = (account) =>
				customerRequests(server)
					.filter(({ query }) => query.accountIds === account)
					.map(({ query }) => query.page);
			expect([pagesOf('acct-1001'), pagesOf('acct-1002')]).toEqual([
				['0', '1', '2'],
				['0', '1'],
			]);
		} finally {
			await server.close();
		}
	});
});

describe('the Comms Usage Trigger on nested customers: unchanged', () => {
	const poll = (parameters) =>
		pollAiMinutes(
			sandbox,
			{},
			{ recurrence: 'monthly', ...parameters },
			{ mode: 'manual', now: DateTime.fromISO('2026-10-31T15:00:00Z', { zone: 'utc' }) },
		);

	test('it sums the account rows, or the customer’s row as sent, without Customer Rows or a customer list', async () => {
		const every = await poll({});
		expect(every.emitted[0][0].json.value).toBe(112);
		const parent = await poll({ customerId: 'store-001' });
		expect(parent.emitted[0][0].json.value).toBe(50);
		expect(customerRequests(sandbox)).toEqual([]);
	});
});
