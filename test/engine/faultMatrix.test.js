// The fault matrix: every node and method against every way a server can misbehave, through
// n8n's engine. Each cell asserts the branch, how many requests the server saw, and that nothing
// partial came out on Success. The runs get shortened retry timings (the engine harness hands
// them to the runtime), so the matrix runs in seconds; counts are asserted, never wall time.
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, startScannedSandbox } = require('./engineRun');
const { DateTime } = require('luxon');
const { methodCatalog, methodFixtures } = require('./methodCatalog');

// The attempt deadline in the cells that hang or drip, which every attempt exceeds; the other
// cells keep a deadline no loaded machine reaches, so that a slow answer is never a fault of its
// own. The product's is 30 s.
const DEADLINE_MS = 80;
const ROOMY_DEADLINE_MS = 5000;

// The node's clock and the usage servers' own, at noon of one fixed day: Today ... Last Month name
// GMT periods at the node's clock, give or take 5 minutes of skew, so near midnight a record of
// the day before would rightly be taken, and 'a record of another day' would pass by the clock.
const TODAY = '2026-11-18';
const NOW = DateTime.fromISO(`${TODAY}T12:00:00Z`, { zone: 'utc' });
const USAGE_SERVER_CLOCK = { today: TODAY, timeOfDay: '12:00' };

let sandbox;
let elsewhere;
const fixtures = {};

beforeAll(async () => {
	sandbox = await startScannedSandbox({
		lumin: { eventCount: 400, pageSize: 50 },
		restcomm: USAGE_SERVER_CLOCK,
		twilio: USAGE_SERVER_CLOCK,
	});
	elsewhere = await startScannedSandbox();
	// Generated on first use: made now, so that no cell waits for it.
	for (const platform of ['restcomm', 'twilio', 'evoVoice']) sandbox[platform].dailyUsage();
	Object.assign(fixtures, await methodFixtures(sandbox));
});
afterAll(async () => {
	await Promise.all([sandbox.close(), elsewhere.close()]);
});
beforeEach(() => {
	for (const server of [sandbox, elsewhere]) {
		server.clearRequests();
		server.clearFaults();
	}
});

/** A body of the platform's own list shape whose entries are not objects. */
const NON_OBJECT_RECORDS = {
	lumin: { ok: true, items: [null, 'x'] },
	evoVoice: { accountUsage: [null], customerUsage: [] },
	restcomm: [null, 5],
	twilio: { usage_records: ['x', 5], next_page_uri: null },
};

// Which methods' answers hold records (with figures or timestamps) and events a sandbox fault can
// change.
const ANSWERS_WITH_RECORDS = (method) =>
	['restcomm', 'twilio', 'evoVoice', 'lumin'].includes(method.platform);
const ANSWERS_WITH_EVENTS = (method) => method.platform === 'lumin';
const USAGE_RECORDS = (method) => ['restcomm', 'twilio'].includes(method.platform);
const SENDS_CATEGORY = (method) => method.platform === 'twilio' && !method.paged;
// Restcomm's AllTime, which the node also asks for Today ... Last Month, answers from 1970 when it
// cannot read StartDate; Daily, Monthly and Yearly start at the data, as the days asked do.
const READS_START_DATE_AS_1970 = (method) =>
	method.platform === 'restcomm' && !['daily', 'monthly', 'yearly'].includes(method.operation);

// [branch, requests]: 'success' cells also give every record a clean run gives.
const retried = (attempts) => (method) =>
	method.kind === 'read' ? ['success', attempts] : ['failure', 1];
// A 429 says the call was not carried out: a read or a login is sent again, a create is not.
const retriedAfter429 = (attempts) => (method) =>
	method.kind === 'create' ? ['failure', 1] : ['success', attempts];
const giveUp = (method) => (method.kind === 'read' ? ['failure', 4] : ['failure', 1]);
const once = () => ['failure', 1];

