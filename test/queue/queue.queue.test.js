// The pack in n8n's queue mode (npm run test:queue): PostgreSQL, Redis, a main process and two
// workers (harness/queueCluster.js). Each example is triggered as production triggers it, by a
// Webhook trigger on the main process, which queues it; a worker runs it. The results are read
// back from n8n's executions and checked as the single-process end-to-end suite checks them.
const { QueueCluster } = require('../../harness/queueCluster');
const {
	exampleWorkflows,
	readWorkflows,
	sandboxCredentials,
	OWNER,
} = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');
const path = require('node:path');
const {
	expectLuminSummary,
	expectReportThenPoll,
	expectMonthlyBilling,
	monthlyBillingLines,
	expectCustomersPriced,
} = require('../exampleChecks');
const { appointmentsOfLastMonth } = require('../expectations');
const { credentialSecrets, expectNoSecretsIn } = require('../secretScan');
const {
	onWebhook,
	ERROR_WORKFLOW,
	executionIds,
	activate,
	newExecutions,
	triggerAndWait: triggerAndWaitOn,
} = require('../../harness/productionRuns');

const examples = Object.fromEntries(
	[...exampleWorkflows(), ...readWorkflows(path.join(__dirname, '..', 'e2e', 'workflows'))].map(
		(workflow) => [workflow.id, workflow],
	),
);
const WEBHOOKS = {
	reportThenPoll: onWebhook(examples.exampleReportThenPoll, 'queue-report-then-poll', 1),
	monthlyBilling: onWebhook(examples.exampleMonthlyBilling, 'queue-monthly-billing', 2),
	luminSummary: onWebhook(examples.exampleLuminBillingSummary, 'queue-lumin-summary', 3),
	integrationUser: onWebhook(examples.e2eImiassistIntegrationUser, 'queue-integration-user', 4),
	// Its refusals fail the run, which runs the error workflow.
	monthlyBillingWatched: onWebhook(examples.exampleMonthlyBilling, 'queue-monthly-watched', 5, {
		errorWorkflow: ERROR_WORKFLOW.id,
	}),
};

let sandbox;
let cluster;
let secrets;
/** What the note reports: each execution, the worker that ran it, its sandbox requests. */
const report = [];

beforeAll(async () => {
	sandbox = await startSandbox({ logResponses: true });
	cluster = new QueueCluster();
	await cluster.startServices();
	const credentials = sandboxCredentials(sandbox);
	secrets = credentials.flatMap((credential) => credentialSecrets(credential.data));
	await cluster.main.importCredentials(credentials);
	await cluster.main.importWorkflows([...Object.values(WEBHOOKS), ERROR_WORKFLOW]);
	await cluster.startN8n();
	await cluster.main.setupOwner(OWNER);
	await activate(cluster.main, [...Object.values(WEBHOOKS), ERROR_WORKFLOW]);
});

afterEach(() => expectNoSecretsIn([JSON.stringify(sandbox.requests)], secrets));

afterAll(async () => {
	try {
		const executions = cluster?.main?.server ? await cluster.main.storedExecutions() : [];
		await cluster?.stop();
		expectNoSecretsIn(
			[
				...[cluster.main, ...cluster.workers].map((n8n) => n8n.log),
				...executions.map((execution) => execution.data),
			],
			secrets,
		);
	} finally {
		await cluster?.stop();
		await sandbox?.close();
		// The figures the closing note of this suite gives.
		console.log(
			report
				.map(
					({ what, executionId, worker, requests }) =>
						`${what}: execution ${executionId}, worker ${worker}, sandbox requests ${JSON.stringify(requests)}`,
				)
				.join('\n'),
		);
	}
});

beforeEach(() => sandbox.clearRequests());

/**
 * POSTs to the workflow's production webhook `times` times at once; returns the executions that
 * followed, once each has finished, with the worker that ran each.
 */
async function triggerAndWait(workflow, times = 1) {
	const runs = await triggerAndWaitOn(cluster.main, workflow, times);
	return runs.map((run) => ({ ...run, worker: cluster.workerOf(run.executionId) }));
}

/** The sandbox's requests, counted by platform (the first segment of the path). */
const requestsByPlatform = (requests = sandbox.requests) =>
	requests.reduce((counts, { path: requestPath }) => {
		const platform = requestPath.split('/')[1];
		return { ...counts, [platform]: (counts[platform] ?? 0) + 1 };
	}, {});

function recordRun(what, { executionId, worker }) {
	report.push({ what, executionId, worker, requests: requestsByPlatform() });
}

