// What a run of each example must give, checked against the sandbox's own data; shared by the
// end-to-end suite (one n8n process) and the queue-mode suite (workers), which assert the same.
const { DateTime } = require('luxon');

const { INVOICE_LINE_FIELDS, appointmentsOfLastMonth } = require('./expectations');

const requestsUnder = (sandbox, prefix) =>
	sandbox.requests.filter((entry) => entry.path.startsWith(prefix));

/** The Lumin.ai summary example: last month in Los Angeles, counted per host and type. */
function expectLuminSummary(result, sandbox) {
	const [success, failure] = result.outputs('Lumin.ai Billing Events');
	expect(failure).toEqual([]);

	const now = DateTime.now().setZone('America/Los_Angeles');
	const start = now.startOf('month').minus({ months: 1 });
	const end = start.endOf('month');
	const expected = new Map();
	for (const event of sandbox.lumin.events()) {
		const at = DateTime.fromISO(event.timestamp);
		if (
			!['billing.scheduled', 'billing.rescheduled'].includes(event.type) ||
			at < start ||
			at > end
		)
			continue;
		const key = `${event.host_id}|${event.type}`;
		expected.set(key, (expected.get(key) ?? 0) + 1);
	}
	expect(expected.size).toBeGreaterThan(0);
	for (const item of success) expect(Object.keys(item.json)).toEqual(['host_id', 'type', 'count']);
	expect(new Map(success.map(({ json }) => [`${json.host_id}|${json.type}`, json.count]))).toEqual(
		expected,
	);
	expect(requestsUnder(sandbox, '/lumin')[0].body.start).toBe(
		start.toISO({ suppressMilliseconds: true }),
	);
}

/** Report-then-poll: the report polled until COMPLETED, its CSV read by Extract from File. */
function expectReportThenPoll(result, sandbox) {
	const [[transaction]] = result.outputs('Wait for the Report');
	expect(transaction.json.status).toBe('COMPLETED');
	expect(Object.keys(transaction.binary).sort()).toEqual(['detailed', 'summary']);
	expect(transaction.binary.detailed).toMatchObject({ mimeType: 'text/csv' });

	const expected = appointmentsOfLastMonth(sandbox, 'Europe/London')
		.map((appointment) => appointment.appointment_id)
		.sort();
	const [rows] = result.outputs('Appointments in the Report');
	expect(rows.map((row) => row.json.appointment_id).sort()).toEqual(expected);
	expect(requestsUnder(sandbox, '/imiassist/api/v1/transactions').length).toBeGreaterThanOrEqual(3);
}

/** The monthly billing example's invoice lines, after checking every usage node's Failure is empty. */
function monthlyBillingLines(result) {
	for (const node of ['AI Usage', 'Usage Records', 'Billing Events'])
		expect(result.outputs(node)[1]).toEqual([]);
	const [lines] = result.outputs('Invoice Lines');
	for (const { json } of lines) {
		expect(Object.keys(json)).toEqual(INVOICE_LINE_FIELDS);
		expect(typeof json.quantity).toBe('number');
	}
	return lines.map(({ json }) => json);
}

const sum = (lines, field) => lines.reduce((total, line) => total + line[field], 0);

/**
 * The monthly billing example's Rate Lines: every invoice line priced once, in one invoice per
 * customer and period, each subtotal the exact sum of its lines' sell amounts (in cents).
 */
function expectCustomersPriced(result, lines) {
	const [invoices, failure] = result.outputs('What Each Customer Pays');
	expect(failure).toEqual([]);
	const priced = invoices.flatMap(({ json }) => json.lines);
	expect(priced.filter((line) => line.category !== 'minimum')).toHaveLength(lines.length);
	expect(new Set(invoices.map(({ json }) => json.customer))).toEqual(
		new Set(lines.map((line) => line.customer)),
	);
	const cents = (amount) => Math.round(amount * 100);
	for (const { json } of invoices) {
		expect(json.subtotals).toEqual([{ currency: 'USD', amount: expect.any(Number) }]);
		expect(cents(json.subtotals[0].amount)).toBe(
			json.lines.reduce((total, line) => total + cents(line.sell_amount), 0),
		);
	}
}

/**
 * Monthly billing on the Restcomm credential: each platform's lines add up to its month in the
 * sandbox. `requests` are the sandbox requests of this one run.
 */
function expectMonthlyBilling(lines, sandbox, requests = sandbox.requests) {
	const ofPlatform = (platform) => lines.filter((line) => line.platform === platform);
	expect([...new Set(lines.map((line) => line.platform))].sort()).toEqual([
		'Evo Voice',
		'Lumin.ai',
		'Restcomm',
	]);
	const start = DateTime.now().setZone('America/Los_Angeles').startOf('month').minus({ months: 1 });
	const end = start.endOf('month');
	// The month, beside the checks of its last day's reading (endDateReading.ts).
	const evoQueries = requests
		.filter((entry) => entry.path.startsWith('/evovoice'))
		.map((entry) => entry.query);
	expect(evoQueries).toContainEqual({ startDate: start.toISODate(), endDate: end.toISODate() });

	// Evo Voice: the month's AI minutes of every customer, as the sandbox generated them.
	const aiMinutes = sandbox.evoVoice
		.dailyUsage()
		.filter((day) => day.date >= start.toISODate() && day.date <= end.toISODate());
	expect(sum(ofPlatform('Evo Voice'), 'quantity')).toBeCloseTo(sum(aiMinutes, 'aiMinutes'), 2);
	// Lumin.ai: the month's billable events of the two types, in the workflow's time zone.
	const events = [...sandbox.lumin.events()].filter((event) => {
		const at = DateTime.fromISO(event.timestamp);
		return (
			at >= start && at <= end && ['billing.scheduled', 'billing.rescheduled'].includes(event.type)
		);
	});
	expect(sum(ofPlatform('Lumin.ai'), 'quantity')).toBe(events.length);
	// Restcomm-Connect computes calls and sms: the lines are those, each once.
	expect(ofPlatform('Restcomm').map((line) => line.category)).toEqual(['calls', 'sms']);
	expect(
		requests
			.filter((entry) => entry.path.startsWith('/restcomm/') && entry.path.includes('/Usage/'))
			.map((entry) => entry.query.Category),
	).toEqual(['CALLS', 'SMS']);
}

module.exports = {
	expectLuminSummary,
	expectReportThenPoll,
	monthlyBillingLines,
	expectMonthlyBilling,
	expectCustomersPriced,
	sum,
};
