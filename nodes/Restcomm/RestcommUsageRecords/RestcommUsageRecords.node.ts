import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { nodeDescription, nodeSubtitle, type NodeDefinition } from '../../shared/model';
import { runNode } from '../../shared/runtime';
import { usageRecordsMethods } from './usageRecords.method';

export const restcommUsageRecords: NodeDefinition = {
	name: 'restcommUsageRecords',
	version: 1,
	displayName: 'Restcomm Usage Records',
	description:
		'Get usage records per category from Restcomm or a Twilio-compatible API, for billing',
	platforms: ['restcomm', 'twilio'],
	methods: usageRecordsMethods,
};

export class RestcommUsageRecords implements INodeType {
	description: INodeTypeDescription = {
		...nodeDescription(restcommUsageRecords),
		icon: { light: 'file:../restcomm.svg', dark: 'file:../restcomm.dark.svg' },
		subtitle: nodeSubtitle(restcommUsageRecords),
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, restcommUsageRecords);
	}
}
