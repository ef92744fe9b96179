import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, nodeSubtitle, type NodeDefinition } from '../../shared/model';
import { runNode } from '../../shared/runtime';
import { getBillingEvents } from './getBillingEvents.method';

export const luminBillingEvents: NodeDefinition = {
	platforms: ['lumin'],
	methods: [getBillingEvents],
};

export class LuminBillingEvents implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lumin.ai Billing Events',
		name: 'luminBillingEvents',
		icon: { light: 'file:lumin.svg', dark: 'file:lumin.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: nodeSubtitle(luminBillingEvents),
		description: 'Get billable appointment events from the Lumin.ai Billing API, for invoicing',
		defaults: { name: 'Lumin.ai Billing Events' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		credentials: [{ name: 'commsBillingApi', required: true }],
		properties: nodeProperties(luminBillingEvents),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, luminBillingEvents);
	}
}
