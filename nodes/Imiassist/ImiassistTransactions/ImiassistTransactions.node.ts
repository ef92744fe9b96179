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
import { getTransaction } from './getTransaction.method';

export const imiassistTransactions: NodeDefinition = {
	name: 'imiassistTransactions',
	version: 1,
	displayName: 'IMIASSIST Transactions',
	description: 'Get the status of IMIASSIST transactions and download their usage reports',
	platforms: ['imiassist'],
	methods: [getTransaction],
	requestsInParallel: true,
};

export class ImiassistTransactions implements INodeType {
	description: INodeTypeDescription = {
		...nodeDescription(imiassistTransactions),
		icon: { light: 'file:../imiassist.svg', dark: 'file:../imiassist.dark.svg' },
		subtitle: nodeSubtitle(imiassistTransactions),
		usableAsTool: true,
	};

	methods = nodeMethods(imiassistTransactions);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, imiassistTransactions);
	}
}
