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

module.exports = { EVENT_FIELDS, INVOICE_LINE_FIELDS, appointmentsOfLastMonth };
