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
import { scheduleAppointment } from './scheduleAppointment.method';

export const imiassistCreateAppointment: NodeDefinition = {
	name: 'imiassistCreateAppointment',
	version: 1,
	displayName: 'IMIASSIST Create Appointment',
	description: 'Schedule video appointments in IMIASSIST',
	platforms: ['imiassist'],
	methods: [scheduleAppointment],
};

export class ImiassistCreateAppointment implements INodeType {
	description: INodeTypeDescription = {
		...nodeDescription(imiassistCreateAppointment),
		icon: { light: 'file:../imiassist.svg', dark: 'file:../imiassist.dark.svg' },
		subtitle: nodeSubtitle(imiassistCreateAppointment),
		usableAsTool: true,
	};

	methods = nodeMethods(imiassistCreateAppointment);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runNode(this, imiassistCreateAppointment);
	}
}
