// `npm run bench`: the pack against what a user would build instead, in the same real n8n 2.41.1
// (harness/setup-n8n.sh), on the sandbox over loopback. Every run is a fresh `n8n execute` under
// /usr/bin/time: its execution time is n8n's own (startedAt..stoppedAt), its memory the peak RSS
// of that process. Prints the table and writes it, with the machine, to bench/RESULTS.md.
// BENCH_GROUP=<part of a group's name> runs only those groups (and the idle row), and only prints.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../sandbox');
const { N8nInstance } = require('../harness/n8nInstance');
const { measureBareLoop } = require('./bareLoop');
const { isDeepStrictEqual } = require('node:util');
const { benchWorkflows, resellerSandbox, LUMIN, TWILIO, SUBACCOUNTS } = require('./workflows');

const RUNS = 3;

/**
 * Samples the RSS of `/usr/bin/time`'s child (n8n) every 20 ms, so that the memory of the
 * execution itself can be told from that of n8n storing and printing its run data afterwards.
 */
function sampleRss(timePid) {
	const samples = [];
	const read = (file) => fs.readFileSync(file, 'utf8');
	const timer = setInterval(() => {
		try {
			const [n8nPid] = read(`/proc/${timePid}/task/${timePid}/children`).trim().split(' ');
			const rssKb = /VmRSS:\s+(\d+)/.exec(read(`/proc/${n8nPid}/status`));
			if (rssKb) samples.push({ at: Date.now(), mb: Number(rssKb[1]) / 1024 });
		} catch {
			// Not started yet, or already gone.
		}
	}, 20);
	return {
		stop: () => clearInterval(timer),
		peakBetween: (from, to) =>
			Math.max(...samples.filter(({ at }) => at >= from && at <= to).map(({ mb }) => mb)),
	};
}

/**
 * One fresh `n8n execute` of a workflow: n8n's execution time, the peak RSS of the process and
 * the peak while the execution ran, and the run data.
 */
