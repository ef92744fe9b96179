// Usage Records on Restcomm-Connect's server, whose Today, Yesterday, ThisMonth and LastMonth run
// from its clock's instant with the time of day (sandbox flavour restcomm, as its code on master
// computes them): the node asks for those periods itself, as whole GMT days, so that a month's
// lines are the month. The sandbox's clock and the node's both stand at 09:00 on 2 December 2026.
const { DateTime } = require('luxon');

const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, useSandbox } = require('./engineRun');
const { basicHeader } = require('../sandbox/sandboxHttp');

const NOW = DateTime.fromISO('2026-12-02T09:00:00Z', { zone: 'utc' });
let sandbox;
useSandbox({ restcomm: { today: '2026-12-02', timeOfDay: '09:00' } }, (started) => {
	sandbox = started;
});

async function usageRecords(parameters) {
	const result = await runScanned(
		singleNodeWorkflow('Usage', {
			type: 'restcommUsageRecords',
			parameters,
			onError: 'continueRegularOutput',
		}),
		{ credentials: { commsBillingApi: sandbox.credentials.restcomm }, now: NOW },
	);
	const [success, failure] = result.outputs('Usage');
	expect(failure).toEqual([]);
	return success.map(({ json }) => json);
}

/** What the server itself answers to a list (not through the node). */
async function serverRecords(subresource, query) {
	const { baseUrl, accountSid, token } = sandbox.credentials.restcomm;
	const search = new URLSearchParams(query);
	const response = await fetch(
		`${baseUrl}/2012-04-24/Accounts/${accountSid}/Usage/Records/${subresource}.json?${search}`,
		{ headers: { authorization: basicHeader(accountSid, token) } },
	);
	return (await response.json()).map((record) => Number(record.usage));
}

// The usage asked for; an invoice line's account name is fetched beside it (accounts.test.js).
const usageRequests = () =>
	sandbox.requests.filter((entry) => entry.path.includes('/Usage/Records/'));
const queries = () => usageRequests().map((entry) => [entry.path.split('/').pop(), entry.query]);

describe("Usage Records on Restcomm-Connect: periods asked as the server's whole days", () => {
	test('Last Month is AllTime from the 1st to the last day of last month, not the server shifted window', async () => {
		const lines = await usageRecords({ operation: 'lastMonth', outputMode: 'invoiceLines' });
		const november = { StartDate: '2026-11-01', EndDate: '2026-11-30' };
		expect(queries()).toEqual([
			['AllTime.json', { Category: 'CALLS', ...november }],
			['AllTime.json', { Category: 'SMS', ...november }],
		]);
		expect(lines.map((line) => [line.category, line.period_start, line.period_end])).toEqual([
			['calls', '2026-11-01', '2026-11-30'],
			['sms', '2026-11-01', '2026-11-30'],
		]);
		const whole = await serverRecords('AllTime', { Category: 'CALLS', ...november });
		const shifted = await serverRecords('LastMonth', { Category: 'CALLS' });
		expect(lines[0].quantity).toBe(whole[0]);
		expect(shifted[0]).not.toBe(whole[0]);
	});

	test.each([
		['today', '2026-12-02', '2026-12-02'],
		['yesterday', '2026-12-01', '2026-12-01'],
		['thisMonth', '2026-12-01', '2026-12-31'],
	])('%s is AllTime from %s to %s', async (operation, start, end) => {
		const records = await usageRecords({ operation, category: 'sms' });
		expect(queries()).toEqual([
			['AllTime.json', { Category: 'SMS', StartDate: start, EndDate: end }],
		]);
		expect(records.map((record) => [record.category, record.start_date, record.end_date])).toEqual([
			['sms', start, end],
		]);
		// Today holds the usage until 09:00, which the server's own Today never does.
		expect(records[0].usage).toBeGreaterThan(0);
	});

	test('Start Date and End Date narrow a fixed period; dates that leave no day of it are a parameter error, before any request', async () => {
		await usageRecords({ operation: 'lastMonth', category: 'calls', startDate: '2026-11-10' });
		expect(queries()).toEqual([
			['AllTime.json', { Category: 'CALLS', StartDate: '2026-11-10', EndDate: '2026-11-30' }],
		]);
		sandbox.clearRequests();
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				parameters: { operation: 'lastMonth', category: 'calls', startDate: '2026-12-01' },
			}),
			{ credentials: { commsBillingApi: sandbox.credentials.restcomm }, now: NOW },
		);
		expect(result.error.message).toBe(
			`Invalid parameter "startDate" in item 0: 2026-12-01 to no end leaves no day of LastMonth (2026-11-01 to 2026-11-30 in the server's days, UTC), so nothing would be read`,
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('a Monthly record labelled as the whole month is a line of the days asked', async () => {
		const parameters = { operation: 'monthly', category: 'calls', startDate: '2026-10-15' };
		const [record] = await usageRecords(parameters);
		expect([record.start_date, record.end_date]).toEqual(['2026-10-01', '2026-10-31']);
		const [line] = await usageRecords({ ...parameters, outputMode: 'invoiceLines' });
		expect([line.period_start, line.period_end]).toEqual(['2026-10-15', '2026-10-31']);
		expect(line.currency).toBe('USD');
	});
});

describe('Usage Records on Restcomm-Connect: an answer listing its record twice', () => {
	const parameters = { operation: 'lastMonth', outputMode: 'invoiceLines' };

	test('[record, record] is counted once', async () => {
		const clean = await usageRecords(parameters);
		sandbox.clearRequests();
		sandbox.injectFault({ platform: 'restcomm', repeatRecord: true, times: 0 });
		const lines = await usageRecords(parameters);
		expect(usageRequests().map((entry) => entry.fault)).toEqual(['repeatRecord', 'repeatRecord']);
		expect(lines).toEqual(clean);
	});

	test('[record, the record with another price] is a Failure naming it', async () => {
		const record = (price) => ({
			category: 'calls',
			description: 'Total Calls',
			account_sid: sandbox.credentials.restcomm.accountSid,
			start_date: '2026-11-01',
			end_date: '2026-11-30',
			usage: '12',
			count: '3',
			price,
			price_unit: 'USD',
		});
		sandbox.injectFault({
			platform: 'restcomm',
			path: `/restcomm/2012-04-24/Accounts/${sandbox.credentials.restcomm.accountSid}/Usage/`,
			status: 200,
			body: [record('1.20'), record('1.30')],
		});
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				parameters,
				onError: 'continueRegularOutput',
			}),
			{ credentials: { commsBillingApi: sandbox.credentials.restcomm }, now: NOW },
		);
		const [success, failure] = result.outputs('Usage');
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toBe(
			'Restcomm listed the usage record of "calls" for 2026-11-01 to 2026-11-30 twice with different figures (price 1.2 and 1.3, usage 12 and 12), so which holds cannot be told; nothing is returned.',
		);
	});
});
