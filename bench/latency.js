// The latency cases: runs that wait on a slow sandbox, not on the machine, so one run of each
// tells; what their sandbox was asked, and their checks against the same workflow one request at
// a time.
const { isDeepStrictEqual } = require('node:util');

const { executeOnce, outputOf } = require('./execution');

/**
 * A latency case's run: its wall time, the most requests its sandbox answered at once, how many
 * it was sent, what they lacked (its `checkRequests`), what the node put out, and the run it is
 * to be measured against (`oneAtATime`) and held to (`mostOfOneAtATime`). Its sandbox's cache is
 * filled by another case's run (`warmUp`), if by any.
 */
async function measureLatencyCase(n8n, benchCase) {
	if (benchCase.warmUp) await executeOnce(n8n, benchCase.warmUp);
	benchCase.sandbox.clearRequests();
	const { seconds, run, crashedOnExit, ranAgain } = await executeOnce(n8n, benchCase.workflowId);
	const requests = [...benchCase.sandbox.requests];
	console.log(`${benchCase.group} | ${benchCase.name}: ${seconds.toFixed(2)} s`);
	return {
		group: benchCase.group,
		name: benchCase.name,
		seconds,
		crashedOnExit,
		ranAgain,
		inFlight: Math.max(...requests.map((entry) => entry.inFlight)),
		requestCount: requests.length,
		requestProblems: benchCase.checkRequests?.(requests) ?? [],
		items: outputOf(run, benchCase.node),
		oneAtATime: benchCase.oneAtATime,
		mostOfOneAtATime: benchCase.mostOfOneAtATime,
	};
}

/** The latency row a row is measured against: the same workflow one request at a time. */
const oneAtATimeOf = (rows, row) =>
	rows.find((candidate) => candidate.group === row.group && candidate.name === row.oneAtATime) ??
	row;

/**
 * What the latency rows did wrong: requests not as their case expects, outputs not those of the
 * same workflow one request at a time, more time than their share of it.
 */
function latencyProblems(rows) {
	return rows.flatMap((row) => {
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

module.exports = { measureLatencyCase, latencyProblems, oneAtATimeOf };
