// The figures of repeated runs: each a median with its interquartile range, and ratios taken round
// by round between cases measured in the same rounds.

/** The q-quantile of `values`, interpolated between the two nearest in order (as spreadsheets do). */
function quantile(values, q) {
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * q;
	const below = Math.floor(position);
	const above = Math.min(below + 1, sorted.length - 1);
	return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** A figure over runs: its median and its interquartile range, q1 to q3. */
const spreadOf = (values) => ({
	median: quantile(values, 0.5),
	q1: quantile(values, 0.25),
	q3: quantile(values, 0.75),
});

/** `field` of each of `samples` over that of `baseSamples` in the same round. */
const ratiosOf = (samples, baseSamples, field) =>
	samples.map((sample, round) => sample[field] / baseSamples[round][field]);

module.exports = { spreadOf, ratiosOf };
