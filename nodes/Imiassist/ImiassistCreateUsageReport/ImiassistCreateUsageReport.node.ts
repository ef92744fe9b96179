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
import { createUsageReport } from './createUsageReport.method';

export const imiassistCreateUsageReport: NodeDefinition = {
	name: 'imiassistCreateUsageReport',
	version: 1,
	displayName: 'IMIASSIST Create Usage Report',
	description:
		'Create usage reports of video minutes, translation minutes and billable SMS and e-mails',
	platforms: ['imiassist'],
	methods: [createUsageReport],
};

export class ImiassistCreateUsageReport implements INodeType {
	description: INodeTypeDescription = {
		...nodeDescription(imiassistCreateUsageReport),
		icon: { light: 'file:../imiassist.svg', dark: 'file:../imiassist.dark.svg' },
		subtitle: nodeSubtitle(imiassistCreateUsageReport),
		usableAsTool: true,
	};

	methods = nodeMethods(imiassistCreateUsageReport);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, imiassistCreateUsageReport);
	}
}
