// Bill every subaccount, in real n8n 2.41.1: the subaccount billing example, imported as it is,
// run by n8n's server against a reseller in the sandbox (a master with usage of its own and three
// subaccounts, one suspended and one closed in the middle of last month, each with usage). Each
// account is a customer of its own: on Twilio its lines are its own totalprice, and together they
// are the master's IncludeSubaccounts=true total; on Restcomm each has its calls and sms lines.
const { DateTime } = require('luxon');

const { N8nInstance } = require('../../harness/n8nInstance');
const { exampleWorkflows, sandboxCredentials, OWNER } = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');
const { expectNoSecretsIn, sandboxSecrets } = require('../secretScan');

const USAGE = "Every Subaccount's Usage";
const INVOICES = 'One Invoice per Customer';

const example = exampleWorkflows().find((workflow) => workflow.id === 'exampleSubaccountBilling');

/** The example with its Usage Records signed in to Restcomm instead. */
function onRestcomm() {
	const workflow = JSON.parse(JSON.stringify(example));
	workflow.id = 'subaccountBillingRestcomm';
	workflow.name = `${example.name} (Restcomm)`;
	workflow.nodes.find((node) => node.name === USAGE).credentials.commsBillingApi = {
		id: null,
		name: 'Comms Billing API (Restcomm)',
	};
	return workflow;
}

// The example runs on n8n's clock: last month is the one before today's, in the workflow's zone.
const lastMonth = DateTime.now().setZone(example.settings.timezone).minus({ months: 1 });
const RESELLER = [
	{ status: 'suspended' },
	{ status: 'closed', closedOn: lastMonth.set({ day: 14 }).toISODate() },
];

let sandbox;
let n8n;

beforeAll(async () => {
	sandbox = await startSandbox({
		twilio: { subaccounts: RESELLER },
		restcomm: { subaccounts: RESELLER },
	});
	n8n = new N8nInstance({ port: 15758 });
	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows([example, onRestcomm()]);
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

afterEach(() =>
	expectNoSecretsIn([n8n.log, JSON.stringify(sandbox.requests)], sandboxSecrets(sandbox)),
);

/** Hundred-thousandths of a dollar, exactly: Twilio's prices carry 5 decimals at most. */
const units = (amount) => Math.round(Number(amount ?? 0) * 1e5);

/** An account's totalprice for the period of `line`, from the sandbox as Twilio answers it. */
async function totalPriceOf(sid, includeSubaccounts, line) {
	const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
	const query = new URLSearchParams({
		Category: 'totalprice',
		StartDate: line.period_start,
		EndDate: line.period_end,
		IncludeSubaccounts: String(includeSubaccounts),
	});
	const answer = await fetch(`${baseUrl}/2010-04-01/Accounts/${sid}/Usage/Records.json?${query}`, {
		headers: {
			authorization: `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`,
		},
	});
	const [record] = (await answer.json()).usage_records;
	return units(record.price);
}

const customersOf = (lines) => [...new Set(lines.map((line) => line.customer))];

test("Twilio: 4 customers, each account's lines its own totalprice, together the master's roll-up; one invoice each", async () => {
	const result = await n8n.execute(example.id);
	const [lines, failures] = result.outputs(USAGE).map((items) => items.map(({ json }) => json));
	expect(failures).toEqual([]);
	const accounts = sandbox.twilio.accounts;
	expect(accounts).toHaveLength(4);
	expect(customersOf(lines)).toEqual([...accounts]);
	for (const sid of accounts) {
		const own = lines.filter((line) => line.customer === sid);
		const sum = own.reduce((total, line) => total + units(line.amount), 0);
		expect(sum).toBe(await totalPriceOf(sid, false, own[0]));
	}
	const all = lines.reduce((total, line) => total + units(line.amount), 0);
	const rolledUp = await totalPriceOf(accounts[0], true, lines[0]);
	// Within 0.00001 per account: each account's figures are rounded on their own.
	expect(Math.abs(all - rolledUp)).toBeLessThanOrEqual(accounts.length);
	const invoices = result.outputs(INVOICES)[0].map(({ json }) => json);
	expect(invoices.map((invoice) => invoice.customer)).toEqual([...accounts].sort());
	expect(new Set(invoices.map((invoice) => invoice.customer_name)).size).toBe(4);
});

test('Restcomm: 4 customers, the master and its 3 direct sub-accounts, each its calls and sms lines', async () => {
	const result = await n8n.execute('subaccountBillingRestcomm');
	const [lines, failures] = result.outputs(USAGE).map((items) => items.map(({ json }) => json));
	expect(failures).toEqual([]);
	const accounts = sandbox.restcomm.accounts;
	expect(accounts).toHaveLength(4);
	expect(customersOf(lines)).toEqual([...accounts]);
	for (const sid of accounts)
		expect(lines.filter((line) => line.customer === sid).map((line) => line.category)).toEqual([
			'calls',
			'sms',
		]);
	expect(result.outputs(INVOICES)[0]).toHaveLength(4);
});
