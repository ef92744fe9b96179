// n8n's Code node, JavaScript "Run Once for All Items" (n8n-nodes-base is not installed for the
// engine tests): the code runs with n8n's own workflow data proxy ($input, $('Node'), $json,
// DateTime, ...), as the real node gives it. The end-to-end suite runs the real node in n8n.
const vm = require('node:vm');

const code = {
	description: {
		displayName: 'Code',
		name: 'n8n-nodes-base.code',
		group: ['transform'],
		version: [1, 2],
		defaults: { name: 'Code' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [{ name: 'Run Once for All Items', value: 'runOnceForAllItems' }],
				default: 'runOnceForAllItems',
			},
			{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' },
		],
	},
	async execute() {
		const jsCode = this.getNodeParameter('jsCode', 0);
		const proxy = this.getWorkflowDataProxy(0);
		const context = vm.createContext({ ...proxy, $: proxy.$, console });
		const returned = await vm.runInContext(`(async () => {\n${jsCode}\n})()`, context);
		const items = (Array.isArray(returned) ? returned : [returned]).map((item) =>
			item && typeof item.json === 'object' ? item : { json: item },
		);
		return [items.map((item) => ({ ...item, pairedItem: item.pairedItem ?? { item: 0 } }))];
	},
};

module.exports = { code };
