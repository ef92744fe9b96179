// A Restcomm credential saved before Account SID had a field of its own, in a real n8n 2.41.1. It
// holds the SID in `apiKey` (then labelled Account SID), which n8n would drop from what it hands a
// run, and from what its editor saves, were the field not shown for Restcomm: n8n loads only the
// fields shown for the credential's values (NodeHelpers.getNodeParameters in
// packages/cli/src/credentials-helper.ts, applyDefaultsAndOverwrites), and its editor saves only
// those (packages/frontend/editor-ui/src/features/credentials/components/CredentialEdit/
// CredentialEdit.vue, saveCredential). The credential keeps it as a hidden field shown to
// Restcomm. A Usage Records workflow runs with it, the credential is opened and saved as the
// editor saves it, and the workflow runs again: both runs succeed, signed in as the account.
const path = require('node:path');

const { N8nInstance } = require('../../harness/n8nInstance');
const { OWNER } = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');
const { credentialSecrets, expectNoSecretsIn } = require('../secretScan');

const CREDENTIAL = {
	id: 'e2eRestcommSavedBeforeAccountSid',
	name: 'Comms Billing API (Restcomm, saved before Account SID)',
	type: 'commsBillingApi',
};

const WORKFLOW = {
	id: 'e2eRestcommSavedBeforeAccountSid',
	name: 'e2e: Usage Records with a Restcomm credential saved before Account SID',
	nodes: [
		{
			parameters: {},
			id: 'e2e-saved-credential-trigger',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
		},
		{
			parameters: { operation: 'getUsageRecords', category: 'calls' },
			id: 'e2e-saved-credential-usage',
			name: 'Usage Records',
			type: 'n8n-nodes-comms-billing.restcommUsageRecords',
			typeVersion: 2,
			position: [220, 0],
			credentials: { commsBillingApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		},
	],
	connections: {
		'Manual Trigger': { main: [[{ node: 'Usage Records', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

let sandbox;
let n8n;
let savedData;

beforeAll(async () => {
	sandbox = await startSandbox({ logResponses: true });
	const { baseUrl, accountSid, token } = sandbox.credentials.restcomm;
	savedData = { platform: 'restcomm', baseUrl, apiKey: accountSid, token };
	n8n = new N8nInstance({ port: 15738 });
	// n8n's own import stores it as it was saved then. Its REST API would refuse to create it now
	// (tested below): Account SID is a required field shown for Restcomm.
	await n8n.importCredentials([{ ...CREDENTIAL, data: savedData }]);
	await n8n.importWorkflows([WORKFLOW]);
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterEach(() =>
	expectNoSecretsIn([JSON.stringify(sandbox.requests)], credentialSecrets(savedData)),
);

afterAll(async () => {
	try {
		const executions = n8n?.server ? await n8n.storedExecutions() : [];
		await n8n?.stop();
		expectNoSecretsIn(
			[n8n.log, ...executions.map((execution) => execution.data)],
			credentialSecrets(savedData),
		);
	} finally {
		await n8n?.stop();
		await sandbox?.close();
	}
});

/** n8n's own n8n-workflow, as its editor bundles it. */
const n8nWorkflow = () =>
	require(require.resolve('n8n-workflow', { paths: [path.join(n8n.n8nHome, 'node_modules/n8n')] }));

/** Runs the workflow; its usage records, and the usage requests the sandbox received. */
async function runUsageRecords() {
	sandbox.clearRequests();
	const [success, failure] = (await n8n.execute(WORKFLOW.id)).outputs('Usage Records');
	const usage = sandbox.requests.filter(
		(entry) => entry.path.startsWith('/restcomm/') && entry.path.includes('/Usage/'),
	);
	return { success, failure, usage };
}

/** The run read the credential's account and signed every request in as it. */
function expectSignedInAsTheAccount({ success, failure, usage }) {
	const { accountSid } = sandbox.restcomm.settings;
	expect(failure).toEqual([]);
	expect(success.length).toBeGreaterThan(0);
	expect(usage.length).toBeGreaterThan(0);
	for (const entry of usage) {
		expect(entry.path).toContain(`/Accounts/${accountSid}/`);
		// The Restcomm sandbox accepts HTTP Basic only as an account's SID with its auth token.
		expect(entry.auth).toBe('basic');
		expect(entry.authenticated).toBe(true);
		expect(entry.status).toBe(200);
	}
}

/**
 * The credential opened in the editor and saved with nothing changed, as n8n 2.41's editor does it
 * (n8n-editor-ui 2.41.0, which n8n 2.41.1 serves: loadCurrentCredential and
 * setCredentialPropertyDefaults in packages/frontend/editor-ui/src/features/credentials/
 * composables/useCredentialForm.ts, saveCredential in CredentialEdit.vue): the data as GET
 * /rest/credentials/:id?includeData=true gives it (passwords redacted to n8n's placeholder,
 * CredentialsService.redact) without its empty values, each field missing given its default; then
 * only the fields shown for those values and differing from their defaults
 * (NodeHelpers.getNodeParameters(properties, data, false, false, null, null)) sent back with
 * PATCH /rest/credentials/:id, where n8n replaces each placeholder with the stored value
 * (CredentialsService.prepareUpdateData, unredact: packages/cli/src/credentials/
 * credentials.service.ts) and stores what was sent. The editor's Save first asks for every
 * required field it shows (useCredentialForm's requiredPropertiesFilled), Account SID among them;
 * this is the request it then sends, and the one any client replaying it sends.
 */
async function saveAsTheEditorDoes() {
	const opened = await n8n.rest('GET', `/credentials/${CREDENTIAL.id}?includeData=true`);
	const types = await (
		await fetch(`${n8n.url}/types/credentials.json`, { headers: { Cookie: n8n.cookie } })
	).json();
	const { properties } = types.find((type) => type.name === CREDENTIAL.type);
	const form = Object.fromEntries(Object.entries(opened.data).filter(([, value]) => value !== ''));
	for (const property of properties)
		if (!Object.prototype.hasOwnProperty.call(form, property.name))
			form[property.name] = property.default;
	const { NodeHelpers, CREDENTIAL_BLANKING_VALUE } = n8nWorkflow();
	const data = NodeHelpers.getNodeParameters(properties, form, false, false, null, null);
	// What goes back: the fields shown for Restcomm, the passwords (the kept SID among them) as
	// n8n's placeholder, and no Account SID, which is empty.
	expect(data).toEqual({
		platform: 'restcomm',
		baseUrl: savedData.baseUrl,
		apiKey: CREDENTIAL_BLANKING_VALUE,
		token: CREDENTIAL_BLANKING_VALUE,
	});
	await n8n.rest('PATCH', `/credentials/${CREDENTIAL.id}`, {
		id: CREDENTIAL.id,
		name: opened.name,
		type: CREDENTIAL.type,
		data,
		isGlobal: false,
		isResolvable: false,
		...(opened.homeProject ? { homeProject: opened.homeProject } : {}),
	});
}

test("n8n's REST API would not create it now: Account SID is required for Restcomm", async () => {
	await expect(
		n8n.rest('POST', '/credentials', {
			name: 'Comms Billing API (Restcomm, without Account SID)',
			type: CREDENTIAL.type,
			data: savedData,
		}),
	).rejects.toThrow(/: 400 .*accountSid.*mandatory/);
});

test('Usage Records runs with it: Success, signed in as the account it holds', async () => {
	expectSignedInAsTheAccount(await runUsageRecords());
});

test('opened and saved in the editor, it keeps the account: the run succeeds again, signed in as it', async () => {
	await saveAsTheEditorDoes();
	const reopened = await n8n.rest('GET', `/credentials/${CREDENTIAL.id}?includeData=true`);
	const { CREDENTIAL_BLANKING_VALUE } = n8nWorkflow();
	// A password kept non-empty reads as the placeholder (an empty one as n8n's empty value).
	expect(reopened.data.apiKey).toBe(CREDENTIAL_BLANKING_VALUE);
	expectSignedInAsTheAccount(await runUsageRecords());
});
