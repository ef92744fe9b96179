'use strict';

// Usage Records answers that differ from the request the way real servers and proxies do, on
// request (faults): a Category dropped, a record of another day or account, a StartDate not read;
// and the flavours that cannot do one refusing it with 400.
const { startSandbox } = require('../../sandbox');
const {
	TODAY,
	DATA_FROM,
	LISTED,
	getRecords,
	listAll,
	wireCategory,
} = require('./usageRecordsHelpers');

const FLAVOURS = ['restcomm', 'restcommAllCategories', 'twilio'];
const PATHS = {
	restcomm: '/restcomm/2012-04-24/Accounts',
	restcommAllCategories: '/restcomm-all-categories/2012-04-24/Accounts',
	twilio: '/twilio/2010-04-01/Accounts',
};

/** Twilio stamps each record with the second it was answered: left out where lists are compared. */
const withoutAsOf = (records) => records.map((record) => ({ ...record, as_of: undefined }));

describe.each(FLAVOURS)('sandbox: %s usage records that differ from the request', (flavour) => {
	let sandbox;
	const calls = wireCategory(flavour, 'calls');
	const fault = (kind) => ({ platform: flavour, path: PATHS[flavour], [kind]: true });

	beforeAll(async () => {
		sandbox = await startSandbox({
			restcomm: { today: TODAY },
			restcommAllCategories: { today: TODAY },
			twilio: { today: TODAY },
		});
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test('otherDay: the answer plus its first record with usage, dated the day before it starts', async () => {
		const query = { Category: calls, StartDate: '2025-11-10', EndDate: '2025-11-10' };
		const clean = await listAll(sandbox, flavour, 'Daily', query);
		expect(clean).toHaveLength(1);
		expect(Number(clean[0].usage)).toBeGreaterThan(0);
		sandbox.injectFault(fault('otherDay'));
		const faulted = await listAll(sandbox, flavour, 'Daily', query);
		expect(withoutAsOf(faulted)).toEqual(
			withoutAsOf([
				...clean,
				{
					...clean[0],
					start_date: '2025-11-09',
					end_date: '2025-11-09',
					uri: clean[0].uri.replace(/StartDate=.*$/, 'StartDate=2025-11-09&EndDate=2025-11-09'),
				},
			]),
		);
		expect(sandbox.requests[1].fault).toBe('otherDay');
		expect(await listAll(sandbox, flavour, 'Daily', query)).toHaveLength(1);
	});

	test('otherAccount: the answer plus its first record with usage under an account no one has', async () => {
		const query = { Category: calls, StartDate: '2025-11-01', EndDate: '2025-11-30' };
		const clean = await listAll(sandbox, flavour, 'Monthly', query);
		sandbox.injectFault(fault('otherAccount'));
		const faulted = await listAll(sandbox, flavour, 'Monthly', query);
		expect(faulted).toHaveLength(clean.length + 1);
		expect(withoutAsOf(faulted.slice(0, -1))).toEqual(withoutAsOf(clean));
		const other = faulted[faulted.length - 1].account_sid;
		expect(other).toMatch(/^AC[0-9a-f]{32}$/);
		const sandboxAccounts = FLAVOURS.flatMap((name) => sandbox[name].accounts);
		expect(sandboxAccounts).not.toContain(other);
		// The same record, its account's SID replaced wherever it stands (account_sid, uri, links).
		const [first] = clean;
		expect(Number(first.usage)).toBeGreaterThan(0);
		const expected = JSON.parse(JSON.stringify(first).split(first.account_sid).join(other));
		expect(withoutAsOf(faulted.slice(-1))).toEqual(withoutAsOf([expected]));
		expect(faulted[faulted.length - 1].uri).toContain(`/Accounts/${other}/Usage/`);
	});

	test('unreadStartDate: answers as if no StartDate had been sent', async () => {
		const asked = { Category: calls, StartDate: '2025-12-01', EndDate: '2025-12-31' };
		const withoutStart = await listAll(sandbox, flavour, 'AllTime', {
			Category: calls,
			EndDate: '2025-12-31',
		});
		sandbox.injectFault(fault('unreadStartDate'));
		const faulted = await listAll(sandbox, flavour, 'AllTime', asked);
		expect(withoutAsOf(faulted)).toEqual(withoutAsOf(withoutStart));
		// Restcomm-Connect without a StartDate reads from 1970 (in its zone, here UTC).
		expect(faulted.map((record) => [record.start_date, record.end_date])).toEqual([
			[flavour === 'restcomm' ? '1970-01-01' : DATA_FROM, '2025-12-31'],
		]);
		const clean = await listAll(sandbox, flavour, 'AllTime', asked);
		expect(clean.map((record) => record.start_date)).toEqual(['2025-12-01']);
	});

	if (flavour === 'restcomm') {
		test('ignoreCategory: refused with 400, Restcomm-Connect labelling every record calls', async () => {
			sandbox.injectFault(fault('ignoreCategory'));
			const { status, json } = await getRecords(sandbox, flavour, 'LastMonth', { Category: 'SMS' });
			expect([status, json]).toEqual([
				400,
				{ message: 'ignoreCategory: this route labels every record calls, whatever Category asks' },
			]);
		});
	} else {
		test('ignoreCategory: answers every category of the period, as if no Category had been sent', async () => {
			const everyCategory = await listAll(sandbox, flavour, 'LastMonth');
			sandbox.injectFault(fault('ignoreCategory'));
			const faulted = await listAll(sandbox, flavour, 'LastMonth', { Category: calls });
			expect(withoutAsOf(faulted)).toEqual(withoutAsOf(everyCategory));
			expect(faulted.map((record) => record.category)).toEqual(LISTED[flavour]);
			expect(faulted.filter((record) => record.category !== 'calls')).toHaveLength(
				LISTED[flavour].length - 1,
			);
			expect(sandbox.requests[1].fault).toBe('ignoreCategory');
		});
	}
});

describe('sandbox: restcomm without a readable StartDate in a zone west of UTC', () => {
	test('unreadStartDate: an AllTime record from 1969-12-31, midnight of 1970 there', async () => {
		const sandbox = await startSandbox({
			restcomm: { today: TODAY, timeZone: 'America/New_York' },
		});
		try {
			sandbox.injectFault({ platform: 'restcomm', unreadStartDate: true });
			const records = await listAll(sandbox, 'restcomm', 'AllTime', { StartDate: '2025-12-01' });
			expect(records.map((record) => [record.start_date, record.end_date])).toEqual([
				['1969-12-31', TODAY],
			]);
			expect(records[0].uri).toContain('StartDate=1969-12-31&');
		} finally {
			await sandbox.close();
		}
	});
});
