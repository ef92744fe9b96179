// Comms Usage Trigger, Accounts: Each Subaccount and Listed Accounts, polled in n8n-core's own
// PollContext against a reseller in the sandbox (a master with usage of its own and three
// subaccounts, one suspended and one closed). Each account is watched on its own (its own usage,
// IncludeSubaccounts=false) and fires once in a period when it reaches the threshold, its state
// kept by SID: two crossings in one poll are two items, a later poll fires nothing again, a
// subaccount listed later is watched from then on, and an account refused holds back no other.
const { DateTime } = require('luxon');

const { pollTrigger, parameterAsRead } = require('../../harness/engine');
const { CommsUsageTrigger } = require('../../dist/nodes/CommsUsageTrigger/CommsUsageTrigger.node');
const { ACCOUNT_FIELDS, TRIGGER_FIELDS } = require('../../dist/nodes/shared/trigger');
const { useReseller } = require('./engineRun');

const TODAY = '2026-12-04';
const NOW = DateTime.fromISO('2026-12-03T12:00:00Z', { zone: 'utc' });
const RESELLER = [
	{ status: 'suspended', friendlyName: 'Wingtip Toys' },
	{ status: 'closed', closedOn: '2026-11-14', friendlyName: 'Coho Winery' },
];
const USAGE = '/Usage/Records/';

/** @type {any} */
let sandbox;
useReseller(TODAY, RESELLER, (started) => {
	sandbox = started;
});

/** A daily watch of the sms count, of each subaccount unless `parameters` say otherwise. */
const watch = (parameters = {}) => ({
	name: 'Usage',
	type: 'n8n-nodes-comms-billing.commsUsageTrigger',
	parameters: {
		operation: 'usageRecords',
		accounts: 'eachSubaccount',
		category: 'sms',
		triggerBy: 'count',
		recurrence: 'daily',
		threshold: 0,
		...parameters,
	},
});

/** One poll: what it emitted, as json (null: nothing), and the requests it sent. */
async function poll(node, { staticData = {}, now = NOW, mode, platform = 'twilio' } = {}) {
	sandbox.clearRequests();
	const { emitted } = await pollTrigger(node, {
		credentials: { commsBillingApi: sandbox.credentials[platform] },
		staticData,
		now,
		mode,
	});
	const items = emitted && emitted[0].map(({ json }) => json);
	expect(JSON.stringify(items)).not.toMatch(/auth_token|-token/);
	return { items, requests: [...sandbox.requests] };
}

/** Each account's value now, as Fetch Test Event gives it. */
async function valuesNow(platform = 'twilio') {
	const { items } = await poll(watch(), { mode: 'manual', platform });
	return new Map(items.map((item) => [item.account_sid, item.value]));
}

const raiseSms = (account, count, platform = 'twilio') =>
	sandbox.raiseUsage({
		platform,
		account,
		category: 'sms-outbound-longcode',
		count,
		at: NOW.toISO(),
	});

const usageRequests = (requests) => requests.filter((entry) => entry.path.includes(USAGE));
const accountOfRequest = (entry) => entry.path.split('/')[4];
/** The SIDs each fired period remembers, by period. */
const firedAccounts = (staticData) => staticData.fired.map(({ accounts }) => accounts);

