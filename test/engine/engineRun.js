// How the engine tests run the pack: a sandbox per test file, cleared before each test and its
// request log scanned after it, and runs through n8n's engine that fail the test when a secret
// shows, in any form (../secretScan.js), anywhere in the run (outputs, errors, their descriptions
// and stacks) or in what n8n logged.
const { startSandbox } = require('../../sandbox');
const { runWorkflow, engineLog } = require('../../harness/engine');
const { expectNoSecretsIn, credentialSecrets, sandboxSecrets } = require('../secretScan');

// Each sandbox an engine test starts, with the last request-log entry already scanned.
const scannedUpTo = new Map();

/**
 * Starts a sandbox whose request log, answers included, is scanned for its credentials' secrets
 * after each test, before it is cleared and when it closes. Every engine test starts its sandboxes here; one that does
 * not says why.
 */
async function startScannedSandbox(options = {}) {
	const sandbox = await startSandbox({ ...options, logResponses: true });
	scannedUpTo.set(sandbox, 0);
	const { close, clearRequests } = sandbox;
	sandbox.clearRequests = () => {
		scanSandboxLog(sandbox);
		clearRequests.call(sandbox);
	};
	sandbox.close = async () => {
		try {
			scanSandboxLog(sandbox);
		} finally {
			scannedUpTo.delete(sandbox);
			await close.call(sandbox);
		}
	};
	return sandbox;
}

/** What the sandbox received and answered since the last scan holds none of its secrets. */
function scanSandboxLog(sandbox) {
	const from = scannedUpTo.get(sandbox);
	const entries = sandbox.requests.filter((entry) => entry.seq > from);
	if (entries.length === 0) return;
	scannedUpTo.set(sandbox, entries[entries.length - 1].seq);
	expectNoSecretsIn([JSON.stringify(entries)], sandboxSecrets(sandbox));
}

afterEach(() => {
	for (const sandbox of scannedUpTo.keys()) scanSandboxLog(sandbox);
});

/** Starts a sandbox for the file's tests (handed to `onStarted`), cleared before each test. */
function useSandbox(options, onStarted) {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startScannedSandbox(options);
		onStarted(sandbox);
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => {
		sandbox.clearRequests();
		sandbox.clearFaults();
	});
}

/**
 * A reseller on Twilio and on Restcomm: a sandbox whose main accounts have `subaccounts` besides
 * their own subaccount (sandbox setting `subaccounts`), on the day `today`.
 */
function useReseller(today, subaccounts, onStarted) {
	useSandbox({ twilio: { today, subaccounts }, restcomm: { today, subaccounts } }, onStarted);
}

/** No secret in the run's data (outputs, errors, descriptions, stacks) nor in `log` lines. */
function expectNoSecrets(result, secrets, log = []) {
	expectNoSecretsIn([JSON.stringify(result.run), ...log], secrets);
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
		[...credentialValues.flatMap(credentialSecrets), ...extraSecrets],
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

module.exports = {
	useSandbox,
	useReseller,
	startScannedSandbox,
	runScanned,
	expectNoSecrets,
	fixClock,
};
