// Evo Voice AI Usage and Restcomm Usage Records, run as workflows through n8n's engine against
// the sandbox; the monthly billing example end to end.
const { DateTime } = require('luxon');

const { startSandbox } = require('../../sandbox');
const { runScanned, useSandbox } = require('./engineRun');
const { singleNodeWorkflow } = require('../../harness/workflows');
const monthlyBilling = require('../../examples/monthly-billing.json');
const { credentialsById } = require('../../harness/fixtures');

const RESTCOMM_TODAY = '2026-01-15';
let sandbox;
useSandbox(
	{ restcomm: { today: RESTCOMM_TODAY }, twilio: { today: RESTCOMM_TODAY } },
	(started) => {
		sandbox = started;
	},
);

const requestsTo = (prefix) => sandbox.requests.filter((entry) => entry.path.startsWith(prefix));
async function run(type, parameters, credentials) {
	return await runScanned(singleNodeWorkflow('Usage', { type, parameters }), {
		credentials: { commsBillingApi: credentials },
	});
}

/** Fixes the clock (Date only: timers and the network keep running). */
const fixClock = (now) =>
	jest.useFakeTimers({
		now,
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});

const round1 = (value) => Math.round(value * 10) / 10;

describe('Evo Voice AI Usage', () => {
	const days = (from, to) => (row) => row.date >= from && row.date <= to;

	test('the documented response: per account and per customer, aiMinutes as numbers', async () => {
		const result = await run(
			'evoVoiceAiUsage',
			{ operation: 'getAiUsage', startDate: '2026-10-01', endDate: '2026-10-31', timezone: 'UTC' },
			sandbox.credentials.evoVoice,
		);
		const [[item], failure] = result.outputs('Usage');
		expect(failure).toEqual([]);
		expect(Object.keys(item.json)).toEqual([
			'accountUsage',
			'customerUsage',
			'response_body',
			'response_status_code',
		]);
		const inRange = sandbox.evoVoice.dailyUsage().filter(days('2026-10-01', '2026-10-31'));
		for (const row of item.json.customerUsage) {
			const expected = inRange
				.filter((day) => day.customerId === row.customerId && day.accountId === row.accountId)
				.reduce((sum, day) => sum + day.aiMinutes, 0);
			expect(row.aiMinutes).toBeCloseTo(round1(expected), 5);
		}
		expect(item.json.accountUsage.map((row) => row.accountId).sort()).toEqual(
			[...sandbox.evoVoice.accounts].sort(),
		);
		const [request] = requestsTo('/evovoice');
		expect(request.query).toEqual({ startDate: '2026-10-01', endDate: '2026-10-31' });
		expect(request.auth).toBe('basic');
	});

	test('rows: one item per account and customer, with a level; filters sent only when given', async () => {
		const customer = sandbox.evoVoice.customers[0];
		const result = await run(
			'evoVoiceAiUsage',
			{
				operation: 'getAiUsage',
				accountId: customer.accountId,
				customerId: customer.customerId,
				outputMode: 'rows',
				period: 'custom',
			},
			sandbox.credentials.evoVoice,
		);
		const [rows] = result.outputs('Usage');
		expect(rows.map((row) => Object.keys(row.json))).toEqual(
			rows.map(() => ['level', 'accountId', 'customerId', 'aiMinutes']),
		);
		expect(rows.map((row) => row.json.level).sort()).toEqual(['account', 'customer']);
		expect(rows.every((row) => typeof row.json.aiMinutes === 'number')).toBe(true);
		expect(requestsTo('/evovoice')[0].query).toEqual({
			accountId: customer.accountId,
			customerId: customer.customerId,
		});
	});

	test('aiMinutes sent as text come out as numbers', async () => {
		const textual = await startSandbox({ evoVoice: { numbersAsStrings: true } });
		try {
			const result = await runScanned(
				singleNodeWorkflow('Usage', {
					type: 'evoVoiceAiUsage',
					parameters: { operation: 'getAiUsage', outputMode: 'rows' },
				}),
				{ credentials: { commsBillingApi: textual.credentials.evoVoice } },
			);
			const [rows] = result.outputs('Usage');
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.every((row) => typeof row.json.aiMinutes === 'number')).toBe(true);
		} finally {
			await textual.close();
		}
	});

	test('a 403 goes to Failure with the vendor message and the SystemAdministrator hint', async () => {
		const result = await run(
			'evoVoiceAiUsage',
			{ operation: 'getAiUsage' },
			sandbox.credentials.evoVoiceAgent,
		);
		const [success, failure] = result.outputs('Usage');
		expect(success).toEqual([]);
		expect(failure[0].json).toMatchObject({
			response_status_code: 403,
			error_message:
				'Evo Voice refused the request with HTTP 403: Invalid Role. The Evo Voice API needs a user with the SystemAdministrator role.',
		});
		expect(JSON.stringify(result.run)).not.toContain(sandbox.credentials.evoVoiceAgent.token);
	});

	test.each([
		// A fixed clock: the evening of Dec 31 in New York is already Jan 1 in UTC.
		['across a year boundary', '2027-01-01T03:00:00Z', '2026-11-01', '2026-11-30'],
		// March 2026 starts in EST and ends in EDT.
		['across a DST change', '2026-04-01T02:00:00Z', '2026-02-01', '2026-02-28'],
		['at the start of a month in UTC', '2026-04-01T05:00:00Z', '2026-03-01', '2026-03-31'],
	])('last month in America/New_York %s', async (_name, now, startDate, endDate) => {
		fixClock(new Date(now));
		try {
			await run(
				'evoVoiceAiUsage',
				{ operation: 'getAiUsage', period: 'lastMonth', timezone: 'America/New_York' },
				sandbox.credentials.evoVoice,
			);
		} finally {
			jest.useRealTimers();
		}
		expect(requestsTo('/evovoice')[0].query).toEqual({ startDate, endDate });
	});
});