const FAULTS = [
	['429, short Retry-After', { status: 429, headers: { 'Retry-After': '1' } }, retriedAfter429(2)],
	['429, long Retry-After', { status: 429, headers: { 'Retry-After': '120' } }, once],
	['500', { status: 500 }, once],
	['503 once', { status: 503 }, retried(2)],
	['503 always', { status: 503, times: 0 }, giveUp],
	['reset once', { reset: true }, retried(2)],
	['reset always', { reset: true, times: 0 }, giveUp],
	['a hang past the deadline', { delayMs: DEADLINE_MS * 4, times: 0 }, giveUp, 'all', DEADLINE_MS],
	['a slow drip', { dripMs: DEADLINE_MS / 3, times: 0 }, giveUp, 'all', DEADLINE_MS],
	['HTML', { html: true }, once],
	['malformed JSON', { malformed: true }, once],
	['truncated JSON', { truncate: true, times: 0 }, giveUp],
	['an empty body', { status: 200, body: '' }, once],
	['a wrong shape', { status: 200, body: { unexpected: true } }, once],
	['401', { status: 401 }, once],
	[
		'a redirect off origin',
		() => ({ status: 307, headers: { Location: `${elsewhere.url}/x` }, body: '' }),
		once,
	],
	[
		'non-object records',
		(method) => ({ status: 200, body: NON_OBJECT_RECORDS[method.platform] }),
		once,
		'list',
	],
	['a 401 on page 2', { status: 401, skip: 1 }, () => ['failure', 2], 'paged'],
	['a repeated token', { repeatToken: true }, () => ['failure', 2], 'paged'],
	// Messy answers: a record listed twice is counted once; a figure that is no plain number, or a
	// row the query excluded, is a Failure.
	['a record listed twice', { repeatRecord: true }, () => ['success', 1], ANSWERS_WITH_RECORDS],
	['an unreadable figure', { unreadableFigure: true }, once, ANSWERS_WITH_RECORDS],
	['a row the query excluded', { excludedRow: true }, once, ANSWERS_WITH_EVENTS],
	// Answers that differ from the request: refused, never counted (docs/vendors.md).
	['a Category ignored', { ignoreCategory: true }, once, SENDS_CATEGORY],
	['a record of another day', { otherDay: true }, once, USAGE_RECORDS],
	[
		'a record or row of another account',
		{ otherAccount: true },
		once,
		(method) => USAGE_RECORDS(method) || method.platform === 'evoVoice',
	],
	[
		'a row of another customer',
		{ otherCustomer: true },
		once,
		(method) => method.platform === 'evoVoice',
	],
	[
		'a StartDate read as none (from 1970)',
		{ unreadStartDate: true },
		once,
		READS_START_DATE_AS_1970,
	],
	// A page replayed under a fresh token: Twilio's records are counted once each, Lumin.ai's
	// cursor went back.
	[
		'a page replayed',
		(method) => ({ replayPage: true, skip: method.platform === 'lumin' ? 2 : 1 }),
		(method) => (method.platform === 'lumin' ? ['failure', 3] : ['success', 2]),
		'paged',
	],
	[
		'an endless token stream',
		{ endlessPages: true, times: 0 },
		(method) => ['failure', maxPagesOf(method)],
		'paged',
	],
];

const maxPagesOf = (method) => method.parameters().options.maxPages;

// A fault applies to, and the cells count, the requests for what the method reads.
const faultedPath = (method) =>
	method.usagePath ? method.usagePath() : `/${method.platform.toLowerCase()}`;
const requestsOf = (method) =>
	sandbox.requests.filter((entry) => entry.path.startsWith(faultedPath(method)));

/** Runs the method once with an attempt deadline of `deadlineMs` and waits of 5 ms at most. */
async function runMethod(method, deadlineMs = ROOMY_DEADLINE_MS) {
	// On Error: Continue (regular output), so that a refusal is a Failure item to look at.
	const workflow = singleNodeWorkflow('Node', {
		type: method.type,
		parameters: method.parameters(),
		onError: 'continueRegularOutput',
	});
	const options = {
		credentials: { commsBillingApi: { ...method.credentials() } },
		retryTimings: { attemptTimeoutMs: deadlineMs, longestWaitMs: 5 },
		now: NOW,
	};
	// Unscanned only where the outputs are the secrets the user asked for.
	const result = method.outputsSecrets
		? await require('../../harness/engine').runWorkflow(workflow, options)
		: await runScanned(workflow, options);
	const error = result.nodeError('Node');
	if (error) throw error;
	const [success, failure] = result.outputs('Node');
	return { success, failure };
}

const clean = new Map();

const METHODS = methodCatalog(() => ({ sandbox, fixtures }));

describe.each(METHODS.map((method) => [method.name, method]))('%s', (_, method) => {
	beforeAll(async () => {
		sandbox.clearRequests();
		sandbox.clearFaults();
		const { success, failure } = await runMethod(method);
		expect(failure).toEqual([]);
		clean.set(method.name, { records: success.length, requests: requestsOf(method).length });
		if (method.paged) expect(requestsOf(method).length).toBeGreaterThan(1);
	});

	const cells = FAULTS.filter(([, , , applies]) => {
		if (typeof applies === 'function') return applies(method);
		if (applies === 'list') return method.list;
		if (applies === 'paged') return method.paged;
		return true;
	});

	test.each(cells.map(([name, fault, expect, , deadline]) => [name, fault, expect, deadline]))(
		'%s',
		async (_name, fault, expectation, deadline = ROOMY_DEADLINE_MS) => {
			const [branch, requests] = expectation(method);
			sandbox.injectFault({
				platform: method.platform,
				...(method.usagePath ? { path: method.usagePath() } : {}),
				...(typeof fault === 'function' ? fault(method) : fault),
			});
			const { success, failure } = await runMethod(method, deadline);
			const baseline = clean.get(method.name);
			if (branch === 'success') {
				expect(failure).toEqual([]);
				expect(success).toHaveLength(baseline.records);
				// The fault's attempts, then the clean run's own requests.
				expect(requestsOf(method)).toHaveLength(baseline.requests + requests - 1);
			} else {
				expect(success).toEqual([]);
				expect(failure).toHaveLength(1);
				expect(failure[0].json.error_message).toEqual(expect.any(String));
				if (deadline === ROOMY_DEADLINE_MS) {
					expect(requestsOf(method)).toHaveLength(requests);
				} else {
					// The sandbox shares the test's process: after a stall of the event loop, the
					// attempt's deadline can end an attempt before the sandbox has read it. So the
					// attempts are the ones the Failure names, and the server saw no more.
					if (requests > 1)
						expect(failure[0].json.error_message).toContain(`after ${requests} attempts`);
					expect(requestsOf(method).length).toBeLessThanOrEqual(requests);
				}
			}
			expect(elsewhere.requests).toEqual([]);
		},
		// A hang must fail the cell, not stall the suite.
		ROOMY_DEADLINE_MS * 4,
	);
});
