import { VersionedNodeType } from 'n8n-workflow';

import type { NodeDefinition } from '../../shared/model';
import { versionedNode } from '../../shared/versions';
import { getBillingEventsMethod } from './getBillingEvents.method';

const node = {
	name: 'luminBillingEvents',
	displayName: 'Lumin.ai Billing Events',
	description: 'Get billable appointment events from the Lumin.ai Billing API, for invoicing',
	platforms: ['lumin'],
} as const;

/**
 * Version 2 starts with Last Month instead of a Custom period whose dates are still empty, and
 * with Return All on.
 */
export const luminBillingEventsVersions: NodeDefinition[] = ([1, 2] as const).map((version) => ({
	...node,
	version,
	methods: [getBillingEventsMethod(version)],
}));

export class LuminBillingEvents extends VersionedNodeType {
	constructor() {
		super(
			...versionedNode(luminBillingEventsVersions, {
				icon: { light: 'file:../lumin.svg', dark: 'file:../lumin.dark.svg' },
				usableAsTool: true,
			}),
		);
	}
}
