import { VersionedNodeType } from 'n8n-workflow';

import type { NodeDefinition } from '../../shared/model';
import { versionedNode } from '../../shared/versions';
import { searchAccounts } from '../accounts';
import { getUsageRecords } from './getUsageRecords.method';
import { usageRecordsMethods } from './usageRecords.method';

const node = {
	name: 'restcommUsageRecords',
	displayName: 'Restcomm / Twilio Usage Records',
	description:
		'Get usage records per category from Restcomm or a Twilio-compatible API, for billing',
	platforms: ['restcomm', 'twilio'],
	requestsInParallel: true,
} as const;

/**
 * Version 1: one method per time window, as saved workflows have it. Version 2: one method, the
 * window a Period, reading last month's leaf categories when dropped in; the account chosen from
 * a list.
 */
export const restcommUsageRecordsVersions: NodeDefinition[] = [
	{ ...node, version: 1, methods: usageRecordsMethods },
	{ ...node, version: 2, methods: [getUsageRecords], listSearch: { searchAccounts } },
];

export class RestcommUsageRecords extends VersionedNodeType {
	constructor() {
		super(
			...versionedNode(restcommUsageRecordsVersions, {
				icon: { light: 'file:../restcomm.svg', dark: 'file:../restcomm.dark.svg' },
				usableAsTool: true,
			}),
		);
	}
}
