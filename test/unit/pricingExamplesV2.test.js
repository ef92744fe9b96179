// Rate Lines version 2 against every published worked example it has a model for
// (test/fixtures/pricingExamples.json): Lago's charge-model specs, written as Lago writes them,
// and Stripe's tiered pricing tables, each to the cent, decimal.js as the oracle for rounding.
const { describe, expect, test } = require('@jest/globals');
const { Decimal } = require('decimal.js');
const examples = require('../fixtures/pricingExamples.json');
const { billingMonthOf } = require('../../nodes/RateLines/billingMonth');
const { readRateCardV2 } = require('../../nodes/RateLines/rateCardV2');
const { rateLines } = require('../../nodes/RateLines/rating');

const MONTH = /** @type {import('../../nodes/RateLines/billingMonth').BillingMonth} */ (
	billingMonthOf('2026-11')
);
const cents = (/** @type {Decimal.Value} */ value) =>
	new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/**
 * Lago's ranges as the card's tiers: Lago's bounds are inclusive, so its to_value is our up_to.
 * @param {Array<Record<string, unknown>>} ranges
 * @param {'unit_price' | 'rate'} price
 * @param {string} from Lago's name of the price
 */
const tiersOf = (ranges, price, from) =>
	ranges.map((range) => ({
		up_to: range.to_value === null ? null : String(range.to_value),
		[price]: String(range[from]),
		flat_fee: String(range.flat_amount ?? '0'),
	}));

/** A Lago example's charge as a version 2 rule, or undefined for a model the card has not. */
function ruleOf(/** @type {{ model: string, properties: Record<string, any> }} */ example) {
	const { properties } = example;
	switch (example.model) {
		case 'graduated':
			return {
				model: 'graduated',
				tiers: tiersOf(properties.graduated_ranges, 'unit_price', 'per_unit_amount'),
			};
		case 'volume':
			return {
				model: 'volume',
				tiers: tiersOf(properties.volume_ranges, 'unit_price', 'per_unit_amount'),
			};
		case 'graduated_percentage':
			return {
				model: 'graduated_percentage',
				tiers: tiersOf(properties.graduated_percentage_ranges, 'rate', 'rate'),
			};
		case 'package':
			return {
				model: 'package',
				package_size: String(properties.package_size),
				package_price: String(properties.amount),
				free_units: String(properties.free_units ?? 0),
			};
		case 'standard':
			return { model: 'per_unit', unit_price: String(properties.amount) };
		default:
			return undefined;
	}
}

/** What version 2 bills for one month's `units` (an amount for graduated percentage). */
function billed(/** @type {Record<string, unknown>} */ rule, /** @type {string} */ units) {
	const card = readRateCardV2([{ ...rule, currency: 'USD' }]);
	const byAmount = rule.model === 'graduated_percentage';
	const line = {
		customer: 'customer',
		platform: 'Lumin.ai',
		category: 'events',
		quantity: byAmount ? 1 : Number(units),
		unit: 'units',
		amount: byAmount ? Number(units) : 0,
		currency: 'USD',
		period_start: MONTH.start,
		period_end: MONTH.end,
	};
	const rated = rateLines([{ item: 0, json: line }], card.rules, new Map(), {
		groupKey: () => MONTH.month,
		group: { firstTierAtZero: true, period: MONTH },
	});
	expect(rated.failed).toEqual([]);
	return [...rated.priced, ...rated.minimums]
		.reduce((sum, { json }) => sum.plus(String(json.sell_amount)), new Decimal(0))
		.toFixed(2);
}

// Lago's prorated charges bill part of a period's units; the card bills whole months.
const LAGO = examples.lago.filter(
	(/** @type {any} */ example) => ruleOf(example) && example.prorated === undefined,
);

describe("Lago's charge-model specs, as Lago writes them", () => {
	test.each(LAGO.map((/** @type {any} */ example) => [example.source.example, example]))(
		'%s',
		(_, /** @type {any} */ example) => {
			const expected =
				example.expected_amount !== undefined
					? example.expected_amount
					: new Decimal(example.expected_amount_cents).div(100);
			expect(
				billed(/** @type {Record<string, unknown>} */ (ruleOf(example)), String(example.units)),
			).toBe(cents(expected));
		},
	);
});

describe("Stripe's tiered pricing tables", () => {
	test.each(
		examples.stripe.map((/** @type {any} */ example) => [
			`${example.source.section}: ${example.quantity} units`,
			example,
		]),
	)('%s', (_, /** @type {any} */ example) => {
		const rule = {
			model: example.tiers_mode,
			tiers: example.tiers.map((/** @type {any} */ tier) => ({
				up_to: tier.up_to === 'inf' ? null : String(tier.up_to),
				unit_price: new Decimal(tier.unit_amount ?? 0).div(100).toString(),
				flat_fee: new Decimal(tier.flat_amount ?? 0).div(100).toString(),
			})),
		};
		expect(billed(rule, String(example.quantity))).toBe(
			new Decimal(example.expected_total_cents).div(100).toFixed(2),
		);
	});
});
