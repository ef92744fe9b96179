// Rate Lines' engine on generated rate cards and lines, checked against decimal.js (a dev-only
// oracle that prices each model again, independently) and against the rules a share must keep.
// Seeded: the seed is in each property's name; FC_SEED=<seed> replays a run.
const { describe, expect, test } = require('@jest/globals');
const fc = require('fast-check');
const { Decimal: OracleBase } = require('decimal.js');
const { readExchangeRates, readRateCard } = require('../../nodes/RateLines/rateCard');
const { rateLines } = require('../../nodes/RateLines/rating');

/** @typedef {import('n8n-workflow').IDataObject} IDataObject */

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const CASES = 1000;
const runs = { seed: SEED, numRuns: CASES };
const Oracle = OracleBase.clone({ precision: 200, rounding: OracleBase.ROUND_HALF_UP });
const MINOR = /** @type {Record<string, number>} */ ({ USD: 2, JPY: 0, KWD: 3 });

/**
 * A plain decimal text of up to `places` decimals, at most `max` in whole units.
 * @param {number} max
 */
const decimalText = (max, places = 4) =>
	fc
		.tuple(fc.integer({ min: 0, max: max * 10 ** places }), fc.integer({ min: 0, max: places }))
		.map(([units, scale]) =>
			new Oracle(units)
				.div(10 ** places)
				.toDecimalPlaces(scale, 1)
				.toFixed(),
		);

const tierBounds = fc
	.array(fc.integer({ min: 1, max: 400 }), { minLength: 0, maxLength: 3 })
	.map((steps) =>
		steps.reduce(
			(/** @type {number[]} */ bounds, step) => [...bounds, (bounds.at(-1) ?? 0) + step],
			[],
		),
	);
const tiersWith = (/** @type {string} */ field, /** @type {fc.Arbitrary<string>} */ price) =>
	tierBounds.chain((bounds) =>
		fc.tuple(
			...[...bounds, null].map((upTo) =>
				fc.record({ up_to: fc.constant(upTo), [field]: price, flat_fee: decimalText(20, 2) }),
			),
		),
	);

const model = fc.oneof(
	fc.record({ model: fc.constant('per_unit'), unit_price: decimalText(3, 5) }),
	fc.record({ model: fc.constant('cost_plus'), markup: decimalText(2, 3) }),
	fc.record({ model: fc.constant('graduated'), tiers: tiersWith('unit_price', decimalText(3, 5)) }),
	fc.record({ model: fc.constant('volume'), tiers: tiersWith('unit_price', decimalText(3, 5)) }),
	fc.record({
		model: fc.constant('package'),
		package_size: decimalText(50, 0).filter((size) => size !== '0'),
		package_price: decimalText(100, 2),
	}),
	fc.record({
		model: fc.constant('graduated_percentage'),
		tiers: tiersWith('rate', decimalText(1, 4)),
	}),
);

const usage = (/** @type {fc.Arbitrary<string>} */ any) =>
	fc.oneof(any, fc.constantFrom('1', '2.5', '0.01'));

/** One rule over every line, and the lines of one customer and period it prices as a group. */
const group = fc
	.record({
		rule: model,
		currency: fc.constantFrom('USD', 'JPY', 'KWD'),
		freeUnits: fc.option(decimalText(100, 1), { nil: undefined }),
		minimum: fc.option(decimalText(500, 0), { nil: undefined }),
		// Equal weights often, so that remainders tie and the tie order is put to the test.
		lines: fc.array(
			fc.record({ quantity: usage(decimalText(800, 3)), amount: usage(decimalText(300, 5)) }),
			{
				minLength: 1,
				maxLength: 8,
			},
		),
	})
	.map(({ rule, currency, freeUnits, minimum, lines }) => ({
		rule: {
			...rule,
			currency,
			...(freeUnits && !['cost_plus', 'graduated_percentage'].includes(rule.model)
				? { free_units: freeUnits }
				: {}),
			...(minimum ? { minimum } : {}),
		},
		lines: lines.map(({ quantity, amount }, at) => ({
			customer: 'AC1',
			platform: 'Twilio-compatible API',
			category: 'calls',
			description: 'Calls',
			quantity,
			unit: 'minutes',
			amount,
			currency,
			period_start: '2026-11-01',
			period_end: '2026-11-30',
			source: `record ${at}`,
		})),
	}));

const rate = (/** @type {IDataObject} */ rule, /** @type {IDataObject[]} */ lines) =>
	rateLines(
		lines.map((json, item) => ({ item, json })),
		readRateCard([rule]),
		readExchangeRates([]),
	);

