// Usage Records version 2's Account SID: a resource locator whose From List holds the accounts
// the credential may read (the platform's Accounts resource, through n8n-core's own
// LoadOptionsContext), by friendly name and searchable; whichever way it is given, the account
// it names is the one whose usage is read.
const { describe, expect, test } = require('@jest/globals');

const { pollTrigger, searchList } = require('../../harness/engine');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { credentialSecrets, expectNoSecretsIn } = require('../secretScan');
const { runScanned, useSandbox } = require('./engineRun');

/** @type {any} */
let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

const USAGE_RECORDS_2 = { type: 'n8n-nodes-comms-billing.restcommUsageRecords', typeVersion: 2 };

const accountsOf = async (credentials, options = {}) =>
	await searchList(USAGE_RECORDS_2, 'searchAccounts', {
		credentials: { commsBillingApi: credentials },
		...options,
	});

describe('Account SID, From List', () => {
	test('Twilio-compatible: the account and its subaccount, by friendly name', async () => {
		const { settings } = sandbox.twilio;
		const listed = await accountsOf(sandbox.credentials.twilio);
		expect(listed).toEqual({
			results: [
				{
					name: `${settings.accountFriendlyName} (${settings.accountSid})`,
					value: settings.accountSid,
				},
				{
					name: `${settings.subaccountFriendlyName} (${settings.subaccountSid})`,
					value: settings.subaccountSid,
				},
			],
			paginationToken: undefined,
		});
		// The API key of the main account lists the same.
		expect(await accountsOf(sandbox.credentials.twilioApiKey)).toEqual(listed);
		expect(sandbox.requests.map((entry) => entry.path)).toContain(
			'/twilio/2010-04-01/Accounts.json',
		);
	});

	test('searched by a part of the name or of the SID, in any case', async () => {
		const { settings } = sandbox.twilio;
		const byName = await accountsOf(sandbox.credentials.twilio, {
			filter: settings.subaccountFriendlyName.slice(0, 5).toUpperCase(),
		});
		expect(byName.results.map((result) => result.value)).toEqual([settings.subaccountSid]);
		const bySid = await accountsOf(sandbox.credentials.twilio, {
			filter: settings.accountSid.slice(-3),
		});
		expect(bySid.results.map((result) => result.value)).toEqual([settings.accountSid]);
	});

	test("Twilio's next page, when the list has one, is where scrolling goes on", async () => {
		const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
		const first = await fetch(`${baseUrl}/2010-04-01/Accounts.json?PageSize=1`, {
			headers: {
				authorization: `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`,
			},
		}).then((response) => response.json());
		expect(first.next_page_uri).toEqual(expect.any(String));
		const second = await accountsOf(sandbox.credentials.twilio, {
			paginationToken: first.next_page_uri,
		});
		expect(second.results.map((result) => result.value)).toEqual([
			sandbox.twilio.settings.subaccountSid,
		]);
	});

	test("Restcomm: the credential's own account, then its sub-accounts", async () => {
		const { settings } = sandbox.restcomm;
		const listed = await accountsOf(sandbox.credentials.restcomm);
		expect(listed.results).toEqual([
			{
				name: `${settings.accountFriendlyName} (${settings.accountSid})`,
				value: settings.accountSid,
			},
			{
				name: `${settings.subaccountFriendlyName} (${settings.subaccountSid})`,
				value: settings.subaccountSid,
			},
		]);
	});

	test('a refusal shows as its sentence, without the credential', async () => {
		const wrong = { ...sandbox.credentials.twilio, token: 'wrong-twilio-token' };
		const error = await accountsOf(wrong).catch((caught) => caught);
		expect(error.message).toMatch(/^Twilio-compatible API refused the request with HTTP 401/);
		expectNoSecretsIn([error.message, error.stack], credentialSecrets(wrong));
	});

	test('a page is read as every Twilio list is: a next_page_uri that is no URI is refused', async () => {
		sandbox.injectFault({
			platform: 'twilio',
			path: '/twilio/2010-04-01/Accounts.json',
			status: 200,
			body: { accounts: [], next_page_uri: 5 },
		});
		const error = await accountsOf(sandbox.credentials.twilio).catch((caught) => caught);
		expect(error.message).toBe(
			'Twilio-compatible API answered with a next_page_uri that is neither a URI nor null (5), so the accounts cannot be trusted to be complete; nothing is returned.',
		);
	});
});

