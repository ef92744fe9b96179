// Lints the nodes' descriptions as n8n's lint would lint hand-written ones. The pack builds its
// descriptions from its NodeDefinitions, so the parameter rules of `n8n-node lint` never see
// them in the source: this writes each built description out as a plain literal, in a node file
// of its own, and lints those with the configuration `n8n-node lint` uses: every version of a
// node with versions. Needs `dist/`.
// `node scripts/lintDescriptions.js` prints the findings and exits 1 on any error.
const fs = require('node:fs');
const path = require('node:path');
const { ESLint } = require('eslint');

const { nodes, versions } = require('../harness/pack');
const manifest = require('../package.json');

const ROOT = path.join(__dirname, '..');
// Inside the project (and ignored by git), so that the lint's imports resolve as in `nodes/`.
const WORKSPACE = path.join(ROOT, '.cache', 'description-lint');
// The keys n8n's rules identify a parameter, an option and a description by, first.
const FIRST_KEYS = ['displayName', 'name', 'type', 'value', 'default'];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A value as TypeScript source, keys as identifiers where they can be. */
function literal(value, indent = '\t', key = undefined) {
	// What the node files write for their connections, as n8n's rules ask.
	if (value === 'main' && (key === 'inputs' || key === 'outputs'))
		return 'NodeConnectionTypes.Main';
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		const inner = value.map((item) => `${indent}\t${literal(item, `${indent}\t`, key)}`);
		return `[\n${inner.join(',\n')},\n${indent}]`;
	}
	if (value !== null && typeof value === 'object') {
		const keys = Object.keys(value).sort(
			(a, b) =>
				(FIRST_KEYS.includes(a) ? FIRST_KEYS.indexOf(a) : FIRST_KEYS.length) -
				(FIRST_KEYS.includes(b) ? FIRST_KEYS.indexOf(b) : FIRST_KEYS.length),
		);
		if (keys.length === 0) return '{}';
		const inner = keys.map(
			(key) =>
				`${indent}\t${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${literal(value[key], `${indent}\t`, key)}`,
		);
		return `{\n${inner.join(',\n')},\n${indent}}`;
	}
	return JSON.stringify(value);
}

// A version kept for saved workflows cannot change. Its successor is what answers this rule
// (Usage Records version 1's eight methods became version 2's one method with a Period).
const RULES_ANSWERED_BY_A_LATER_VERSION = ['@n8n/community-nodes/resource-operation-pattern'];

function nodeFile(nodeType, className) {
	return `import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export class ${className} implements INodeType {
	description: INodeTypeDescription = ${literal(nodeType.description)};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
`;
}

async function main() {
	fs.rmSync(WORKSPACE, { recursive: true, force: true });
	// Each node file where its source is, beside the icons it names.
	fs.cpSync(path.join(ROOT, 'nodes'), path.join(WORKSPACE, 'nodes'), {
		recursive: true,
		filter: (source) => fs.statSync(source).isDirectory() || source.endsWith('.svg'),
	});
	const earlierVersions = [];
	nodes.forEach((node, index) => {
		const source = manifest.n8n.nodes[index].replace(/^dist\//, '').replace(/\.js$/, '.ts');
		const className = node.constructor.name;
		const newest = versions[index][versions[index].length - 1];
		for (const { version, nodeType } of versions[index]) {
			const earlier = version !== newest.version;
			const file = earlier ? source.replace(/\.node\.ts$/, `V${version}.node.ts`) : source;
			fs.writeFileSync(
				path.join(WORKSPACE, file),
				nodeFile(nodeType, earlier ? `${className}V${version}` : className),
			);
			if (earlier) earlierVersions.push(file);
		}
	});
	fs.writeFileSync(
		path.join(WORKSPACE, 'eslint.config.mjs'),
		"export { config as default } from '@n8n/node-cli/eslint';\n",
	);
	const eslint = new ESLint({
		cwd: WORKSPACE,
		overrideConfig: earlierVersions.length
			? [
					{
						files: earlierVersions,
						rules: Object.fromEntries(
							RULES_ANSWERED_BY_A_LATER_VERSION.map((rule) => [rule, 'off']),
						),
					},
				]
			: [],
	});
	const results = await eslint.lintFiles(['nodes/**/*.ts']);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const formatter = await eslint.loadFormatter('stylish');
	const report = await formatter.format(results);
	if (report) console.log(report);
	if (earlierVersions.length)
		console.log(
			`Earlier versions, kept as saved workflows have them, without ${RULES_ANSWERED_BY_A_LATER_VERSION.join(', ')}: ${earlierVersions.join(', ')}.`,
		);
	console.log(
		`Node descriptions as n8n's lint sees them: ${errors} error(s) in ${results.length} nodes.`,
	);
	if (errors > 0) process.exitCode = 1;
}

main()
	.catch((error) => {
		console.error(error);
		process.exitCode = 1;
	})
	// Gone when done: `n8n-node lint` lints the whole project, and would lint these files again.
	.finally(() => fs.rmSync(WORKSPACE, { recursive: true, force: true }));
