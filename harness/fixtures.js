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

/** Credentials as n8n's import takes them, pointing at a running sandbox. */
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
	} = sandbox.credentials;
	return [
		{
			id: 'commsBillingSandboxEvoVoice',
			name: 'Comms Billing sandbox (Evo Voice)',
			type: 'commsBillingApi',
			data: evoVoice,
		},
		{
			id: 'commsBillingSandboxEvoVoiceLogin',
			name: 'Comms Billing sandbox (Evo Voice, credentials login)',
			type: 'commsBillingApi',
			data: evoVoiceLogin,
		},
		{
			id: 'commsBillingSandboxRestcomm',
			name: 'Comms Billing sandbox (Restcomm)',
			type: 'commsBillingApi',
			data: restcomm,
		},
		{
			id: 'commsBillingSandboxTwilio',
			name: 'Comms Billing sandbox (Twilio-compatible)',
			type: 'commsBillingApi',
			data: twilio,
		},
		{
			id: 'commsBillingSandboxTwilioApiKey',
			name: 'Comms Billing sandbox (Twilio-compatible, API key)',
			type: 'commsBillingApi',
			data: twilioApiKey,
		},
		{
			id: 'commsBillingSandboxImiassist',
			name: 'Comms Billing sandbox (IMIASSIST)',
			type: 'commsBillingApi',
			data: imiassist,
		},
		{
			id: 'commsBillingSandboxImiassistUser',
			name: 'Comms Billing sandbox (IMIASSIST integration user)',
			type: 'commsBillingApi',
			data: imiassistIntegrationUser,
		},
		{
			id: 'commsBillingSandboxLumin',
			name: 'Comms Billing sandbox (Lumin.ai)',
			type: 'commsBillingApi',
			data: lumin,
		},
		{
			id: 'commsBillingWrongToken',
			name: 'Comms Billing sandbox (wrong token)',
			type: 'commsBillingApi',
			data: { ...lumin, token: 'not-the-sandbox-token' },
		},
		// n8n's own OpenAI credential, pointed at the sandbox's scripted model (agent workflows).
		{
			id: 'commsBillingSandboxModel',
			name: 'Sandbox model (OpenAI-compatible)',
			type: 'openAiApi',
			data: sandbox.credentials.openai,
		},
	];
}

/** The same credentials keyed by the ids the example workflows name, for the engine harness. */
const credentialsById = (sandbox) =>
	Object.fromEntries(sandboxCredentials(sandbox).map(({ id, data }) => [id, data]));

const OWNER = {
	email: 'owner@comms-billing.test',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};

module.exports = { readWorkflows, exampleWorkflows, sandboxCredentials, credentialsById, OWNER };
