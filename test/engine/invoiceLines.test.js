// Invoice Lines through n8n's engine: one schema on Restcomm Usage Records, Evo Voice AI Usage and
// Lumin.ai Billing Events, each unit of usage in one line; then the monthly billing example (the
// three nodes and n8n's Merge), whose lines add up to what each platform says the month holds.
const { DateTime } = require('luxon');

const { singleNodeWorkflow } = require('../../harness/workflows');
const { credentialValues } = require('../../harness/fixtures');
const monthlyBilling = require('../../examples/monthly-billing.json');
const { runScanned, useSandbox } = require('./engineRun');
const { INVOICE_LINE_FIELDS, TWILIO_ROLL_UPS, twilioLeavesOf } = require('../expectations');

const LUMIN_TYPES = ['billing.scheduled', 'billing.rescheduled'];

let sandbox;
useSandbox({ lumin: { eventCount: 3000 } }, (started) => {
	sandbox = started;
});

async function run(type, parameters, credentials) {
	const result = await runScanned(singleNodeWorkflow('Node', { type, parameters }), {
		credentials: { commsBillingApi: credentials },
	});
	const error = result.nodeError('Node');
	if (error) throw error;
	const [success, failure] = result.outputs('Node');
	expect(failure).toEqual([]);
	return success.map((item) => item.json);
}

const usageLines = (parameters, credentials) =>
	run('restcommUsageRecords', { outputMode: 'invoiceLines', ...parameters }, credentials);
const sum = (rows, field) => rows.reduce((total, row) => total + row[field], 0);
// Amounts exactly, in the hundred-thousandths of a dollar that Twilio's prices carry.
const units = (amount) => Math.round(amount * 1e5);
const sumUnits = (rows) => rows.reduce((total, row) => total + units(row.amount), 0);

/** Every line has the schema's fields in order, numbers as numbers, dates as YYYY-MM-DD. */
function expectSchema(lines) {
	expect(lines.length).toBeGreaterThan(0);
	for (const line of lines) {
		expect(Object.keys(line)).toEqual(INVOICE_LINE_FIELDS);
		expect(line).toMatchObject({
			customer: expect.any(String),
			platform: expect.any(String),
			category: expect.any(String),
			description: expect.any(String),
			quantity: expect.any(Number),
			unit: expect.any(String),
			period_start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			period_end: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			source: expect.any(String),
		});
		if (line.amount === null) expect(line.currency).toBeNull();
		else expect(line.currency).toMatch(/^[A-Z]{3}$/);
	}
}

/** The lines' amounts add up to the Twilio-compatible month's totalprice, which is not zero. */
async function expectAmountsAddUpToTotalprice(lines) {
	const [total] = await run(
		'restcommUsageRecords',
		{ operation: 'lastMonth', category: 'totalprice' },
		sandbox.credentials.twilio,
	);
	expect(sumUnits(lines)).toBe(units(total.price));
	expect(total.price).toBeGreaterThan(0);
}

/** No line is a roll-up of others, nor totalprice. */
const expectNoRollUps = (categories) =>
	expect(
		categories.filter((category) => category in TWILIO_ROLL_UPS || category === 'totalprice'),
	).toEqual([]);

const lastMonthIn = (zone) => {
	const start = DateTime.now().setZone(zone).startOf('month').minus({ months: 1 });
	return [start, start.endOf('month')];
};

