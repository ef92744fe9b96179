// n8n's Sticky Note (n8n-nodes-base is not installed here): a note on the canvas, which n8n never
// runs; the examples carry one saying what to change.
const stickyNote = {
	description: {
		displayName: 'Sticky Note',
		name: 'n8n-nodes-base.stickyNote',
		group: ['input'],
		version: 1,
		defaults: { name: 'Sticky Note' },
		inputs: [],
		outputs: [],
		properties: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			{ displayName: 'Height', name: 'height', type: 'number', default: 160 },
			{ displayName: 'Width', name: 'width', type: 'number', default: 240 },
			{ displayName: 'Color', name: 'color', type: 'number', default: 1 },
		],
	},
};

module.exports = { stickyNote };
