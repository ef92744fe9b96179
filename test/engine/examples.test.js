// The examples as a user imports them: each names its credentials by type and name, never by an
// id of ours, so that n8n's import links a credential of that name where there is one (the
// sandbox's, after `npm run dev`) and otherwise asks for one; a sticky note says what to change;
// the README links each.
const { describe, expect, test } = require('@jest/globals');
const fs = require('node:fs');
const path = require('node:path');

const { exampleWorkflows, sandboxCredentials } = require('../../harness/fixtures');
const { useSandbox } = require('./engineRun');

/** @type {any} */
let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

const EXAMPLES = path.join(__dirname, '../../examples');
const examples = () =>
	fs
		.readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')),
		}));

describe.each(examples())('examples/$file', ({ file, workflow }) => {
	test('names each credential by type and name, with no id', () => {
		const named = workflow.nodes.flatMap((node) =>
			Object.entries(node.credentials ?? {}).map(([type, credential]) => ({ type, credential })),
		);
		for (const { type, credential } of named) {
			expect(credential).toEqual({ id: null, name: expect.any(String) });
			// Exactly one sandbox credential of that type and name: what n8n's import links.
			const matching = sandboxCredentials(sandbox).filter(
				(stored) => stored.type === type && stored.name === credential.name,
			);
			expect(matching).toHaveLength(1);
		}
	});

	test('carries a sticky note that says what to change, the credentials first', () => {
		const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
		expect(notes).toHaveLength(1);
		const { content } = notes[0].parameters;
		expect(content).toMatch(/\*\*Change/);
		const changes = content.split('\n').filter((line) => line.startsWith('- '));
		expect(changes[0]).toMatch(/^- \*\*Credentials?\*\*: /);
	});

	test('is linked from the README', () => {
		const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
		expect(readme).toContain(`](examples/${file})`);
	});
});

test('the examples are the workflows the harness loads', () => {
	expect(
		exampleWorkflows()
			.map((workflow) => workflow.id)
			.sort(),
	).toEqual(
		examples()
			.map(({ workflow }) => workflow.id)
			.sort(),
	);
});