describe('Comms Usage Trigger, Each Subaccount on a Twilio-compatible API', () => {
	test('Fetch Test Event: one item per account, the master first then by SID, each its own usage, naming it; one page of accounts, one usage request per account, and nothing remembered', async () => {
		const staticData = {};
		const { items, requests } = await poll(watch(), { mode: 'manual', staticData });
		const { accounts, settings } = sandbox.twilio;
		expect(items.map((item) => item.account_sid)).toEqual([...accounts]);
		expect(items.map((item) => item.friendly_name)).toEqual([
			settings.accountFriendlyName,
			settings.subaccountFriendlyName,
			'Wingtip Toys',
			'Coho Winery',
		]);
		for (const item of items)
			expect(Object.keys(item)).toEqual([...TRIGGER_FIELDS, ...ACCOUNT_FIELDS]);
		expect(items[0]).toMatchObject({
			watched: 'count of sms',
			recurrence: 'daily',
			timezone: 'UTC',
		});
		// Closed on 2026-11-14: nothing in December.
		expect(items[3].value).toBe(0);
		expect(items[1].value).toBeGreaterThan(0);

		expect(
			requests.filter((entry) => !entry.path.includes(USAGE)).map((entry) => entry.path),
		).toEqual(['/twilio/2010-04-01/Accounts.json']);
		const usage = usageRequests(requests);
		expect(usage.map(accountOfRequest).sort()).toEqual([...accounts].sort());
		for (const entry of usage) {
			expect(entry.query).toMatchObject({
				Category: 'sms',
				StartDate: '2026-12-03',
				IncludeSubaccounts: 'false',
			});
		}
		expect(staticData).toEqual({});
	});

	test("the master's value is its own usage: the credential's Account reads more, its subaccounts' included", async () => {
		const [master] = sandbox.twilio.accounts;
		const own = (await valuesNow()).get(master);
		const { items } = await poll(watch({ accounts: 'accountSid' }), { mode: 'manual' });
		expect(items[0].value).toBeGreaterThan(own);
		expect(items[0].account_sid).toBeUndefined();
	});

	test('two accounts crossing in one poll fire two items, each remembered by SID; later polls fire nothing again, after a restart too, and read only the accounts that have not fired', async () => {
		const [master, sub, suspended, closed] = sandbox.twilio.accounts;
		const before = await valuesNow();
		const threshold = Math.max(...before.values()) + 10;
		const node = watch({ threshold });
		let staticData = {};

		expect((await poll(node, { staticData })).items).toBeNull();
		raiseSms(sub, threshold - before.get(sub));
		raiseSms(suspended, threshold - before.get(suspended) + 3);

		const fired = await poll(node, { staticData });
		expect(fired.items.map((item) => [item.account_sid, item.friendly_name, item.value])).toEqual([
			[sub, sandbox.twilio.settings.subaccountFriendlyName, threshold],
			[suspended, 'Wingtip Toys', threshold + 3],
		]);
		expect(fired.items.every((item) => item.reached && item.threshold === threshold)).toBe(true);
		expect(firedAccounts(staticData)).toEqual([[sub, suspended]]);
		expect(staticData.claims).toEqual([]);

		// More usage the same day: nothing fires again, and only the two others are read.
		raiseSms(sub, 5);
		const later = await poll(node, { staticData, now: NOW.plus({ hours: 1 }) });
		expect(later.items).toBeNull();
		expect(usageRequests(later.requests).map(accountOfRequest).sort()).toEqual(
			[master, closed].sort(),
		);
		staticData = JSON.parse(JSON.stringify(staticData));
		expect((await poll(node, { staticData, now: NOW.plus({ hours: 2 }) })).items).toBeNull();

		// The master crosses later that day: it fires alone.
		raiseSms(master, threshold);
		const third = await poll(node, { staticData, now: NOW.plus({ hours: 3 }) });
		expect(third.items.map((item) => item.account_sid)).toEqual([master]);
		expect(firedAccounts(staticData)).toEqual([[sub, suspended, master]]);
		expect((await poll(node, { staticData, now: NOW.plus({ hours: 4 }) })).items).toBeNull();
	});

	test('a subaccount listed later is watched from the first poll that lists it; the others do not fire again', async () => {
		const { accounts } = sandbox.twilio;
		const newcomer = accounts[3];
		const listed = await (
			await fetch(`${sandbox.credentials.twilio.baseUrl}/2010-04-01/Accounts.json`, {
				headers: { authorization: basicAuth(sandbox.credentials.twilio) },
			})
		).json();
		// The list as it was before the newcomer was created: its other accounts, no tokens.
		const withoutNewcomer = {
			...listed,
			accounts: listed.accounts
				.filter((account) => account.sid !== newcomer)
				.map(({ auth_token: _token, ...account }) => account),
		};
		sandbox.clearRequests();
		sandbox.injectFault({
			platform: 'twilio',
			path: '/twilio/2010-04-01/Accounts.json',
			status: 200,
			body: withoutNewcomer,
			times: 0,
		});
		const node = watch({ threshold: 0 });
		const staticData = {};
		const first = await poll(node, { staticData });
		expect(first.items.map((item) => item.account_sid)).toEqual(accounts.slice(0, 3));
		expect(usageRequests(first.requests).map(accountOfRequest)).not.toContain(newcomer);

		sandbox.clearFaults();
		const next = await poll(node, { staticData, now: NOW.plus({ minutes: 15 }) });
		expect(next.items.map((item) => [item.account_sid, item.friendly_name])).toEqual([
			[newcomer, 'Coho Winery'],
		]);
		expect(usageRequests(next.requests).map(accountOfRequest)).toEqual([newcomer]);
		expect(firedAccounts(staticData)).toEqual([[...accounts.slice(0, 3), newcomer]]);
	});

	test("an account refused: the others' crossings fire once, the poll fails only when nothing else fires, and the refused account fires once it is read", async () => {
		const [master, sub, suspended] = sandbox.twilio.accounts;
		const before = await valuesNow();
		const threshold = Math.max(...before.values()) + 10;
		const node = watch({ threshold });
		const staticData = {};
		raiseSms(sub, threshold);
		raiseSms(suspended, threshold);
		sandbox.injectFault({
			platform: 'twilio',
			path: `/twilio/2010-04-01/Accounts/${suspended}/Usage`,
			status: 403,
			times: 0,
		});

		const first = await poll(node, { staticData });
		expect(first.items.map((item) => item.account_sid)).toEqual([sub]);
		expect(firedAccounts(staticData)).toEqual([[sub]]);

		// Nothing else crosses: the refusal is the poll's error, naming the account, as a refusal
		// of the one account is; what fired stays remembered, and no claim is left.
		await expect(poll(node, { staticData, now: NOW.plus({ minutes: 15 }) })).rejects.toThrow(
			`Account ${suspended} (Usage/Records/Daily): Twilio-compatible API refused the request with HTTP 403`,
		);
		expect(firedAccounts(staticData)).toEqual([[sub]]);
		expect(staticData.claims).toEqual([]);

		sandbox.clearFaults();
		raiseSms(master, threshold);
		const recovered = await poll(node, { staticData, now: NOW.plus({ minutes: 30 }) });
		expect(recovered.items.map((item) => item.account_sid)).toEqual([master, suspended]);
		expect(firedAccounts(staticData)).toEqual([[sub, master, suspended]]);
		expect((await poll(node, { staticData, now: NOW.plus({ minutes: 45 }) })).items).toBeNull();
	});

	test('a list of accounts that cannot be read fails the poll before any usage is read, and remembers nothing', async () => {
		sandbox.injectFault({
			platform: 'twilio',
			path: '/twilio/2010-04-01/Accounts.json',
			status: 500,
			times: 0,
		});
		const staticData = {};
		await expect(poll(watch(), { staticData })).rejects.toThrow(/HTTP 500/);
		expect(usageRequests(sandbox.requests)).toEqual([]);
		expect(staticData).toEqual({});
	});
});

