// What `npm start`, `npm run dev` and the test suites load: the sandbox credentials and workflows.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

const readWorkflows = (folder) =>
	fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')));

const exampleWorkflows = () => readWorkflows(path.join(ROOT, 'examples'));

/**
 * Credentials as n8n's import takes them, pointing at a running sandbox. Each is named as the
 * examples name their credentials (with no id, by type and name, so that they import anywhere):
 * n8n's import links a node to the one credential of that type and name.
 */
function sandboxCredentials(sandbox) {
	const {
		lumin,
		imiassist,
		imiassistIntegrationUser,
		evoVoice,
		evoVoiceLogin,
		restcomm,
		twilio,
		twilioApiKey,
		stripe,
	} = sandbox.credentials;
	return [
		{
			id: 'commsBillingSandboxEvoVoice',
			name: 'Comms Billing API (Evo Voice)',
			type: 'commsBillingApi',
			data: evoVoice,
		},
		{
			id: 'commsBillingSandboxEvoVoiceLogin',
			name: 'Comms Billing API (Evo Voice, credentials login)',
			type: 'commsBillingApi',
			data: evoVoiceLogin,
		},
		{
			id: 'commsBillingSandboxRestcomm',
			name: 'Comms Billing API (Restcomm)',
			type: 'commsBillingApi',
			data: restcomm,
		},
		{
			id: 'commsBillingSandboxTwilio',
			name: 'Comms Billing API (Twilio-compatible)',
			type: 'commsBillingApi',
			data: twilio,
		},
		{
			id: 'commsBillingSandboxTwilioApiKey',
			name: 'Comms Billing API (Twilio-compatible, API key)',
			type: 'commsBillingApi',
			data: twilioApiKey,
		},
		{
			id: 'commsBillingSandboxImiassist',
			name: 'Comms Billing API (IMIASSIST)',
			type: 'commsBillingApi',
			data: imiassist,
		},
		{
			id: 'commsBillingSandboxImiassistUser',
			name: 'Comms Billing API (IMIASSIST integration user)',
			type: 'commsBillingApi',
			data: imiassistIntegrationUser,
		},
		{
			id: 'commsBillingSandboxLumin',
			name: 'Comms Billing API (Lumin.ai)',
			type: 'commsBillingApi',
			data: lumin,
		},
		{
			id: 'commsBillingSandboxStripe',
			name: 'Comms Billing API (Stripe)',
			type: 'commsBillingApi',
			data: stripe,
		},
		{
			id: 'commsBillingWrongToken',
			name: 'Comms Billing API (wrong token)',
			type: 'commsBillingApi',
			data: { ...lumin, token: 'not-the-sandbox-token' },
		},
		// n8n's own OpenAI credential, pointed at the sandbox's scripted model (agent workflows).
		{
			id: 'commsBillingSandboxModel',
			name: 'OpenAI account',
			type: 'openAiApi',
			data: sandbox.credentials.openai,
		},
	];
}

/**
 * The same credentials for the engine harness, keyed by name (as the examples give them) and by id
 * (as workflows saved in an n8n that has them do, e.g. test/fixtures/version1).
 */
const credentialValues = (sandbox) =>
	Object.fromEntries(
		sandboxCredentials(sandbox).flatMap(({ id, name, data }) => [
			[id, data],
			[name, data],
		]),
	);

const OWNER = {
	email: 'owner@comms-billing.test',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};

module.exports = { readWorkflows, exampleWorkflows, sandboxCredentials, credentialValues, OWNER };
