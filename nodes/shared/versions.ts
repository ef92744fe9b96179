/**
 * A node with versions (n8n's VersionedNodeType): each version is a NodeDefinition of its own,
 * run by the one runtime. A saved workflow keeps the version it was made with, so a version
 * never changes once released; a node dropped in gets the newest.
 */
import type {
	IExecuteFunctions,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { nodeDescription, nodeMethods, nodeSubtitle, type NodeDefinition } from './model';
import { runNode } from './runtime';

/** What every version of a node shows the same way: its icon, and whether agents may use it. */
export interface NodeLook {
	icon: INodeTypeDescription['icon'];
	usableAsTool: true;
}

/** One version as n8n runs it. */
function nodeVersion(definition: NodeDefinition, look: NodeLook): INodeType {
	const methods = nodeMethods(definition);
	return {
		description: {
			...nodeDescription(definition),
			icon: look.icon,
			subtitle: nodeSubtitle(definition),
			usableAsTool: look.usableAsTool,
		},
		...(methods ? { methods } : {}),
		async execute(this: IExecuteFunctions) {
			return await runNode(this, definition);
		},
	};
}

/**
 * The arguments of VersionedNodeType's constructor: every version, and the description the node
 * panel shows, which is the newest version's.
 */
export function versionedNode(
	versions: readonly NodeDefinition[],
	look: NodeLook,
): [Record<number, INodeType>, INodeTypeBaseDescription] {
	const newest = versions[versions.length - 1];
	return [
		Object.fromEntries(versions.map((version) => [version.version, nodeVersion(version, look)])),
		{
			displayName: newest.displayName,
			name: newest.name,
			icon: look.icon,
			group: ['input'],
			description: newest.description,
			defaultVersion: newest.version,
			usableAsTool: look.usableAsTool,
		},
	];
}
