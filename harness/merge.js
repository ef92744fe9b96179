// n8n's Merge node, Append mode (n8n-nodes-base is not installed for the engine tests; the e2e
// suite runs the real node): the items of input 1, then of input 2, and so on, as they came.
const merge = {
	description: {
		displayName: 'Merge',
		name: 'n8n-nodes-base.merge',
		group: ['transform'],
		version: [3, 3.1, 3.2],
		defaults: { name: 'Merge' },
		// As the real node: as many inputs as Number of Inputs, and data on any one suffices.
		inputs: `={{ Array.from({ length: $parameter.numberInputs || 2 }, (_, i) => ({ type: 'main', displayName: 'Input ' + (i + 1) })) }}`,
		requiredInputs: 1,
		outputs: ['main'],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [{ name: 'Append', value: 'append' }],
				default: 'append',
			},
			{ displayName: 'Number of Inputs', name: 'numberInputs', type: 'number', default: 2 },
		],
	},
	async execute() {
		const inputs = this.getNodeParameter('numberInputs', 0);
		const items = [];
		for (let input = 0; input < inputs; input++) items.push(...(this.getInputData(input) ?? []));
		return [items];
	},
};

module.exports = { merge };
