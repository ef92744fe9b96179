// Usage Records 2, Accounts: Each Subaccount and Listed Accounts, through n8n's engine against a
// reseller in the sandbox (a master with usage of its own and three subaccounts, one suspended and
// one closed mid-month, each with usage). Each account is a customer of its own: its lines are its
// own usage (IncludeSubaccounts=false on every request), checked against its own totalprice on
// Twilio, all on Success or one Failure naming it; the master first, then the others by SID; no
// subaccount's auth_token anywhere.
const { DateTime } = require('luxon');

const subaccountBilling = require('../../examples/subaccount-billing.json');
const { credentialValues } = require('../../harness/fixtures');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { parameterAsRead } = require('../../harness/engine');
const {
	RestcommUsageRecords,
} = require('../../dist/nodes/Restcomm/RestcommUsageRecords/RestcommUsageRecords.node');
const { runScanned, startScannedSandbox, useReseller } = require('./engineRun');

const TODAY = '2026-12-04';
const NOW = DateTime.fromISO(`${TODAY}T12:00:00Z`, { zone: 'utc' });
const RESELLER = [{ status: 'suspended' }, { status: 'closed', closedOn: '2026-11-14' }];
const USAGE = '/Usage/Records/';

/** @type {any} */
let sandbox;
useReseller(TODAY, RESELLER, (started) => {
	sandbox = started;
});

/** A Usage Records 2 run: Success and Failure as json, the run's error, and the requests sent. */
async function usageRecords(
	parameters,
	{
		credentials = sandbox.credentials.twilio,
		onError = 'continueRegularOutput',
		items = 1,
		on = sandbox,
	} = {},
) {
	on.clearRequests();
	const result = await runScanned(
		singleNodeWorkflow('Usage', {
			type: 'restcommUsageRecords',
			typeVersion: 2,
			parameters,
			onError,
		}),
		{
			credentials: { commsBillingApi: credentials },
			inputItems: Array.from({ length: items }, (_, index) => ({ json: { index } })),
			now: NOW,
			extraSecrets: [...on.twilio.authTokens, ...on.restcomm.authTokens],
		},
	);
	const error = result.nodeError('Usage');
	const [success, failure] = error ? [[], []] : result.outputs('Usage');
	return {
		error,
		success: success.map(({ json }) => json),
		failure: failure.map(({ json }) => json),
		paired: [...success, ...failure].map(({ pairedItem }) => pairedItem),
		requests: [...on.requests],
	};
}

const EACH = { accounts: 'eachSubaccount', outputMode: 'invoiceLines' };

/** The customers of lines in the order they came, each once. */
const customersOf = (lines) => [...new Set(lines.map((line) => line.customer))];

/** Hundred-thousandths of a dollar, exactly: Twilio's prices carry 5 decimals at most. */
const units = (amount) => Math.round(amount * 1e5);
const sumUnits = (lines) => lines.reduce((total, line) => total + units(line.amount ?? 0), 0);

/** An account's LastMonth totalprice, straight from the sandbox, in hundred-thousandths. */
async function totalPriceOf(sid, includeSubaccounts) {
	const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
	const query = `Category=totalprice&IncludeSubaccounts=${includeSubaccounts}`;
	const response = await fetch(
		`${baseUrl}/2010-04-01/Accounts/${sid}/Usage/Records/LastMonth.json?${query}`,
		{
			headers: {
				authorization: `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`,
			},
		},
	);
	const [record] = (await response.json()).usage_records;
	return units(Number(record.price));
}

