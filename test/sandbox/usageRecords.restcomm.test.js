'use strict';

// The restcomm flavour as Restcomm-Connect's own server computes usage records (master
// c67f1423): every category labelled calls, amounts from its calls or its SMS data, Daily
// records a day long, and no root list.
const { startSandbox } = require('../../sandbox');
const {
	TODAY,
	DATA_FROM,
	RECORD_KEYS,
	getRecords,
	listAll,
	indexDailyUsage,
	expectedAmounts,
	recordAmounts,
	splitRange,
} = require('./usageRecordsHelpers');

// What Restcomm-Connect's own records say, whatever category was asked (its DAO's labels).
const RESTCOMM_CONNECT_LABELS = {
	category: 'calls',
	description: 'Total Calls',
	usage_unit: 'minutes',
	count_unit: 'calls',
	price_unit: 'USD',
};

/** What Restcomm-Connect's queries make of it: calls in whole minutes, rounded up (CEIL). */
function asRestcommConnect(amounts, computed) {
	return computed === 'calls'
		? { ...amounts, usageTenths: Math.ceil(amounts.usageTenths / 10) * 10 }
		: amounts;
}

describe('sandbox: restcomm usage records as Restcomm-Connect computes them (master, c67f1423)', () => {
	let sandbox;
	let index;
	let sid;

	beforeAll(async () => {
		sandbox = await startSandbox({ restcomm: { today: TODAY } });
		index = indexDailyUsage(sandbox.restcomm.dailyUsage());
		sid = sandbox.credentials.restcomm.accountSid;
	});
	afterAll(() => sandbox.close());

	// The category asked for, and the data set Restcomm-Connect computes it from.
	test.each([
		['SMS', 'sms'],
		['SMS_INBOUND', 'sms'],
		['SMS_OUTBOUND_LONGCODE', 'sms'],
		['CALLS', 'calls'],
		['CALLS_INBOUND', 'calls'],
		['PHONENUMBERS', 'calls'],
		['TOTALPRICE', 'calls'],
	])('labels Category=%s as calls, with amounts of the %s data', async (category, computed) => {
		const records = await listAll(sandbox, 'restcomm', 'Monthly', {
			Category: category,
			StartDate: '2025-10-01',
			EndDate: '2025-12-31',
		});
		expect(records.map((r) => [r.start_date, r.end_date])).toEqual(
			splitRange('2025-10-01', '2025-12-31', 'month'),
		);
		for (const record of records) {
			expect(Object.keys(record).sort()).toEqual([...RECORD_KEYS].sort());
			expect(record).toMatchObject({ ...RESTCOMM_CONNECT_LABELS, account_sid: sid });
			expect(record.uri).toContain(`Category=${category}&`);
			expect(recordAmounts(record)).toEqual(
				asRestcommConnect(
					expectedAmounts(index, [sid], computed, record.start_date, record.end_date),
					computed,
				),
			);
		}
		// The two data sets differ, so that the amounts tell which one was read.
		const other = computed === 'sms' ? 'calls' : 'sms';
		const [first] = records;
		expect(recordAmounts(first)).not.toEqual(
			asRestcommConnect(
				expectedAmounts(index, [sid], other, first.start_date, first.end_date),
				other,
			),
		);
	});

	test('answers calls only, one record per period, when no Category is given, a month labelled whole', async () => {
		const monthly = await listAll(sandbox, 'restcomm', 'Monthly');
		const months = splitRange(DATA_FROM, TODAY, 'month');
		// The month of today is labelled to its end, though it holds usage only until now.
		expect(monthly.map((r) => [r.start_date, r.end_date])).toEqual([
			...months.slice(0, -1),
			['2026-01-01', '2026-01-31'],
		]);
		const callsOf = (start, end) =>
			asRestcommConnect(expectedAmounts(index, [sid], 'calls', start, end), 'calls');
		for (const record of monthly) {
			expect(record).toMatchObject(RESTCOMM_CONNECT_LABELS);
			expect(record.uri).toContain('Category=CALLS&');
		}
		for (const record of monthly.slice(0, -1)) {
			expect(recordAmounts(record)).toEqual(callsOf(record.start_date, record.end_date));
		}
		// Today's usage until its clock's 12:00, and none after.
		const expectUntilNoon = (record, from) => {
			const amounts = recordAmounts(record);
			const [before, through] = [callsOf(from, '2026-01-14'), callsOf(from, TODAY)];
			expect(amounts.count).toBeGreaterThan(before.count);
			expect(amounts.count).toBeLessThan(through.count);
		};
		expectUntilNoon(monthly[monthly.length - 1], '2026-01-01');
		// Without StartDate from 1970, without EndDate until now.
		const allTime = await listAll(sandbox, 'restcomm', 'AllTime');
		expect(allTime).toHaveLength(1);
		expect(allTime[0]).toMatchObject({
			...RESTCOMM_CONNECT_LABELS,
			start_date: '1970-01-01',
			end_date: TODAY,
		});
		expectUntilNoon(allTime[0], DATA_FROM);
	});

	test("ends a Daily record on the day after its start, its amounts the start day's", async () => {
		const records = await listAll(sandbox, 'restcomm', 'Daily', {
			Category: 'SMS',
			StartDate: '2025-12-30',
			EndDate: '2026-01-02',
		});
		expect(records.map((r) => [r.start_date, r.end_date])).toEqual([
			['2025-12-30', '2025-12-31'],
			['2025-12-31', '2026-01-01'],
			['2026-01-01', '2026-01-02'],
			['2026-01-02', '2026-01-03'],
		]);
		for (const record of records) {
			expect(record).toMatchObject(RESTCOMM_CONNECT_LABELS);
			expect(record.uri).toContain(`StartDate=${record.start_date}&EndDate=${record.end_date}`);
			expect(recordAmounts(record)).toEqual(
				expectedAmounts(index, [sid], 'sms', record.start_date, record.start_date),
			);
		}
		const today = await listAll(sandbox, 'restcomm', 'Daily', { StartDate: TODAY });
		expect(today.map((r) => [r.start_date, r.end_date])).toEqual([[TODAY, '2026-01-16']]);
	});

	test('has no root list: Records.json answers 404', async () => {
		for (const query of [{}, { Category: 'CALLS' }]) {
			const { status, json } = await getRecords(sandbox, 'restcomm', null, query);
			expect(status).toBe(404);
			expect(json).toEqual({
				message: `The requested resource /2012-04-24/Accounts/${sid}/Usage/Records.json was not found`,
			});
		}
		expect((await getRecords(sandbox, 'restcomm', 'AllTime')).status).toBe(200);
	});
});
