// Comms Usage Trigger in a real n8n 2.41.1: an active workflow polled by n8n itself every minute
// (n8n's shortest poll interval), so this suite takes about five minutes. Below the threshold no
// execution; the sandbox raises usage; the next poll gives exactly one execution; the poll after
// it none. Two polls started at the same Poll Time give one execution. Then the example workflow
// in the editor.
const { Editor } = require('./editor');
const { exampleSources } = require('../screenshots');
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
				// No look back at yesterday, so that a run just after midnight counts the same polls.
				options: { graceMinutes: 0 },
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
// Two Poll Times at the same second: n8n starts both polls at once, neither waiting for the other.
// Written differently, as n8n skips a second cron with the very same expression.
const OVERLAP_HOST = 'e2e-overlap-host';
const OVERLAPPING = {
	...WATCHING,
	id: 'e2eUsageTriggerOverlap',
	name: 'e2e: two polls at the same minute, alert at 2 a day',
	nodes: WATCHING.nodes.map((node) =>
		node.name === 'Usage'
			? {
					...node,
					id: 'e2e-overlap-trigger',
					parameters: {
						...node.parameters,
						pollTimes: {
							item: [
								{ mode: 'custom', cronExpression: '0 * * * * *' },
								{ mode: 'custom', cronExpression: '0 0-59 * * * *' },
							],
						},
						host: OVERLAP_HOST,
						threshold: 2,
					},
				}
			: { ...node, id: 'e2e-overlap-noop' },
	),
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
	await n8n.importWorkflows([WATCHING, OVERLAPPING, example]);
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
const executionsOf = async (workflowId) =>
	(
		await n8n.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
		)
	).results;
const executionsOfWatching = () => executionsOf(WATCHING.id);

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

test('two polls at the same Poll Time, the first held by a slow answer: the second asks nothing, exactly one execution', async () => {
	const overlapPolls = () =>
		sandbox.requests.filter((entry) => entry.body && entry.body.host === OVERLAP_HOST);
	const { versionId } = await n8n.rest('GET', `/workflows/${OVERLAPPING.id}`);
	await n8n.rest('POST', `/workflows/${OVERLAPPING.id}/activate`, { versionId });
	// The activation's own poll finds the host below the threshold.
	await until('the activation poll', () => overlapPolls().length > 0, 30_000);
	expect(await executionsOf(OVERLAPPING.id)).toEqual([]);
	const before = overlapPolls().length;

	sandbox.raiseUsage({
		platform: 'lumin',
		type: 'billing.scheduled',
		count: 2,
		host: OVERLAP_HOST,
	});
	// The first poll of the next minute gets its answer three seconds late, while the other runs.
	sandbox.injectFault({ path: '/lumin', delayMs: 3000 });
	await until('an execution', async () => (await executionsOf(OVERLAPPING.id)).length > 0, 75_000);
	await new Promise((resolve) => setTimeout(resolve, 10_000));
	expect(await executionsOf(OVERLAPPING.id)).toHaveLength(1);
	expect(n8n.log).not.toContain('Skipped registration for already registered cron');
	// The minute's two polls sent one request: the first, held; the second sent none.
	expect(
		overlapPolls()
			.slice(before)
			.map((entry) => entry.fault),
	).toEqual(['delay 3000ms']);
});

test('the example in the editor: the trigger with its watches, then a Slack message', async () => {
	const editor = await Editor.open(n8n.url, OWNER);
	try {
		await editor.openWorkflow(example.id);
		// Sticky notes aside (whether n8n draws them as canvas nodes is its own affair).
		const isNote = (node) => node.type === 'n8n-nodes-base.stickyNote';
		const canvas = (await editor.canvasNodes()).filter((node) => !isNote(node));
		expect(canvas.map((node) => node.name).sort()).toEqual(
			example.nodes
				.filter((node) => !isNote(node))
				.map((node) => node.name)
				.sort(),
		);
		const trigger = canvas.find((node) => node.type === 'CUSTOM.commsUsageTrigger');
		expect(trigger.iconLoaded).toBe(true);
		await editor.screenshot(`workflow-${example.id}`, exampleSources(example));
		const panel = await editor.openNode(trigger.name, {
			name: 'node-commsUsageTrigger',
			sources: { nodes: ['commsUsageTrigger'] },
		});
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
