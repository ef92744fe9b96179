// The pack as n8n loads it: the node and credential classes that package.json's n8n block lists.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifest = require(path.join(root, 'package.json'));

const modules = (files) => files.map((file) => Object.values(require(path.join(root, file))));

/** Each file's class, as n8n instantiates it. */
const instances = (files) =>
	modules(files).map((exported) => {
		const Class = exported.find((value) => typeof value === 'function');
		return new Class();
	});

const nodes = instances(manifest.n8n.nodes);
const credentials = instances(manifest.n8n.credentials);
/**
 * The NodeDefinition (or the trigger's TriggerDefinition) each
 * node file exports next to its class, in the same order as `nodes`.
 */
const definitions = modules(manifest.n8n.nodes).map((exported) =>
	exported.find((value) => value && Array.isArray(value.methods)),
);

module.exports = { packageName: manifest.name, nodes, credentials, definitions };
