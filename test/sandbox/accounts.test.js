'use strict';

// The Accounts resource beside Usage Records, on every flavour: GET .../Accounts.json and
// .../Accounts/<sid>.json with the same credentials, shaped as each vendor's sources write them
// (sandbox/platforms/usageRecords/accounts.js): Twilio a page of `accounts` holding the account
// and its subaccounts, Restcomm-Connect a bare array of the sub-accounts only.
const { startSandbox } = require('../../sandbox');
const { API_VERSIONS, TWILIO_UNAUTHORIZED, getJson } = require('./usageRecordsHelpers');

const FLAVOURS = ['restcomm', 'restcommAllCategories', 'twilio'];
const UNKNOWN_SID = 'AC0000000000000000000000000000dead';
const TWILIO_ACCOUNT_KEYS = [
	'auth_token',
	'date_created',
	'date_updated',
	'friendly_name',
	'owner_account_sid',
	'sid',
	'status',
	'subresource_uris',
	'type',
	'uri',
];
// AccountConverter.serialize's order (Restcomm-Connect master c67f1423).
const RESTCOMM_ACCOUNT_KEYS = [
	'sid',
	'organization',
	'friendly_name',
	'email_address',
	'type',
	'status',
	'role',
	'date_created',
	'date_updated',
	'auth_token',
	'uri',
	'subresource_uris',
];
const TWILIO_PAGE_KEYS = [
	'accounts',
	'end',
	'first_page_uri',
	'next_page_uri',
	'page',
	'page_size',
	'previous_page_uri',
	'start',
	'uri',
];
// Twilio: RFC 2822 in GMT, a two-digit day. Restcomm: SimpleDateFormat "EEE, d MMM yyyy HH:mm:ss Z".
const TWILIO_DATE =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const RESTCOMM_DATE =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

/** GET a path under the flavour's API version, e.g. `Accounts.json`; `query` an object. */
function getAccounts(sandbox, flavour, path, { credential, query = {}, noAuth = false } = {}) {
	const search = new URLSearchParams(query).toString();
	const url = `${sandbox.credentials[flavour].baseUrl}/${API_VERSIONS[flavour]}/${path}`;
	return getJson(
		`${url}${search ? `?${search}` : ''}`,
		noAuth ? null : credential || sandbox.credentials[flavour],
	);
}

/** The flavour's two accounts as the tests know them: SID, token and friendly name. */
function knownAccounts(sandbox, flavour) {
	const { settings } = sandbox[flavour];
	return {
		main: {
			sid: settings.accountSid,
			token: settings.authToken,
			name: settings.accountFriendlyName,
		},
		sub: {
			sid: settings.subaccountSid,
			token: settings.subaccountAuthToken,
			name: settings.subaccountFriendlyName,
		},
	};
}

/** What the flavour's list answers, for any flavour: Twilio's page's accounts or the array. */
const listed = (flavour, json) => (flavour === 'twilio' ? json.accounts : json);

