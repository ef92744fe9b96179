// Rate Lines version 2's pricing on its own (RateLines/billingMonth.ts, rateCardV2.ts, rating.ts
// with a month's terms, customerCharges.ts): a month billed whatever the lines' granularity,
// listed customers' fees, first-tier fees and minimum commitments, Lago's meanings.
const { describe, expect, test } = require('@jest/globals');
const fc = require('fast-check');
const { Decimal } = require('decimal.js');
const {
	billingMonthOf,
	daysIn,
	monthOfLine,
	monthToBill,
} = require('../../nodes/RateLines/billingMonth');
const { customerCharges } = require('../../nodes/RateLines/customerCharges');
const { readRateCardV2 } = require('../../nodes/RateLines/rateCardV2');
const { rateLines } = require('../../nodes/RateLines/rating');

const NOVEMBER = /** @type {import('../../nodes/RateLines/billingMonth').BillingMonth} */ (
	billingMonthOf('2026-11')
);

/**
 * @param {import('n8n-workflow').IDataObject} fields
 * @returns {import('n8n-workflow').IDataObject}
 */
const line = (fields) => ({
	customer: 'AC1',
	platform: 'Twilio-compatible API',
	category: 'calls',
	quantity: 10,
	unit: 'minutes',
	amount: 1,
	currency: 'USD',
	period_start: '2026-11-01',
	period_end: '2026-11-30',
	...fields,
});

/** The month's pricing of `lines` with `card`: priced and charge lines' sell amounts, by rule. */
function bill(
	/** @type {unknown} */ card,
	/** @type {import('n8n-workflow').IDataObject[]} */ lines,
) {
	const rateCard = readRateCardV2(card);
	const rated = rateLines(
		lines.map((json, item) => ({ item, json })),
		rateCard.rules,
		new Map(),
		{
			groupKey: (_line, rule) => [NOVEMBER.month, rule.currency ?? 'USD'],
			group: { firstTierAtZero: true, period: NOVEMBER },
		},
	);
	const charges = customerCharges(rateCard, NOVEMBER, rated, [0]);
	const all = [...rated.priced, ...rated.minimums, ...charges];
	const total = all.reduce((sum, { json }) => sum.plus(String(json.sell_amount)), new Decimal(0));
	return { rated, charges, total: total.toFixed(2) };
}

/** 30 daily lines of November, `perDay` units each. */
const dailyLines = (/** @type {number} */ perDay, fields = {}) =>
	Array.from({ length: 30 }, (_, index) => {
		const day = `2026-11-${String(index + 1).padStart(2, '0')}`;
		return line({ quantity: perDay, period_start: day, period_end: day, ...fields });
	});

describe('the billing month', () => {
	test('a line is of the month its two dates are in; two months, or none, is no month', () => {
		expect(monthOfLine(line({}))).toEqual({ month: '2026-11' });
		expect(monthOfLine(line({ period_end: '2026-12-01' }))).toMatchObject({
			reason: expect.stringMatching(/lies in two months/),
		});
		expect(monthOfLine(line({ period_start: null }))).toMatchObject({
			reason: expect.stringMatching(/has no period/),
		});
	});

	test('the month given, else the lines’ one month; several or none is a reason', () => {
		expect(monthToBill('', ['2026-11', '2026-11'])).toMatchObject({ month: '2026-11', days: 30 });
		expect(monthToBill('2027-02', [])).toMatchObject({ start: '2027-02-01', end: '2027-02-28' });
		expect(monthToBill('', ['2026-10', '2026-11'])).toEqual({
			reason:
				"the lines' periods lie in 2026-10, 2026-11: set Billing Month (YYYY-MM) to bill one of them",
		});
		expect(monthToBill('', [])).toMatchObject({
			reason: expect.stringMatching(/set Billing Month/),
		});
		expect(monthToBill('2026-13', [])).toEqual({ reason: '"2026-13" is not a month (YYYY-MM)' });
	});

	test("a customer's days in the month", () => {
		expect(daysIn(NOVEMBER, null, null)).toBe(30);
		expect(daysIn(NOVEMBER, '2026-11-16', null)).toBe(15);
		expect(daysIn(NOVEMBER, null, '2026-11-10')).toBe(10);
		expect(daysIn(NOVEMBER, '2026-12-01', null)).toBe(0);
	});
});