describe('Restcomm Usage Records', () => {
	const SUBRESOURCES = {
		allTime: 'AllTime',
		daily: 'Daily',
		monthly: 'Monthly',
		yearly: 'Yearly',
		today: 'Today',
		yesterday: 'Yesterday',
		thisMonth: 'ThisMonth',
		lastMonth: 'LastMonth',
	};
	const RECORD_FIELDS = [
		'category',
		'description',
		'account_sid',
		'start_date',
		'end_date',
		'usage',
		'usage_unit',
		'count',
		'count_unit',
		'price',
		'price_unit',
		'uri',
	];

	describe.each(['restcomm', 'twilio'])('on %s', (platform) => {
		const version = platform === 'restcomm' ? '2012-04-24' : '2010-04-01';

		test.each(Object.entries(SUBRESOURCES))(
			'%s reads %s, every record with the documented fields, numbers as numbers',
			async (operation, segment) => {
				const credentials = sandbox.credentials[platform];
				// Date filters for the ranges; Today and the like are periods of their own.
				const range = ['allTime', 'daily', 'monthly', 'yearly'].includes(operation)
					? { startDate: '2025-12-01', endDate: '2026-01-10' }
					: {};
				const result = await run(
					'restcommUsageRecords',
					{ operation, category: 'sms', ...range },
					credentials,
				);
				const [records, failure] = result.outputs('Usage');
				expect(failure).toEqual([]);
				expect(records.length).toBeGreaterThan(0);
				for (const { json } of records) {
					expect(Object.keys(json)).toEqual(RECORD_FIELDS);
					expect(json.category).toBe('sms');
					for (const amount of ['usage', 'count', 'price'])
						expect(typeof json[amount]).toBe('number');
				}
				const [request] = requestsTo(`/${platform}`);
				expect(request.path).toBe(
					`/${platform}/${version}/Accounts/${credentials.apiKey}/Usage/Records/${segment}.json`,
				);
				expect(request.query.Category).toBe(platform === 'restcomm' ? 'SMS' : 'sms');
				expect(request.query.StartDate).toBe(range.startDate);
			},
		);

		test('a category goes on the wire in the form the platform takes', async () => {
			await run(
				'restcommUsageRecords',
				{ operation: 'lastMonth', category: 'sms-inbound' },
				sandbox.credentials[platform],
			);
			expect(requestsTo(`/${platform}`)[0].query.Category).toBe(
				platform === 'restcomm' ? 'SMS_INBOUND' : 'sms-inbound',
			);
		});

		test('monthly totals equal the sums of the daily data', async () => {
			const result = await run(
				'restcommUsageRecords',
				{ operation: 'monthly', category: 'calls', startDate: '2025-10-01', endDate: '2025-12-31' },
				sandbox.credentials[platform],
			);
			const [records] = result.outputs('Usage');
			const daily = sandbox[platform]
				.dailyUsage()
				.filter(
					(row) =>
						row.category === 'calls' && row.accountSid === sandbox.credentials[platform].apiKey,
				);
			expect(records.map((record) => record.json.start_date)).toEqual([
				'2025-10-01',
				'2025-11-01',
				'2025-12-01',
			]);
			for (const { json } of records) {
				const month = daily.filter(
					(row) => row.date >= json.start_date && row.date <= json.end_date,
				);
				expect(json.usage).toBeCloseTo(
					month.reduce((sum, row) => sum + row.usage, 0),
					3,
				);
				expect(json.count).toBe(month.reduce((sum, row) => sum + row.count, 0));
			}
		});

		test('relative dates are resolved by the node, in GMT, and sent as YYYY-MM-DD', async () => {
			fixClock(new Date(`${RESTCOMM_TODAY}T23:30:00Z`));
			try {
				await run(
					'restcommUsageRecords',
					{ operation: 'daily', category: 'sms', startDate: '-30days', endDate: '+0days' },
					sandbox.credentials[platform],
				);
			} finally {
				jest.useRealTimers();
			}
			expect(requestsTo(`/${platform}`)[0].query).toMatchObject({
				StartDate: '2025-12-16',
				EndDate: '2026-01-15',
			});
		});

		test("the account SID defaults to the credential's and can name another account", async () => {
			const other = sandbox[platform].accounts.find(
				(sid) => sid !== sandbox.credentials[platform].apiKey,
			);
			const result = await run(
				'restcommUsageRecords',
				{ operation: 'lastMonth', accountSid: other, category: 'calls' },
				sandbox.credentials[platform],
			);
			const [records] = result.outputs('Usage');
			expect(records.every((record) => record.json.account_sid === other)).toBe(true);
		});

		test('a wrong token goes to Failure with 401, the token nowhere', async () => {
			const result = await run(
				'restcommUsageRecords',
				{ operation: 'today' },
				{ ...sandbox.credentials[platform], token: 'wrong-auth-token-1234' },
			);
			const [success, failure] = result.outputs('Usage');
			expect(success).toEqual([]);
			expect(failure[0].json.response_status_code).toBe(401);
			expect(JSON.stringify(result.run)).not.toContain('wrong-auth-token-1234');
		});
	});

	test('Twilio pages are followed to the last page: every record exactly once', async () => {
		const result = await run(
			'restcommUsageRecords',
			{ operation: 'daily', startDate: '2025-01-01', endDate: '2025-03-31' },
			sandbox.credentials.twilio,
		);
		const [records] = result.outputs('Usage');
		const expected = sandbox.twilio
			.dailyUsage()
			.filter(
				(row) =>
					row.accountSid === sandbox.credentials.twilio.apiKey &&
					row.date >= '2025-01-01' &&
					row.date <= '2025-03-31',
			);
		expect(records).toHaveLength(expected.length);
		expect(
			new Set(records.map((record) => `${record.json.start_date}|${record.json.category}`)).size,
		).toBe(expected.length);
		const pages = requestsTo('/twilio');
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0].query.PageSize).toBe('1000');
	});

	test("Restcomm answers 500 to a category in the document's form; the node never sends it so", async () => {
		const result = await run(
			'restcommUsageRecords',
			{ operation: 'thisMonth', category: 'calls-inbound-local' },
			sandbox.credentials.restcomm,
		);
		expect(result.outputs('Usage')[1]).toEqual([]);
		expect(requestsTo('/restcomm')[0].query.Category).toBe('CALLS_INBOUND_LOCAL');
	});

	test('an invalid date stops the node, naming it, before any request', async () => {
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				parameters: { operation: 'daily', startDate: 'last tuesday' },
			}),
			{ credentials: { commsBillingApi: sandbox.credentials.restcomm } },
		);
		expect(result.nodeError('Usage').message).toBe(
			'Invalid parameter "startDate" in item 0: "last tuesday" is not YYYY-MM-DD or an offset such as -30days',
		);
		expect(requestsTo('/restcomm')).toEqual([]);
	});
});