describe('Comms Usage Trigger, Listed Accounts', () => {
	test('the accounts listed, the master first then by SID, each named by fetching it when it fires', async () => {
		const [master, sub, suspended] = sandbox.twilio.accounts;
		const staticData = {};
		const { items, requests } = await poll(
			watch({ accounts: 'listed', accountList: `${suspended}, ${master}, ${sub}, ${master}` }),
			{ staticData },
		);
		expect(items.map((item) => [item.account_sid, item.friendly_name])).toEqual([
			[master, sandbox.twilio.settings.accountFriendlyName],
			[sub, sandbox.twilio.settings.subaccountFriendlyName],
			[suspended, 'Wingtip Toys'],
		]);
		expect(
			requests
				.map((entry) => entry.path)
				.filter((path) => !path.includes(USAGE))
				.sort(),
		).toEqual(
			[master, sub, suspended].map((sid) => `/twilio/2010-04-01/Accounts/${sid}.json`).sort(),
		);
		for (const entry of usageRequests(requests))
			expect(entry.query.IncludeSubaccounts).toBe('false');
		// Each account's state is its own: Each Subaccount then fires the fourth alone.
		const each = await poll(watch(), { staticData });
		expect(each.items.map((item) => item.account_sid)).toEqual([sandbox.twilio.accounts[3]]);
	});
});

