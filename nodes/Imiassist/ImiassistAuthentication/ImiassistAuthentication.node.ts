import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	nodeDescription,
	nodeMethods,
	nodeSubtitle,
	type NodeDefinition,
} from '../../shared/model';
import { runNode } from '../../shared/runtime';
import { authenticate } from './authenticate.method';
import { getNewToken } from './getNewToken.method';

export const imiassistAuthentication: NodeDefinition = {
	name: 'imiassistAuthentication',
	version: 1,
	displayName: 'IMIASSIST Authentication',
	description: 'Log in to IMIASSIST and get the API key and token the other IMIASSIST nodes need',
	platforms: ['imiassist'],
	methods: [authenticate, getNewToken],
};

export class ImiassistAuthentication implements INodeType {
	description: INodeTypeDescription = {
		...nodeDescription(imiassistAuthentication),
		icon: { light: 'file:../imiassist.svg', dark: 'file:../imiassist.dark.svg' },
		subtitle: nodeSubtitle(imiassistAuthentication),
		usableAsTool: true,
	};

	methods = nodeMethods(imiassistAuthentication);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, imiassistAuthentication);
	}
}