describe('the monthly billing example (examples/monthly-billing.json)', () => {
	test('its totals per customer and category equal totals computed from the sandbox data', async () => {
		const result = await runScanned(monthlyBilling, { credentials: credentialsById(sandbox) });
		const [rows] = result.outputs('Totals per Customer and Category');
		const table = new Map(
			rows.map(({ json }) => [`${json.platform}|${json.customer}|${json.category}`, json]),
		);

		const zone = monthlyBilling.settings.timezone;
		const start = DateTime.now().setZone(zone).startOf('month').minus({ months: 1 });
		const end = start.endOf('month');
		const expected = new Map();
		const add = (key, quantity) => expected.set(key, (expected.get(key) ?? 0) + quantity);
		for (const event of sandbox.lumin.events()) {
			const at = DateTime.fromISO(event.timestamp);
			if (
				at >= start &&
				at <= end &&
				['billing.scheduled', 'billing.rescheduled'].includes(event.type)
			) {
				add(`Lumin.ai|${event.host_id}|${event.type}`, 1);
			}
		}
		for (const day of sandbox.evoVoice.dailyUsage()) {
			if (day.date >= start.toISODate() && day.date <= end.toISODate())
				add(`Evo Voice|${day.customerId}|ai-minutes`, day.aiMinutes);
		}
		const today = DateTime.fromISO(sandbox.restcomm.today, { zone: 'utc' });
		const lastMonthGmt = today.startOf('month').minus({ months: 1 });
		for (const row of sandbox.restcomm.dailyUsage()) {
			if (
				row.accountSid === sandbox.credentials.restcomm.apiKey &&
				row.date >= lastMonthGmt.toISODate() &&
				row.date <= lastMonthGmt.endOf('month').toISODate()
			) {
				add(`Restcomm|${row.accountSid}|${row.category}`, row.usage);
			}
		}
		expect([...table.keys()].sort()).toEqual([...expected.keys()].sort());
		for (const [key, quantity] of expected)
			expect(table.get(key).quantity).toBeCloseTo(quantity, 2);
	});
});
