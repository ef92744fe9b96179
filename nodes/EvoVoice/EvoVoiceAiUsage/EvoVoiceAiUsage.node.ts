import { VersionedNodeType } from 'n8n-workflow';

import type { NodeDefinition } from '../../shared/model';
import { versionedNode } from '../../shared/versions';
import { getAiUsageMethod } from './getAiUsage.method';

const node = {
	name: 'evoVoiceAiUsage',
	displayName: 'Evo Voice AI Usage',
	description: 'Get AI voice minutes per account and customer from Evo Voice, for billing',
	platforms: ['evoVoice'],
	requestsInParallel: true,
} as const;

/**
 * Version 2 starts with Last Month instead of a Custom period whose dates are still empty, and
 * offers Return All / Limit for rows. Version 3 starts with Output Rows instead of Response.
 */
export const evoVoiceAiUsageVersions: NodeDefinition[] = ([1, 2, 3] as const).map((version) => ({
	...node,
	version,
	methods: [getAiUsageMethod(version)],
}));

export class EvoVoiceAiUsage extends VersionedNodeType {
	constructor() {
		super(
			...versionedNode(evoVoiceAiUsageVersions, {
				icon: { light: 'file:../evoVoice.svg', dark: 'file:../evoVoice.dark.svg' },
				usableAsTool: true,
			}),
		);
	}
}