describe("groups follow the billing month, not the lines' own periods", () => {
	test('30 daily lines with a minimum of 50 USD: 50.00, not a minimum a day', () => {
		const card = [{ model: 'per_unit', unit_price: '0.01', minimum: '50', currency: 'USD' }];
		expect(bill(card, dailyLines(10)).total).toBe('50.00');
	});

	test('graduated tiers over the same daily lines: 200.00, as over one monthly line', () => {
		const card = [
			{
				model: 'graduated',
				currency: 'USD',
				tiers: [
					{ up_to: '100', unit_price: '1' },
					{ up_to: null, unit_price: '0.5' },
				],
			},
		];
		expect(bill(card, dailyLines(10)).total).toBe('200.00');
		expect(bill(card, [line({ quantity: 300 })]).total).toBe('200.00');
	});
});

describe('zero usage on tiered models, as Lago bills a subscribed customer', () => {
	const tiers = (/** @type {string} */ price) => [
		{ up_to: '10', [price]: '10', flat_fee: '2' },
		{ up_to: null, [price]: '5', flat_fee: '3' },
	];
	test.each([
		['graduated', 'unit_price', '2.00'],
		['volume', 'unit_price', '2.00'],
		['graduated_percentage', 'rate', '2.00'],
	])('%s: the first tier’s flat fee', (model, price, expected) => {
		const card = [{ model, currency: 'USD', tiers: tiers(price) }];
		expect(bill(card, [line({ quantity: 0, amount: 0 })]).total).toBe(expected);
	});
});

describe("Lago's meanings: a graduated percentage's rate is a percent", () => {
	// Lago's published graduated percentage example: 5,050 USD over these tiers is 591 USD.
	const card = [
		{
			model: 'graduated_percentage',
			currency: 'USD',
			tiers: [
				{ up_to: '1000', rate: '1', flat_fee: '200' },
				{ up_to: '10000', rate: '2', flat_fee: '300' },
				{ up_to: null, rate: '3', flat_fee: '400' },
			],
		},
	];
	test('5,050 USD written as Lago writes it: 591.00', () => {
		expect(bill(card, [line({ amount: 5050 })]).total).toBe('591.00');
	});
	test('a negative rate, or one that is no plain decimal, names the rule and field', () => {
		const bad = (/** @type {string} */ rate) => () =>
			readRateCardV2([{ model: 'graduated_percentage', tiers: [{ up_to: null, rate }] }]);
		expect(bad('-1')).toThrow('rule 1.tiers[0].rate: must be at least 0');
		expect(bad('1%')).toThrow('rule 1.tiers[0].rate: "1%" is not a plain decimal');
	});
});