describe.each(FLAVOURS)('sandbox: the Accounts resource on %s', (flavour) => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearRequests());

	test('names both accounts with distinct friendly names beside their SIDs in the settings', () => {
		const { main, sub } = knownAccounts(sandbox, flavour);
		expect([main.sid, sub.sid]).toEqual(sandbox[flavour].accounts);
		expect(main.name).toEqual(expect.stringMatching(/\(master\)$/));
		expect(sub.name).toEqual(expect.any(String));
		expect(sub.name).not.toBe(main.name);
		const others = FLAVOURS.filter((other) => other !== flavour).flatMap((other) =>
			Object.values(knownAccounts(sandbox, other)).map((account) => account.name),
		);
		expect(others).not.toContain(main.name);
		expect(others).not.toContain(sub.name);
	});

	test("lists the accounts the main account's credentials may read, in the vendor's shape", async () => {
		const { main, sub } = knownAccounts(sandbox, flavour);
		const version = API_VERSIONS[flavour];
		const { status, json } = await getAccounts(sandbox, flavour, 'Accounts.json');
		expect(status).toBe(200);
		if (flavour === 'twilio') {
			expect(Object.keys(json).sort()).toEqual(TWILIO_PAGE_KEYS);
			expect(json).toMatchObject({
				first_page_uri: `/${version}/Accounts.json?PageSize=50&Page=0`,
				uri: `/${version}/Accounts.json?PageSize=50&Page=0`,
				next_page_uri: null,
				previous_page_uri: null,
				page: 0,
				page_size: 50,
				start: 0,
				end: 1,
			});
			expect(json.accounts.map((account) => account.sid)).toEqual([main.sid, sub.sid]);
			for (const account of json.accounts) {
				expect(Object.keys(account).sort()).toEqual(TWILIO_ACCOUNT_KEYS);
				const own = account.sid === main.sid ? main : sub;
				expect(account).toMatchObject({
					// Twilio's list carries each account's auth_token: a consumer must redact it.
					auth_token: own.token,
					friendly_name: own.name,
					owner_account_sid: main.sid,
					status: 'active',
					type: 'Full',
					uri: `/${version}/Accounts/${account.sid}.json`,
				});
				expect(account.date_created).toMatch(TWILIO_DATE);
				expect(account.date_updated).toBe(account.date_created);
				expect(account.subresource_uris).toMatchObject({
					usage: `/${version}/Accounts/${account.sid}/Usage.json`,
					calls: `/${version}/Accounts/${account.sid}/Calls.json`,
					balance: `/${version}/Accounts/${account.sid}/Balance.json`,
				});
			}
			expect(json.accounts.map((account) => account.date_created)).toEqual([
				'Mon, 02 Dec 2024 09:00:00 +0000',
				'Tue, 31 Dec 2024 14:30:00 +0000',
			]);
			return;
		}
		// Restcomm-Connect lists the sub-accounts of the credentials' account only, as a bare array.
		expect(Array.isArray(json)).toBe(true);
		expect(json).toHaveLength(1);
		const [account] = json;
		expect(Object.keys(account)).toEqual(RESTCOMM_ACCOUNT_KEYS);
		expect(account).toMatchObject({
			sid: sub.sid,
			organization: expect.stringMatching(/^OR/),
			friendly_name: sub.name,
			email_address: expect.stringMatching(/^[^@\s]+@[^@\s]+$/),
			type: 'Full',
			status: 'active',
			role: 'Developer',
			date_created: 'Tue, 31 Dec 2024 14:30:00 +0000',
			date_updated: 'Tue, 31 Dec 2024 14:30:00 +0000',
			auth_token: sub.token,
			uri: `/${version}/Accounts.json/${sub.sid}`,
		});
		expect(account.date_created).toMatch(RESTCOMM_DATE);
		expect(account).not.toHaveProperty('parent_sid');
		expect(account.subresource_uris).toEqual({
			available_phone_numbers: `/${version}/Accounts/${sub.sid}/AvailablePhoneNumbers.json`,
			calls: `/${version}/Accounts/${sub.sid}/Calls.json`,
			conferences: `/${version}/Accounts/${sub.sid}/Conferences.json`,
			incoming_phone_numbers: `/${version}/Accounts/${sub.sid}/IncomingPhoneNumbers.json`,
			notifications: `/${version}/Accounts/${sub.sid}/Notifications.json`,
			outgoing_caller_ids: `/${version}/Accounts/${sub.sid}/OutgoingCallerIds.json`,
			recordings: `/${version}/Accounts/${sub.sid}/Recordings.json`,
			sandbox: `/${version}/Accounts/${sub.sid}/Sandbox.json`,
			sms_messages: `/${version}/Accounts/${sub.sid}/SMS/Messages.json`,
			transcriptions: `/${version}/Accounts/${sub.sid}/Transcriptions.json`,
		});
	});

	test("lists with the subaccount's credentials only what it may read", async () => {
		const { sub } = knownAccounts(sandbox, flavour);
		const { status, json } = await getAccounts(sandbox, flavour, 'Accounts.json', {
			credential: sandbox.credentials[`${flavour}Subaccount`],
		});
		expect(status).toBe(200);
		// Twilio: the subaccount itself; Restcomm-Connect: its sub-accounts, of which it has none.
		const expected = flavour === 'twilio' ? [sub.sid] : [];
		expect(listed(flavour, json).map((account) => account.sid)).toEqual(expected);
	});

	test('answers one account by SID, the same as the list writes it', async () => {
		const { main, sub } = knownAccounts(sandbox, flavour);
		const list = listed(flavour, (await getAccounts(sandbox, flavour, 'Accounts.json')).json);
		const subCredential = sandbox.credentials[`${flavour}Subaccount`];
		for (const [account, credential] of [
			[main, undefined],
			[sub, undefined],
			[sub, subCredential],
		]) {
			const { status, json } = await getAccounts(sandbox, flavour, `Accounts/${account.sid}.json`, {
				credential,
			});
			expect(status).toBe(200);
			expect(json).toMatchObject({
				sid: account.sid,
				friendly_name: account.name,
				auth_token: account.token,
			});
			const inList = list.find((item) => item.sid === account.sid);
			if (inList) expect(json).toEqual(inList);
		}
		const main1 = (await getAccounts(sandbox, flavour, `Accounts/${main.sid}.json`)).json;
		expect(Object.keys(main1)).toEqual(
			flavour === 'twilio' ? [...TWILIO_ACCOUNT_KEYS] : RESTCOMM_ACCOUNT_KEYS,
		);
		if (flavour === 'twilio') {
			expect(main1.owner_account_sid).toBe(main.sid);
			expect(main1.date_created).toBe('Mon, 02 Dec 2024 09:00:00 +0000');
		} else {
			expect(main1).toMatchObject({
				role: 'Administrator',
				date_created: 'Mon, 2 Dec 2024 09:00:00 +0000',
			});
			// Restcomm's own `uri` for an account is answered too.
			const viaUri = await getAccounts(sandbox, flavour, main1.uri.split('/').slice(2).join('/'));
			expect(viaUri).toMatchObject({ status: 200, json: main1 });
		}
	});

	test("answers 404 in the vendor's shape for an account the credentials may not read", async () => {
		const { main } = knownAccounts(sandbox, flavour);
		const version = API_VERSIONS[flavour];
		const attempts = [
			[main.sid, sandbox.credentials[`${flavour}Subaccount`]],
			[UNKNOWN_SID, undefined],
			[UNKNOWN_SID, sandbox.credentials[`${flavour}Subaccount`]],
		];
		for (const [sid, credential] of attempts) {
			const { status, json } = await getAccounts(sandbox, flavour, `Accounts/${sid}.json`, {
				credential,
			});
			const message = `The requested resource /${version}/Accounts/${sid}.json was not found`;
			expect(status).toBe(404);
			expect(json).toEqual(
				flavour === 'twilio'
					? {
							code: 20404,
							message,
							more_info: 'https://www.twilio.com/docs/errors/20404',
							status: 404,
						}
					: { message },
			);
		}
		// A SID without `.json` names no JSON resource.
		const bare = await getAccounts(sandbox, flavour, `Accounts/${main.sid}`);
		expect(bare.status).toBe(404);
	});

	test('refuses missing and wrong credentials with 401 on both routes', async () => {
		const expected = flavour === 'twilio' ? TWILIO_UNAUTHORIZED : { message: 'Unauthorized' };
		const { accountSid, token } = sandbox.credentials[flavour];
		const { main } = knownAccounts(sandbox, flavour);
		for (const path of ['Accounts.json', `Accounts/${main.sid}.json`]) {
			for (const options of [
				{ noAuth: true },
				{ credential: { accountSid, token: 'wrong-token' } },
				{ credential: { accountSid: UNKNOWN_SID, token } },
			]) {
				const { status, json, headers } = await getAccounts(sandbox, flavour, path, options);
				expect(status).toBe(401);
				expect(json).toEqual(expected);
				expect(headers.get('www-authenticate')).toMatch(/^Basic realm=/);
			}
		}
		expect(sandbox.requests.every((entry) => entry.authenticated === false)).toBe(true);
	});
});

