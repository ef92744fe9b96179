// Credentials that log in (the IMIASSIST integration user, an Evo Voice credentials login) log in
// once per execution, their items sharing the token n8n writes back; a login answered 429 is sent
// again after its Retry-After, as any call is.
const { runScanned, useSandbox } = require('./engineRun');
const { singleNodeWorkflow } = require('../../harness/workflows');

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
