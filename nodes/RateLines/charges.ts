/**
 * What a group of lines costs under a pricing model, exactly, before any rounding
 * (docs/rate-lines.md). A group's usage is its lines' quantity (unit-based models) or their
 * vendor amount in the sell currency (amount-based models), summed. Pure.
 */
import {
	addDecimals,
	compareDecimals,
	multiplyDecimals,
	subtractDecimals,
	sumDecimals,
	ZERO,
	type Decimal,
} from '../shared/decimal';
import type { PricingModel } from './rateRules';

const ONE: Decimal = { units: 1n, scale: 0 };

const min = (a: Decimal, b: Decimal) => (compareDecimals(a, b) <= 0 ? a : b);
const max = (a: Decimal, b: Decimal) => (compareDecimals(a, b) >= 0 ? a : b);
const isAbove = (a: Decimal, b: Decimal) => compareDecimals(a, b) > 0;

/** The smallest whole number of `size` that holds `usage`: ceil(usage / size), size > 0. */
function packagesFor(usage: Decimal, size: Decimal): bigint {
	const scale = Math.max(usage.scale, size.scale);
	const units = usage.units * 10n ** BigInt(scale - usage.scale);
	const per = size.units * 10n ** BigInt(scale - size.scale);
	return (units + per - 1n) / per;
}

interface Tier {
	upTo: Decimal | null;
	flatFee: Decimal;
}

/**
 * Each tier's share of `usage`: the usage above the tier before's bound, up to its own (an open
 * last tier takes the rest), with the tier.
 */
function tierShares<T extends Tier>(tiers: readonly T[], usage: Decimal) {
	let below = ZERO;
	return tiers.map((tier) => {
		const top = tier.upTo === null ? usage : min(usage, tier.upTo);
		const inTier = max(subtractDecimals(top, below), ZERO);
		if (tier.upTo !== null) below = tier.upTo;
		return { tier, inTier };
	});
}

/** The tier `usage` falls in: the first whose bound holds it, or the open last one. */
const tierHolding = <T extends Tier>(tiers: readonly T[], usage: Decimal): T =>
	tiers.find((tier) => tier.upTo !== null && !isAbove(usage, tier.upTo)) ?? tiers[tiers.length - 1];

/** Each tier's share of `usage` at its price (a unit price or a rate), plus its flat fee once. */
const graduatedCharge = <T extends Tier>(
	tiers: readonly T[],
	usage: Decimal,
	priceOf: (tier: T) => Decimal,
) =>
	sumDecimals(
		tierShares(tiers, usage)
			.filter(({ inTier }) => isAbove(inTier, ZERO))
			.map(({ tier, inTier }) =>
				addDecimals(multiplyDecimals(inTier, priceOf(tier)), tier.flatFee),
			),
	);

/**
 * The exact charge of `usage` (free units already deducted for unit-based models): units at
 * their tiers' prices, a flat fee once for each tier reached. Zero usage is charged nothing, or
 * with `firstTierAtZero` (version 2, as Lago charges a subscribed customer) a tiered model's first
 * tier's flat fee.
 */
export function chargeOf(model: PricingModel, usage: Decimal, firstTierAtZero = false): Decimal {
	if (!isAbove(usage, ZERO)) return firstTierAtZero ? firstTierFee(model) : ZERO;
	switch (model.name) {
		case 'per_unit':
			return multiplyDecimals(usage, model.unitPrice);
		case 'cost_plus':
			return multiplyDecimals(usage, addDecimals(ONE, model.markup));
		case 'package': {
			const packages = packagesFor(usage, model.packageSize);
			return multiplyDecimals({ units: packages, scale: 0 }, model.packagePrice);
		}
		case 'volume': {
			const tier = tierHolding(model.tiers, usage);
			return addDecimals(multiplyDecimals(usage, tier.unitPrice), tier.flatFee);
		}
		case 'graduated':
			return graduatedCharge(model.tiers, usage, (tier) => tier.unitPrice);
		case 'graduated_percentage':
			return graduatedCharge(model.tiers, usage, (tier) => tier.rate);
	}
}

/** What a tiered model charges for no usage at all: its first tier's flat fee (Lago's rule). */
export function firstTierFee(model: PricingModel): Decimal {
	return 'tiers' in model ? model.tiers[0].flatFee : ZERO;
}
