import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeMethods, nodeProperties } from '../shared/model';
import { CREDENTIAL_TYPE } from '../shared/request';
import { triggerMethodInputs, type TriggerDefinition } from '../shared/trigger';
import { runPoll } from '../shared/triggerPoll';
import { evoVoiceAiMinutes } from './evoVoiceAiMinutes.method';
import { luminEvents } from './luminEvents.method';
import { usageRecords } from './usageRecords.method';

export const commsUsageTrigger: TriggerDefinition = {
	name: 'commsUsageTrigger',
	version: 1,
	displayName: 'Comms Usage Trigger',
	description: "Starts the workflow when a period's usage first reaches a threshold",
	methods: [usageRecords, evoVoiceAiMinutes, luminEvents],
};

// What the editor shows of each method: its own inputs and the trigger's.
const watchChoices = commsUsageTrigger.methods.map((method) => ({
	...method,
	inputs: triggerMethodInputs(method),
}));

export class CommsUsageTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: commsUsageTrigger.displayName,
		name: commsUsageTrigger.name,
		icon: { light: 'file:commsUsage.svg', dark: 'file:commsUsage.dark.svg' },
		group: ['trigger'],
		version: commsUsageTrigger.version,
		description: commsUsageTrigger.description,
		subtitle: '={{ $parameter["threshold"] + " " + $parameter["recurrence"] }}',
		defaults: { name: commsUsageTrigger.displayName },
		// n8n polls it at the times set in the editor ("Poll Times").
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		// The editor names the choice of method "Watch": what the trigger watches.
		properties: nodeProperties({ name: commsUsageTrigger.name, methods: watchChoices }, 'Watch'),
	};

	methods = nodeMethods({ methods: watchChoices });

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runPoll(this, commsUsageTrigger);
	}
}
