// `npm start`: the main jobs on the built-in sandbox, no vendor account needed. Starts the
// sandbox and runs the example workflows through n8n's engine: the monthly billing invoice lines
// and what each customer pays, the Lumin.ai billing summary for last month, then IMIASSIST's
// report-then-poll; prints the results.
const { startSandbox } = require('../sandbox');
const { runWorkflow } = require('../harness/engine');
const { credentialValues } = require('../harness/fixtures');
const luminSummary = require('../examples/lumin-billing-summary.json');
const reportThenPoll = require('../examples/report-then-poll.json');
const monthlyBilling = require('../examples/monthly-billing.json');
const { INVOICE_LINE_FIELDS } = require('../dist/nodes/shared/invoiceLines');
const { addDecimals, decimalToString, readDecimal, ZERO } = require('../dist/nodes/shared/decimal');
const { formatMoney, toMinorUnit } = require('../dist/nodes/shared/currencies');

function printTable(rows, columns) {
	const widths = columns.map((column) =>
		Math.max(column.length, ...rows.map((row) => String(row[column] ?? '').length)),
	);
	const line = (values) =>
		values.map((value, index) => String(value ?? '').padEnd(widths[index])).join('  ');
	console.log(line(columns));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	rows.forEach((row) => console.log(line(columns.map((column) => row[column]))));
}

/**
 * The lines' totals per platform and currency (quantities per unit), added exactly: money is shown rounded to the
 * currency's minor unit (the lines keep the vendor's precision). `zoneOf(platform)` says in which
 * time zone the platform's period was read.
 */
function totalsOf(lines, zoneOf) {
	const totals = new Map();
	for (const line of lines) {
		const key = `${line.platform}|${line.currency ?? ''}`;
		const total = totals.get(key) ?? { amount: ZERO, quantities: new Map(), lines: 0 };
		const quantity = total.quantities.get(line.unit) ?? ZERO;
		total.quantities.set(line.unit, addDecimals(quantity, readDecimal(line.quantity)));
		total.amount = addDecimals(total.amount, readDecimal(line.amount ?? 0));
		total.lines += 1;
		totals.set(key, total);
	}
	return [...totals].map(([key, total]) => {
		const [platform, currency] = key.split('|');
		return {
			platform,
			lines: total.lines,
			quantity: [...total.quantities]
				.map(([unit, quantity]) => `${decimalToString(quantity)} ${unit}`)
				.join(', '),
			amount: currency ? formatMoney(toMinorUnit(total.amount, currency), currency) : 'no amount',
			'period read in': zoneOf(platform),
		};
	});
}

/** Runs an example; returns its node outputs, or stops with the Failure items. */
async function runExample(workflow, credentials) {
	console.log(`\n== ${workflow.name}`);
	const result = await runWorkflow(workflow, { credentials });
	if (result.error) throw new Error(result.error.message);
	for (const node of workflow.nodes.filter((candidate) =>
		candidate.type.startsWith('n8n-nodes-comms-billing.'),
	)) {
		const [, failure] = result.outputs(node.name);
		if (failure.length)
			throw new Error(`${node.name} failed: ${JSON.stringify(failure.map((item) => item.json))}`);
	}
	return result;
}

async function main() {
	const sandbox = await startSandbox();
	console.log(`Sandbox at ${sandbox.url}; running the example workflows through n8n's engine.`);
	try {
		// The examples name their credentials by type and name, as `npm run dev` imports the sandbox's.
		const credentials = credentialValues(sandbox);
		const monthly = await runExample(monthlyBilling, credentials);
		const lines = monthly.outputs('Invoice Lines')[0].map((item) => item.json);
		// Every field but the long ones, which a terminal would wrap.
		const wide = ['description', 'source'];
		printTable(
			lines,
			INVOICE_LINE_FIELDS.filter((field) => !wide.includes(field)),
		);
		console.log(`${lines.length} invoice lines for the invoicing system.`);
		const workflowZone = monthlyBilling.settings.timezone;
		const ZONES = {
			'Evo Voice': workflowZone,
			'Lumin.ai': workflowZone,
			Restcomm: "GMT (Restcomm-Connect reads the dates in its server's own zone)",
			'Twilio-compatible API': 'GMT',
		};
		console.log('');
		printTable(
			totalsOf(lines, (platform) => ZONES[platform]),
			['platform', 'lines', 'quantity', 'amount', 'period read in'],
		);

		// What each customer pays: the example's Rate Lines node, one invoice per customer.
		const invoices = monthly.outputs('What Each Customer Pays')[0].map((item) => item.json);
		console.log("\nWhat each customer pays, at the example's rate card:");
		printTable(
			invoices.map((invoice) => ({
				customer: invoice.customer,
				period: `${invoice.period_start} to ${invoice.period_end}`,
				lines: invoice.lines.length,
				minimum: invoice.lines.some((line) => line.category === 'minimum') ? 'topped up' : '',
				pays: invoice.subtotals
					.map(({ amount, currency }) => formatMoney(readDecimal(amount), currency))
					.join(', '),
			})),
			['customer', 'period', 'lines', 'minimum', 'pays'],
		);
		const billed = new Map();
		for (const { currency, amount } of invoices.flatMap((invoice) => invoice.subtotals))
			billed.set(currency, addDecimals(billed.get(currency) ?? ZERO, readDecimal(amount)));
		console.log(
			`${invoices.length} customers billed ${[...billed].map(([currency, amount]) => formatMoney(amount, currency)).join(', ')} in all.`,
		);

		const lumin = await runExample(luminSummary, credentials);
		const groups = lumin.outputs('Lumin.ai Billing Events')[0].map((item) => item.json);
		printTable(groups, ['host_id', 'type', 'count']);
		const total = groups.reduce((sum, row) => sum + row.count, 0);
		console.log(
			`${total} billable events last month (America/Los_Angeles), in ${groups.length} groups.`,
		);

		const report = await runExample(reportThenPoll, credentials);
		const [[transaction]] = report.outputs('Wait for the Report');
		const rows = report.outputs('Appointments in the Report')[0].map((item) => item.json);
		console.log(
			`Transaction ${transaction.json.transaction_id}: ${transaction.json.status}; files ${Object.values(
				transaction.binary,
			)
				.map((file) => file.fileName)
				.join(', ')}`,
		);
		printTable(rows.slice(0, 10), [
			'appointment_uid',
			'start_time',
			'status',
			'video_minutes',
			'billable_sms',
		]);
		const minutes = rows.reduce((sum, row) => sum + Number(row.video_minutes), 0);
		console.log(
			`${rows.length} appointments last month (Europe/London), ${minutes} video minutes${rows.length > 10 ? '; first 10 shown' : ''}.`,
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
