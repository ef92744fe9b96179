// Cases measured interleaved: round after round, each case once in its turn, so that a pack run
// has its floor's run (and the other cases') beside it, under the same load of the machine.

/**
 * Runs `cases` in `rounds` rounds through `measure` and returns each case's samples, round by
 * round. With `warmUp`, each case runs once before, untimed: that fills the sandbox's cache with
 * what its client asks (its own spelling of dates and query).
 */
async function measureRounds(cases, { rounds, warmUp = false }, measure) {
	if (warmUp) for (const benchCase of cases) await measure(benchCase, 'warm-up');
	const samples = new Map(cases.map((benchCase) => [benchCase, []]));
	for (let round = 1; round <= rounds; round++)
		for (const benchCase of cases)
			samples.get(benchCase).push(await measure(benchCase, `round ${round}/${rounds}`));
	return samples;
}

module.exports = { measureRounds };