describe('customers the card lists', () => {
	const tiered = {
		label: 'Calls',
		model: 'graduated',
		currency: 'USD',
		tiers: [
			{ up_to: '100', unit_price: '0.10', flat_fee: '5' },
			{ up_to: null, unit_price: '0.05' },
		],
	};

	test('a customer with no usage who started mid-month: its minimum prorated, its fee whole or by its days', () => {
		const card = {
			rules: [tiered],
			customers: [
				{
					id: 'AC9',
					name: 'Northwind',
					starts_on: '2026-11-16',
					rules: [],
					minimum: { amount: '100.00', currency: 'USD' },
					fees: [
						{ name: 'Platform fee', amount: '30.00', currency: 'USD', prorated: true },
						{ name: 'Support', amount: '10.00', currency: 'USD' },
					],
				},
			],
		};
		const { charges, total } = bill(card, []);
		expect(charges.map(({ json }) => [json.rate_rule, json.sell_amount])).toEqual([
			['fee: Platform fee', 15],
			['fee: Support', 10],
			// 100.00 for 15 of 30 days is 50.00, of which the fees hold 25.00.
			['minimum commitment', 25],
		]);
		expect(total).toBe('50.00');
		expect(charges.every(({ items }) => items.join() === '0')).toBe(true);
	});

	test("a subscribed tiered rule that priced none of its lines: the first tier's flat fee, by label or position", () => {
		const card = (/** @type {Array<string | number>} */ rules) => ({
			rules: [tiered],
			customers: [{ id: 'AC9', rules }],
		});
		for (const rules of [['Calls'], [1]]) {
			const { charges } = bill(card(rules), []);
			expect(
				charges.map(({ json }) => [json.category, json.sell_amount, json.sell_currency]),
			).toEqual([['Calls', 5, 'USD']]);
		}
		// With a line, the rule prices it as usual: no second fee.
		const withUsage = bill(card(['Calls']), [line({ customer: 'AC9', quantity: 10 })]);
		expect(withUsage.charges).toEqual([]);
		expect(withUsage.total).toBe('6.00');
	});

	test('a minimum below what the lines and fees come to adds nothing', () => {
		const card = {
			rules: [{ model: 'per_unit', unit_price: '1', currency: 'USD' }],
			customers: [{ id: 'AC1', minimum: { amount: '5', currency: 'USD' } }],
		};
		expect(bill(card, [line({ quantity: 10 })]).charges).toEqual([]);
	});

	test('card mistakes name where they are', () => {
		expect(() =>
			readRateCardV2({ rules: [tiered], customers: [{ id: 'A', rules: ['Sms'] }] }),
		).toThrow('customer 1.rules[0]: no rule is labelled "Sms"');
		expect(() =>
			readRateCardV2({ rules: [tiered], customers: [{ id: 'A' }, { id: 'A' }] }),
		).toThrow('the rate card: lists customer "A" twice');
		expect(() =>
			readRateCardV2({ rules: [tiered], customers: [{ id: 'A', starts_on: '16.11.2026' }] }),
		).toThrow('customer 1.starts_on: "16.11.2026" is not a day (YYYY-MM-DD)');
		expect(() => readRateCardV2('')).toThrow(/has no rules, so nothing has a price/);
	});
});

describe('a month split into any number of lines bills what one line of it bills', () => {
	// Seeded: FC_SEED=<seed> replays a run.
	const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
	const cards = [
		[{ model: 'per_unit', unit_price: '0.013', minimum: '5', currency: 'USD' }],
		[
			{
				model: 'graduated',
				currency: 'USD',
				tiers: [
					{ up_to: '250', unit_price: '0.05', flat_fee: '1' },
					{ up_to: null, unit_price: '0.02' },
				],
			},
		],
		[
			{
				model: 'package',
				package_size: '100',
				package_price: '1.10',
				free_units: '40',
				currency: 'USD',
			},
		],
	];
	test.each(cards.map((card) => [card[0].model, card]))(`%s (seed ${seed})`, (_, card) => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						day: fc.integer({ min: 1, max: 30 }),
						quantity: fc.integer({ min: 0, max: 200 }),
					}),
					{ minLength: 1, maxLength: 40 },
				),
				(parts) => {
					const split = parts.map(({ day, quantity }) => {
						const date = `2026-11-${String(day).padStart(2, '0')}`;
						return line({ quantity, period_start: date, period_end: date });
					});
					const whole = parts.reduce((sum, { quantity }) => sum + quantity, 0);
					return bill(card, split).total === bill(card, [line({ quantity: whole })]).total;
				},
			),
			{ seed, numRuns: 300 },
		);
	});
});
