'use strict';

// What only the twilio flavour's usage records have: subaccounts' usage added to the main
// account's, API keys, and paging by next_page_uri.
const { startSandbox } = require('../../sandbox');
const {
	TODAY,
	TWILIO_CATEGORIES,
	LISTED,
	TWILIO_UNAUTHORIZED,
	getJson,
	getRecords,
	allTwilioPages,
	listAll,
	indexDailyUsage,
	expectAmountsMatch,
	splitRange,
} = require('./usageRecordsHelpers');

describe('sandbox: Twilio subaccounts and API keys', () => {
	let sandbox;
	let index;

	beforeAll(async () => {
		sandbox = await startSandbox({ twilio: { today: TODAY } });
		index = indexDailyUsage(sandbox.twilio.dailyUsage());
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearRequests());

	test("adds the subaccount's usage to the main account's unless IncludeSubaccounts=false", async () => {
		const [mainSid, subSid] = sandbox.twilio.accounts;
		const query = { StartDate: '2025-10-01', EndDate: '2025-12-31' };
		const combined = await listAll(sandbox, 'twilio', 'Monthly', query);
		const mainOnly = await listAll(sandbox, 'twilio', 'Monthly', {
			...query,
			IncludeSubaccounts: 'false',
		});
		const subViaMain = await listAll(sandbox, 'twilio', 'Monthly', query, { accountSid: subSid });
		const subOwn = await listAll(sandbox, 'twilio', 'Monthly', query, {
			credential: sandbox.credentials.twilioSubaccount,
		});
		for (const records of [combined, mainOnly, subViaMain, subOwn]) {
			expect(records).toHaveLength(3 * TWILIO_CATEGORIES.length);
		}
		for (const record of combined) {
			expect(record.account_sid).toBe(mainSid);
			expectAmountsMatch(index, record, [mainSid, subSid]);
		}
		for (const record of mainOnly) {
			expect(record.account_sid).toBe(mainSid);
			expectAmountsMatch(index, record);
		}
		for (const record of [...subViaMain, ...subOwn]) {
			expect(record.account_sid).toBe(subSid);
			expectAmountsMatch(index, record);
		}
		const calls = (records) => records.find((record) => record.category === 'calls');
		expect(Number(calls(combined).usage)).toBeGreaterThan(Number(calls(mainOnly).usage));
	});

	test('authenticates an API key of the main account, the account SID in the path', async () => {
		const key = sandbox.credentials.twilioApiKey;
		expect(key).toEqual({
			...sandbox.credentials.twilio,
			apiKey: 'SKtw0000000000000000000000000001',
			token: 'twilio-sandbox-api-key-secret',
			accountSid: sandbox.twilio.accounts[0],
		});
		const query = { Category: 'calls' };
		const viaKey = await getRecords(sandbox, 'twilio', 'LastMonth', query, { credential: key });
		expect(viaKey.status).toBe(200);
		const viaToken = await getRecords(sandbox, 'twilio', 'LastMonth', query);
		expect(viaKey.json.usage_records).toHaveLength(1);
		expect(viaKey.json.usage_records).toEqual(
			viaToken.json.usage_records.map((record) => ({ ...record, as_of: expect.any(String) })),
		);
		expect(viaKey.json.usage_records[0].account_sid).toBe(key.accountSid);
		expect(sandbox.requests[0]).toMatchObject({ auth: 'basic', authenticated: true, status: 200 });
		expect(JSON.stringify(sandbox.requests)).not.toContain(key.token);
	});

	test('refuses an API key with a wrong secret, or its secret with the account SID, with 401', async () => {
		const key = sandbox.credentials.twilioApiKey;
		for (const credential of [
			{ ...key, token: 'wrong-api-key-secret' },
			{ apiKey: key.accountSid, token: key.token },
		]) {
			const { status, json, headers } = await getRecords(
				sandbox,
				'twilio',
				'Today',
				{},
				{
					credential,
					accountSid: key.accountSid,
				},
			);
			expect(status).toBe(401);
			expect(json).toEqual(TWILIO_UNAUTHORIZED);
			expect(headers.get('www-authenticate')).toMatch(/^Basic realm=/);
		}
	});
});

describe('sandbox: Twilio paging', () => {
	let sandbox;
	const sid = 'ACtw0000000000000000000000000001';

	beforeAll(async () => {
		sandbox = await startSandbox({ twilio: { today: TODAY, from: '2025-10-01' } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test('yields every record exactly once when following next_page_uri to the last page', async () => {
		const days = splitRange('2025-10-01', TODAY, 'day');
		const pages = await allTwilioPages(sandbox, 'Daily', { PageSize: 97 });
		const total = days.length * TWILIO_CATEGORIES.length;
		expect(pages).toHaveLength(Math.ceil(total / 97));
		const records = pages.flatMap((page) => page.usage_records);
		expect(records).toHaveLength(total);
		const keys = records.map((r) => `${r.start_date}|${r.category}`);
		expect(new Set(keys).size).toBe(total);
		expect(keys).toEqual(
			days.flatMap(([day]) => LISTED.twilio.map((category) => `${day}|${category}`)),
		);
		pages.forEach((page, number) => {
			expect(page).toMatchObject({ page: number, page_size: 97, start: number * 97 });
			expect(page.end).toBe(number * 97 + page.usage_records.length - 1);
			expect(page.first_page_uri).toBe(
				`/2010-04-01/Accounts/${sid}/Usage/Records/Daily.json?PageSize=97&Page=0`,
			);
			if (number === 0) expect(page.previous_page_uri).toBeNull();
			else expect(page.previous_page_uri).toMatch(/^\/2010-04-01\/.*Page=\d+/);
		});
		expect(pages[pages.length - 1].next_page_uri).toBeNull();
		expect(pages[0].usage_records).toHaveLength(97);
	});

	test('keeps the query in next_page_uri and defaults to 50 a page', async () => {
		const query = { Category: 'sms', StartDate: '2025-10-01', EndDate: '2025-12-31' };
		const pages = await allTwilioPages(sandbox, 'Daily', query);
		expect(pages.map((page) => page.usage_records.length)).toEqual([50, 42]);
		const next = new URL(pages[0].next_page_uri, 'http://example.invalid');
		expect(next.pathname).toBe(`/2010-04-01/Accounts/${sid}/Usage/Records/Daily.json`);
		expect(Object.fromEntries(next.searchParams)).toMatchObject({
			...query,
			PageSize: '50',
			Page: '1',
		});
		expect(next.searchParams.get('PageToken')).toEqual(expect.any(String));
	});

	test('refuses a PageSize over 1000 and a PageToken from another list', async () => {
		const tooLarge = await getRecords(sandbox, 'twilio', 'Daily', { PageSize: 1001 });
		expect(tooLarge.status).toBe(400);
		const first = await getRecords(sandbox, 'twilio', 'Daily', { PageSize: 10 });
		const token = new URL(first.json.next_page_uri, 'http://x.invalid').searchParams.get(
			'PageToken',
		);
		const otherList = await getRecords(sandbox, 'twilio', 'Monthly', {
			PageSize: 10,
			Page: 1,
			PageToken: token,
		});
		expect(otherList.status).toBe(400);
		expect(otherList.json).toMatchObject({ code: 20001, status: 400 });
	});

	test('repeats next_page_uri on the page after a repeatToken fault', async () => {
		sandbox.injectFault({ platform: 'twilio', repeatToken: true });
		const first = await getRecords(sandbox, 'twilio', 'Daily', { PageSize: 100 });
		const second = await getJson(
			`${sandbox.credentials.twilio.baseUrl}${first.json.next_page_uri}`,
			sandbox.credentials.twilio,
		);
		expect(second.status).toBe(200);
		expect(second.json.next_page_uri).toBe(first.json.next_page_uri);
		expect(sandbox.requests[0].fault).toBe('repeatToken');
	});
});
