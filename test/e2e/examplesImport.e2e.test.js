// The examples as a user gets them: imported into a fresh n8n that has only the pack (no
// credentials, no other community package), through n8n's own import. Each arrives whole, its
// nodes known to n8n and drawn with their icons, and each credential waits to be chosen under
// the name the example gives it.
const { N8nInstance } = require('../../harness/n8nInstance');
const { exampleWorkflows, OWNER } = require('../../harness/fixtures');
const pack = require('../../harness/pack');
const { Editor } = require('./editor');

let n8n;

beforeAll(async () => {
	n8n = new N8nInstance({ port: 15698 });
	await n8n.importWorkflows(exampleWorkflows());
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterAll(async () => {
	await n8n?.stop();
});

test('every example imports whole, its credentials left for the user to choose by name', async () => {
	for (const example of exampleWorkflows()) {
		const imported = await n8n.rest('GET', `/workflows/${example.id}`);
		expect(imported.nodes.map((node) => node.name).sort()).toEqual(
			example.nodes.map((node) => node.name).sort(),
		);
		for (const node of example.nodes.filter((candidate) => candidate.credentials)) {
			const shown = imported.nodes.find((candidate) => candidate.name === node.name);
			expect(shown.credentials).toEqual(node.credentials);
		}
	}
});

test("every example opens in the editor with the pack's nodes installed and drawn", async () => {
	const editor = await Editor.open(n8n.url, OWNER);
	try {
		for (const example of exampleWorkflows()) {
			await editor.openWorkflow(example.id);
			const canvas = await editor.canvasNodes();
			const ours = canvas.filter((node) => node.type.startsWith('CUSTOM.'));
			expect(ours.map((node) => node.name).sort()).toEqual(
				example.nodes
					.filter((node) => node.type.startsWith(`${pack.packageName}.`))
					.map((node) => node.name)
					.sort(),
			);
			for (const node of ours) expect(node.iconLoaded).toBe(true);
		}
	} finally {
		await editor.close();
	}
});