describe('the examples, run by the workers from their webhooks', () => {
	test('report-then-poll', async () => {
		const [run] = await triggerAndWait(WEBHOOKS.reportThenPoll);
		expect([1, 2]).toContain(run.worker);
		expectReportThenPoll(run, sandbox);
		// In queue mode n8n keeps binary data in its database: the CSV a worker fetched, read back
		// through the main process, as the editor shows it.
		const [[transaction]] = run.outputs('Wait for the Report');
		const id = encodeURIComponent(transaction.binary.detailed.id);
		const csv = await fetch(`${cluster.main.url}/rest/binary-data?id=${id}&action=download`, {
			headers: { Cookie: cluster.main.cookie },
		});
		expect(csv.status).toBe(200);
		const text = await csv.text();
		for (const appointment of appointmentsOfLastMonth(sandbox, 'Europe/London'))
			expect(text).toContain(appointment.appointment_id);
		recordRun('report-then-poll', run);
	});

	test('monthly billing: invoice lines adding up to each platform month, and what each customer pays', async () => {
		const [run] = await triggerAndWait(WEBHOOKS.monthlyBilling);
		expect([1, 2]).toContain(run.worker);
		const lines = monthlyBillingLines(run);
		expectMonthlyBilling(lines, sandbox);
		expectCustomersPriced(run, lines);
		recordRun('monthly billing', run);
	});

	test('the Lumin.ai summary', async () => {
		const [run] = await triggerAndWait(WEBHOOKS.luminSummary);
		expect([1, 2]).toContain(run.worker);
		expectLuminSummary(run, sandbox);
		recordRun('Lumin.ai summary', run);
	});
});

describe('the IMIASSIST integration user across workers', () => {
	const imiassist = () =>
		sandbox.requests
			.filter((entry) => entry.path.startsWith('/imiassist/'))
			.map((entry) => `${entry.path.replace('/imiassist/api/v1', '')} ${entry.status}`);

	test('after the sandbox revokes the token, one execution renews it and the executions after it, on either worker, use the renewed pair', async () => {
		const [first] = await triggerAndWait(WEBHOOKS.integrationUser);
		expect(first.outputs('Create Usage Report')[1]).toEqual([]);
		expect(imiassist()).toEqual(['/auth/login 200', '/auth/token 200', '/reports/usage 202']);

		sandbox.imiassist.revokeIssuedTokens();
		sandbox.clearRequests();
		const [renewing] = await triggerAndWait(WEBHOOKS.integrationUser);
		expect(renewing.outputs('Create Usage Report')[1]).toEqual([]);
		expect(imiassist()).toEqual([
			'/reports/usage 401',
			'/auth/login 200',
			'/auth/token 200',
			'/reports/usage 202',
		]);
		recordRun('integration user, after the revocation', renewing);

		// One after another, until each worker has run at least one (Redis hands a job to the
		// worker that has waited longest, so they take turns); none logs in again.
		const after = [];
		while (new Set(after.map((run) => run.worker)).size < 2 && after.length < 8) {
			sandbox.clearRequests();
			const [run] = await triggerAndWait(WEBHOOKS.integrationUser);
			expect(run.outputs('Create Usage Report')[1]).toEqual([]);
			expect(imiassist()).toEqual(['/reports/usage 202']);
			after.push(run);
			recordRun('integration user, later', run);
		}
		expect(new Set(after.map((run) => run.worker))).toEqual(new Set([1, 2]));
	});
});

describe('a refused vendor fails the run loudly', () => {
	test('Lumin.ai refusing: the run ends in error on a worker, the error workflow runs once naming it, no invoice lines', async () => {
		const errorsBefore = new Set(await executionIds(cluster.main, ERROR_WORKFLOW.id));
		sandbox.injectFault({ platform: 'lumin', status: 401, times: 0 });
		try {
			const [run] = await triggerAndWait(WEBHOOKS.monthlyBillingWatched);
			expect(run.status).toBe('error');
			expect(run.run.data.resultData.runData['Invoice Lines']).toBeUndefined();
			const [errorRun] = await newExecutions(cluster.main, ERROR_WORKFLOW.id, errorsBefore);
			const { run: seen } = await cluster.main.finishedExecution(errorRun);
			const [[item]] = seen.data.resultData.runData['Error Trigger'][0].data.main;
			expect(item.json.execution.error.message).toMatch(
				/^Lumin\.ai refused the request with HTTP 401/,
			);
			expect(await executionIds(cluster.main, ERROR_WORKFLOW.id)).toHaveLength(
				errorsBefore.size + 1,
			);
			recordRun('monthly billing, Lumin.ai refusing', run);
		} finally {
			sandbox.clearFaults();
		}
	});
});

describe('concurrency', () => {
	test('20 monthly-billing executions queued at once: all succeed on both workers, each sends what one sends, all totals alike', async () => {
		const [single] = await triggerAndWait(WEBHOOKS.monthlyBilling);
		const perExecution = requestsByPlatform();
		const expectedLines = monthlyBillingLines(single);

		sandbox.clearRequests();
		const runs = await triggerAndWait(WEBHOOKS.monthlyBilling, 20);
		expect(runs).toHaveLength(20);
		for (const run of runs) expect(monthlyBillingLines(run)).toEqual(expectedLines);
		expect(new Set(runs.map((run) => run.worker))).toEqual(new Set([1, 2]));
		expect(requestsByPlatform()).toEqual(
			Object.fromEntries(Object.entries(perExecution).map(([key, count]) => [key, 20 * count])),
		);
		const byWorker = runs.reduce(
			(counts, run) => ({ ...counts, [run.worker]: (counts[run.worker] ?? 0) + 1 }),
			{},
		);
		report.push({
			what: '20 monthly billing executions at once',
			executionId: runs.map((run) => run.executionId).join(','),
			worker: JSON.stringify(byWorker),
			requests: { perExecution, all: requestsByPlatform() },
		});
	});
});
