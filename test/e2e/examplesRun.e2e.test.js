// The smoke: every example in examples/, imported unchanged into a real n8n with the sandbox's
// credentials and run by its server from its trigger, as a user's Execute Workflow runs it. Each
// execution ends in success, and each of the pack's nodes in it gives output on Success and none
// on Failure (an agent's tool: what it handed the agent, which the sandbox's scripted model asks
// for). The n8n is 2.41.1, or N8N_E2E_VERSION (CONTRIBUTING.md, "Compatibility"). What each
// example's output holds is checked by pack.e2e.test.js.
const { startSandbox } = require('../../sandbox');
const pack = require('../../harness/pack');
const { N8nInstance } = require('../../harness/n8nInstance');
const { exampleWorkflows, sandboxCredentials, OWNER } = require('../../harness/fixtures');

const isPackNode = (node) => node.type.startsWith(`${pack.packageName}.`);
const isTool = (node) => node.type.endsWith('Tool');

/**
 * Where a run of the example stops: at its last node, but for the usage alert's Slack message,
 * which needs Slack itself: that run stops at the pack's trigger (one poll, as Fetch Test Event).
 */
const until = (example) =>
	example.nodes.find((node) => node.type === `${pack.packageName}.commsUsageTrigger`)?.name;

let sandbox;
let n8n;

beforeAll(async () => {
	sandbox = await startSandbox();
	n8n = new N8nInstance({ port: 15738 });
	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows(exampleWorkflows());
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterAll(async () => {
	try {
		await n8n?.stop();
	} finally {
		await sandbox?.close();
	}
});

test.each(exampleWorkflows().map((example) => [example.name, example]))(
	"%s: imported unchanged, runs to success, each of the pack's nodes with output",
	async (_name, example) => {
		const result = await n8n.execute(example.id, { until: until(example) });
		const { error } = result.run.data.resultData;
		expect({
			status: result.status,
			error: error && `${error.node?.name}: ${error.message}`,
		}).toEqual({ status: 'success', error: undefined });
		const ours = example.nodes.filter(isPackNode);
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			const [success, failure = []] = result.outputs(node.name, isTool(node) ? 'ai_tool' : 'main');
			expect({
				node: node.name,
				success: success.length > 0,
				failure: failure.map((item) => item.json.error_message),
			}).toEqual({ node: node.name, success: true, failure: [] });
		}
	},
);
