// `npm run bench`: Rate Lines through n8n's engine (rateLines.js), then the pack against its floor
// (bench/floor), a bare fetch loop and what a user would build with n8n's HTTP Request node, in
// the same real n8n 2.41.1 (harness/setup-n8n.sh), on the sandbox over loopback. Each group's
// cases run in interleaved rounds, measured by CPU time (execution.js, rounds.js); the pack is
// held to its goals (goals.js, workflows.js), a near miss measured again once. Prints the report,
// writes it to bench/RESULTS.md (results.js), and exits non-zero when a goal is missed.
// BENCH_GROUP=<part of a group's name> runs only those groups (and the idle row; "Rate Lines"
// is one), and only prints.
const fs = require('node:fs');
const path = require('node:path');

const { startSandbox } = require('../sandbox');
const { N8nInstance } = require('../harness/n8nInstance');
const { measureBareLoop } = require('./bareLoop');
const { executeOnce, outputOf } = require('./execution');
const { judgeGoals } = require('./goals');
const { measureLatencyCase, latencyProblems } = require('./latency');
const { measureRateLines } = require('./rateLines');
const { renderResults } = require('./results');
const { measureRounds } = require('./rounds');
const { MEGABYTES, SECONDS, spreadText, valueText } = require('./units');
const {
	benchWorkflows,
	resellerSandbox,
	LUMIN,
	ROUNDS,
	SUBACCOUNTS,
	VENDOR_TOKENS,
} = require('./workflows');

/** The records an output stands for: the sum of its `counts` field (a summary's count), else one per item. */
const countedItems = (items, counts) =>
	counts ? items.reduce((sum, item) => sum + Number(item.json[counts]), 0) : items.length;

/**
 * Measures one run of a case (a bare loop, or an n8n execution) and keeps its figures, not its
 * run data. Each run of a group must give as many records as the group's first (its bare loop's),
 * unless its case reads `ownRecords`; one that does not is in `problems`, once per case.
 */
function caseMeasurer(n8n, problems, mishaps) {
	const recordsOfGroup = new Map();
	const measure = async (benchCase, when) => {
		const { run, ...sample } = benchCase.bare
			? await measureBareLoop(benchCase.bare, n8n.node)
			: await executeOnce(n8n, benchCase.workflowId);
		countMishaps(mishaps, sample);
		const records = run
			? countedItems(outputOf(run, benchCase.node), benchCase.counts)
			: sample.items;
		const expected = recordsOfGroup.get(benchCase.group);
		if (expected === undefined) recordsOfGroup.set(benchCase.group, records);
		else if (records !== expected && !benchCase.ownRecords)
			problems.set(
				benchCase,
				`${benchCase.group} | ${benchCase.name} gave ${records.toLocaleString('en')} records, the group's first run ${expected.toLocaleString('en')}`,
			);
		const memory = benchCase.bare
			? ''
			: `, ${valueText(sample.executingRssMb, MEGABYTES)} executing`;
		console.log(
			`${when} | ${benchCase.group} | ${benchCase.name}: CPU ${valueText(sample.cpuSeconds, SECONDS)}, wall ${valueText(sample.seconds, SECONDS)}${memory}`,
		);
		return sample;
	};
	return measure;
}

/** Counts the n8n runs that died as they exited, and those run again (execution.js). */
function countMishaps(mishaps, sample) {
	for (const mishap of Object.keys(mishaps)) mishaps[mishap] += sample[mishap] ? 1 : 0;
}