async function executeOnce(n8n, workflowId) {
	// Into a file: n8n exits right after printing, and a pipe would lose what was not read yet.
	const outputFile = path.join(n8n.userFolder, 'execute-output.json');
	const outputFd = fs.openSync(outputFile, 'w');
	const child = spawn(
		'/usr/bin/time',
		['-f', 'peak-rss-kb=%M', n8n.node, n8n.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{ env: n8n.env, stdio: ['ignore', outputFd, 'pipe'] },
	);
	fs.closeSync(outputFd);
	const rss = sampleRss(child.pid);
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const status = await new Promise((resolve) => child.once('close', resolve));
	rss.stop();
	const output = fs.readFileSync(outputFile, 'utf8');
	fs.rmSync(outputFile);
	const peak = /peak-rss-kb=(\d+)/.exec(stderr);
	// n8n prints the run data, then exits; on these machines the exit itself sometimes dies in
	// isolated-vm's teardown (SIGSEGV), after the output is whole: such a run still counts.
	// The run data is the text from a line "{" to a line "}"; n8n's log lines come around it.
	const start = output.search(/^\{$/m);
	const end = output.lastIndexOf('\n}') + 2;
	let run;
	try {
		run = JSON.parse(output.slice(start, end));
	} catch {
		throw new Error(`n8n execute ${workflowId} gave no run data (status ${status}):\n${stderr}`);
	}
	if (run.data.resultData.error) throw new Error(run.data.resultData.error.message);
	const [startedAt, stoppedAt] = [Date.parse(run.startedAt), Date.parse(run.stoppedAt)];
	return {
		seconds: (stoppedAt - startedAt) / 1000,
		peakRssMb: Number(peak[1]) / 1024,
		// One sample before the start too: a run shorter than the sampling still gets a figure.
		executingRssMb: rss.peakBetween(startedAt - 20, stoppedAt),
		crashedOnExit: /signal/i.test(stderr),
		run,
	};
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The items a node put out on its first output, in a run as `n8n execute` printed it. */
const outputOf = (run, node) => run.data.resultData.runData[node]?.[0].data.main[0] ?? [];

/** The records an output stands for: the sum of its `counts` field (a summary's count), else one per item. */
const countedItems = (items, counts) =>
	counts ? items.reduce((sum, item) => sum + Number(item.json[counts]), 0) : items.length;

async function main() {
	console.log('Setting up n8n 2.41.1 (cached after the first run) and the sandboxes...');
	// Answers cached, and each group's pages read once before it is timed: the sandbox then
	// serves them as fast as the loopback allows, so the figures are the clients'.
	const month = await startSandbox({ lumin: LUMIN.month, cacheAnswers: true });
	const bigMonth = await startSandbox({ lumin: LUMIN.bigMonth, cacheAnswers: true });
	// Every answer late, as across a network: what requests in parallel are for.
	const slow = await startSandbox({ latencyMs: SUBACCOUNTS.latencyMs, cacheAnswers: true });
	// As slow, a reseller with 500 subaccounts: a sandbox of its own, so that the master's usage
	// above is still its own and its one subaccount's.
	const reseller = await startSandbox(resellerSandbox());
	const n8n = new N8nInstance();
	// The floor node beside the pack, in the benchmark's n8n only.
	fs.cpSync(path.join(__dirname, 'floor'), path.join(n8n.extensions, 'bench-floor'), {
		recursive: true,
	});
	const cases = benchWorkflows({ month, bigMonth, slow, reseller });
	const only = process.env.BENCH_GROUP;
	const chosen = only
		? cases.list.filter((benchCase) => benchCase.group === '-' || benchCase.group.includes(only))
		: cases.list;
	try {
		await n8n.importCredentials(cases.credentials);
		await n8n.importWorkflows(cases.workflows);
		const rows = [];
		let crashes = 0;
		// What the bare loop of each group read: every n8n run of the group must give as much.
		const itemsOfGroup = new Map();
		for (const benchCase of chosen) {
			if (benchCase.bare) await measureBareLoop(benchCase.bare, n8n.node);
			const samples = [];
			// A latency case waits on the sandbox, not on the machine: one run tells it.
			for (let run = 0; run < (benchCase.latency ? 1 : RUNS); run++) {
				if (benchCase.bare) {
					const { seconds, items } = await measureBareLoop(benchCase.bare, n8n.node);
					itemsOfGroup.set(benchCase.group, items);
					samples.push({ seconds });
					continue;
				}
				// A case's first execution fills the cache with what this client asks (its own
				// spelling of dates and query), untimed; then the timed one.
				if (run === 0 && !benchCase.latency) await executeOnce(n8n, benchCase.workflowId);
				// A latency case's cache is filled by another's run (`warmUp`), if by any.
				if (run === 0 && benchCase.warmUp) await executeOnce(n8n, benchCase.warmUp);
				benchCase.sandbox?.clearRequests();
				const sample = await executeOnce(n8n, benchCase.workflowId);
				crashes += sample.crashedOnExit ? 1 : 0;
				samples.push(sample);
				if (benchCase.latency) {
					// Its sandbox's log of the run, and what it put out, for the checks below.
					sample.requests = [...benchCase.sandbox.requests];
					sample.items = outputOf(sample.run, benchCase.node);
					continue;
				}
				const expected = itemsOfGroup.get(benchCase.group);
				const counted = countedItems(outputOf(sample.run, benchCase.node), benchCase.counts);
				if (expected !== undefined && counted !== expected && !benchCase.ownRecords)
					throw new Error(
						`${benchCase.name} gave ${counted} records, the group's first ${expected}`,
					);
				// Without a bare loop, the group's first run says what each of its runs must give.
				if (expected === undefined) itemsOfGroup.set(benchCase.group, counted);
			}
			const row = {
				group: benchCase.group,
				name: benchCase.name,
				seconds: median(samples.map((sample) => sample.seconds)),
				peakRssMb: benchCase.bare ? null : median(samples.map((sample) => sample.peakRssMb)),
				executingRssMb: benchCase.bare
					? null
					: median(samples.map((sample) => sample.executingRssMb)),
				floor: benchCase.floor,
				...(benchCase.latency ? latencyFigures(benchCase, samples[0]) : {}),
			};
			rows.push(row);
			console.log(
				`${row.group} | ${row.name}: ${row.seconds.toFixed(2)} s, ${row.peakRssMb?.toFixed(0) ?? '-'} MB, ${row.executingRssMb?.toFixed(0) ?? '-'} MB while executing`,
			);
		}
		const report = render(rows, crashes);
		console.log(`\n${report}`);
		if (only) console.log(`BENCH_GROUP=${only}: bench/RESULTS.md left as it was.`);
		else fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), report);
		for (const problem of latencyProblems(rows)) {
			console.error(`FAILED: ${problem}`);
			process.exitCode = 1;
		}
		// The guard against regressions: the pack stays within FLOOR_LIMIT of the floor.
		for (const row of rows) {
			const floor = floorOf(rows, row);
			if (floor && row.seconds > floor.seconds * FLOOR_LIMIT) {
				console.error(
					`${row.name}: ${(row.seconds / floor.seconds).toFixed(2)}x the floor, over ${FLOOR_LIMIT}x`,
				);
				process.exitCode = 1;
			}
		}
	} finally {
		await Promise.all([month.close(), bigMonth.close(), slow.close(), reseller.close()]);
	}
}

/**
 * A latency case's run: the most requests its sandbox answered at once, how many it was sent,
 * what the requests lacked (its `checkRequests`), what the node put out, and the run it is to be
 * measured against (`oneAtATime`) and held to (`mostOfOneAtATime`).
 */
const latencyFigures = (benchCase, { requests, items }) => ({
	inFlight: Math.max(...requests.map((entry) => entry.inFlight)),
	requestCount: requests.length,
	requestProblems: benchCase.checkRequests?.(requests) ?? [],
	items,
	oneAtATime: benchCase.oneAtATime,
	mostOfOneAtATime: benchCase.mostOfOneAtATime,
});

/** The latency row a row is measured against: the same workflow one request at a time. */
const oneAtATimeOf = (rows, row) =>
	rows.find((candidate) => candidate.group === row.group && candidate.name === row.oneAtATime) ??
	row;

/**
 * What the latency rows did wrong: requests not as their case expects, outputs not those of the
 * same workflow one request at a time, more time than their share of it.
 */
function latencyProblems(rows) {
	return rows
		.filter((row) => row.inFlight !== undefined)
		.flatMap((row) => {
			const problems = row.requestProblems.map((problem) => `${row.name}: ${problem}`);
			const base = oneAtATimeOf(rows, row);
			if (base === row) return problems;
			if (!isDeepStrictEqual(row.items, base.items))
				problems.push(`${row.name}: its output differs from that of "${base.name}"`);
			const ratio = row.seconds / base.seconds;
			if (row.mostOfOneAtATime !== undefined && ratio > row.mostOfOneAtATime)
				problems.push(
					`${row.name}: ${ratio.toFixed(2)}x the time of "${base.name}", over ${row.mostOfOneAtATime}x`,
				);
			return problems;
		});
}

/** The floor row a pack row is held to: the floor's run of the same group and job. */
const floorOf = (rows, row) =>
	row.floor
		? rows.find((candidate) => candidate.group === row.group && candidate.name === row.floor)
		: undefined;

/** The most the pack may take, as a share of the floor's time, in any mode. */
const FLOOR_LIMIT = 1.1;

/** The table: each figure and its ratios to the bare loop and the HTTP Request node of its group. */
function render(rows, crashes) {
	const anchor = (row, kind) =>
		rows.find((candidate) => candidate.group === row.group && candidate.name.startsWith(kind));
	const ratio = (value, base) => (value && base ? `${(value / base).toFixed(2)}x` : '-');
	const idle = rows.find((row) => row.name.startsWith('idle'));
	const megabytes = (value) => (value === null ? '-' : `${value.toFixed(0)} MB`);
	const lines = rows
		.filter((row) => row.inFlight === undefined)
		.map((row) => {
			const bare = anchor(row, 'bare');
			const http = anchor(row, 'HTTP Request');
			const floor = floorOf(rows, row);
			const aboveIdle = (field) =>
				row[field] === null || row === idle ? '-' : megabytes(row[field] - idle[field]);
			return `| ${row.group} | ${row.name} | ${row.seconds.toFixed(2)} s | ${ratio(row.seconds, floor?.seconds)} | ${ratio(row.seconds, bare?.seconds)} | ${ratio(row.seconds, http?.seconds)} | ${megabytes(row.peakRssMb)} | ${aboveIdle('peakRssMb')} | ${ratio(row.peakRssMb, http?.peakRssMb)} | ${megabytes(row.executingRssMb)} | ${aboveIdle('executingRssMb')} | ${ratio(row.executingRssMb, http?.executingRssMb)} |`;
		});
	const latencyLines = rows
		.filter((row) => row.inFlight !== undefined)
		.map(
			(row) =>
				`| ${row.name} | ${row.seconds.toFixed(2)} s | ${ratio(row.seconds, oneAtATimeOf(rows, row).seconds)} | ${row.inFlight} | ${row.requestCount} |`,
		);
	const accounts = SUBACCOUNTS.count + 1;
	const listPages = Math.ceil(accounts / SUBACCOUNTS.accountsPageSize);
	const cpu = os.cpus();
	return [
		'# Benchmarks: the pack against what a user would build instead',
		'',
		`Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, by \`npm run bench\`.`,
		'',
		`The sandbox on loopback, in the benchmark's process, answering from a cache filled by an untimed first run of each client (a bare loop, or an execution). Lumin.ai: ${LUMIN.month.eventCount.toLocaleString('en')} events in pages of ${LUMIN.month.pageSize.toLocaleString('en')} (and ${LUMIN.bigMonth.eventCount.toLocaleString('en')} for scale); Twilio-compatible: ${TWILIO.description}.`,
		"Each n8n figure is one fresh `n8n execute` of n8n 2.41.1 (Node 24): the execution's own time (n8n's startedAt..stoppedAt), the peak RSS of the process (`/usr/bin/time -f %M`), which includes n8n's start and its storing and printing of the run data after the execution, and the peak RSS while the execution ran (sampled every 20 ms from /proc). The bare loop is `fetch` over the same pages, one after another, `JSON.parse`, nothing kept, in Node 24.",
		`Medians of ${RUNS} runs. Ratios are to the floor (bench/floor: the least a community node may do, which the pack must stay within 1.10x of), to the bare loop and to the HTTP Request node of the same group; "above idle" is the peak RSS less that of an execution of a Manual Trigger alone.${crashes ? ` ${crashes} of the n8n runs died of SIGSEGV in isolated-vm's teardown after printing their run data; they count, as their run was whole.` : ''}`,
		'',
		'| group | run | exec time | / floor | / bare loop | / HTTP Request | peak RSS | above idle | / HTTP Request | peak RSS executing | above idle | / HTTP Request |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		...lines,
		'',
		`${SUBACCOUNTS.group}: each answer ${SUBACCOUNTS.latencyMs} ms late as across a network; one run each. The first two: one Usage Records item per subaccount (the sandbox's two accounts, by turns). The last two: one item, Accounts: Each Subaccount, on a sandbox of its own holding ${SUBACCOUNTS.reseller}: the list of accounts in ${listPages} pages of ${SUBACCOUNTS.accountsPageSize}, then each of the ${accounts} accounts' last month, every category, as invoice lines of its own, named from the list; the sandbox answers both runs from its cache, filled by an untimed run. "Most in flight": the sandbox's count of Twilio requests it was answering at once; "requests": those it answered in the run. \`npm run bench\` fails unless each default run's output is that of its run one request at a time, item for item, Each Subaccount sent only the list's pages and one usage request per account (IncludeSubaccounts=false; no account fetched for its name), and Each Subaccount by default took at most ${SUBACCOUNTS.mostOfOneAtATime.toFixed(2)}x the time of one request at a time.`,
		'',
		'| run | exec time | / one at a time | most in flight | requests |',
		'| --- | --- | --- | --- | --- |',
		...latencyLines,
		'',
	].join('\n');
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
