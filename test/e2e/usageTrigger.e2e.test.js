// Comms Usage Trigger in a real n8n 2.41.1: an active workflow polled by n8n itself every minute
// (n8n's shortest poll interval), so this suite takes about four minutes. Below the threshold no
// execution; the sandbox raises usage; the next poll gives exactly one execution; the poll after
// it none. Then the example workflow in the editor.
const { Editor } = require('./editor');
const { N8nInstance } = require('../../harness/n8nInstance');
const { exampleWorkflows, sandboxCredentials, OWNER } = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');
const { credentialSecrets, expectNoSecretsIn } = require('../secretScan');
const { TRIGGER_FIELDS } = require('../../dist/nodes/shared/trigger');

const HOST = 'e2e-trigger-host';
const THRESHOLD = 3;
const WATCHING = {
	id: 'e2eUsageTrigger',
	name: 'e2e: Lumin.ai events of one host, alert at 3 a day',
	nodes: [
		{
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				operation: 'luminEvents',
				eventTypes: ['billing.scheduled'],
				host: HOST,
				timezone: 'UTC',
				threshold: THRESHOLD,
				recurrence: 'daily',
			},
			id: 'e2e-usage-trigger',
			name: 'Usage',
			type: 'n8n-nodes-comms-billing.commsUsageTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: {
				commsBillingApi: {
					id: 'commsBillingSandboxLumin',
					name: 'Comms Billing sandbox (Lumin.ai)',
				},
			},
		},
		{
			parameters: {},
			id: 'e2e-usage-noop',
			name: 'Alert',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
		},
	],
	connections: { Usage: { main: [[{ node: 'Alert', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};
const example = exampleWorkflows().find((workflow) => workflow.id === 'exampleUsageAlert');

let sandbox;
let n8n;
let secrets;

beforeAll(async () => {
	sandbox = await startSandbox({ logResponses: true });
	n8n = new N8nInstance({ port: 15978 });
	const credentials = sandboxCredentials(sandbox);
	secrets = credentials.flatMap((credential) => credentialSecrets(credential.data));
	await n8n.importCredentials(credentials);
	await n8n.importWorkflows([WATCHING, example]);
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterAll(async () => {
	try {
		const executions = n8n?.server ? await n8n.storedExecutions() : [];
		await n8n?.stop();
		expectNoSecretsIn(
			[n8n.log, JSON.stringify(sandbox.requests), ...executions.map((execution) => execution.data)],
			secrets,
		);
	} finally {
		await n8n?.stop();
		await sandbox?.close();
	}
});

const luminPolls = () => sandbox.requests.filter((entry) => entry.path.startsWith('/lumin')).length;
const executionsOfWatching = async () =>
	(
		await n8n.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WATCHING.id }))}&limit=100`,
		)
	).results;

async function until(what, holds, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (!(await holds())) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

test('active: no execution below the threshold, exactly one when the sandbox raises usage over it, none on the next poll', async () => {
	const { versionId } = await n8n.rest('GET', `/workflows/${WATCHING.id}`);
	await n8n.rest('POST', `/workflows/${WATCHING.id}/activate`, { versionId });

	// n8n polls once when it activates the workflow, then every minute. A poll that asks the
	// sandbox and finds the host below the threshold starts no execution.
	const pollsAtActivation = luminPolls();
	await until('a poll after the activation', () => luminPolls() > pollsAtActivation, 75_000);
	expect(await executionsOfWatching()).toEqual([]);

	sandbox.raiseUsage({
		platform: 'lumin',
		type: 'billing.scheduled',
		count: THRESHOLD,
		host: HOST,
	});
	await until('an execution', async () => (await executionsOfWatching()).length > 0, 75_000);
	const [execution] = await executionsOfWatching();
	const run = await n8n.finishedExecution(execution.id);
	const [[item]] = run.outputs('Usage');
	expect(Object.keys(item.json)).toEqual(TRIGGER_FIELDS);
	expect(item.json).toMatchObject({
		platform: 'Lumin.ai',
		value: THRESHOLD,
		threshold: THRESHOLD,
		reached: true,
		recurrence: 'daily',
		timezone: 'UTC',
	});
	expect(run.outputs('Alert')[0]).toHaveLength(1);

	// The next minute's poll: the day's alert was given, so nothing more (not even a request).
	const pollsAfterFiring = luminPolls();
	await new Promise((resolve) => setTimeout(resolve, 65_000));
	expect(await executionsOfWatching()).toHaveLength(1);
	expect(luminPolls()).toBe(pollsAfterFiring);
});

test('the example in the editor: the trigger with its watches, then a Slack message', async () => {
	const editor = await Editor.open(n8n.url, OWNER);
	try {
		await editor.openWorkflow(example.id);
		const canvas = await editor.canvasNodes();
		expect(canvas.map((node) => node.name).sort()).toEqual(
			example.nodes.map((node) => node.name).sort(),
		);
		const trigger = canvas.find((node) => node.type === 'CUSTOM.commsUsageTrigger');
		expect(trigger.iconLoaded).toBe(true);
		await editor.screenshot(`workflow-${example.id}`);
		const panel = await editor.openNode(trigger.name, 'node-commsUsageTrigger');
		expect(panel.shown).toBe('Usage Records (Restcomm, Twilio-Compatible)');
		expect(panel.offered).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^AI Minutes \(Evo Voice\)/),
				expect.stringMatching(/^Billable Events \(Lumin\.ai\)/),
				expect.stringMatching(/^Usage Records \(Restcomm, Twilio-Compatible\)/),
			]),
		);
	} finally {
		await editor.close();
	}
});