async function main() {
	const startedAt = Date.now();
	const only = process.env.BENCH_GROUP;
	const chosen = (group) => !only || group === '-' || group.includes(only);
	const rateLinesTable = chosen('Rate Lines') ? await measureRateLines() : undefined;

	console.log('Setting up n8n 2.41.1 (cached after the first run) and the sandboxes...');
	// Answers cached, and each group's pages read once before it is timed: the sandbox then
	// serves them as fast as the loopback allows, so the figures are the clients'.
	const month = await startSandbox({
		lumin: { ...LUMIN.month, ...VENDOR_TOKENS.lumin },
		twilio: VENDOR_TOKENS.twilio,
		cacheAnswers: true,
	});
	const bigMonth = await startSandbox({
		lumin: { ...LUMIN.bigMonth, ...VENDOR_TOKENS.lumin },
		cacheAnswers: true,
	});
	// Every answer late, as across a network: what requests in parallel are for.
	const slow = await startSandbox({ latencyMs: SUBACCOUNTS.latencyMs, cacheAnswers: true });
	// As slow, a reseller with 500 subaccounts: a sandbox of its own, so that the master's usage
	// above is still its own and its one subaccount's.
	const reseller = await startSandbox(resellerSandbox());
	// Successful executions not stored: a hundred runs of 200,000 events would fill gigabytes.
	const n8n = new N8nInstance({ env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' } });
	// The floor nodes beside the pack, in the benchmark's n8n only: n8n loads every *.node.js
	// under its custom extensions folder.
	fs.cpSync(path.join(__dirname, 'floor'), path.join(n8n.extensions, 'bench-floor'), {
		recursive: true,
	});
	const cases = benchWorkflows({ month, bigMonth, slow, reseller });
	const chosenCases = cases.list.filter((benchCase) => chosen(benchCase.group));
	try {
		await n8n.importCredentials(cases.credentials);
		await n8n.importWorkflows(cases.workflows);
		const problems = new Map();
		const mishaps = { crashedOnExit: 0, ranAgain: 0 };
		const measure = caseMeasurer(n8n, problems, mishaps);
		const measured = new Map();
		const inRounds = chosenCases.filter((benchCase) => !benchCase.latency);
		for (const group of new Set(inRounds.map((benchCase) => benchCase.group))) {
			const groupCases = inRounds.filter((benchCase) => benchCase.group === group);
			const { rounds } = groupCases[0];
			const samples = await measureRounds(groupCases, { rounds, warmUp: true }, measure);
			for (const [benchCase, caseSamples] of samples) measured.set(benchCase, caseSamples);
		}
		const latencyRows = [];
		for (const benchCase of chosenCases.filter((chosenCase) => chosenCase.latency)) {
			const row = await measureLatencyCase(n8n, benchCase);
			countMishaps(mishaps, row);
			latencyRows.push(row);
		}

		const goals = cases.goals.filter((goal) =>
			goal.cases.every((goalCase) => measured.has(goalCase)),
		);
		const verdicts = await judgeGoals(
			goals,
			(benchCase) => measured.get(benchCase),
			(goalCases) =>
				measureRounds(
					cases.list.filter((benchCase) => goalCases.includes(benchCase)),
					{ rounds: ROUNDS },
					measure,
				),
		);
		const problemsBesideGoals = [...problems.values(), ...latencyProblems(latencyRows)];
		const missedGoals = verdicts
			.filter((verdict) => !verdict.met)
			.map(({ goal, first, again }) => {
				const figure = again ?? first;
				return `${goal.label}: ${spreadText(figure, goal.unit)}, ${figure.limit}${again ? ', measured again' : ''}`;
			});
		const report = renderResults({
			list: cases.list,
			measured,
			latencyRows,
			verdicts,
			mishaps,
			problems: problemsBesideGoals,
			rateLinesTable,
			minutes: (Date.now() - startedAt) / 60_000,
		});
		console.log(`\n${report}`);
		if (only) console.log(`BENCH_GROUP=${only}: bench/RESULTS.md left as it was.`);
		else fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), report);
		for (const failure of [...problemsBesideGoals, ...missedGoals]) {
			console.error(`FAILED: ${failure}`);
			process.exitCode = 1;
		}
	} finally {
		await Promise.all([month.close(), bigMonth.close(), slow.close(), reseller.close()]);
		fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