describe('sandbox: Twilio Accounts paging and filters', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	test('PageSize=1 gives two pages, next_page_uri followed to the end', async () => {
		const { main, sub } = knownAccounts(sandbox, 'twilio');
		const pages = [];
		let response = await getAccounts(sandbox, 'twilio', 'Accounts.json', {
			query: { PageSize: 1 },
		});
		for (;;) {
			expect(response.status).toBe(200);
			pages.push(response.json);
			const next = response.json.next_page_uri;
			if (next === null) break;
			expect(next.startsWith('/2010-04-01/Accounts.json?')).toBe(true);
			expect(pages.length).toBeLessThan(5);
			response = await getJson(
				`${sandbox.credentials.twilio.baseUrl}${next}`,
				sandbox.credentials.twilio,
			);
		}
		expect(pages).toHaveLength(2);
		expect(pages.map((page) => page.accounts.map((account) => account.sid))).toEqual([
			[main.sid],
			[sub.sid],
		]);
		expect(pages.map(({ page, page_size: size, start, end }) => [page, size, start, end])).toEqual([
			[0, 1, 0, 0],
			[1, 1, 1, 1],
		]);
		expect(pages[0].previous_page_uri).toBeNull();
		expect(pages[1].previous_page_uri).toMatch(/^\/2010-04-01\/Accounts\.json\?PageSize=1&Page=0/);
		for (const page of pages) {
			expect(page.first_page_uri).toBe('/2010-04-01/Accounts.json?PageSize=1&Page=0');
		}
		// Page=1 alone reads the same second page.
		const byNumber = await getAccounts(sandbox, 'twilio', 'Accounts.json', {
			query: { PageSize: 1, Page: 1 },
		});
		expect(byNumber.json.accounts).toEqual(pages[1].accounts);
		expect(byNumber.json.next_page_uri).toBeNull();
	});

	test('refuses a PageSize out of 1 to 1000 and a token of another list with 400', async () => {
		for (const PageSize of [0, 1001, 'ten']) {
			const { status, json } = await getAccounts(sandbox, 'twilio', 'Accounts.json', {
				query: { PageSize },
			});
			expect(status).toBe(400);
			expect(json).toMatchObject({ code: 20001, status: 400 });
		}
		const first = await getAccounts(sandbox, 'twilio', 'Accounts.json', { query: { PageSize: 1 } });
		const token = new URL(first.json.next_page_uri, 'http://x').searchParams.get('PageToken');
		const other = await getAccounts(sandbox, 'twilio', 'Accounts.json', {
			query: { PageSize: 1, PageToken: token, Status: 'active' },
		});
		expect(other.status).toBe(400);
	});

	test('FriendlyName matches exactly, and keeps itself in the page URIs', async () => {
		const { main, sub } = knownAccounts(sandbox, 'twilio');
		const sids = async (query, credential) =>
			(
				await getAccounts(sandbox, 'twilio', 'Accounts.json', { query, credential })
			).json.accounts.map((account) => account.sid);
		expect(await sids({ FriendlyName: sub.name })).toEqual([sub.sid]);
		expect(await sids({ FriendlyName: main.name })).toEqual([main.sid]);
		expect(await sids({ FriendlyName: sub.name.toUpperCase() })).toEqual([]);
		expect(await sids({ FriendlyName: sub.name.slice(0, -1) })).toEqual([]);
		// The subaccount's credentials do not find the main account by its name.
		const subCredential = sandbox.credentials.twilioSubaccount;
		expect(await sids({ FriendlyName: main.name }, subCredential)).toEqual([]);
		const { json } = await getAccounts(sandbox, 'twilio', 'Accounts.json', {
			query: { FriendlyName: sub.name },
		});
		expect(json.uri).toBe(
			`/2010-04-01/Accounts.json?${new URLSearchParams({ FriendlyName: sub.name, PageSize: 50, Page: 0 })}`,
		);
	});

	test('Status filters by active, suspended or closed, and refuses any other with 400', async () => {
		const { main, sub } = knownAccounts(sandbox, 'twilio');
		const list = (Status) => getAccounts(sandbox, 'twilio', 'Accounts.json', { query: { Status } });
		expect((await list('active')).json.accounts.map((account) => account.sid)).toEqual([
			main.sid,
			sub.sid,
		]);
		for (const Status of ['suspended', 'closed']) {
			const { status, json } = await list(Status);
			expect([status, json.accounts]).toEqual([200, []]);
		}
		const refused = await list('Active');
		expect(refused.status).toBe(400);
		expect(refused.json).toMatchObject({ code: 20001, message: expect.stringContaining('Status') });
	});

	test("an API key of the main account lists as the main account's token does", async () => {
		const viaKey = await getAccounts(sandbox, 'twilio', 'Accounts.json', {
			credential: sandbox.credentials.twilioApiKey,
		});
		const viaToken = await getAccounts(sandbox, 'twilio', 'Accounts.json');
		expect(viaKey.status).toBe(200);
		expect(viaKey.json).toEqual(viaToken.json);
	});
});