const oracle = (/** @type {unknown} */ value) => new Oracle(String(value));
const amountModel = (/** @type {unknown} */ name) =>
	name === 'cost_plus' || name === 'graduated_percentage';

/** The group's charge as decimal.js computes it, before rounding. */
function oracleCharge(/** @type {any} */ rule, /** @type {IDataObject[]} */ lines) {
	const total = lines
		.map((line) => oracle(amountModel(rule.model) ? line.amount : line.quantity))
		.reduce((sum, value) => sum.plus(value), new Oracle(0));
	const usage = amountModel(rule.model) ? total : Oracle.max(0, total.minus(rule.free_units ?? 0));
	if (usage.isZero()) return new Oracle(0);
	if (rule.model === 'per_unit') return usage.times(rule.unit_price);
	if (rule.model === 'cost_plus') return usage.times(oracle(rule.markup).plus(1));
	if (rule.model === 'package')
		return usage.div(rule.package_size).ceil().times(rule.package_price);
	const price = rule.model === 'graduated_percentage' ? 'rate' : 'unit_price';
	if (rule.model === 'volume') {
		const tier =
			rule.tiers.find((/** @type {any} */ t) => t.up_to !== null && usage.lte(t.up_to)) ??
			rule.tiers.at(-1);
		return usage.times(tier[price]).plus(tier.flat_fee);
	}
	let below = new Oracle(0);
	let charge = new Oracle(0);
	for (const tier of rule.tiers) {
		const top = tier.up_to === null ? usage : Oracle.min(usage, tier.up_to);
		const inTier = Oracle.max(0, top.minus(below));
		if (inTier.gt(0)) charge = charge.plus(inTier.times(tier[price])).plus(tier.flat_fee);
		if (tier.up_to !== null) below = new Oracle(tier.up_to);
	}
	return charge;
}

describe(`generated groups (seed ${SEED})`, () => {
	test(`the group's total is decimal.js's charge, rounded once, half up, and the minimum's top-up: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(group, ({ rule, lines }) => {
				const { priced, minimums, failed } = rate(rule, lines);
				expect(failed).toEqual([]);
				const places = MINOR[rule.currency];
				const charge = oracleCharge(rule, lines).toDecimalPlaces(places);
				const total = priced.reduce(
					(sum, { json }) => sum.plus(String(json.sell_amount)),
					new Oracle(0),
				);
				expect(total.toFixed(places)).toBe(charge.toFixed(places));
				const topUp =
					rule.minimum && charge.lt(rule.minimum) ? oracle(rule.minimum).minus(charge) : undefined;
				expect(minimums.map(({ json }) => oracle(json.sell_amount).toFixed(places))).toEqual(
					topUp ? [topUp.toFixed(places)] : [],
				);
			}),
			runs,
		);
	});

	test(`each share is within one minor unit of its exact share, and none is negative: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(group, ({ rule, lines }) => {
				const { priced } = rate(rule, lines);
				const weights = lines.map((line) =>
					oracle(amountModel(rule.model) ? line.amount : line.quantity),
				);
				const whole = weights.reduce((sum, weight) => sum.plus(weight), new Oracle(0));
				const total = priced.reduce(
					(sum, { json }) => sum.plus(String(json.sell_amount)),
					new Oracle(0),
				);
				const minorUnit = new Oracle(10).pow(-MINOR[rule.currency]);
				for (const { item, json } of priced) {
					const share = oracle(json.sell_amount);
					expect(share.isNegative()).toBe(false);
					const exact = whole.isZero()
						? total.div(lines.length)
						: total.times(weights[item]).div(whole);
					expect(share.minus(exact).abs().lt(minorUnit)).toBe(true);
				}
			}),
			runs,
		);
	});

	test(`shuffling the lines changes no line's price: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(
				group.chain((generated) =>
					fc.tuple(
						fc.constant(generated),
						fc.shuffledSubarray(generated.lines, { minLength: generated.lines.length }),
					),
				),
				([{ rule, lines }, shuffled]) => {
					const bySource = (/** @type {ReturnType<typeof rate>} */ result) =>
						Object.fromEntries(result.priced.map(({ json }) => [json.source, json]));
					const [once, again] = [rate(rule, lines), rate(rule, shuffled)];
					expect(bySource(again)).toEqual(bySource(once));
					expect(again.minimums.map(({ json }) => json)).toEqual(
						once.minimums.map(({ json }) => json),
					);
				},
			),
			runs,
		);
	});
});
