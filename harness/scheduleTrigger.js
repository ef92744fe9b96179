// n8n's Schedule Trigger, when a workflow is run by hand: it emits one item with the time
// (n8n-nodes-base is not installed for the engine tests; the e2e suite runs the real node).
const scheduleTrigger = {
	description: {
		displayName: 'Schedule Trigger',
		name: 'n8n-nodes-base.scheduleTrigger',
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2],
		defaults: { name: 'Schedule Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Rule', name: 'rule', type: 'json', default: {} }],
	},
	async execute() {
		const now = new Date();
		return [
			[
				{
					json: { timestamp: now.toISOString(), 'Readable date': now.toUTCString() },
					pairedItem: { item: 0 },
				},
			],
		];
	},
};

module.exports = { scheduleTrigger };
