// Rate Lines on large billing months, through n8n's engine (n8n-core's WorkflowExecute, no
// network): 10,000, 100,000 and 300,000 invoice lines in one run, each size rated three times;
// the median time per size and per line, so that linear growth shows as a flat time per line,
// and each beside the figures of 2026-12-05. Writes bench/RATE-LINES.md; part of `npm run bench`,
// which puts its table in bench/RESULTS.md too.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runWorkflow } = require('../harness/engine');
const { singleNodeWorkflow } = require('../harness/workflows');

const SIZES = [10_000, 100_000, 300_000];
const RUNS = 3;
const CUSTOMERS = 1000;

// What bench/RATE-LINES.md said on 2026-12-05 (2 cores, AMD EPYC, Node 20), to compare with.
const EARLIER = {
	date: '2026-12-05',
	bySize: new Map([
		[10_000, { median: 0.31, perLineUs: 31.2 }],
		[100_000, { median: 2.99, perLineUs: 29.9 }],
		[300_000, { median: 10.49, perLineUs: 35.0 }],
	]),
};

// Every model the node has, as a reseller's card would mix them.
const RATE_CARD = JSON.stringify([
	{ platform: 'twilio', model: 'cost_plus', markup: '0.25' },
	{
		platform: 'twilio',
		category: 'sms-*',
		model: 'graduated_percentage',
		tiers: [
			{ up_to: 100, rate: '0.3' },
			{ up_to: null, rate: '0.2' },
		],
	},
	{
		platform: 'restcomm',
		model: 'volume',
		currency: 'USD',
		tiers: [
			{ up_to: 1000, unit_price: '0.02' },
			{ up_to: null, unit_price: '0.015', flat_fee: 5 },
		],
	},
	{
		platform: 'evoVoice',
		model: 'per_unit',
		unit_price: '0.06',
		minimum: '40.00',
		currency: 'USD',
	},
	{
		platform: 'lumin',
		model: 'graduated',
		currency: 'USD',
		tiers: [
			{ up_to: 100, unit_price: '1' },
			{ up_to: null, unit_price: '0.5' },
		],
	},
	{
		platform: 'lumin',
		category: 'billing.delete',
		model: 'package',
		package_size: 50,
		package_price: '5',
		currency: 'USD',
	},
]);

const PLATFORMS = [
	[
		'Twilio-compatible API',
		['calls-outbound', 'calls-inbound', 'sms-outbound', 'sms-inbound'],
		'minutes',
	],
	['Restcomm', ['calls', 'sms'], 'minutes'],
	['Evo Voice', ['ai-minutes'], 'minutes'],
	['Lumin.ai', ['billing.scheduled', 'billing.rescheduled', 'billing.delete'], 'events'],
];

/** `count` invoice lines over CUSTOMERS customers, each line its own source. */
function linesOf(count) {
	return Array.from({ length: count }, (_, index) => {
		const [platform, categories, unit] = PLATFORMS[index % PLATFORMS.length];
		const priced = platform === 'Twilio-compatible API' || platform === 'Restcomm';
		const quantity = (index % 97) + 1;
		return {
			json: {
				customer: `customer-${index % CUSTOMERS}`,
				platform,
				category: categories[index % categories.length],
				description: platform,
				quantity,
				unit,
				amount: priced ? `${(quantity * 0.0085).toFixed(5)}` : null,
				currency: priced ? 'USD' : null,
				period_start: '2026-11-01',
				period_end: '2026-11-30',
				source: `line-${index}`,
			},
		};
	});
}

const workflow = singleNodeWorkflow('Rate', {
	type: 'rateLines',
	parameters: { rateCard: RATE_CARD, output: 'lines' },
	onError: 'continueRegularOutput',
});

async function measure(size) {
	const inputItems = linesOf(size);
	const seconds = [];
	let priced = 0;
	let failed = 0;
	for (let run = 0; run < RUNS; run++) {
		const started = process.hrtime.bigint();
		const result = await runWorkflow(workflow, { inputItems });
		seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
		[priced, failed] = result.outputs('Rate').map((items) => items.length);
	}
	seconds.sort((a, b) => a - b);
	return { size, median: seconds[1], min: seconds[0], max: seconds[2], priced, failed };
}

/**
 * Rates each size RUNS times and writes bench/RATE-LINES.md; returns its table (a header line, a
 * rule and a line per size).
 */
async function measureRateLines() {
	// One run unmeasured first, so that the first size is not the one that pays for warming up.
	await runWorkflow(workflow, { inputItems: linesOf(SIZES[0]) });
	const rows = [];
	for (const size of SIZES) {
		const row = await measure(size);
		rows.push(row);
		console.log(
			`${size} lines: median ${row.median.toFixed(2)} s (${row.min.toFixed(2)}-${row.max.toFixed(2)}), ${((row.median / size) * 1e6).toFixed(1)} us a line; ${row.priced} priced, ${row.failed} to Failure`,
		);
	}
	const perLine = (row) => (row.median / row.size) * 1e6;
	const table = [
		`| lines | median | min | max | per line | / per line at 10,000 | ${EARLIER.date} | now / ${EARLIER.date} (per line) | priced | to Failure |`,
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		...rows.map((row) => {
			const earlier = EARLIER.bySize.get(row.size);
			return `| ${row.size.toLocaleString('en')} | ${row.median.toFixed(2)} s | ${row.min.toFixed(2)} s | ${row.max.toFixed(2)} s | ${perLine(row).toFixed(1)} us | ${(perLine(row) / perLine(rows[0])).toFixed(2)}x | ${earlier.median.toFixed(2)} s, ${earlier.perLineUs.toFixed(1)} us | ${(perLine(row) / earlier.perLineUs).toFixed(2)}x | ${row.priced.toLocaleString('en')} | ${row.failed.toLocaleString('en')} |`;
		}),
	];
	const report = [
		'# Rate Lines on large billing months',
		'',
		`Written by \`node bench/rateLines.js\` (part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), Node ${process.version}. Through n8n's engine (n8n-core WorkflowExecute), ${CUSTOMERS} customers, every model of the node in one rate card; ${RUNS} runs per size (median, and min and max as the spread). Beside each size, its figures of ${EARLIER.date} and the time per line now over then; not a goal.`,
		'',
		...table,
		'',
		'Priced lines include one minimum line for each Evo Voice customer below 40.00 USD.',
		'',
	].join('\n');
	fs.writeFileSync(path.join(__dirname, 'RATE-LINES.md'), report);
	return table;
}

if (require.main === module) {
	measureRateLines().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { measureRateLines };