describe('Restcomm Usage Records as invoice lines', () => {
	test('Twilio-compatible: no roll-up beside its parts, the amounts adding up to totalprice', async () => {
		const lines = await usageLines({ operation: 'lastMonth' }, sandbox.credentials.twilio);
		expectSchema(lines);
		const categories = lines.map((line) => line.category);
		expectNoRollUps(categories);
		expect(new Set(categories).size).toBe(categories.length);
		for (const line of lines) {
			expect(line.platform).toBe('Twilio-compatible API');
			expect(line.customer).toBe(sandbox.credentials.twilio.accountSid);
			expect(line.source).toMatch(/^\/2010-04-01\/Accounts\/AC\w+\/Usage\/Records\/LastMonth/);
		}
		await expectAmountsAddUpToTotalprice(lines);
	});

	test('a roll-up chosen (calls) gives the leaves it adds up, in one listing, never itself', async () => {
		const lines = await usageLines(
			{ operation: 'lastMonth', category: 'calls' },
			sandbox.credentials.twilio,
		);
		const requests = sandbox.requests.filter((entry) =>
			entry.path.startsWith('/twilio/2010-04-01/Accounts/ACtw0000000000000000000000000001/Usage/'),
		);
		expect(requests).toHaveLength(1);
		expect(requests[0].query.Category).toBeUndefined();
		expect(lines.map((line) => line.category).sort()).toEqual(twilioLeavesOf('calls').sort());
		const [calls] = await run(
			'restcommUsageRecords',
			{ operation: 'lastMonth', category: 'calls' },
			sandbox.credentials.twilio,
		);
		expect(sum(lines, 'quantity')).toBeCloseTo(calls.usage, 4);
	});

	test('a custom category that is a roll-up (mms) gives the categories that hold it, read in one listing', async () => {
		const lines = await usageLines(
			{ operation: 'lastMonth', customCategory: 'mms' },
			sandbox.credentials.twilio,
		);
		const requests = sandbox.requests.filter((entry) => entry.path.startsWith('/twilio/'));
		expect(requests.map((entry) => entry.query.Category)).toEqual([undefined]);
		expect(lines.map((line) => line.category).sort()).toEqual(twilioLeavesOf('mms').sort());
		const [mms] = await run(
			'restcommUsageRecords',
			{ operation: 'lastMonth', customCategory: 'mms' },
			sandbox.credentials.twilio,
		);
		expect(sumUnits(lines)).toBe(units(mms.price));
		expect(sum(lines, 'quantity')).toBe(mms.usage);
	});

	test('Restcomm-Connect: what its server computes, calls and sms, each once', async () => {
		const lines = await usageLines({ operation: 'lastMonth' }, sandbox.credentials.restcomm);
		expectSchema(lines);
		expect(lines.map((line) => line.category)).toEqual(['calls', 'sms']);
		const records = await run(
			'restcommUsageRecords',
			{ operation: 'lastMonth' },
			sandbox.credentials.restcomm,
		);
		expect(lines.map((line) => [line.quantity, line.amount])).toEqual(
			records.map((record) => [record.usage, record.price]),
		);
	});
});

describe('Evo Voice AI Usage as invoice lines', () => {
	test("a line per customer; they add up to the accounts' totals", async () => {
		const parameters = { operation: 'getAiUsage', period: 'lastMonth' };
		const lines = await run(
			'evoVoiceAiUsage',
			{ ...parameters, outputMode: 'invoiceLines' },
			sandbox.credentials.evoVoice,
		);
		expectSchema(lines);
		const [response] = await run('evoVoiceAiUsage', parameters, sandbox.credentials.evoVoice);
		expect(lines.map((line) => line.customer)).toEqual(
			response.customerUsage.map((row) => row.customerId),
		);
		expect(sum(lines, 'quantity')).toBeCloseTo(sum(response.accountUsage, 'aiMinutes'), 6);
		const [start, end] = lastMonthIn('UTC');
		expect(lines[0]).toMatchObject({
			platform: 'Evo Voice',
			unit: 'minutes',
			amount: null,
			period_start: start.toISODate(),
			period_end: end.toISODate(),
		});
	});

	test('minutes of an account that no customer holds are one account line, nothing twice', async () => {
		sandbox.injectFault({
			platform: 'evoVoice',
			status: 200,
			body: {
				accountUsage: [
					{ accountId: 'acct-1001', aiMinutes: 100.3 },
					{ accountId: 'acct-1002', aiMinutes: 5 },
				],
				// The sandbox's own customers, whom its customer list (GET /customers) holds.
				customerUsage: [
					{ accountId: 'acct-1001', customerId: 'store-001', aiMinutes: 60.1 },
					{ accountId: 'acct-1001', customerId: 'store-002', aiMinutes: 40.2 },
					{ accountId: 'acct-1002', customerId: 'clinic-01', aiMinutes: 2 },
				],
			},
		});
		const lines = await run(
			'evoVoiceAiUsage',
			{ operation: 'getAiUsage', period: 'lastMonth', outputMode: 'invoiceLines' },
			sandbox.credentials.evoVoice,
		);
		expect(lines.map((line) => [line.customer, line.quantity])).toEqual([
			['store-001', 60.1],
			['store-002', 40.2],
			['clinic-01', 2],
			['acct-1002', 3],
		]);
		expect(lines[3].description).toBe(
			'AI voice minutes of the account that no customer line holds',
		);
	});
});

