/**
 * A group's charge, rounded once, spread back over its lines in proportion to their weight
 * (quantity or amount) by the largest-remainder method: each share rounded down to the minor
 * unit, the units left over one each to the largest remainders, ties in the order given, so that
 * the shares always add up to the charge and never depend on the lines' order. Pure.
 */
import type { Decimal } from '../shared/decimal';

/** Every weight's units counted at the largest scale among them. */
function alignedUnits(weights: readonly Decimal[]): bigint[] {
	const scale = Math.max(0, ...weights.map((weight) => weight.scale));
	return weights.map((weight) => weight.units * 10n ** BigInt(scale - weight.scale));
}

/**
 * `total` minor units (>= 0) shared by `weights` (each >= 0), given in tie order: the shares, in
 * minor units, in the same order. With every weight 0 the total goes in equal parts.
 */
export function spread(total: bigint, weights: readonly Decimal[]): bigint[] {
	if (weights.length === 0) return [];
	let units = alignedUnits(weights);
	let whole = units.reduce((sum, unit) => sum + unit, 0n);
	if (whole === 0n) {
		units = units.map(() => 1n);
		whole = BigInt(units.length);
	}
	const shares = units.map((unit) => (total * unit) / whole);
	const remainders = units.map((unit, index) => ({ index, remainder: (total * unit) % whole }));
	let left = total - shares.reduce((sum, share) => sum + share, 0n);
	// A stable sort: equal remainders keep the tie order the weights were given in.
	remainders.sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
	for (const { index } of remainders) {
		if (left === 0n) break;
		shares[index] += 1n;
		left -= 1n;
	}
	return shares;
}
