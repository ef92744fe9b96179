// What the tests expect, stated from the vendors' documents and the sandbox's own data,
// independently of the pack's code; shared by the engine and end-to-end suites.
const { DateTime } = require('luxon');

/** The fields of a Lumin.ai billing event (docs/vendors.md: the payloads' timestamp/type). */
const EVENT_FIELDS = [
	'id',
	'conversation_id',
	'host_id',
	'host_did',
	'user_did',
	'timestamp',
	'type',
];

/** The fields of an invoice line, in order, as the invoice-lines issue specifies them. */
const INVOICE_LINE_FIELDS = [
	'customer',
	'customer_name',
	'platform',
	'category',
	'description',
	'quantity',
	'unit',
	'amount',
	'currency',
	'period_start',
	'period_end',
	'source',
];

/**
 * What the sandbox's twilio flavour rolls up, each with the categories it holds (its own table,
 * written from the vendors' pages, sandbox/platforms/usageRecords/twilioCatalog.js).
 */
const TWILIO_ROLL_UPS = {
	calls: ['calls-inbound', 'calls-outbound', 'calls-client', 'calls-sip'],
	'calls-inbound': ['calls-inbound-local', 'calls-inbound-tollfree', 'calls-inbound-mobile'],
	sms: ['sms-inbound', 'sms-outbound'],
	'sms-inbound': ['sms-inbound-shortcode', 'sms-inbound-longcode', 'sms-inbound-tollfree'],
	'sms-outbound': ['sms-outbound-shortcode', 'sms-outbound-longcode', 'sms-outbound-tollfree'],
	mms: ['mms-inbound', 'mms-outbound'],
	'mms-inbound': ['mms-inbound-longcode', 'mms-inbound-shortcode'],
	'mms-outbound': ['mms-outbound-longcode', 'mms-outbound-shortcode', 'mms-outbound-tollfree'],
	phonenumbers: ['phonenumbers-tollfree', 'phonenumbers-local', 'phonenumbers-mobile'],
	shortcodes: ['shortcodes-vanity', 'shortcodes-random', 'shortcodes-customerowned'],
};

/** The categories that hold a Twilio roll-up's usage and are no roll-up themselves. */
const twilioLeavesOf = (category) =>
	TWILIO_ROLL_UPS[category] ? TWILIO_ROLL_UPS[category].flatMap(twilioLeavesOf) : [category];

/** Twilio's categories that no other one holds (totalprice aside): its leaf categories. */
const TWILIO_LEAF_CATEGORIES =
	require('../sandbox/platforms/usageRecords/twilioCategories.json').categories.filter(
		(category) => !TWILIO_ROLL_UPS[category] && category !== 'totalprice',
	);

/** The sandbox's IMIASSIST appointments of last month in `zone`, as a usage report lists them. */
function appointmentsOfLastMonth(sandbox, zone) {
	const start = DateTime.now().setZone(zone).startOf('month').minus({ months: 1 });
	const end = start.endOf('month');
	return sandbox.imiassist
		.appointments()
		.filter(
			(appointment) =>
				DateTime.fromISO(appointment.start_time) >= start &&
				DateTime.fromISO(appointment.end_time) <= end,
		)
		.sort(
			(a, b) =>
				a.start_time.localeCompare(b.start_time) ||
				a.appointment_id.localeCompare(b.appointment_id),
		);
}

module.exports = {
	EVENT_FIELDS,
	INVOICE_LINE_FIELDS,
	TWILIO_ROLL_UPS,
	TWILIO_LEAF_CATEGORIES,
	twilioLeavesOf,
	appointmentsOfLastMonth,
};