describe('Account SID, given any way', () => {
	const usagePathsFor = async (accountSid) => {
		sandbox.clearRequests();
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				typeVersion: 2,
				parameters: { accountSid, category: 'calls' },
			}),
			{ credentials: { commsBillingApi: sandbox.credentials.twilio } },
		);
		expect(result.outputs('Usage')[0].length).toBeGreaterThan(0);
		return sandbox.requests.map((entry) => entry.path).filter((path) => path.includes('/Usage/'));
	};
	const subaccount = () => sandbox.twilio.settings.subaccountSid;
	const usageOf = (sid) => `/twilio/2010-04-01/Accounts/${sid}/Usage/Records/LastMonth.json`;

	test("from the list, by ID, from an expression, or empty for the credential's", async () => {
		for (const given of [
			{ __rl: true, mode: 'list', value: subaccount() },
			{ __rl: true, mode: 'id', value: subaccount() },
			{ __rl: true, mode: 'id', value: `={{ "${subaccount()}" }}` },
			`={{ "${subaccount()}" }}`,
		])
			expect(await usagePathsFor(given)).toEqual([usageOf(subaccount())]);
		expect(await usagePathsFor({ __rl: true, mode: 'list', value: '' })).toEqual([
			usageOf(sandbox.twilio.settings.accountSid),
		]);
	});
});

describe('Invoice lines name the customer', () => {
	/** Usage Records 2's invoice lines for `items` input items, and the account fetches sent. */
	async function linesOf(credentials, items = 1) {
		sandbox.clearRequests();
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				typeVersion: 2,
				parameters: { outputMode: 'invoiceLines' },
			}),
			{
				credentials: { commsBillingApi: credentials },
				inputItems: Array.from({ length: items }, () => ({ json: {} })),
			},
		);
		const [success, failure] = result.outputs('Usage');
		expect(failure).toEqual([]);
		const fetches = sandbox.requests.filter((entry) => /\/Accounts\/\w+\.json$/.test(entry.path));
		return { lines: success.map((item) => item.json), fetches };
	}

	test("Twilio-compatible: the account's friendly name beside its SID, fetched once per run", async () => {
		const { settings } = sandbox.twilio;
		const { lines, fetches } = await linesOf(sandbox.credentials.twilio, 3);
		expect(lines.length).toBeGreaterThan(3);
		for (const line of lines) {
			expect(line.customer).toBe(settings.accountSid);
			expect(line.customer_name).toBe(settings.accountFriendlyName);
		}
		expect(fetches.map((entry) => entry.path)).toEqual([
			`/twilio/2010-04-01/Accounts/${settings.accountSid}.json`,
		]);
	});

	test('Restcomm: the same, from its own Accounts resource', async () => {
		const { settings } = sandbox.restcomm;
		const { lines } = await linesOf(sandbox.credentials.restcomm);
		expect(lines.length).toBeGreaterThan(0);
		expect(new Set(lines.map((line) => line.customer_name))).toEqual(
			new Set([settings.accountFriendlyName]),
		);
	});

	test('a credential that may not read the account (a Standard API key): no name, the money whole', async () => {
		const { accountSid } = sandbox.twilio.settings;
		const whole = (await linesOf(sandbox.credentials.twilio)).lines;
		sandbox.injectFault({
			platform: 'twilio',
			path: `/twilio/2010-04-01/Accounts/${accountSid}.json`,
			status: 403,
			times: 0,
		});
		const { lines } = await linesOf(sandbox.credentials.twilio);
		expect(lines).toEqual(whole.map((line) => ({ ...line, customer_name: null })));
	});

	test('an account fetch that fails otherwise fails the run, as any refusal does', async () => {
		const { accountSid } = sandbox.twilio.settings;
		sandbox.injectFault({
			platform: 'twilio',
			path: `/twilio/2010-04-01/Accounts/${accountSid}.json`,
			status: 400,
			times: 0,
		});
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				typeVersion: 2,
				parameters: { outputMode: 'invoiceLines' },
				onError: 'continueRegularOutput',
			}),
			{ credentials: { commsBillingApi: sandbox.credentials.twilio } },
		);
		const [success, failure] = result.outputs('Usage');
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(400);
	});
});