describe('Comms Usage Trigger, Accounts: what stays as it was', () => {
	test('a credential with an API key: Each Subaccount and Listed Accounts are a parameter error before any request', async () => {
		for (const parameters of [
			{},
			{ accounts: 'listed', accountList: sandbox.twilio.accounts[1] },
		]) {
			sandbox.clearRequests();
			await expect(
				pollTrigger(watch(parameters), {
					credentials: { commsBillingApi: sandbox.credentials.twilioApiKey },
					now: NOW,
				}),
			).rejects.toThrow(
				/^Invalid parameter "accounts" in item 0: the credential signs in with an API key \(SK\.\.\.\)/,
			);
			expect(sandbox.requests).toEqual([]);
		}
	});

	test('Include Subaccounts shows for the one account only', () => {
		expect(
			parameterAsRead(
				{ ...watch({ includeSubaccounts: false }), typeVersion: 1 },
				'includeSubaccounts',
			),
		).toBeNull();
		const shown = (name) =>
			new CommsUsageTrigger().description.properties.find((property) => property.name === name)
				.displayOptions.show;
		expect(shown('includeSubaccounts')).toEqual({
			accounts: ['accountSid'],
			operation: ['usageRecords'],
		});
		expect(shown('accountList')).toEqual({ accounts: ['listed'], operation: ['usageRecords'] });
	});

	test('a state the trigger saved before it had Accounts still holds: the day it fired does not fire again, and nothing is read', async () => {
		const period = 'daily 2026-12-03T00:00:00.000Z 2026-12-03T23:59:59.999Z';
		const saved = {
			version: 2,
			fired: [
				{
					period,
					watch:
						'["usageRecords",[["categories",{"requests":["sms"],"labelByRequest":false,"eachUnitOnce":false,"named":"sms","includeSubaccounts":true}],["triggerBy","count"],["threshold",0]]]',
					end: '2026-12-03T23:59:59.999Z',
				},
			],
			claims: [],
		};
		const staticData = JSON.parse(JSON.stringify(saved));
		const { accounts: _chosen, ...firstVersion } = watch().parameters;
		const { items, requests } = await poll(
			{ ...watch(), parameters: firstVersion },
			{ staticData },
		);
		expect(items).toBeNull();
		expect(requests).toEqual([]);
		expect(staticData).toEqual(saved);
		// Its accounts' state is their own: Each Subaccount fires each account once.
		expect((await poll(watch(), { staticData })).items).toHaveLength(4);
		expect(staticData.fired[0]).toEqual(saved.fired[0]);
	});
});

describe('Comms Usage Trigger, Each Subaccount on Restcomm', () => {
	test("each direct sub-account's count of the watched category, the server's zone checked once a poll; two crossings, two items, once", async () => {
		const [master, , suspended] = sandbox.restcomm.accounts;
		const before = await valuesNow('restcomm');
		expect([...before.keys()]).toEqual([...sandbox.restcomm.accounts]);
		const threshold = Math.max(...before.values()) + 10;
		const node = watch({ threshold });
		const staticData = {};
		raiseSms(master, threshold, 'restcomm');
		raiseSms(suspended, threshold, 'restcomm');

		const fired = await poll(node, { staticData, platform: 'restcomm' });
		expect(fired.items.map((item) => item.account_sid)).toEqual([master, suspended]);
		const { requests } = fired;
		// The credential's account for the zone, then for the list beside its sub-accounts.
		expect(
			requests.filter((entry) => !entry.path.includes(USAGE)).map((entry) => entry.path),
		).toEqual([
			`/restcomm/2012-04-24/Accounts/${master}.json`,
			`/restcomm/2012-04-24/Accounts/${master}.json`,
			'/restcomm/2012-04-24/Accounts.json',
		]);
		expect(usageRequests(requests).map(accountOfRequest).sort()).toEqual(
			[...sandbox.restcomm.accounts].sort(),
		);
		expect(
			usageRequests(requests).every((entry) => entry.query.IncludeSubaccounts === undefined),
		).toBe(true);
		expect((await poll(node, { staticData, platform: 'restcomm' })).items).toBeNull();
		expect(firedAccounts(staticData)).toEqual([[master, suspended]]);
	});
});

function basicAuth({ accountSid, token }) {
	return `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`;
}
