import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { nodeDescription, nodeSubtitle, type NodeDefinition } from '../../shared/model';
import { runNode } from '../../shared/runtime';
import { getBillingEvents } from './getBillingEvents.method';

export const luminBillingEvents: NodeDefinition = {
	name: 'luminBillingEvents',
	version: 1,
	displayName: 'Lumin.ai Billing Events',
	description: 'Get billable appointment events from the Lumin.ai Billing API, for invoicing',
	platforms: ['lumin'],
	methods: [getBillingEvents],
};

export class LuminBillingEvents implements INodeType {
	description: INodeTypeDescription = {
		...nodeDescription(luminBillingEvents),
		icon: { light: 'file:../lumin.svg', dark: 'file:../lumin.dark.svg' },
		subtitle: nodeSubtitle(luminBillingEvents),
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, luminBillingEvents);
	}
}