describe("The credential's Account SID", () => {
	const { CommsBillingApi } = require('../../dist/credentials/CommsBillingApi.credentials');

	test('is a text field; a name the credential shares is a password everywhere or nowhere', () => {
		const { properties } = new CommsBillingApi();
		const accountSid = properties.filter((property) => property.name === 'accountSid');
		expect(accountSid).toHaveLength(1);
		expect(accountSid[0].typeOptions?.password).toBeUndefined();
		expect(accountSid[0].displayOptions.show.platform).toEqual(['restcomm', 'twilio']);
		// n8n blanks a saved value before the editor sees it by one property of that name: were a
		// shared name a password on one platform only, it would either send that platform's secret
		// to the browser or show the others' plain value blanked.
		const passwordByName = new Map();
		for (const { name, typeOptions } of properties) {
			const password = !!typeOptions?.password;
			expect([undefined, password]).toContain(passwordByName.get(name));
			passwordByName.set(name, password);
		}
	});

	/** The usage paths a Usage Records run with `credentials` sent, each signed in. */
	async function signedUsagePaths(credentials) {
		sandbox.clearRequests();
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				typeVersion: 2,
				parameters: { category: 'calls' },
			}),
			{ credentials: { commsBillingApi: credentials } },
		);
		expect(result.outputs('Usage')[0].length).toBeGreaterThan(0);
		expect(sandbox.requests.every((entry) => entry.authenticated)).toBe(true);
		return sandbox.requests.map((entry) => entry.path).filter((path) => path.includes('/Usage/'));
	}

	test('Restcomm signs in as the account', async () => {
		const { accountSid } = sandbox.credentials.restcomm;
		const paths = await signedUsagePaths(sandbox.credentials.restcomm);
		expect(paths[0]).toContain(`/Accounts/${accountSid}/`);
	});

	test('Twilio signs in as the API key when one is given, else as the account', async () => {
		const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
		const expected = await signedUsagePaths(sandbox.credentials.twilio);
		expect(expected[0]).toContain(`/Accounts/${accountSid}/`);
		expect(await signedUsagePaths(sandbox.credentials.twilioApiKey)).toEqual(expected);
		expect(
			await signedUsagePaths({ platform: 'twilio', baseUrl, apiKey: accountSid, token }),
		).toEqual(expected);
		// The API key's secret is not the account's token: signing in as the account with it fails.
		const keySecret = sandbox.credentials.twilioApiKey.token;
		const error = await signedUsagePaths({
			platform: 'twilio',
			baseUrl,
			accountSid,
			token: keySecret,
		}).catch((caught) => caught);
		expect(error.message).toMatch(/HTTP 401/);
	});
});

