// The floor of `npm run bench` for the job of Twilio-compatible Usage Records, Daily, every
// category: the least a community node may do for it, to measure the pack against. Every page
// through n8n's request helper, the credential decrypted once, one item per usage record with the
// fields of the pack's records (usage, count and price as numbers), and no check of anything.
// Loaded into the benchmark's n8n only, never packed.
const { credentialRequests, floorDescription, itemOf } = require('./floorNode');

// As Usage Records 2 gives a record (nodes/Restcomm/usageRecord.ts), in its order.
const RECORD_FIELDS = [
	'category',
	'description',
	'account_sid',
	'start_date',
	'end_date',
	'usage',
	'usage_unit',
	'count',
	'count_unit',
	'price',
	'price_unit',
	'uri',
	'as_of',
	'subresource_uris',
];

class TwilioFloor {
	constructor() {
		this.description = floorDescription({
			displayName: 'Twilio-compatible Floor',
			name: 'twilioFloor',
			description: "The benchmark's floor for Twilio-compatible Usage Records, Daily",
			properties: [
				{ displayName: 'Start Date', name: 'startDate', type: 'string', default: '' },
				{ displayName: 'End Date', name: 'endDate', type: 'string', default: '' },
			],
		});
	}

	async execute() {
		const { data, request } = await credentialRequests(this);
		// next_page_uri starts at the API version: it follows the Base URL's origin and path.
		const { origin, pathname } = new URL(data.baseUrl);
		const apiRoot = `${origin}${pathname.replace(/\/$/, '')}`;
		const startDate = this.getNodeParameter('startDate', 0);
		const endDate = this.getNodeParameter('endDate', 0);
		const records = [];
		let url = `${apiRoot}/2010-04-01/Accounts/${data.accountSid}/Usage/Records/Daily.json?StartDate=${startDate}&EndDate=${endDate}&PageSize=1000`;
		while (url) {
			const page = await request({ method: 'GET', url });
			for (const record of page.usage_records) {
				const item = itemOf(record, RECORD_FIELDS);
				item.json.usage = Number(record.usage);
				item.json.count = Number(record.count);
				item.json.price = Number(record.price);
				records.push(item);
			}
			url = page.next_page_uri ? `${apiRoot}${page.next_page_uri}` : undefined;
		}
		return [records];
	}
}

module.exports = { TwilioFloor };
