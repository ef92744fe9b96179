'use strict';

// Usage Records answers that differ from the request the way real servers and proxies do, on
// request (faults): a Category dropped, a record of another day or account, a StartDate not read,
// a page replayed under a fresh token; and the flavours that cannot do one refusing it with 400.
const { startSandbox } = require('../../sandbox');
const {
	TODAY,
	DATA_FROM,
	LISTED,
	getRecords,
	allTwilioPages,
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

	if (flavour !== 'twilio') {
		test('replayPage: refused with 400, the list having no pages', async () => {
			sandbox.injectFault(fault('replayPage'));
			const { status, json } = await getRecords(sandbox, flavour, 'LastMonth', { Category: calls });
			expect([status, json]).toEqual([400, { error: 'replayPage: this route has no pages' }]);
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

describe('sandbox: a Twilio page replayed under a fresh token (replayPage)', () => {
	let sandbox;
	// 107 days of sms, 25 a page: five pages.
	const query = { Category: 'sms', PageSize: 25 };
	const tokenOf = (uri) => new URL(uri, 'http://x.invalid').searchParams.get('PageToken');

	beforeAll(async () => {
		sandbox = await startSandbox({ twilio: { today: TODAY, from: '2025-10-01' } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearFaults());

	test('with skip 2: pages 1, 2, 1 again, then 3 to the end, every record once besides the replay', async () => {
		const clean = await allTwilioPages(sandbox, 'Daily', query);
		expect(clean).toHaveLength(5);
		sandbox.injectFault({
			platform: 'twilio',
			path: '/twilio/2010-04-01/Accounts',
			replayPage: true,
			skip: 2,
		});
		const pages = await allTwilioPages(sandbox, 'Daily', query);
		expect(pages).toHaveLength(6);
		const [first, second, replayed, ...rest] = pages;
		// The first page again, all but its next_page_uri: the third page's, under a fresh token.
		expect({ ...replayed, usage_records: withoutAsOf(replayed.usage_records) }).toEqual({
			...first,
			usage_records: withoutAsOf(first.usage_records),
			next_page_uri: expect.any(String),
		});
		const resumed = new URL(replayed.next_page_uri, 'http://x.invalid');
		expect(resumed.searchParams.get('Page')).toBe('2');
		const tokens = pages.slice(0, -1).map((page) => tokenOf(page.next_page_uri));
		expect(new Set(tokens).size).toBe(tokens.length);
		expect(tokenOf(replayed.next_page_uri)).not.toBe(tokenOf(second.next_page_uri));
		// Then the list as asked, from where the faulted request would have gone.
		const records = (list) => withoutAsOf(list.flatMap((page) => page.usage_records));
		expect(records([first, second, ...rest])).toEqual(records(clean));
		expect(records(pages)).toHaveLength(107 + 25);
	});

	test('on the first page: that page twice, then the rest as asked', async () => {
		const clean = await allTwilioPages(sandbox, 'Daily', query);
		sandbox.injectFault({ platform: 'twilio', replayPage: true });
		const [replayed, ...rest] = await allTwilioPages(sandbox, 'Daily', query);
		expect(withoutAsOf(replayed.usage_records)).toEqual(withoutAsOf(clean[0].usage_records));
		expect(replayed.next_page_uri).toMatch(/Page=0&PageToken=/);
		expect(rest.map((page) => withoutAsOf(page.usage_records))).toEqual(
			clean.map((page) => withoutAsOf(page.usage_records)),
		);
	});
});
