// Large billing months through n8n's engine: Lumin.ai Billing Events against the sandbox.
// Prints a table and writes it to bench/RESULTS.md. Run with `npm run bench`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../sandbox');
const { runWorkflow } = require('../harness/engine');
const { singleNodeWorkflow } = require('../harness/workflows');

const NODE = 'Billing Events';
const FROM = '2026-10-01T00:00:00Z';
const TO = '2026-11-01T00:00:00Z';

const CASES = [
	{ events: 100_000, outputMode: 'events' },
	{ events: 100_000, outputMode: 'summary' },
	{ events: 1_000_000, outputMode: 'summary' },
	{ events: 1_000_000, outputMode: 'summary', groupByDay: true },
];

/**
 * Runs `work` while sampling the live heap (collected first, so garbage is not counted); returns
 * its result, the time and the peak growth of the live heap.
 */
async function measure(work) {
	if (!global.gc) throw new Error('Run with node --expose-gc (npm run bench does)');
	global.gc();
	const baseline = process.memoryUsage().heapUsed;
	let peak = baseline;
	const sampler = setInterval(() => {
		global.gc();
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 250);
	const started = process.hrtime.bigint();
	const result = await work();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	clearInterval(sampler);
	return { result, seconds, peakLiveHeapGrowthMb: (peak - baseline) / 2 ** 20 };
}

async function runCase({ events, outputMode, groupByDay = false }) {
	const sandbox = await startSandbox({
		lumin: { eventCount: events, from: FROM, to: TO, pageSize: 1000 },
	});
	try {
		const workflow = singleNodeWorkflow(NODE, {
			type: 'luminBillingEvents',
			parameters: {
				operation: 'getBillingEvents',
				eventTypes: [
					'billing.scheduled',
					'billing.rescheduled',
					'billing.lead-received',
					'billing.delete',
				],
				period: 'custom',
				start: FROM,
				end: TO,
				timezone: 'America/Los_Angeles',
				returnAll: true,
				outputMode,
				groupByDay,
			},
		});
		const { result, seconds, peakLiveHeapGrowthMb } = await measure(
			async () =>
				await runWorkflow(workflow, {
					credentials: { commsBillingApi: sandbox.credentials.lumin },
				}),
		);
		const [success, failure] = result.outputs(NODE);
		if (failure.length) throw new Error(JSON.stringify(failure[0].json).slice(0, 300));
		const counted =
			outputMode === 'summary'
				? success.reduce((sum, item) => sum + item.json.count, 0)
				: success.length;
		if (counted !== events) throw new Error(`expected ${events} events, got ${counted}`);
		return {
			case: `${events.toLocaleString('en')} events, ${outputMode}${groupByDay ? ' by day' : ''}`,
			requests: sandbox.requests.length,
			items: success.length,
			seconds: seconds.toFixed(2),
			eventsPerSecond: Math.round(events / seconds).toLocaleString('en'),
			peakLiveHeapGrowthMb: peakLiveHeapGrowthMb.toFixed(0),
		};
	} finally {
		await sandbox.close();
	}
}

function table(rows) {
	const columns = Object.keys(rows[0]);
	return [
		`| ${columns.join(' | ')} |`,
		`| ${columns.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${columns.map((column) => row[column]).join(' | ')} |`),
	].join('\n');
}

async function main() {
	const rows = [];
	for (const benchCase of CASES) rows.push(await runCase(benchCase));
	const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}`;
	const report = [
		'# Benchmarks',
		'',
		`Lumin.ai Billing Events through n8n's engine (n8n-core) against the sandbox on loopback,`,
		'one month of events, page size 1,000, all pages; the sandbox runs in the same process.',
		'Peak live heap growth: every 250 ms a full GC, then the heap in use, minus the heap before the',
		'run (the timings include those collections).',
		'',
		`Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
		'',
		table(rows),
		'',
	].join('\n');
	console.log(report);
	fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), report);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
