// The goals `npm run bench` holds the pack to, and the rule that keeps noise from deciding them: a
// goal missed by less than its interquartile range is measured again, once, in new rounds of its
// cases; missed then, or missed by more than that range, it fails the bench.
const { ratiosOf, spreadOf } = require('./statistics');

const { MEGABYTES, TIMES, valueText } = require('./units');

/**
 * The pack's CPU time over `base`'s, as the median of their ratios round by round: at most
 * `atMost`, or below `below`.
 */
function cpuRatioGoal(pack, base, { atMost, below }) {
	const limit = atMost ?? below;
	return {
		label: `${pack.group}: ${pack.name}, CPU time / ${base.name}`,
		subject: pack,
		cases: [base, pack],
		unit: TIMES,
		evaluate(samplesOf) {
			const ratio = spreadOf(ratiosOf(samplesOf(pack), samplesOf(base), 'cpuSeconds'));
			return {
				...ratio,
				limit: `${atMost ? 'at most' : 'below'} ${valueText(limit, TIMES)}`,
				missedBy: ratio.median - limit,
				met: atMost ? ratio.median <= atMost : ratio.median < below,
			};
		},
	};
}

/**
 * Memory that grows slower than the data: `big`'s peak RSS above idle while executing at most
 * `factor` times `small`'s, or `small`'s and `extraMb` when that is more (medians of their runs).
 */
function memoryGoal(big, small, idle, { factor, extraMb }) {
	return {
		label: `${big.group}: ${big.name}, peak RSS above idle while executing / ${small.group}: ${small.name}`,
		subject: big,
		cases: [idle, small, big],
		unit: MEGABYTES,
		evaluate(samplesOf) {
			const idleMb = spreadOf(samplesOf(idle).map((sample) => sample.executingRssMb)).median;
			const aboveIdle = (benchCase) =>
				spreadOf(samplesOf(benchCase).map((sample) => sample.executingRssMb - idleMb));
			const figure = aboveIdle(big);
			const smallMb = aboveIdle(small).median;
			const limit = Math.max(factor * smallMb, smallMb + extraMb);
			return {
				...figure,
				limit: `at most ${valueText(limit, MEGABYTES)} (the larger of ${factor}x and ${valueText(extraMb, MEGABYTES)} more than ${valueText(smallMb, MEGABYTES)})`,
				missedBy: figure.median - limit,
				met: figure.median <= limit,
			};
		},
	};
}

/**
 * Each goal's verdict: its figure from `samplesOf` and, when it missed by less than its
 * interquartile range, its figure from `remeasure(cases)`, new rounds of its cases, which decides.
 */
async function judgeGoals(goals, samplesOf, remeasure) {
	const verdicts = [];
	for (const goal of goals) {
		const first = goal.evaluate(samplesOf);
		let again;
		if (!first.met && first.missedBy < first.q3 - first.q1) {
			console.log(`Measuring again, as it missed by less than its spread: ${goal.label}`);
			const remeasured = await remeasure(goal.cases);
			again = goal.evaluate((benchCase) => remeasured.get(benchCase));
		}
		verdicts.push({ goal, first, again, met: (again ?? first).met });
	}
	return verdicts;
}

module.exports = { cpuRatioGoal, memoryGoal, judgeGoals };