// A Restcomm credential saved before Account SID had a field of its own holds the SID in `apiKey`
// (then labelled Account SID). n8n hands a node only the fields the credential shows for its
// platform (harness/credentialsHelper.js), so the credential keeps showing `apiKey` to Restcomm,
// as a hidden field, and the account is read from it while Account SID is empty.
describe('A Restcomm credential saved before Account SID had its own field', () => {
	const oldLayout = () => {
		const { baseUrl, accountSid, token } = sandbox.credentials.restcomm;
		return { platform: 'restcomm', baseUrl, apiKey: accountSid, token };
	};

	/** A Usage Records run with `credentials`: its Success items, error, and the usage requests. */
	async function usageRun(credentials, parameters = {}) {
		sandbox.clearRequests();
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				typeVersion: 2,
				parameters: { category: 'calls', ...parameters },
			}),
			{ credentials: { commsBillingApi: credentials } },
		);
		const error = result.nodeError('Usage');
		return {
			error,
			success: error ? [] : result.outputs('Usage')[0],
			usage: sandbox.requests.filter((entry) => entry.path.includes('/Usage/')),
		};
	}

	test('the credential keeps that field for Restcomm only, hidden, a password as every apiKey is', () => {
		const { CommsBillingApi } = require('../../dist/credentials/CommsBillingApi.credentials');
		const kept = new CommsBillingApi().properties.filter(
			(property) => property.name === 'apiKey' && property.type === 'hidden',
		);
		expect(kept).toEqual([
			expect.objectContaining({
				typeOptions: { password: true },
				default: '',
				displayOptions: { show: { platform: ['restcomm'] } },
			}),
		]);
	});

	/**
	 * The run read `sid`'s usage, signed in: the Restcomm sandbox accepts HTTP Basic only as an
	 * account's SID with its token, and the credential's account may read its sub-account.
	 */
	function expectReadSignedIn({ error, success, usage }, sid) {
		expect(error?.message).toBeUndefined();
		expect(success.length).toBeGreaterThan(0);
		expect(usage.map((entry) => entry.path)).toEqual([
			expect.stringContaining(`/Accounts/${sid}/`),
		]);
		expect(usage.every((entry) => entry.authenticated && entry.status === 200)).toBe(true);
	}

	test('reads the account from it and signs in as that account', async () => {
		expectReadSignedIn(await usageRun(oldLayout()), sandbox.restcomm.settings.accountSid);
	});

	test('with an Account SID on the node, signs in as its account and reads the one named', async () => {
		const { subaccountSid } = sandbox.restcomm.settings;
		const run = await usageRun(oldLayout(), {
			accountSid: { __rl: true, mode: 'id', value: subaccountSid },
		});
		expectReadSignedIn(run, subaccountSid);
	});

	test('Account SID filled in: it is the account, whatever the old field holds', async () => {
		const { accountSid } = sandbox.restcomm.settings;
		const run = await usageRun({ ...oldLayout(), apiKey: 'AC-not-an-account', accountSid });
		expectReadSignedIn(run, accountSid);
	});

	test('the usage trigger polls that account too; saved again without it, it says so', async () => {
		const { accountSid } = sandbox.restcomm.settings;
		const node = {
			name: 'Usage',
			type: 'n8n-nodes-comms-billing.commsUsageTrigger',
			parameters: {
				operation: 'usageRecords',
				category: 'calls',
				triggerBy: 'price',
				threshold: 0,
				recurrence: 'daily',
			},
		};
		await pollTrigger(node, { credentials: { commsBillingApi: oldLayout() } });
		expect(sandbox.requests.length).toBeGreaterThan(0);
		for (const entry of sandbox.requests) {
			expect(entry.path).toContain(`/Accounts/${accountSid}`);
			expect(entry.authenticated).toBe(true);
		}

		sandbox.clearRequests();
		const { apiKey, ...lost } = oldLayout();
		await expect(pollTrigger(node, { credentials: { commsBillingApi: lost } })).rejects.toThrow(
			'Credential field "accountSid" does not fit this node (item 0): it is empty, so there is no account to sign in as: enter the Account SID in the credential',
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('saved again without it (the value lost): the node says to enter the Account SID in the credential, and sends nothing', async () => {
		const { apiKey, ...lost } = oldLayout();
		const { subaccountSid } = sandbox.restcomm.settings;
		for (const parameters of [
			{},
			{ accountSid: { __rl: true, mode: 'id', value: subaccountSid } },
		]) {
			const { error } = await usageRun(lost, parameters);
			expect(error.message).toBe(
				'Credential field "accountSid" does not fit this node (item 0): it is empty, so there is no account to sign in as: enter the Account SID in the credential',
			);
			expect(sandbox.requests).toEqual([]);
		}
	});
});
