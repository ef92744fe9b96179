// Credentials that log in (the IMIASSIST integration user, an Evo Voice credentials login) log in
// once per execution, their items sharing the token n8n writes back; a login answered 429 is sent
// again after its Retry-After, as any call is.
const { runScanned, useSandbox } = require('./engineRun');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { pack } = require('../../harness/engine');
const { duringLogin } = require('../../dist/nodes/shared/credentialLogin');

let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

const fiftyItems = () => Array.from({ length: 50 }, (_, index) => ({ json: { index } }));
const count = (paths) =>
	paths.reduce((counted, path) => ({ ...counted, [path]: (counted[path] ?? 0) + 1 }), {});

async function createReports(
	inputItems,
	credentials = sandbox.credentials.imiassistIntegrationUser,
) {
	const result = await runScanned(
		singleNodeWorkflow('Report', {
			type: 'imiassistCreateUsageReport',
			parameters: { operation: 'createUsageReport', reportTitle: '=report {{ $json.index }}' },
			onError: 'continueRegularOutput',
		}),
		{ credentials: { commsBillingApi: { ...credentials } }, inputItems },
	);
	return result.outputs('Report');
}

test('IMIASSIST integration user: 50 items, one login and one token call', async () => {
	const [success, failure] = await createReports(fiftyItems());
	expect(failure).toEqual([]);
	expect(success).toHaveLength(50);
	expect(count(sandbox.requests.map((entry) => entry.path))).toEqual({
		'/imiassist/api/v1/auth/login': 1,
		'/imiassist/api/v1/auth/token': 1,
		'/imiassist/api/v1/reports/usage': 50,
	});
});

test('Evo Voice credentials login: 50 items, one sign-in', async () => {
	const result = await runScanned(
		singleNodeWorkflow('AI Usage', {
			type: 'evoVoiceAiUsage',
			parameters: { operation: 'getAiUsage', period: 'lastMonth', timezone: 'UTC' },
			onError: 'continueRegularOutput',
		}),
		{
			credentials: { commsBillingApi: { ...sandbox.credentials.evoVoiceLogin } },
			inputItems: fiftyItems(),
		},
	);
	const [success, failure] = result.outputs('AI Usage');
	expect(failure).toEqual([]);
	expect(success).toHaveLength(50);
	const paths = count(sandbox.requests.map((entry) => entry.path));
	expect(paths['/evovoice/auth/credentials']).toBe(1);
});

test('a login answered 429 with Retry-After is sent again after it, and the item succeeds', async () => {
	sandbox.injectFault({
		path: '/imiassist/api/v1/auth/login',
		status: 429,
		headers: { 'Retry-After': '1' },
	});
	const [success, failure] = await createReports([{ json: { index: 0 } }]);
	expect(failure).toEqual([]);
	expect(success).toHaveLength(1);
	expect(sandbox.requests.map((entry) => `${entry.path} ${entry.status}`)).toEqual([
		'/imiassist/api/v1/auth/login 429',
		'/imiassist/api/v1/auth/login 200',
		'/imiassist/api/v1/auth/token 200',
		'/imiassist/api/v1/reports/usage 202',
	]);
	const [first, second] = sandbox.requests;
	expect(Date.parse(second.time) - Date.parse(first.time)).toBeGreaterThanOrEqual(1000);
});

// nodes/shared/credentialLogin.ts finds the attempt a login belongs to (its deadline, and whether
// a timeout passed during the login) by the credential object. n8n calls preAuthentication itself,
// so that object is the only way in: n8n-core's httpRequestWithAuthentication must hand the
// credential's preAuthentication the object the pack's request carried, through the credentials
// helper (the harness's passes it on as n8n's own CredentialsHelper does; CONTRIBUTING.md,
// "Compatibility").
describe('n8n hands preAuthentication the credential object the request carried', () => {
	const credentialType = pack.credentials[0];
	const { preAuthentication } = credentialType;
	afterEach(() => {
		credentialType.preAuthentication = preAuthentication;
	});

	test.each([
		['IMIASSIST integration user', 'imiassistIntegrationUser', 'imiassistCreateUsageReport'],
		['Evo Voice credentials login', 'evoVoiceLogin', 'evoVoiceAiUsage'],
	])('%s', async (_, credentials, type) => {
		const handed = [];
		credentialType.preAuthentication = async function (decrypted) {
			handed.push(await duringLogin(decrypted, async (attempt) => attempt));
			return await preAuthentication.call(this, decrypted);
		};
		const parameters = {
			imiassistCreateUsageReport: { operation: 'createUsageReport', reportTitle: 'report' },
			evoVoiceAiUsage: { operation: 'getAiUsage', period: 'lastMonth', timezone: 'UTC' },
		}[type];
		const result = await runScanned(singleNodeWorkflow('Node', { type, parameters }), {
			credentials: { commsBillingApi: { ...sandbox.credentials[credentials] } },
		});
		expect(result.outputs('Node')[0]).toHaveLength(1);
		if (!handed.every((attempt) => attempt?.signal instanceof AbortSignal))
			throw new Error(
				'n8n handed preAuthentication another object than the credential the request carried: a login no longer keeps to the deadline of the request it is for (nodes/shared/credentialLogin.ts)',
			);
		expect(handed).toHaveLength(1);
	});
});
