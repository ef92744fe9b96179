import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { nodeDescription, nodeSubtitle, type NodeDefinition } from '../../shared/model';
import { runNode } from '../../shared/runtime';
import { getAiUsage } from './getAiUsage.method';

export const evoVoiceAiUsage: NodeDefinition = {
	name: 'evoVoiceAiUsage',
	version: 1,
	displayName: 'Evo Voice AI Usage',
	description: 'Get AI voice minutes per account and customer from Evo Voice, for billing',
	platforms: ['evoVoice'],
	methods: [getAiUsage],
};

export class EvoVoiceAiUsage implements INodeType {
	description: INodeTypeDescription = {
		...nodeDescription(evoVoiceAiUsage),
		icon: { light: 'file:../evoVoice.svg', dark: 'file:../evoVoice.dark.svg' },
		subtitle: nodeSubtitle(evoVoiceAiUsage),
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, evoVoiceAiUsage);
	}
}