describe('Each Subaccount on a Twilio-compatible API', () => {
	test("4 customers, the master first: each account's lines are its own totalprice, and they add up to the master's IncludeSubaccounts=true total", async () => {
		const { success, failure, requests } = await usageRecords(EACH);
		expect(failure).toEqual([]);
		const accounts = sandbox.twilio.accounts;
		expect(customersOf(success)).toEqual([...accounts]);
		for (const sid of accounts) {
			const lines = success.filter((line) => line.customer === sid);
			expect(sumUnits(lines)).toBe(await totalPriceOf(sid, false));
		}
		const master = await totalPriceOf(accounts[0], true);
		expect(Math.abs(sumUnits(success) - master)).toBeLessThanOrEqual(accounts.length);
		// Every account read once, as its own: IncludeSubaccounts=false, sent explicitly.
		const usage = requests.filter((entry) => entry.path.includes(USAGE));
		expect(usage.map((entry) => entry.path.split('/')[4]).sort()).toEqual([...accounts].sort());
		for (const entry of usage) expect(entry.query.IncludeSubaccounts).toBe('false');
	});

	test("names from the list, one list read for the run's items, no account fetched one by one", async () => {
		const { success, failure, requests, paired } = await usageRecords(EACH, { items: 2 });
		expect(failure).toEqual([]);
		const names = new Map(success.map((line) => [line.customer, line.customer_name]));
		const { settings } = sandbox.twilio;
		expect(names.get(settings.accountSid)).toBe(settings.accountFriendlyName);
		expect(names.get(settings.subaccountSid)).toBe(settings.subaccountFriendlyName);
		expect(new Set(names.values()).size).toBe(4);
		const accountReads = requests.filter(
			(entry) => entry.path.includes('/Accounts') && !entry.path.includes(USAGE),
		);
		expect(accountReads.map((entry) => entry.path)).toEqual(['/twilio/2010-04-01/Accounts.json']);
		// Each item has the whole of every account, paired to it.
		const half = success.length / 2;
		expect(success.slice(half)).toEqual(success.slice(0, half));
		expect(paired.slice(0, half).every((pair) => pair.item === 0)).toBe(true);
		expect(paired.slice(half).every((pair) => pair.item === 1)).toBe(true);
	});

	test("Records: each account's own records; without the master's own usage, its subaccounts only", async () => {
		const records = await usageRecords({ accounts: 'eachSubaccount' });
		expect(records.failure).toEqual([]);
		expect(
			customersOf(records.success.map((record) => ({ customer: record.account_sid }))),
		).toEqual([...sandbox.twilio.accounts]);
		const withoutMaster = await usageRecords({ ...EACH, includeMasterUsage: false });
		expect(customersOf(withoutMaster.success)).toEqual(sandbox.twilio.accounts.slice(1));
		expect(
			withoutMaster.requests.some((entry) =>
				entry.path.includes(`/${sandbox.twilio.accounts[0]}/Usage`),
			),
		).toBe(false);
	});

	test('the same lines, in the same order, whatever the parallelism and whichever answer comes last', async () => {
		const [master] = sandbox.twilio.accounts;
		const oneAtATime = await usageRecords({ ...EACH, parallelRequests: 1 });
		sandbox.injectFault({
			platform: 'twilio',
			path: `/twilio/2010-04-01/Accounts/${master}/Usage`,
			delayMs: 300,
		});
		const masterLast = await usageRecords(EACH);
		expect(masterLast.success).toEqual(oneAtATime.success);
		const answered = masterLast.requests.filter((entry) => entry.path.includes(USAGE));
		expect(
			answered
				.map((entry) => entry.path)
				.indexOf(`/twilio/2010-04-01/Accounts/${master}/Usage/Records/LastMonth.json`),
		).toBe(0);
		expect(Math.max(...answered.map((entry) => entry.inFlight))).toBeGreaterThan(1);
	});

	test('Include Subaccounts, Account SID and Limit are hidden, and nothing else shows a subaccount twice', () => {
		const node = {
			name: 'Usage',
			type: 'n8n-nodes-comms-billing.restcommUsageRecords',
			typeVersion: 2,
			parameters: {
				...EACH,
				includeSubaccounts: true,
				accountSid: 'ACtw0000000000000000000000000002',
			},
		};
		expect(parameterAsRead(node, 'includeSubaccounts')).toBeNull();
		expect(parameterAsRead(node, 'accountSid')).toBeNull();
		expect(
			parameterAsRead({ ...node, parameters: { accounts: 'listed' } }, 'returnAll'),
		).toBeNull();
		const { description } = new RestcommUsageRecords().nodeVersions[2];
		const shown = (name) =>
			description.properties.find((property) => property.name === name).displayOptions.show;
		expect(shown('includeSubaccounts').accounts).toEqual(['accountSid']);
		expect(shown('accountSid').accounts).toEqual(['accountSid']);
		expect(shown('accountList').accounts).toEqual(['listed']);
		expect(shown('includeMasterUsage').accounts).toEqual(['eachSubaccount']);
	});
});

