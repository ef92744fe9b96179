// The pack as n8n loads it: the node and credential classes that package.json's n8n block lists.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifest = require('../package.json');

/** @typedef {import('../nodes/shared/model').NodeDefinition} NodeDefinition */
/** @typedef {import('../nodes/shared/trigger').TriggerDefinition} TriggerDefinition */

/** @param {readonly string[]} files */
const modules = (files) =>
	files.map((file) => /** @type {unknown[]} */ (Object.values(require(path.join(root, file)))));

/**
 * Each file's class, as n8n instantiates it.
 * @template T what the classes are (n8n's INodeType or ICredentialType)
 * @param {readonly string[]} files
 * @returns {T[]}
 */
const instances = (files) =>
	modules(files).map((exported) => {
		const Class = /** @type {new () => T} */ (
			exported.find((value) => typeof value === 'function')
		);
		return new Class();
	});

/** @type {import('n8n-workflow').INodeType[]} */
const nodes = instances(manifest.n8n.nodes);
/** @type {import('n8n-workflow').ICredentialType[]} */
const credentials = instances(manifest.n8n.credentials);

/**
 * @param {unknown} value
 * @returns {value is NodeDefinition | TriggerDefinition}
 */
const isDefinition = (value) =>
	typeof value === 'object' && value !== null && 'methods' in value && Array.isArray(value.methods);

/**
 * The NodeDefinition (or the trigger's TriggerDefinition) each
 * node file exports next to its class, in the same order as `nodes`.
 */
const definitions = modules(manifest.n8n.nodes).map((exported) => exported.find(isDefinition));

module.exports = { packageName: manifest.name, nodes, credentials, definitions };