describe('sandbox: account friendly names and dates as settings give them', () => {
	test('serves friendly names given as settings, and Restcomm dates in its own zone', async () => {
		const sandbox = await startSandbox({
			twilio: { accountFriendlyName: 'Main Co', subaccountFriendlyName: 'Sub Co' },
			restcomm: {
				accountFriendlyName: 'Zeta Voice (master)',
				subaccountFriendlyName: 'Ümlaut Büro',
				timeZone: 'America/New_York',
				from: '2025-03-10',
			},
		});
		try {
			expect(sandbox.twilio.settings).toMatchObject({
				accountFriendlyName: 'Main Co',
				subaccountFriendlyName: 'Sub Co',
			});
			const twilio = await getAccounts(sandbox, 'twilio', 'Accounts.json', {
				query: { FriendlyName: 'Sub Co' },
			});
			expect(twilio.json.accounts.map((account) => account.friendly_name)).toEqual(['Sub Co']);
			const { sub, main } = knownAccounts(sandbox, 'restcomm');
			const restcomm = await getAccounts(sandbox, 'restcomm', 'Accounts.json');
			expect(restcomm.json).toMatchObject([
				{
					sid: sub.sid,
					friendly_name: 'Ümlaut Büro',
					date_created: 'Sun, 9 Mar 2025 10:30:00 -0400',
				},
			]);
			const one = await getAccounts(sandbox, 'restcomm', `Accounts/${main.sid}.json`);
			expect(one.json).toMatchObject({
				friendly_name: 'Zeta Voice (master)',
				date_created: 'Sat, 8 Feb 2025 04:00:00 -0500',
			});
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		['twilio', 'accountFriendlyName', ''],
		['twilio', 'subaccountFriendlyName', '   '],
		['restcomm', 'accountFriendlyName', 'x'.repeat(65)],
		['restcommAllCategories', 'subaccountFriendlyName', 42],
		['restcomm', 'subaccountFriendlyName', 'line\nbreak'],
	])('refuses %s.%s %j at start', async (flavour, key, value) => {
		await expect(startSandbox({ [flavour]: { [key]: value } })).rejects.toThrow(
			new RegExp(`${flavour}\\.${key} must be a name of 1 to 64 characters`),
		);
	});
});

describe('sandbox: auth tokens served by Accounts stay out of the request log', () => {
	test('the logged answers have auth_token redacted', async () => {
		const sandbox = await startSandbox({ logResponses: true });
		try {
			const secrets = [];
			for (const flavour of FLAVOURS) {
				const { main, sub } = knownAccounts(sandbox, flavour);
				secrets.push(main.token, sub.token);
				const list = await getAccounts(sandbox, flavour, 'Accounts.json');
				expect(JSON.stringify(list.json)).toContain(sub.token);
				await getAccounts(sandbox, flavour, `Accounts/${main.sid}.json`);
			}
			const served = await (await fetch(`${sandbox.url}/__sandbox/requests`)).text();
			for (const logText of [JSON.stringify(sandbox.requests), served]) {
				expect(logText).toContain('"auth_token":"[redacted]"');
				for (const secret of secrets) expect(logText).not.toContain(secret);
			}
		} finally {
			await sandbox.close();
		}
	});
});