describe('Each account is a whole of its own', () => {
	test("one account refused: its Failure names it and what was read, paired to the item; the others' lines whole", async () => {
		const closed = sandbox.twilio.accounts[3];
		const whole = await usageRecords(EACH);
		sandbox.injectFault({
			platform: 'twilio',
			path: `/twilio/2010-04-01/Accounts/${closed}/Usage`,
			status: 404,
			times: 0,
		});
		const { success, failure, paired } = await usageRecords(EACH);
		expect(success).toEqual(whole.success.filter((line) => line.customer !== closed));
		expect(failure).toEqual([
			{
				account_sid: closed,
				error_message: `Account ${closed} (Usage/Records/LastMonth): Twilio-compatible API refused the request with HTTP 404: Not Found. A 404 is not "no usage": nothing of this account was read or billed.`,
				response_status_code: 404,
				response_body: expect.objectContaining({ status: 404 }),
			},
		]);
		expect(paired.every((pair) => pair.item === 0)).toBe(true);
	});

	test('under Stop Workflow, one account refused fails the run, naming it', async () => {
		const suspended = sandbox.twilio.accounts[2];
		sandbox.injectFault({
			platform: 'twilio',
			path: `/twilio/2010-04-01/Accounts/${suspended}/Usage`,
			status: 400,
			times: 0,
		});
		const { error } = await usageRecords(EACH, { onError: 'stopWorkflow' });
		expect(error.message).toBe(
			`Account ${suspended} (Usage/Records/LastMonth): Twilio-compatible API refused the request with HTTP 400: Bad Request. (Get Usage Records, item 0, each subaccount of the credential's account)`,
		);
	});

	test('an account with no usage gives no lines; the others are billed', async () => {
		const quiet = await startScannedSandbox({
			twilio: { today: TODAY, subaccounts: [{ noUsage: true }] },
		});
		try {
			const { success, failure } = await usageRecords(EACH, {
				credentials: quiet.credentials.twilio,
				on: quiet,
			});
			expect(failure).toEqual([]);
			expect(customersOf(success)).toEqual(quiet.twilio.accounts.slice(0, 2));
		} finally {
			await quiet.close();
		}
	});
});

describe('Listed Accounts', () => {
	test('the accounts listed, master first and then by SID whatever the order given, names fetched once each', async () => {
		const [master, sub, suspended] = sandbox.twilio.accounts;
		const { success, failure, requests } = await usageRecords({
			accounts: 'listed',
			accountList: `={{ ["${suspended}", "${master}", "${sub}", "${master}"] }}`,
			outputMode: 'invoiceLines',
		});
		expect(failure).toEqual([]);
		expect(customersOf(success)).toEqual([master, sub, suspended]);
		const fetched = requests.filter((entry) => /\/Accounts\/\w+\.json$/.test(entry.path));
		expect(fetched.map((entry) => entry.path).sort()).toEqual(
			[master, sub, suspended].map((sid) => `/twilio/2010-04-01/Accounts/${sid}.json`).sort(),
		);
		for (const entry of requests.filter((one) => one.path.includes(USAGE)))
			expect(entry.query.IncludeSubaccounts).toBe('false');
	});

	test('an account the credential may not read is a Failure naming it, beside the others', async () => {
		const stranger = 'ACtw00000000000000000000000000ff';
		const { success, failure } = await usageRecords({
			accounts: 'listed',
			accountList: `${sandbox.twilio.accounts[1]}, ${stranger}`,
		});
		expect(customersOf(success.map((record) => ({ customer: record.account_sid })))).toEqual([
			sandbox.twilio.accounts[1],
		]);
		expect(failure.map((item) => [item.account_sid, item.response_status_code])).toEqual([
			[stranger, 403],
		]);
		expect(failure[0].error_message).toMatch(
			new RegExp(`^Account ${stranger} \\(Usage/Records/LastMonth\\): `),
		);
	});

	test('an empty list is a parameter error before any request', async () => {
		const { failure, requests } = await usageRecords({ accounts: 'listed', accountList: ' , ' });
		expect(failure).toEqual([
			{
				error_message: 'Invalid parameter "accountList" in item 0: list at least one Account SID',
				response_status_code: 0,
				response_body: null,
			},
		]);
		expect(requests).toEqual([]);
	});
});

