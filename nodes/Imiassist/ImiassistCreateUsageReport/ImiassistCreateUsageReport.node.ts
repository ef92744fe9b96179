import { VersionedNodeType } from 'n8n-workflow';

import type { NodeDefinition } from '../../shared/model';
import { versionedNode } from '../../shared/versions';
import { createUsageReportMethod } from './createUsageReport.method';

const node = {
	name: 'imiassistCreateUsageReport',
	displayName: 'IMIASSIST Create Usage Report',
	description:
		'Create usage reports of video minutes, translation minutes and billable SMS and e-mails',
	platforms: ['imiassist'],
} as const;

/**
 * Version 2 starts with Last Month instead of a Custom period whose empty bounds send no start or
 * end, so that a node dropped in reports one month.
 */
export const imiassistCreateUsageReportVersions: NodeDefinition[] = ([1, 2] as const).map(
	(version) => ({ ...node, version, methods: [createUsageReportMethod(version)] }),
);

export class ImiassistCreateUsageReport extends VersionedNodeType {
	constructor() {
		super(
			...versionedNode(imiassistCreateUsageReportVersions, {
				icon: { light: 'file:../imiassist.svg', dark: 'file:../imiassist.dark.svg' },
				usableAsTool: true,
			}),
		);
	}
}
