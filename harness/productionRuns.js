// Production executions of a real n8n, as the end-to-end and queue-mode suites start them: an
// active workflow whose trigger is a Webhook, POSTed to as a caller would, and an error workflow
// (n8n runs one only for such executions, never for a run from the editor).

/**
 * A copy of `workflow` started by a POST to /webhook/<path> instead of its own trigger, with
 * `settings` over its own (e.g. `errorWorkflow`).
 */
function onWebhook(workflow, webhookPath, index, settings = {}) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = `webhook${workflow.id[0].toUpperCase()}${workflow.id.slice(1)}${index}`;
	copy.name = `${workflow.name} (webhook ${webhookPath})`;
	copy.settings = { ...copy.settings, ...settings };
	const trigger = copy.nodes.find((node) => /trigger/i.test(node.type));
	Object.assign(trigger, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	});
	return copy;
}

/**
 * An error workflow: n8n's Error Trigger alone, so that its executions are the errors it saw.
 * n8n 2.41 runs an error workflow only when it is active ("is not active and cannot be executed").
 */
const ERROR_WORKFLOW = {
	id: 'billingRunErrors',
	name: 'Errors of the billing run',
	nodes: [
		{
			id: 'error-trigger',
			name: 'Error Trigger',
			type: 'n8n-nodes-base.errorTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/**
 * The ids of the executions n8n has stored for a workflow, each once: n8n lists running and
 * finished executions by two queries (ExecutionService.findLatestCurrentAndCompleted), so one that
 * finishes between them is listed twice.
 */
async function executionIds(n8n, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await n8n.rest('GET', `/executions?filter=${filter}&limit=100`);
	return [...new Set(page.results.map((execution) => execution.id))];
}

/** Activates imported workflows, as a user's toggle does. */
async function activate(n8n, workflows) {
	for (const workflow of workflows) {
		const { versionId } = await n8n.rest('GET', `/workflows/${workflow.id}`);
		await n8n.rest('POST', `/workflows/${workflow.id}/activate`, { versionId });
	}
}

/** Waits until `workflowId` has more executions than `before` holds, and returns the new ids. */
async function newExecutions(n8n, workflowId, before, count = 1, timeoutMs = 5 * 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const started = (await executionIds(n8n, workflowId)).filter((id) => !before.has(id));
		if (started.length >= count) return started;
		if (Date.now() > deadline) throw new Error(`${started.length} of ${count} executions started`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Waits until n8n serves a POST webhook: it registers an activated workflow's webhook a moment
 * after answering the activation, and till then a GET is "not registered" at all rather than "not
 * registered for GET requests".
 */
async function webhookRegistered(n8n, webhookPath, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const answer = await fetch(`${n8n.url}/webhook/${webhookPath}`);
		if (answer.status !== 404 || (await answer.text()).includes('not registered for GET')) return;
		if (Date.now() > deadline) throw new Error(`webhook ${webhookPath} was never registered`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * POSTs to the workflow's production webhook `times` times at once and returns the executions
 * that followed, once each has finished: { executionId, status, run, outputs() }.
 */
async function triggerAndWait(n8n, workflow, times = 1) {
	const before = new Set(await executionIds(n8n, workflow.id));
	const webhookPath = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')
		.parameters.path;
	await webhookRegistered(n8n, webhookPath);
	const answers = await Promise.all(
		Array.from({ length: times }, () =>
			fetch(`${n8n.url}/webhook/${webhookPath}`, { method: 'POST' }),
		),
	);
	if (answers.some((answer) => answer.status !== 200))
		throw new Error(`webhook answered ${answers.map((answer) => answer.status).join(', ')}`);
	const started = await newExecutions(n8n, workflow.id, before, times);
	return await Promise.all(
		started.map(async (executionId) => ({
			executionId,
			...(await n8n.finishedExecution(executionId)),
		})),
	);
}

module.exports = {
	onWebhook,
	ERROR_WORKFLOW,
	executionIds,
	activate,
	newExecutions,
	triggerAndWait,
};