describe('No subaccount secret, no API key on subaccounts', () => {
	test("a credential with an API key: Each Subaccount and Listed Accounts are a parameter error before any request, saying to use the account's Auth Token", async () => {
		for (const parameters of [
			EACH,
			{ accounts: 'listed', accountList: sandbox.twilio.accounts[1] },
		]) {
			const { error, requests } = await usageRecords(parameters, {
				credentials: sandbox.credentials.twilioApiKey,
				onError: 'stopWorkflow',
			});
			expect(error.message).toBe(
				"Invalid parameter \"accounts\" in item 0: the credential signs in with an API key (SK...), and Twilio refuses a main account's API keys on its subaccounts' resources: use the account's Auth Token (its Account SID and Auth Token, no API Key SID) in the credential",
			);
			expect(requests).toEqual([]);
		}
	});

	test('a page holding an account without sid fails the item, and its Failure holds no auth_token', async () => {
		sandbox.injectFault({
			platform: 'twilio',
			path: '/twilio/2010-04-01/Accounts.json',
			accountWithoutSid: true,
		});
		const { success, failure, requests } = await usageRecords(EACH);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].error_message).toBe(
			'Twilio-compatible API answered with an account that has no sid.',
		);
		// The page as it came, each account reduced to what the node reads.
		const body = failure[0].response_body;
		expect(body.accounts.map((account) => Object.keys(account).sort())).toEqual([
			['friendly_name', 'owner_account_sid', 'status'],
			...sandbox.twilio.accounts
				.slice(1)
				.map(() => ['friendly_name', 'owner_account_sid', 'sid', 'status']),
		]);
		expect(JSON.stringify(failure)).not.toMatch(/auth_token/);
		expect(requests.some((entry) => entry.path.includes(USAGE))).toBe(false);
	});

	test('the same page under Stop Workflow: the error holds no token either', async () => {
		sandbox.injectFault({
			platform: 'twilio',
			path: '/twilio/2010-04-01/Accounts.json',
			accountWithoutSid: true,
		});
		const { error } = await usageRecords(EACH, { onError: 'stopWorkflow' });
		expect(error.message).toMatch(
			/^Twilio-compatible API answered with an account that has no sid\./,
		);
		expect(error.description).not.toMatch(/auth_token/);
	});
});

describe('Each Subaccount on Restcomm', () => {
	test('4 customers, each its calls and sms as computed, the master first; only direct sub-accounts', async () => {
		const { success, failure, requests } = await usageRecords(EACH, {
			credentials: sandbox.credentials.restcomm,
		});
		expect(failure).toEqual([]);
		expect(customersOf(success)).toEqual([...sandbox.restcomm.accounts]);
		for (const sid of sandbox.restcomm.accounts) {
			const categories = success
				.filter((line) => line.customer === sid)
				.map((line) => line.category);
			expect(categories).toEqual(['calls', 'sms']);
		}
		const usage = requests.filter((entry) => entry.path.includes(USAGE));
		expect(usage).toHaveLength(8);
		expect(usage.every((entry) => entry.query.IncludeSubaccounts === undefined)).toBe(true);
		expect(new Set(success.map((line) => line.customer_name)).size).toBe(4);
	});
});

describe('the example (examples/subaccount-billing.json)', () => {
	test('one invoice per customer account, each of its own lines marked up 25%', async () => {
		const result = await runScanned(subaccountBilling, {
			credentials: credentialValues(sandbox),
			now: NOW,
			extraSecrets: [...sandbox.twilio.authTokens, ...sandbox.restcomm.authTokens],
		});
		const lines = result.outputs("Every Subaccount's Usage")[0].map(({ json }) => json);
		const invoices = result.outputs('One Invoice per Customer')[0].map(({ json }) => json);
		expect(invoices.map((invoice) => invoice.customer)).toEqual(
			[...sandbox.twilio.accounts].sort(),
		);
		const cents = (amount) => Math.round(amount * 100);
		for (const invoice of invoices) {
			const own = lines.filter((line) => line.customer === invoice.customer);
			expect(invoice.customer_name).toBe(own[0].customer_name);
			expect(invoice.lines.map((line) => [line.category, line.amount])).toEqual(
				own.map((line) => [line.category, line.amount]),
			);
			// The customer's cost plus 25%, rounded once half up to the cent (in whole numbers: the
			// cost in hundred-thousandths of a dollar), and spread over its lines.
			const cost = sumUnits(own);
			const charged = Math.floor((cost * 5 + 2000) / 4000);
			expect(invoice.subtotals).toEqual([{ currency: 'USD', amount: charged / 100 }]);
			expect(invoice.lines.reduce((total, line) => total + cents(line.sell_amount), 0)).toBe(
				charged,
			);
		}
	});
});
