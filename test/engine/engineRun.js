// How the engine tests run the pack: a sandbox per test file, cleared before each test, and runs
// through n8n's engine that fail the test when a secret shows anywhere in the run (outputs,
// errors, their descriptions and stacks).
const { startSandbox } = require('../../sandbox');
const { runWorkflow, engineLog } = require('../../harness/engine');

/** Starts a sandbox for the file's tests (handed to `onStarted`), cleared before each test. */
function useSandbox(options, onStarted) {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
		onStarted(sandbox);
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => {
		sandbox.clearRequests();
		sandbox.clearFaults();
	});
}

/** The secret fields of a Comms Billing API credential's values, as the README names them. */
const secretsOf = (values) =>
	[
		values.token,
		values.userPassword,
		values.obtainedToken,
		values.obtainedApiKey,
		values.platform === 'imiassist' ? values.apiKey : undefined,
	].filter(Boolean);

/** No secret in the run's data (outputs, errors, descriptions, stacks) nor in `log` lines. */
function expectNoSecrets(result, secrets, log = []) {
	const everything = JSON.stringify(result.run) + log.join('\n');
	const leaked = secrets.filter((secret) => secret && everything.includes(secret));
	expect(leaked).toEqual([]);
}

/**
 * runWorkflow, then a check that no secret shows in the run or in what n8n logged during it: none
 * of the credentials given,
 * none the credential obtained while it ran (an integration user's key and token), none of
 * `extraSecrets`.
 */
async function runScanned(workflow, { extraSecrets = [], ...options } = {}) {
	const logFrom = engineLog.length;
	const result = await runWorkflow(workflow, options);
	const credentialValues = [
		...Object.values(options.credentials ?? {}),
		...Object.values(result.credentialsHelper.stored),
	];
	expectNoSecrets(
		result,
		[...credentialValues.flatMap(secretsOf), ...extraSecrets],
		engineLog.slice(logFrom),
	);
	return result;
}

/** Fixes the clock (Date only: timers and the network keep running). */
const fixClock = (now) =>
	jest.useFakeTimers({
		now,
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});

module.exports = { useSandbox, runScanned, expectNoSecrets, fixClock };
