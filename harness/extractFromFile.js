// n8n's Extract from File, CSV operation only (n8n-nodes-base is not installed for the engine
// tests): one item per row, keyed by the header row, values as text, like n8n's own node.
// The end-to-end suite runs the real node in n8n.

/** Rows of an RFC 4180 text: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') {
				field += '"';
				index++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[index + 1] === '\n') index++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || row.length) rows.push([...row, field]);
	return rows;
}

const extractFromFile = {
	description: {
		displayName: 'Extract from File',
		name: 'n8n-nodes-base.extractFromFile',
		group: ['input'],
		version: [1, 1.1],
		defaults: { name: 'Extract from File' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				options: [{ name: 'CSV', value: 'csv' }],
				default: 'csv',
			},
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
			},
		],
	},
	async execute() {
		const output = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const property = this.getNodeParameter('binaryPropertyName', itemIndex);
			const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
			const [header, ...rows] = parseCsv(buffer.toString('utf8'));
			for (const row of rows) {
				output.push({
					json: Object.fromEntries(header.map((name, column) => [name, row[column] ?? ''])),
					pairedItem: { item: itemIndex },
				});
			}
		}
		return [output];
	},
};

module.exports = { extractFromFile, parseCsv };
