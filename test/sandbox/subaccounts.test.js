'use strict';

// A reseller's accounts in the sandbox (the `subaccounts` setting): more subaccounts, each with
// its status (active, suspended, closed), a closed one's usage ending on its last day, Restcomm's
// sub-accounts below the direct ones, a main account's API key refused on a subaccount's resources
// as Twilio refuses it, an Accounts page holding an account without sid, and hundreds of
// subaccounts paged as Twilio pages them.
const { startSandbox } = require('../../sandbox');
const {
	API_VERSIONS,
	TWILIO_UNAUTHORIZED,
	getJson,
	getRecords,
	listAll,
} = require('./usageRecordsHelpers');

const TODAY = '2026-12-04';
const CLOSED_ON = '2026-11-14';
const RESELLER = [{ status: 'suspended' }, { status: 'closed', closedOn: CLOSED_ON }];

/** GET `Accounts.json` (or another path under the API version) of a flavour. */
async function getAccounts(sandbox, flavour, path, { credential, query = {} } = {}) {
	const search = new URLSearchParams(query).toString();
	const { baseUrl } = sandbox.credentials[flavour];
	return await getJson(
		`${baseUrl}/${API_VERSIONS[flavour]}/${path}${search ? `?${search}` : ''}`,
		credential || sandbox.credentials[flavour],
	);
}

/** Every account of Twilio's list, following next_page_uri; and how many pages it took. */
async function everyTwilioAccount(sandbox, query = {}) {
	const accounts = [];
	let pages = 0;
	let reply = await getAccounts(sandbox, 'twilio', 'Accounts.json', { query });
	for (;;) {
		expect(reply.status).toBe(200);
		pages += 1;
		accounts.push(...reply.json.accounts);
		if (reply.json.next_page_uri === null) return { accounts, pages };
		reply = await getJson(
			`${sandbox.credentials.twilio.baseUrl}${reply.json.next_page_uri}`,
			sandbox.credentials.twilio,
		);
	}
}

/** An account's totalprice for last month, as a number of hundred-thousandths of a dollar. */
async function totalPriceUnits(sandbox, sid, includeSubaccounts) {
	const { status, json } = await getRecords(
		sandbox,
		'twilio',
		'LastMonth',
		{ Category: 'totalprice', IncludeSubaccounts: String(includeSubaccounts) },
		{ accountSid: sid },
	);
	expect(status).toBe(200);
	const [record] = json.usage_records;
	expect(record.account_sid).toBe(sid);
	return Math.round(Number(record.price) * 100000);
}

describe('sandbox: a reseller with more subaccounts (Twilio)', () => {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ twilio: { today: TODAY, subaccounts: RESELLER } });
	});
	afterAll(async () => await sandbox.close());

	test('lists the master and every subaccount, each with its status, owned by the master', async () => {
		const [master, ...subaccounts] = sandbox.twilio.accounts;
		expect(subaccounts).toHaveLength(3);
		const { accounts } = await everyTwilioAccount(sandbox);
		expect(
			accounts.map(({ sid, status, owner_account_sid }) => [sid, status, owner_account_sid]),
		).toEqual([
			[master, 'active', master],
			[subaccounts[0], 'active', master],
			[subaccounts[1], 'suspended', master],
			[subaccounts[2], 'closed', master],
		]);
		// Each carries its own token, as Twilio's accounts do.
		expect(accounts.map((account) => account.auth_token)).toEqual(sandbox.twilio.authTokens);
		expect(new Set(accounts.map((account) => account.friendly_name)).size).toBe(4);
		for (const Status of ['active', 'suspended', 'closed']) {
			const filtered = await everyTwilioAccount(sandbox, { Status });
			expect(filtered.accounts.map((account) => account.status)).toEqual(
				accounts.filter((account) => account.status === Status).map(() => Status),
			);
		}
	});

	test('every subaccount has usage; the closed one none after the day it closed', async () => {
		for (const sid of sandbox.twilio.accounts) {
			expect(await totalPriceUnits(sandbox, sid, false)).toBeGreaterThan(0);
		}
		const closed = sandbox.twilio.accounts[3];
		const days = await listAll(
			sandbox,
			'twilio',
			'Daily',
			{
				Category: 'totalprice',
				StartDate: '2026-11-01',
				EndDate: '2026-11-30',
				IncludeSubaccounts: 'false',
			},
			{ accountSid: closed },
		);
		const priced = days
			.filter((record) => Number(record.price) > 0)
			.map((record) => record.start_date);
		expect(priced.length).toBeGreaterThan(0);
		expect(priced.every((day) => day <= CLOSED_ON)).toBe(true);
		expect(priced).toContain(CLOSED_ON);
	});

	test("the master's IncludeSubaccounts=true total is the sum of every account's own", async () => {
		const [master] = sandbox.twilio.accounts;
		const own = await Promise.all(
			sandbox.twilio.accounts.map((sid) => totalPriceUnits(sandbox, sid, false)),
		);
		expect(await totalPriceUnits(sandbox, master, true)).toBe(own.reduce((a, b) => a + b, 0));
	});

	test("a main account's API key reads the main account's usage, not a subaccount's (401, 20003)", async () => {
		const key = sandbox.credentials.twilioApiKey;
		const [master, subaccount] = sandbox.twilio.accounts;
		const own = await getRecords(
			sandbox,
			'twilio',
			'LastMonth',
			{},
			{ credential: key, accountSid: master },
		);
		expect(own.status).toBe(200);
		for (const sid of sandbox.twilio.accounts.slice(1)) {
			const refused = await getRecords(
				sandbox,
				'twilio',
				'LastMonth',
				{},
				{ credential: key, accountSid: sid },
			);
			expect([refused.status, refused.json]).toEqual([401, TWILIO_UNAUTHORIZED]);
		}
		const fetched = await getAccounts(sandbox, 'twilio', `Accounts/${subaccount}.json`, {
			credential: key,
		});
		expect([fetched.status, fetched.json]).toEqual([401, TWILIO_UNAUTHORIZED]);
		// The main account's own token reads them all.
		const viaToken = await getRecords(
			sandbox,
			'twilio',
			'LastMonth',
			{},
			{ accountSid: subaccount },
		);
		expect(viaToken.status).toBe(200);
	});

	test('accountWithoutSid: the first account of the page without its sid, its token kept, the log redacted', async () => {
		sandbox.clearRequests();
		sandbox.injectFault({
			platform: 'twilio',
			path: '/twilio/2010-04-01/Accounts.json',
			accountWithoutSid: true,
		});
		const { status, json } = await getAccounts(sandbox, 'twilio', 'Accounts.json');
		expect(status).toBe(200);
		const [first, ...rest] = json.accounts;
		expect(first.sid).toBeUndefined();
		expect(first.auth_token).toBe(sandbox.twilio.authTokens[0]);
		expect(rest.map((account) => account.sid)).toEqual(sandbox.twilio.accounts.slice(1));
		expect(JSON.stringify(sandbox.requests)).not.toContain(sandbox.twilio.authTokens[0]);
		sandbox.clearFaults();
	});
});

