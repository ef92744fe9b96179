// bench/RESULTS.md: how the figures were measured, the goals and their verdicts, then every
// group's rounds (time, then memory), the latency section and Rate Lines.
const os = require('node:os');

const { oneAtATimeOf } = require('./latency');
const { ratiosOf, spreadOf } = require('./statistics');
const { MEGABYTES, SECONDS, TIMES, spreadText, valueText } = require('./units');
const { CLOCK_TICKS_PER_SECOND, SAMPLE_MS } = require('./execution');
const { LUMIN, ROUNDS, TWILIO, SUBACCOUNTS } = require('./workflows');

/**
 * The report. `list`: every case, in the order of the tables; `measured`: the samples of those
 * that ran, round by round; `verdicts`: judgeGoals'; `mishaps`: counts of n8n runs that died
 * as they exited and of those run again (execution.js); `problems`: what failed the bench besides goals; `rateLinesTable`: measureRateLines' table, if
 * it ran; `minutes`: how long the bench took.
 */
function renderResults({
	list,
	measured,
	latencyRows,
	verdicts,
	mishaps,
	problems,
	rateLinesTable,
	minutes,
}) {
	const measuredCases = list.filter((benchCase) => measured.has(benchCase));
	const idle = measuredCases.find((benchCase) => benchCase.name.startsWith('idle'));
	const remeasured = new Set(
		verdicts.filter((verdict) => verdict.again).map((verdict) => verdict.goal.subject),
	);
	const sameGroup = (benchCase, test) =>
		measuredCases.find(
			(other) => other !== benchCase && other.group === benchCase.group && test(other),
		);
	const spreadOfField = (benchCase, field) =>
		spreadOf(measured.get(benchCase).map((sample) => sample[field]));
	// Ratios round by round: every case of a group ran in the same rounds.
	const ratioText = (benchCase, base, field) =>
		base
			? spreadText(spreadOf(ratiosOf(measured.get(benchCase), measured.get(base), field)), TIMES)
			: '-';
	const runName = (benchCase) =>
		remeasured.has(benchCase) ? `${benchCase.name} (re-measured: see the goals)` : benchCase.name;

	const timeLines = measuredCases.map((benchCase) => {
		const floor = sameGroup(benchCase, (other) => other.name === benchCase.floor);
		const bare = sameGroup(benchCase, (other) => other.bare);
		const http = sameGroup(benchCase, (other) => other.name.startsWith('HTTP Request'));
		return `| ${benchCase.group} | ${runName(benchCase)} | ${spreadText(spreadOfField(benchCase, 'cpuSeconds'), SECONDS)} | ${spreadText(spreadOfField(benchCase, 'seconds'), SECONDS)} | ${ratioText(benchCase, floor, 'cpuSeconds')} | ${ratioText(benchCase, bare, 'cpuSeconds')} | ${ratioText(benchCase, http, 'cpuSeconds')} |`;
	});

	const idleMb = (field) => spreadOfField(idle, field).median;
	const memoryLines = measuredCases
		.filter((benchCase) => !benchCase.bare)
		.map((benchCase) => {
			const http = sameGroup(benchCase, (other) => other.name.startsWith('HTTP Request'));
			const cells = ['executingRssMb', 'peakRssMb'].flatMap((field) => {
				const spread = spreadOfField(benchCase, field);
				const less = idleMb(field);
				const aboveIdle = {
					median: spread.median - less,
					q1: spread.q1 - less,
					q3: spread.q3 - less,
				};
				return [
					spreadText(spread, MEGABYTES),
					benchCase === idle ? '-' : spreadText(aboveIdle, MEGABYTES),
					ratioText(benchCase, http, field),
				];
			});
			return `| ${benchCase.group} | ${runName(benchCase)} | ${cells.join(' | ')} |`;
		});

	const goalLines = verdicts.map(
		({ goal, first, again, met }) =>
			`| ${goal.label} | ${spreadText(first, goal.unit)} | ${again ? spreadText(again, goal.unit) : '-'} | ${(again ?? first).limit} | ${met ? 'met' : '**missed**'} |`,
	);

	const latencyLines = latencyRows.map(
		(row) =>
			`| ${row.name} | ${valueText(row.seconds, SECONDS)} | ${valueText(row.seconds / oneAtATimeOf(latencyRows, row).seconds, TIMES)} | ${row.inFlight} | ${row.requestCount} |`,
	);
	// The groups measured in fewer rounds than those a CPU-time goal compares.
	const fewerRounds = [
		...new Set(
			measuredCases
				.filter((benchCase) => benchCase.rounds < ROUNDS)
				.map(({ group, rounds }) => `${rounds} for ${group === '-' ? 'the idle row' : group}`),
		),
	];
	const mishapText = [
		mishaps.crashedOnExit
			? ` ${mishaps.crashedOnExit} of the n8n runs died of SIGSEGV in isolated-vm's teardown after printing their run data; they count, as their run was whole.`
			: '',
		mishaps.ranAgain
			? ` ${mishaps.ranAgain} of the n8n runs ended without printing their run data whole and were run again, once.`
			: '',
	].join('');
	const accounts = SUBACCOUNTS.count + 1;
	const listPages = Math.ceil(accounts / SUBACCOUNTS.accountsPageSize);
	const cpu = os.cpus();
	return [
		'# Benchmarks: the pack against what a user would build instead',
		'',
		`Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, by \`npm run bench\` in ${minutes.toFixed(0)} minutes.`,
		'',
		`The sandbox on loopback, in the benchmark's process, answering from a cache filled by an untimed first run of each client (a bare loop, or an execution). Lumin.ai: ${LUMIN.month.eventCount.toLocaleString('en')} events in pages of ${LUMIN.month.pageSize.toLocaleString('en')} (and ${LUMIN.bigMonth.eventCount.toLocaleString('en')} for scale); Twilio-compatible: ${TWILIO.description}. The credentials' secrets are shaped as the vendors issue them (a Twilio auth token of 32 hex digits; an opaque Lumin.ai token of 40 letters and digits), since every answer is searched for them (bench/workflows.js, VENDOR_TOKENS).`,
		'',
		'## How',
		'',
		`- **Interleaved rounds.** Each group's cases run one after another, in the order of the tables (each pack case right after its floor), ${ROUNDS} rounds of them${fewerRounds.length ? ` (${fewerRounds.join(', ')}: memory is steadier)` : ''}, after one untimed run of each. Every n8n run is a fresh \`n8n execute\` of n8n 2.41.1 (Node 24) under \`/usr/bin/time\`; the bare loop is \`fetch\` over the same pages, one after another, \`JSON.parse\`, nothing kept, in a Node 24 process of its own.`,
		`- **CPU time** is the measure: the n8n process's utime + stime (fields 14 and 15 of \`/proc/<pid>/stat\`, in ticks of 1/${CLOCK_TICKS_PER_SECOND} s), sampled every ${SAMPLE_MS} ms with its RSS, at n8n's own startedAt and stoppedAt, each interpolated linearly between the samples on either side of it (a bare loop: \`process.cpuUsage()\` around the loop). Unlike wall time (startedAt..stoppedAt, beside it), it leaves out the time n8n waits for the sandbox (in the benchmark's process) or for a core, and it counts every thread of n8n's process, its garbage collector's too.`,
		'- **Spread.** Every figure is the median of its runs with the interquartile range in brackets; every ratio is the median of the ratios round by round (each run over the run of the other case in the same round), with their interquartile range.',
		`- **Goals.** The gated rows are below; a goal missed by less than its interquartile range is measured again, once, in ${ROUNDS} new rounds of its cases (without the untimed runs), and that figure decides; missed then, or missed by more than the range, \`npm run bench\` exits non-zero, naming the goal, its figure and its spread. Everything else is reported, not gated.`,
		`- **Memory.** The peak RSS of the n8n process while the execution ran (the ${SAMPLE_MS} ms samples from one before startedAt to stoppedAt), and its peak over the whole process (\`/usr/bin/time -f %M\`: n8n's start, the execution and printing its run data; n8n stores no successful execution here, as a hundred runs of 200,000 events would fill gigabytes); "above idle" less the median of an execution of a Manual Trigger alone.${mishapText}`,
		'',
		'## Goals',
		'',
		'| goal | measured | re-measured | limit | result |',
		'| --- | --- | --- | --- | --- |',
		...goalLines,
		'',
		...(problems.length
			? ['Also failing the bench:', '', ...problems.map((problem) => `- ${problem}`), '']
			: []),
		'## Time',
		'',
		'| group | run | CPU time | wall time | CPU / floor | CPU / bare loop | CPU / HTTP Request |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...timeLines,
		'',
		'## Memory',
		'',
		'| group | run | peak RSS executing | above idle | / HTTP Request | peak RSS of the process | above idle | / HTTP Request |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
		...memoryLines,
		'',
		...(latencyLines.length
			? [
					`## ${SUBACCOUNTS.group}`,
					'',
					`Each answer ${SUBACCOUNTS.latencyMs} ms late as across a network; one run each, wall time (the runs wait on the sandbox, not on the machine). The first two: one Usage Records item per subaccount (the sandbox's two accounts, by turns). The last two: one item, Accounts: Each Subaccount, on a sandbox of its own holding ${SUBACCOUNTS.reseller}: the list of accounts in ${listPages} pages of ${SUBACCOUNTS.accountsPageSize}, then each of the ${accounts} accounts' last month, every category, as invoice lines of its own, named from the list; the sandbox answers both runs from its cache, filled by an untimed run. "Most in flight": the sandbox's count of Twilio requests it was answering at once; "requests": those it answered in the run. \`npm run bench\` fails unless each default run's output is that of its run one request at a time, item for item, Each Subaccount sent only the list's pages and one usage request per account (IncludeSubaccounts=false; no account fetched for its name), and Each Subaccount by default took at most ${SUBACCOUNTS.mostOfOneAtATime.toFixed(2)}x the time of one request at a time.`,
					'',
					'| run | exec time | / one at a time | most in flight | requests |',
					'| --- | --- | --- | --- | --- |',
					...latencyLines,
					'',
				]
			: []),
		...(rateLinesTable
			? [
					'## Rate Lines',
					'',
					"Through n8n's engine in the benchmark's process, before the rest (bench/RATE-LINES.md says more); reported, not gated.",
					'',
					...rateLinesTable,
					'',
				]
			: []),
	].join('\n');
}

module.exports = { renderResults };
