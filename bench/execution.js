// One fresh `n8n execute` of a workflow under /usr/bin/time, measured from /proc while it runs:
// the CPU time and the RSS of the n8n process during the execution itself, told from n8n's start
// and from its storing and printing of the run data afterwards by n8n's own startedAt..stoppedAt.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SAMPLE_MS = 20;
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** utime + stime of a process, in seconds: fields 14 and 15 of /proc/<pid>/stat, in clock ticks. */
function cpuSecondsOf(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// pid (comm) state ...: comm may hold spaces and parentheses, so count after the last ')',
	// where field 3 (state) is the first.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[14 - 3]) + Number(fields[15 - 3])) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Samples every SAMPLE_MS the RSS and the CPU time of `/usr/bin/time`'s child, which is n8n (the
 * same pid before and after its exec).
 */
function sampleN8n(timePid) {
	const samples = [];
	let n8nPid;
	const timer = setInterval(() => {
		try {
			n8nPid ||= fs.readFileSync(`/proc/${timePid}/task/${timePid}/children`, 'utf8').trim();
			if (!n8nPid) return;
			const rssKb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${n8nPid}/status`, 'utf8'));
			const cpuSeconds = cpuSecondsOf(n8nPid);
			if (rssKb) samples.push({ at: Date.now(), mb: Number(rssKb[1]) / 1024, cpuSeconds });
		} catch {
			// Not started yet, or already gone.
		}
	}, SAMPLE_MS);
	return { stop: () => clearInterval(timer), samples };
}

/**
 * The CPU time at instant `at`, interpolated linearly between the samples on either side of it:
 * the samples are SAMPLE_MS apart (more when this process is busy serving the sandbox), and the
 * CPU time grows between them about evenly, so this halves the error of taking either one.
 * Outside the samples, the nearest one (index -1: none after `at`, the last; 0: none before it).
 */
function cpuSecondsAt(samples, at) {
	const after = samples.findIndex((sample) => sample.at >= at);
	if (after <= 0) return samples.at(after).cpuSeconds;
	const [from, to] = [samples[after - 1], samples[after]];
	return from.cpuSeconds + ((to.cpuSeconds - from.cpuSeconds) * (at - from.at)) / (to.at - from.at);
}

/** One `n8n execute` of a workflow, sampled while it runs: what it printed, and the samples. */
async function sampledExecute(n8n, workflowId) {
	// Into a file: n8n exits right after printing, and a pipe would lose what was not read yet.
	const outputFile = path.join(n8n.userFolder, 'execute-output.json');
	const outputFd = fs.openSync(outputFile, 'w');
	const child = spawn(
		'/usr/bin/time',
		['-f', 'peak-rss-kb=%M', n8n.node, n8n.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{ env: n8n.env, stdio: ['ignore', outputFd, 'pipe'] },
	);
	fs.closeSync(outputFd);
	const sampling = sampleN8n(child.pid);
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const status = await new Promise((resolve) => child.once('close', resolve));
	sampling.stop();
	const output = fs.readFileSync(outputFile, 'utf8');
	fs.rmSync(outputFile);
	return { output, status, stderr, samples: sampling.samples };
}

/**
 * The run data in what `n8n execute --rawOutput` printed: the text from a line "{" to a line
 * "}", with n8n's log lines around it; undefined when it is not whole.
 */
function runDataOf(output) {
	const start = output.search(/^\{$/m);
	const end = output.lastIndexOf('\n}') + 2;
	try {
		return JSON.parse(output.slice(start, end));
	} catch {
		return undefined;
	}
}

/**
 * One fresh `n8n execute` of a workflow: the execution's CPU time and wall time (n8n's startedAt
 * .. stoppedAt), the peak RSS of the process (n8n's start, the execution, storing and printing
 * the run data) and the peak while the execution ran, and the run data.
 */
async function executeOnce(n8n, workflowId) {
	let execution = await sampledExecute(n8n, workflowId);
	let run = runDataOf(execution.output);
	// Now and then `n8n execute` ends without its run data whole (once in about 120 runs of
	// 200,000 items): run again, once, the ends of what it printed shown to look into.
	const ranAgain = run === undefined;
	if (ranAgain) {
		const { output, status, stderr } = execution;
		console.warn(
			`n8n execute ${workflowId} gave no run data (status ${status}); once more. It printed ${output.length} characters: ${output.slice(0, 1000)} ... ${output.slice(-1000)}\n${stderr.slice(-2000)}`,
		);
		execution = await sampledExecute(n8n, workflowId);
		run = runDataOf(execution.output);
	}
	const { status, stderr, samples } = execution;
	if (!run)
		throw new Error(`n8n execute ${workflowId} gave no run data (status ${status}):\n${stderr}`);
	if (run.data.resultData.error) throw new Error(run.data.resultData.error.message);
	const [startedAt, stoppedAt] = [Date.parse(run.startedAt), Date.parse(run.stoppedAt)];
	const executing = samples.filter(({ at }) => at >= startedAt - SAMPLE_MS && at <= stoppedAt);
	return {
		cpuSeconds: cpuSecondsAt(samples, stoppedAt) - cpuSecondsAt(samples, startedAt),
		seconds: (stoppedAt - startedAt) / 1000,
		peakRssMb: Number(/peak-rss-kb=(\d+)/.exec(stderr)[1]) / 1024,
		// From one sample before the start: a run shorter than the sampling still gets a figure.
		executingRssMb: Math.max(...executing.map(({ mb }) => mb)),
		// n8n prints the run data, then exits; on these machines the exit itself sometimes dies in
		// isolated-vm's teardown (SIGSEGV), after the output is whole: such a run still counts.
		crashedOnExit: /signal/i.test(stderr),
		ranAgain,
		run,
	};
}

/** The items a node put out on its first output, in a run as `n8n execute` printed it. */
const outputOf = (run, node) => run.data.resultData.runData[node]?.[0].data.main[0] ?? [];

module.exports = { executeOnce, outputOf, SAMPLE_MS, CLOCK_TICKS_PER_SECOND };