describe('sandbox: hundreds of subaccounts, paged as Twilio pages them', () => {
	test('500 subaccounts in pages of 100: 501 accounts over 6 pages, each SID once', async () => {
		const sandbox = await startSandbox({
			twilio: { today: TODAY, from: '2026-10-01', subaccounts: 499 },
		});
		try {
			const { accounts, pages } = await everyTwilioAccount(sandbox, { PageSize: '100' });
			expect(pages).toBe(6);
			expect(accounts.map((account) => account.sid)).toEqual([...sandbox.twilio.accounts]);
			expect(new Set(sandbox.twilio.accounts).size).toBe(501);
			expect(new Set(sandbox.twilio.authTokens).size).toBe(501);
		} finally {
			await sandbox.close();
		}
	});
});

describe('sandbox: Restcomm-Connect lists direct sub-accounts only', () => {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({
			restcomm: {
				today: TODAY,
				subaccounts: [
					{ status: 'suspended' },
					{ withinSubaccount: true, friendlyName: 'Deeper Co' },
				],
			},
		});
	});
	afterAll(async () => await sandbox.close());

	test('the main account lists its direct sub-accounts; the one below them is listed by its parent', async () => {
		const [, subaccount, suspended, deeper] = sandbox.restcomm.accounts;
		const viaMain = await getAccounts(sandbox, 'restcomm', 'Accounts.json');
		expect(viaMain.json.map(({ sid, status }) => [sid, status])).toEqual([
			[subaccount, 'active'],
			[suspended, 'suspended'],
		]);
		const viaSubaccount = await getAccounts(sandbox, 'restcomm', 'Accounts.json', {
			credential: sandbox.credentials.restcommSubaccount,
		});
		expect(viaSubaccount.json.map(({ sid, friendly_name }) => [sid, friendly_name])).toEqual([
			[deeper, 'Deeper Co'],
		]);
	});

	test("the main account still reads the deeper sub-account's usage and account", async () => {
		const deeper = sandbox.restcomm.accounts[3];
		const usage = await getRecords(
			sandbox,
			'restcomm',
			'AllTime',
			{ Category: 'CALLS' },
			{ accountSid: deeper },
		);
		expect(usage.status).toBe(200);
		expect(usage.json.every((record) => record.account_sid === deeper)).toBe(true);
		const fetched = await getAccounts(sandbox, 'restcomm', `Accounts/${deeper}.json`);
		expect([fetched.status, fetched.json.sid]).toEqual([200, deeper]);
	});
});

describe('sandbox: the subaccounts setting is checked', () => {
	test.each([
		[
			{ twilio: { subaccounts: -1 } },
			'twilio.subaccounts must be a number of subaccounts or a list',
		],
		[
			{ twilio: { subaccounts: [{ status: 'gone' }] } },
			'twilio.subaccounts[0].status must be one of',
		],
		[
			{ twilio: { subaccounts: [{ closedOn: '2026-11-14' }] } },
			'closedOn must be YYYY-MM-DD, and the account closed',
		],
		[
			{ twilio: { subaccounts: [{ withinSubaccount: true }] } },
			'withinSubaccount is a setting of the Restcomm flavours only',
		],
		[
			{ restcomm: { subaccounts: [{ colour: 'red' }] } },
			'restcomm.subaccounts[0] has unknown keys: colour',
		],
	])('%j is refused', async (options, message) => {
		await expect(startSandbox(options)).rejects.toThrow(message);
	});

	test('an account with no usage has records of nothing', async () => {
		const sandbox = await startSandbox({
			twilio: { today: TODAY, subaccounts: [{ noUsage: true }] },
		});
		try {
			const quiet = sandbox.twilio.accounts[2];
			expect(await totalPriceUnits(sandbox, quiet, false)).toBe(0);
		} finally {
			await sandbox.close();
		}
	});
});
