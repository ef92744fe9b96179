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

/** @type {Array<import('n8n-workflow').INodeType | import('n8n-workflow').IVersionedNodeType>} */
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
 * @param {unknown} value
 * @returns {value is NodeDefinition[]}
 */
const isDefinitionList = (value) =>
	Array.isArray(value) && value.length > 0 && value.every(isDefinition);

/**
 * @typedef {object} NodeVersion
 * @property {number} version
 * @property {import('n8n-workflow').INodeType} nodeType what n8n runs for this version
 * @property {NodeDefinition | TriggerDefinition | undefined} definition what the node file
 *   exports next to its class (none for Rate Lines, which talks to no platform)
 */

/**
 * Each node's versions, oldest first, in the same order as `nodes`. A node with versions exports
 * a list of NodeDefinitions, one per version; any other node, one definition.
 * @type {NodeVersion[][]}
 */
const versions = modules(manifest.n8n.nodes).map((exported, index) => {
	const node = nodes[index];
	if ('nodeVersions' in node) {
		const listed = /** @type {NodeDefinition[] | undefined} */ (exported.find(isDefinitionList));
		// Rate Lines talks to no platform: its versions have no definitions.
		if (!listed)
			return Object.entries(node.nodeVersions).map(([version, nodeType]) => ({
				version: Number(version),
				nodeType,
				definition: undefined,
			}));
		return listed.map((definition) => ({
			version: definition.version,
			nodeType: node.nodeVersions[definition.version],
			definition,
		}));
	}
	const { version } = node.description;
	return [
		{
			version: Array.isArray(version) ? Math.max(...version) : version,
			nodeType: node,
			definition: exported.find(isDefinition),
		},
	];
});

/** Each node's newest version as n8n offers it in the node panel, in the same order as `nodes`. */
const newest = versions.map((list) => list[list.length - 1]);

/** The newest version's definition of each node, in the same order as `nodes`. */
const definitions = newest.map(({ definition }) => definition);

/**
 * What n8n runs for the node named `name` (e.g. `luminBillingEvents`) at `version`, or at its
 * newest version.
 * @param {string} name
 * @param {number} [version]
 * @returns {import('n8n-workflow').INodeType}
 */
function nodeTypeOf(name, version) {
	const index = nodes.findIndex((node) => node.description.name === name);
	if (index < 0) throw new Error(`The pack has no node ${name}`);
	const found = versions[index].find((one) => version === undefined || one.version === version);
	if (!found) throw new Error(`${name} has no version ${version}`);
	return version === undefined ? newest[index].nodeType : found.nodeType;
}

module.exports = {
	packageName: manifest.name,
	nodes,
	credentials,
	versions,
	newest,
	definitions,
	nodeTypeOf,
};
