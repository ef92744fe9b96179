// The floor of `npm run bench` for the job of Lumin.ai Billing Events: the least a community node
// may do for it, to measure the pack against. Every page through n8n's request helper, the
// credential decrypted once, one item per event with the pack's fields (or, for Summary, a count
// per host and type), and no check of anything. Loaded into the benchmark's n8n only, never
// packed.
const { credentialRequests, floorDescription, itemOf } = require('./floorNode');

const EVENT_FIELDS = [
	'id',
	'conversation_id',
	'host_id',
	'host_did',
	'user_did',
	'timestamp',
	'type',
];

class LuminFloor {
	constructor() {
		this.description = floorDescription({
			displayName: 'Lumin.ai Floor',
			name: 'luminFloor',
			description: "The benchmark's floor for Lumin.ai Billing Events",
			properties: [
				{ displayName: 'Request Body', name: 'body', type: 'json', default: '{}' },
				{ displayName: 'Summary', name: 'summary', type: 'boolean', default: false },
			],
		});
	}

	async execute() {
		const { data, request } = await credentialRequests(this);
		const body = JSON.parse(this.getNodeParameter('body', 0));
		const summary = this.getNodeParameter('summary', 0);
		const events = [];
		const counts = new Map();
		let token;
		do {
			const page = await request({
				method: 'POST',
				url: data.baseUrl,
				body: token === undefined ? body : { ...body, start_token: token },
			});
			for (const event of page.items) {
				if (summary) {
					const key = `${event.host_id}\n${event.type}`;
					counts.set(key, (counts.get(key) ?? 0) + 1);
				} else {
					events.push(itemOf(event, EVENT_FIELDS));
				}
			}
			token = page.next_token ?? undefined;
		} while (token !== undefined);
		if (!summary) return [events];
		return [
			[...counts].map(([key, count]) => {
				const [host_id, type] = key.split('\n');
				return { json: { host_id, type, count } };
			}),
		];
	}
}

module.exports = { LuminFloor };
