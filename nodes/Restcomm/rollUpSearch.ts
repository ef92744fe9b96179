/**
 * The subsets of a roll-up's name-children whose figures add up to its own, within rounding: half
 * a unit in the last decimal the roll-up was sent with, plus half a unit in the last decimal of
 * each part in the subset (Twilio sends a roll-up as "10.0000" over parts of 3.00004 and
 * 6.99998). Searched depth first, largest figures first, cut where no subset below can add up;
 * after SEARCH_BUDGET subsets tried the answer is "undecided", never a guess. Pure.
 */
import type { Decimal } from '../shared/decimal';

/** A figure as sent: its value, and the number of decimals it was written with. */
export interface SentFigure {
	value: Decimal;
	decimals: number;
}

// 2^20 subsets per roll-up: a fraction of a second, and far beyond a roll-up whose parts can
// be told apart.
export const SEARCH_BUDGET = 2 ** 20;

// Beyond this many subsets that add up, which one holds the roll-up cannot be told anyway.
const MOST_MATCHES = 256;

export interface SubsetSearch {
	/** Each subset that adds up, as indexes into the candidates, largest first. */
	matches: number[][];
	/** Whether the search stopped before trying every subset. */
	undecided: boolean;
}

/** Every figure counted in units of 10^-scale, twice over so that half a unit is whole. */
function inUnits(figures: SentFigure[]): { units: bigint[]; halves: bigint[] } {
	const scale = Math.max(...figures.map(({ value, decimals }) => Math.max(value.scale, decimals)));
	const units = figures.map(({ value }) => 2n * value.units * 10n ** BigInt(scale - value.scale));
	const halves = figures.map(({ decimals }) => 10n ** BigInt(scale - decimals));
	return { units, halves };
}

/** The subsets of `parts` (non-empty) whose figures add up to `total`'s within rounding. */
export function subsetsAddingUp(total: SentFigure, parts: SentFigure[]): SubsetSearch {
	const { units, halves } = inUnits([total, ...parts]);
	const [target, slack] = [units[0], halves[0]];
	// Largest first, so that the bound cuts early.
	const order = parts
		.map((_, index) => index)
		.sort((a, b) => (units[b + 1] > units[a + 1] ? 1 : -1));
	const value = order.map((index) => units[index + 1]);
	const half = order.map((index) => halves[index + 1]);
	// What the parts from a position on can add at most, rounding included.
	const most: bigint[] = new Array(order.length + 1).fill(0n);
	for (let at = order.length - 1; at >= 0; at--) most[at] = most[at + 1] + value[at] + half[at];

	const matches: number[][] = [];
	let tried = 0;
	let undecided = false;
	const chosen: number[] = [];
	// low and high: the chosen parts' sum at its smallest and largest within rounding.
	const search = (at: number, low: bigint, high: bigint): void => {
		if (undecided) return;
		if (++tried > SEARCH_BUDGET || matches.length > MOST_MATCHES) {
			undecided = true;
			return;
		}
		if (chosen.length > 0 && low <= target + slack && high >= target - slack)
			matches.push(chosen.map((position) => order[position]));
		for (let next = at; next < order.length; next++) {
			// No subset from here on can reach the total.
			if (high + most[next] < target - slack) return;
			const nextLow = low + value[next] - half[next];
			if (nextLow > target + slack) continue;
			chosen.push(next);
			search(next + 1, nextLow, high + value[next] + half[next]);
			chosen.pop();
		}
	};
	search(0, 0n, 0n);
	return { matches: undecided ? [] : matches, undecided };
}

/** Whether `parts` add up to `total` within rounding, as a subset the search finds does. */
export function addsUp(total: SentFigure, parts: SentFigure[]): boolean {
	const { units, halves } = inUnits([total, ...parts]);
	const sum = units.slice(1).reduce((a, b) => a + b, 0n);
	const slack = halves.reduce((a, b) => a + b, 0n);
	const gap = sum - units[0];
	return gap <= slack && -gap <= slack;
}