describe('Lumin.ai Billing Events as invoice lines', () => {
	test('a line per host and event type, counting the events of the period', async () => {
		const timezone = 'Europe/Berlin';
		const lines = await run(
			'luminBillingEvents',
			{
				operation: 'getBillingEvents',
				eventTypes: LUMIN_TYPES,
				period: 'lastMonth',
				timezone,
				outputMode: 'invoiceLines',
			},
			sandbox.credentials.lumin,
		);
		expectSchema(lines);
		const [start, end] = lastMonthIn(timezone);
		const expected = new Map();
		for (const event of sandbox.lumin.events()) {
			const at = DateTime.fromISO(event.timestamp);
			if (at < start || at > end || !LUMIN_TYPES.includes(event.type)) continue;
			const key = `${event.host_id}|${event.type}`;
			expected.set(key, (expected.get(key) ?? 0) + 1);
		}
		expect(
			new Map(lines.map((line) => [`${line.customer}|${line.category}`, line.quantity])),
		).toEqual(expected);
		expect(lines[0]).toMatchObject({
			platform: 'Lumin.ai',
			unit: 'events',
			amount: null,
			period_start: start.toISODate(),
			period_end: end.toISODate(),
		});
	});
});

describe('the monthly billing example (examples/monthly-billing.json)', () => {
	const linesOf = (result, platform) =>
		result
			.outputs('Invoice Lines')[0]
			.map(({ json }) => json)
			.filter((line) => line.platform === platform);

	test('the three nodes and Merge give one table of invoice lines, no code', async () => {
		expect(monthlyBilling.nodes.map((node) => node.type)).not.toContain('n8n-nodes-base.code');
		const result = await runScanned(monthlyBilling, { credentials: credentialValues(sandbox) });
		const [lines] = result.outputs('Invoice Lines');
		expectSchema(lines.map(({ json }) => json));
		expect(new Set(lines.map(({ json }) => json.platform))).toEqual(
			new Set(['Evo Voice', 'Restcomm', 'Lumin.ai']),
		);

		// Evo Voice: its lines add up to the accounts' totals.
		const [response] = await run(
			'evoVoiceAiUsage',
			{ operation: 'getAiUsage', period: 'lastMonth' },
			sandbox.credentials.evoVoice,
		);
		expect(sum(linesOf(result, 'Evo Voice'), 'quantity')).toBeCloseTo(
			sum(response.accountUsage, 'aiMinutes'),
			6,
		);

		// Lumin.ai: to the month's billable events, in the workflow's time zone.
		const [start, end] = lastMonthIn(monthlyBilling.settings.timezone);
		const events = [...sandbox.lumin.events()].filter((event) => {
			const at = DateTime.fromISO(event.timestamp);
			return at >= start && at <= end && LUMIN_TYPES.includes(event.type);
		});
		expect(sum(linesOf(result, 'Lumin.ai'), 'quantity')).toBe(events.length);
	});

	test("with a Twilio-compatible credential, its amounts add up to the month's totalprice", async () => {
		const credentials = {
			...credentialValues(sandbox),
			'Comms Billing API (Restcomm)': sandbox.credentials.twilio,
		};
		const result = await runScanned(monthlyBilling, { credentials });
		const lines = linesOf(result, 'Twilio-compatible API');
		const categories = lines.map((line) => line.category);
		expectNoRollUps(categories);
		expect(new Set(categories).size).toBe(categories.length);
		await expectAmountsAddUpToTotalprice(lines);
	});
});
