// n8n's Schedule Trigger, when a workflow is run by hand: it emits one item with the time, in
// the workflow's time zone, with the fields n8n-nodes-base's node writes (n8n-nodes-base is not
// installed for the engine tests; test/e2e/standIns.e2e.test.js holds this to the real node).
const { DateTime } = require('luxon');

/** English ordinal of a day of the month, as moment's `Do` writes it: 1st, 2nd, 11th, 23rd. */
function ordinal(day) {
	const teen = day % 100 >= 11 && day % 100 <= 13;
	const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th');
	return `${day}${suffix}`;
}

/** The item the real node emits at `at` (a luxon DateTime in the workflow's time zone). */
function scheduleTriggerItem(at) {
	const time = at.toFormat('h:mm:ss a').toLowerCase();
	return {
		timestamp: at.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ"),
		'Readable date': `${at.toFormat('MMMM')} ${ordinal(at.day)} ${at.toFormat('yyyy')}, ${time}`,
		'Readable time': time,
		'Day of week': at.toFormat('cccc'),
		Year: at.toFormat('yyyy'),
		Month: at.toFormat('LLLL'),
		'Day of month': at.toFormat('dd'),
		Hour: at.toFormat('HH'),
		Minute: at.toFormat('mm'),
		Second: at.toFormat('ss'),
		Timezone: `${at.zoneName} (UTC${at.toFormat('ZZ')})`,
	};
}

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
		const at = DateTime.now().setZone(this.getTimezone()).setLocale('en-US');
		return [[{ json: scheduleTriggerItem(at), pairedItem: { item: 0 } }]];
	},
};

module.exports = { scheduleTrigger, scheduleTriggerItem };
