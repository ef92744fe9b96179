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
const {
	RATE,
	DELIVER,
	delivering,
	probeMonth,
	stripeIdOf,
	centsOf,
	byEndpoint,
	heldFor,
	amountsByLineId,
} = require('../deliveryWorkflow');

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
	// The monthly run ending in Deliver Invoice Lines, each customer to `cus_queue<customer>`.
	delivery: onWebhook(
		delivering({
			id: 'deliverMonthlyQueue',
			name: 'Monthly billing, delivered',
			prefix: 'cus_queue',
		}),
		'queue-deliver',
		6,
	),
};
const DELIVERY_PREFIX = 'cus_queue';

let sandbox;
let cluster;
let secrets;
/** The example month's customers, each a Stripe customer of the sandbox's. */
let customers;
/** What the note reports: each execution, the worker that ran it, its sandbox requests. */
const report = [];

beforeAll(async () => {
	customers = (await probeMonth()).map((invoice) => invoice.customer);
	sandbox = await startSandbox({
		logResponses: true,
		stripe: { customers: customers.map((customer) => stripeIdOf(DELIVERY_PREFIX, customer)) },
	});
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

describe('Deliver Invoice Lines, two executions at once', () => {
	test('(4) the webhook called twice, the first invoice create held 5 s: the other execution is answered 409 on its key, then the replay; one invoice per customer, one item per line', async () => {
		const INVOICES = '/stripe/v1/invoices';
		sandbox.injectFault({ platform: 'stripe', method: 'POST', path: INVOICES, holdMs: 5000 });
		let runs;
		try {
			runs = await triggerAndWait(WEBHOOKS.delivery, 2);
		} finally {
			sandbox.clearFaults();
		}
		expect(runs).toHaveLength(2);
		const outcomes = runs.map((run) => {
			expect(run.status).toBe('success');
			const invoices = run.outputs(RATE)[0].map(({ json }) => json);
			const [success, failure] = run.outputs(DELIVER).map((items) => items.map(({ json }) => json));
			return { lines: invoices.flatMap((invoice) => invoice.lines), success, failure };
		});
		const [lines] = outcomes.map((outcome) => outcome.lines);
		expect(lines.length).toBeGreaterThan(0);
		const stripe = sandbox.requests.filter(({ path: at }) => at.startsWith('/stripe/'));
		const invoiceCreates = stripe.filter(
			({ method, path: at }) => method === 'POST' && at === INVOICES,
		);

		// The held create, and what else was sent with its key: a 409 while it was held (only the
		// other execution can have sent it: one execution sends a key once at a time), then the
		// saved answer replayed.
		const held = invoiceCreates.filter(({ fault }) => fault === 'hold 5000ms');
		expect(held).toHaveLength(1);
		const key = held[0].headers['idempotency-key'];
		const withKey = invoiceCreates.filter(({ headers }) => headers['idempotency-key'] === key);
		expect(withKey[0]).toBe(held[0]);
		expect(held[0]).toMatchObject({ status: 200 });
		expect(held[0].replayed).toBeUndefined();
		const conflicts = withKey.filter(({ status }) => status === 409);
		expect(conflicts.length).toBeGreaterThan(0);
		const heldFrom = Date.parse(held[0].time);
		for (const conflict of conflicts)
			expect(Date.parse(conflict.time) - heldFrom).toBeLessThan(5000);
		expect(withKey.at(-1)).toMatchObject({ status: 200, replayed: true });
		expect(withKey.map(({ status }) => status)).toEqual([200, ...conflicts.map(() => 409), 200]);
		// No key ever answered a second object: every create with a key seen before is a 409 or a
		// replay.
		const creates = stripe.filter(({ method }) => method === 'POST');
		const firstOf = new Map();
		for (const create of creates) {
			const createKey = create.headers['idempotency-key'];
			expect(createKey).toBeDefined();
			if (!firstOf.has(createKey)) firstOf.set(createKey, create);
			else expect(create.status === 409 || create.replayed === true).toBe(true);
		}
		expect(creates.filter(({ status }) => ![200, 409].includes(status))).toEqual([]);

		// Both executions: every line on Success, as Rate Lines gave it, each naming Stripe's item.
		for (const outcome of outcomes) {
			expect(outcome.lines).toEqual(lines);
			expect(outcome.failure).toEqual([]);
			expect(
				outcome.success.map(({ customer, category, amount_sent }) => [
					customer,
					category,
					amount_sent,
				]),
			).toEqual(
				lines.map(({ customer, category, sell_amount }) => [
					customer,
					category,
					centsOf(sell_amount),
				]),
			);
			expect(
				outcome.success.every(({ status }) => ['delivered', 'already delivered'].includes(status)),
			).toBe(true);
		}
		// The held unit's lines: both executions read Stripe while its invoice was being held, found
		// nothing, and wrote it (one created, the other met the same keys), so both say delivered.
		const heldCustomer = new URLSearchParams(held[0].body).get('customer');
		const ofHeldUnit = (line) => stripeIdOf(DELIVERY_PREFIX, line.customer) === heldCustomer;
		expect(lines.filter(ofHeldUnit).length).toBeGreaterThan(0);
		for (const outcome of outcomes)
			expect(outcome.success.filter(ofHeldUnit).map(({ status }) => status)).toEqual(
				lines.filter(ofHeldUnit).map(() => 'delivered'),
			);
		const [one, other] = outcomes.map((outcome) =>
			outcome.success.map((line) => [line.line_id, line.stripe_invoice_item_id]),
		);
		expect(other).toEqual(one);

		// Stripe: one invoice per customer, exactly one item per line, amounts as Rate Lines gave.
		const stripeHolds = heldFor(sandbox, customers, DELIVERY_PREFIX);
		expect(stripeHolds.invoices).toHaveLength(customers.length);
		expect(new Set(stripeHolds.invoices.map((invoice) => invoice.customer)).size).toBe(
			customers.length,
		);
		expect(stripeHolds.items).toHaveLength(lines.length);
		expect(amountsByLineId(stripeHolds.items)).toEqual(
			Object.fromEntries(outcomes[0].success.map((line) => [line.line_id, line.amount_sent])),
		);
		expect(Object.values(amountsByLineId(stripeHolds.items)).sort()).toEqual(
			lines.map(({ sell_amount }) => centsOf(sell_amount)).sort(),
		);
		const statuses = outcomes.map((outcome) =>
			outcome.success.reduce(
				(counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
				{},
			),
		);
		report.push({
			what: '(4) Deliver Invoice Lines, two executions at once',
			executionId: runs.map((run) => run.executionId).join(','),
			worker: runs.map((run) => run.worker).join(','),
			requests: {
				linesPerExecution: lines.length,
				outputs: statuses,
				stripeHolds: {
					invoices: stripeHolds.invoices.length,
					items: stripeHolds.items.length,
				},
				byEndpoint: byEndpoint(stripe),
				heldKey: withKey.map(({ status, replayed, time }) =>
					[status, replayed ? 'replayed' : '', time].join(' '),
				),
				conflicts: creates.filter(({ status }) => status === 409).length,
				replays: creates.filter(({ replayed }) => replayed).length,
			},
		});
	});
});
