// Rate Lines' engine on its own (nodes/RateLines): the worked examples the billing vendors
// publish, each cited and reproduced to the cent, then the cases those pages leave out.
const { describe, expect, test } = require('@jest/globals');
const { readExchangeRates, readRateCard, CardError } = require('../../nodes/RateLines/rateCard');
const { rateLines } = require('../../nodes/RateLines/rating');

/** @typedef {import('n8n-workflow').IDataObject} IDataObject */

/** An invoice line of the pack's schema; usage in `quantity`, a vendor price in `amount`. */
const line = (/** @type {IDataObject} */ fields = {}) => ({
	customer: 'AC1',
	platform: 'Twilio-compatible API',
	category: 'sms-outbound',
	description: 'Outbound SMS',
	quantity: 0,
	unit: 'messages',
	amount: null,
	currency: null,
	period_start: '2026-11-01',
	period_end: '2026-11-30',
	source: 'usage',
	...fields,
});

/**
 * The lines rated with `card` (and `fx`): what the engine gives, items numbered from 0.
 * @param {unknown} card @param {IDataObject[]} lines @param {unknown} [fx]
 */
const rate = (card, lines, fx = []) =>
	rateLines(
		lines.map((json, item) => ({ item, json })),
		readRateCard(card),
		readExchangeRates(fx),
	);

/** What the group of `lines` is charged under `rule`, in total: its lines' sell amounts. */
function charged(/** @type {IDataObject} */ rule, /** @type {IDataObject[]} */ lines) {
	const { priced, failed, minimums } = rate([{ currency: 'USD', ...rule }], lines);
	expect(failed).toEqual([]);
	const cents = [...priced, ...minimums].reduce(
		(sum, { json }) => sum + Math.round(Number(json.sell_amount) * 1000),
		0,
	);
	return cents / 1000;
}
const units = (/** @type {number} */ quantity) => [line({ quantity })];
const dollars = (/** @type {string} */ amount) => [line({ amount, currency: 'USD', quantity: 1 })];

describe("Lago's charge models, as its pages work them", () => {
	// https://getlago.com/docs/guide/plans/charges/charge-models/graduated, the example in its
	// screenshot: 100 at $1 with a $10 flat fee, 100 at $0.50, then $0.10; "201 units would cost
	// $160.10".
	test('graduated: 201 units cost 160.10', () => {
		const tiers = [
			{ up_to: 100, unit_price: '1', flat_fee: '10' },
			{ up_to: 200, unit_price: '0.5' },
			{ up_to: null, unit_price: '0.1' },
		];
		expect(charged({ model: 'graduated', tiers }, units(201))).toBe(160.1);
	});

	// https://getlago.com/docs/v2/guide/rate-cards/pricing-models/graduated: "The calculated fee for
	// these 250 API calls is 155 USD". The stored page lacks its tier table; the older page's tiers
	// without the flat fee give its figure.
	test('graduated (current page): 250 API calls cost 155', () => {
		const tiers = [
			{ up_to: 100, unit_price: '1' },
			{ up_to: 200, unit_price: '0.5' },
			{ up_to: null, unit_price: '0.1' },
		];
		expect(charged({ model: 'graduated', tiers }, units(250))).toBe(155);
	});

	// https://getlago.com/docs/guide/plans/charges/charge-models/volume: "65,000 API calls would
	// cost 65,000 x $0.0006 + $10 = $49".
	test('volume: 65,000 API calls cost 49', () => {
		const tiers = [
			{ up_to: 10000, unit_price: '0.0010', flat_fee: 10 },
			{ up_to: 50000, unit_price: '0.0008', flat_fee: 10 },
			{ up_to: 100000, unit_price: '0.0006', flat_fee: 10 },
			{ up_to: null, unit_price: '0.0004', flat_fee: 10 },
		];
		expect(charged({ model: 'volume', tiers }, units(65000))).toBe(49);
	});

	// https://getlago.com/docs/guide/plans/charges/charge-models/package: "$5 per 100 units and
	// offer the first 100 units ... 201 units would cost $0 + $5 + $5 = $10".
	test('package: 201 units, the first 100 free, cost 10', () => {
		const rule = { model: 'package', package_size: 100, package_price: 5, free_units: 100 };
		expect(charged(rule, units(201))).toBe(10);
	});

	// https://getlago.com/docs/v2/guide/rate-cards/pricing-models/package: 2,000 calls "fill
	// exactly 20 packages, giving a calculated fee of 20 USD"; "with 50 free calls ... 200 calls
	// leave 150 billable calls ... two packages, for a fee of 2 USD".
	test('package (current page): 2,000 calls cost 20; 200 calls with 50 free cost 2', () => {
		const rule = { model: 'package', package_size: 100, package_price: 1 };
		expect(charged(rule, units(2000))).toBe(20);
		expect(charged({ ...rule, free_units: 50 }, units(200))).toBe(2);
	});

	// https://getlago.com/docs/v2/guide/rate-cards/pricing-models/graduated-percentage: "The total
	// is 5,050 USD ... Tier 3 is not reached, so its flat fee is not included. The calculated fee
	// is 591 USD". Its tiers as the older page gives them (1% + $200, 2% + $300, 3% + $400), whose
	// transactions of $500, $550 and $4,000 cost $205.00, $306.00 and $80.00: over the summed
	// amount, 205 at 500 and 511 at 1,050.
	test('graduated percentage: a total of 5,050 USD costs 591', () => {
		const tiers = [
			{ up_to: 1000, rate: '0.01', flat_fee: 200 },
			{ up_to: 10000, rate: '0.02', flat_fee: 300 },
			{ up_to: null, rate: '0.03', flat_fee: 400 },
		];
		const rule = { model: 'graduated_percentage', tiers };
		expect(charged(rule, dollars('500'))).toBe(205);
		expect(charged(rule, [...dollars('500'), ...dollars('550')])).toBe(511);
		expect(charged(rule, [...dollars('500'), ...dollars('550'), ...dollars('4000')])).toBe(591);
	});
});

describe("Zuplo's pricing models page", () => {
	// https://zuplo.com/docs/articles/monetization/pricing-models: tiers up to 1,000 at $0.10, up
	// to 10,000 at $0.05, then $0.01.
	const tiers = [
		{ up_to: 1000, unit_price: '0.10' },
		{ up_to: 10000, unit_price: '0.05' },
		{ up_to: null, unit_price: '0.01' },
	];

	test('graduated: 15,000 units cost 600 (100 + 450 + 50)', () => {
		expect(charged({ model: 'graduated', tiers }, units(15000))).toBe(600);
	});

	test('volume: 15,000 units cost 150 (15,000 x 0.01)', () => {
		expect(charged({ model: 'volume', tiers }, units(15000))).toBe(150);
	});

	// The same page's package table: $10 per 1,000, "rounded up to the next package".
	test.each([
		[0, 0],
		[500, 10],
		[1000, 10],
		[1001, 20],
		[5500, 60],
	])('package: %d units cost %d', (quantity, fee) => {
		const rule = { model: 'package', package_size: 1000, package_price: '10.00' };
		expect(charged(rule, units(quantity))).toBe(fee);
	});
});

describe('tiers, free units and minimums', () => {
	const tiers = [
		{ up_to: 100, unit_price: '0.10', flat_fee: '1' },
		{ up_to: 200, unit_price: '0.05', flat_fee: '2' },
		{ up_to: null, unit_price: '0.01' },
	];

	test('graduated on a tier bound: the bound belongs to its tier, the next flat fee is not due', () => {
		expect(charged({ model: 'graduated', tiers }, units(100))).toBe(11);
		expect(charged({ model: 'graduated', tiers }, units(101))).toBe(13.05);
	});

	test('volume on a tier bound prices every unit in that tier; one unit more, in the next', () => {
		expect(charged({ model: 'volume', tiers }, units(100))).toBe(11);
		expect(charged({ model: 'volume', tiers }, units(101))).toBe(7.05);
	});

	test('a fraction of a unit above a bound falls in the next tier', () => {
		expect(charged({ model: 'volume', tiers }, units(100.5))).toBe(7.03);
	});

	test.each(['graduated', 'volume'])('%s at zero usage: nothing, no flat fee', (model) => {
		expect(charged({ model, tiers }, units(0))).toBe(0);
	});

	test('free units above the usage leave nothing to pay', () => {
		expect(charged({ model: 'per_unit', unit_price: '0.02', free_units: 500 }, units(499))).toBe(0);
		expect(charged({ model: 'graduated', tiers, free_units: 500 }, units(499))).toBe(0);
	});

	test('free units come off the group, before the tiers', () => {
		const lines = [line({ quantity: 60 }), line({ quantity: 60, source: 'b' })];
		expect(charged({ model: 'graduated', tiers, free_units: 20 }, lines)).toBe(11);
	});

	test('a minimum above a tiny charge adds one line carrying the difference', () => {
		const { priced, minimums } = rate(
			[{ model: 'per_unit', unit_price: '0.001', minimum: '5.00', currency: 'USD' }],
			units(7),
		);
		expect(priced.map(({ json }) => json.sell_amount)).toEqual([0.01]);
		expect(minimums).toEqual([
			{
				items: [0],
				json: expect.objectContaining({
					customer: 'AC1',
					category: 'minimum',
					quantity: 1,
					sell_amount: 4.99,
					sell_currency: 'USD',
					period_start: '2026-11-01',
					period_end: '2026-11-30',
				}),
			},
		]);
	});

	test('a charge at or above the minimum adds nothing', () => {
		const rule = { model: 'per_unit', unit_price: '1', minimum: '5', currency: 'USD' };
		expect(rate([rule], units(5)).minimums).toEqual([]);
	});

	test('a minimum finer than the currency fails the group', () => {
		const rule = { model: 'per_unit', unit_price: '1', minimum: '5.005', currency: 'USD' };
		const { failed } = rate([rule], units(1));
		expect(failed[0].reason).toMatch(/minimum has more decimals than USD's minor unit \(2\)/);
	});
});

describe('rounding once, in the sell currency', () => {
	test('a group is rounded once, half up, then spread: three thirds of a cent', () => {
		const lines = ['a', 'b', 'c'].map((source) => line({ quantity: 1, source }));
		const { priced } = rate([{ model: 'per_unit', unit_price: '0.3345', currency: 'USD' }], lines);
		// 1.0035 rounds to 1.00; 100 cents in thirds: the first in tie order takes the extra one.
		expect(priced.map(({ json }) => json.sell_amount)).toEqual([0.34, 0.33, 0.33]);
	});

	test('per line rounding would differ: 3 x 0.005 is 0.02 once, not 3 x 0.01', () => {
		const lines = ['a', 'b', 'c'].map((source) => line({ quantity: 1, source }));
		const { priced } = rate([{ model: 'per_unit', unit_price: '0.005', currency: 'USD' }], lines);
		expect(priced.map(({ json }) => json.sell_amount)).toEqual([0.01, 0.01, 0]);
	});

	test('JPY has no minor unit: 3 x 0.5 JPY is 2 JPY', () => {
		const { priced } = rate([{ model: 'per_unit', unit_price: '0.5', currency: 'jpy' }], units(3));
		expect(priced[0].json).toMatchObject({ sell_amount: 2, sell_currency: 'JPY' });
	});

	test('KWD has three decimals: 7 x 0.0125 KWD is 0.088 KWD', () => {
		const { priced } = rate(
			[{ model: 'per_unit', unit_price: '0.0125', currency: 'KWD' }],
			units(7),
		);
		expect(priced[0].json).toMatchObject({ sell_amount: 0.088, sell_currency: 'KWD' });
	});

	test("cost plus on Twilio's unrounded price: 289.28565 x 1.2 is 347.14", () => {
		const { priced } = rate(
			[{ platform: 'twilio', model: 'cost_plus', markup: '0.2' }],
			[line({ quantity: 41326, amount: '289.28565', currency: 'usd' })],
		);
		expect(priced[0].json).toMatchObject({
			cost_amount: 289.28565,
			cost_currency: 'USD',
			sell_amount: 347.14,
			sell_currency: 'USD',
			margin: 57.85435,
			rate_rule: 'twilio / * / * : cost_plus',
		});
	});
});

describe('exchange rates', () => {
	const fx = [{ from: 'USD', to: 'EUR', rate: '0.92', date: '2026-11-30', source: 'ECB' }];

	test('a cost in another currency is converted before pricing, and says with what', () => {
		const { priced } = rate(
			[{ model: 'cost_plus', markup: '0.10', currency: 'EUR' }],
			[line({ quantity: 10, amount: '100.00', currency: 'USD' })],
			fx,
		);
		expect(priced[0].json).toMatchObject({
			cost_amount: 100,
			cost_currency: 'USD',
			sell_amount: 101.2,
			sell_currency: 'EUR',
			margin: 9.2,
			fx_rate: 0.92,
			fx_date: '2026-11-30',
			fx_source: 'ECB',
		});
	});

	test('no rate for the pair: the group fails, naming the pair; the inverse is not used', () => {
		const { priced, failed } = rate(
			[{ model: 'cost_plus', markup: '0.10', currency: 'USD' }],
			[line({ quantity: 10, amount: '100.00', currency: 'EUR' })],
			fx,
		);
		expect(priced).toEqual([]);
		expect(failed[0].reason).toMatch(/the exchange rates give none from EUR to USD/);
	});

	test('a second rate for one pair is refused', () => {
		expect(() => readExchangeRates([...fx, { ...fx[0], rate: '0.93' }])).toThrow(
			new CardError('rate 2', 'gives a second rate from USD to EUR'),
		);
	});
});

describe('which rule prices a line', () => {
	const perUnit = (/** @type {string} */ price, /** @type {IDataObject} */ match) => ({
		model: 'per_unit',
		unit_price: price,
		currency: 'USD',
		...match,
	});
	const ruleOf = (/** @type {IDataObject[]} */ card, /** @type {IDataObject} */ fields) =>
		rate(card, [line({ quantity: 1, ...fields })]).priced[0]?.json.rate_rule;

	test('a customer of its own beats any category', () => {
		const card = [perUnit('1', { category: 'sms-outbound' }), perUnit('2', { customer: 'AC1' })];
		expect(ruleOf(card, {})).toBe('* / * / AC1 : per_unit');
	});

	test('an exact category beats a glob, a longer glob a shorter', () => {
		const card = [
			perUnit('1', { category: '*' }),
			perUnit('2', { category: 'sms-*' }),
			perUnit('3', { category: 'sms-out*' }),
		];
		expect(ruleOf(card, {})).toBe('* / sms-out* / * : per_unit');
		expect(ruleOf(card, { category: 'sms-inbound' })).toBe('* / sms-* / * : per_unit');
		expect(ruleOf([...card, perUnit('4', { category: 'sms-outbound' })], {})).toBe(
			'* / sms-outbound / * : per_unit',
		);
	});

	test('an exact platform beats *, by key or by label, in any case', () => {
		const card = [perUnit('1', {}), perUnit('2', { platform: 'TWILIO-compatible api' })];
		expect(ruleOf(card, {})).toBe('TWILIO-compatible api / * / * : per_unit');
		expect(ruleOf(card, { platform: 'Restcomm' })).toBe('* / * / * : per_unit');
	});

	test('a tie goes to the earlier rule', () => {
		const card = [perUnit('1', { category: 'sms-*' }), perUnit('2', { category: '*outb*' })];
		const { priced } = rate(card, [line({ quantity: 1 })]);
		expect(priced[0].json).toMatchObject({ sell_amount: 1, rate_rule: '* / sms-* / * : per_unit' });
	});

	test('a line no rule matches is a Failure naming it, never priced at 0', () => {
		const { priced, failed } = rate([perUnit('1', { platform: 'lumin' })], [line({ quantity: 3 })]);
		expect(priced).toEqual([]);
		expect(failed).toEqual([
			{
				item: 0,
				json: expect.objectContaining({ customer: 'AC1' }),
				reason:
					'No rule of the rate card matches platform Twilio-compatible API, category sms-outbound and customer AC1, so the line is not priced.',
			},
		]);
	});
});

describe('a group is priced whole or not at all', () => {
	const tiered = { model: 'graduated', currency: 'USD', tiers: [{ up_to: null, unit_price: 1 }] };

	test('mixed units in one tiered group fail every line of it', () => {
		const { priced, failed } = rate(
			[tiered],
			[
				line({ quantity: 1 }),
				line({ quantity: 2, unit: 'segments', source: 'b' }),
				line({ customer: 'AC2', quantity: 1 }),
			],
		);
		expect(priced.map(({ item }) => item)).toEqual([2]);
		expect(failed.map(({ item }) => item)).toEqual([0, 1]);
		expect(failed[0].reason).toMatch(/count in different units \(messages, segments\)/);
	});

	test('an unreadable quantity fails its group, naming the line', () => {
		const { failed } = rate(
			[tiered],
			[line({ quantity: 1 }), line({ quantity: '1,000', source: 'b' })],
		);
		expect(failed).toHaveLength(2);
		expect(failed[0].reason).toMatch(/line 2: its quantity "1,000" is not a plain decimal/);
	});

	test('cost plus on a line without a vendor amount fails its group', () => {
		const { failed } = rate(
			[{ model: 'cost_plus', markup: '0.5', currency: 'USD' }],
			[line({ platform: 'Evo Voice', quantity: 12, unit: 'minutes' })],
		);
		expect(failed[0].reason).toMatch(/has no vendor amount, which cost_plus prices/);
	});

	test('lines without a cost currency need the rule to name one', () => {
		const { failed } = rate([{ model: 'per_unit', unit_price: 1 }], [line({ quantity: 1 })]);
		expect(failed[0].reason).toMatch(
			/rule 1 names no currency, and lines without a cost currency need one/,
		);
	});

	test('periods and customers make separate groups, each with its own tiers', () => {
		const rule = {
			model: 'volume',
			currency: 'USD',
			tiers: [
				{ up_to: 10, unit_price: 2 },
				{ up_to: null, unit_price: 1 },
			],
		};
		const { priced } = rate(
			[rule],
			[
				line({ quantity: 8 }),
				line({ quantity: 8, period_start: '2026-10-01', period_end: '2026-10-31' }),
				line({ quantity: 8, customer: 'AC2' }),
				line({ quantity: 8, source: 'b' }),
			],
		);
		expect(priced.map(({ json }) => json.sell_amount)).toEqual([8, 16, 16, 8]);
	});
});

describe('the rate card is read before any line', () => {
	test.each([
		[[], 'the rate card: has no rules'],
		['[{', 'the rate card: is not valid JSON'],
		[
			[{ model: 'flat' }],
			'rule 1.model: must be one of per_unit, cost_plus, graduated, volume, package, graduated_percentage',
		],
		[[{ model: 'per_unit', unit_price: '1,5' }], 'rule 1.unit_price: "1,5" is not a plain decimal'],
		[[{ model: 'per_unit', unit_price: -1 }], 'rule 1.unit_price: must be at least 0'],
		[
			[{ model: 'per_unit', unit_price: 1, platform: 'twillio' }],
			'rule 1.platform: "twillio" is none of',
		],
		[
			[{ model: 'per_unit', unit_price: 1, colour: 'red' }],
			'rule 1: has fields no rule takes: colour',
		],
		[
			[{ model: 'graduated', tiers: [{ up_to: 10, unit_price: 1 }] }],
			'rule 1.tiers[0].up_to: must be null on the last tier',
		],
		[
			[
				{
					model: 'graduated',
					tiers: [{ up_to: 10, unit_price: 1 }, { up_to: 10, unit_price: 1 }, { unit_price: 1 }],
				},
			],
			"rule 1.tiers[1].up_to: must be above the tier before's",
		],
		[
			[{ model: 'cost_plus', markup: 0.2, free_units: 10 }],
			'rule 1.free_units: applies to unit-based models only, not cost_plus',
		],
		[
			[{ model: 'package', package_size: 0, package_price: 1 }],
			'rule 1.package_size: must be above 0',
		],
		[
			[{ model: 'per_unit', unit_price: 1, currency: 'dollars' }],
			'rule 1.currency: "dollars" is not an ISO 4217 code',
		],
	])('%j', (card, message) => {
		expect(() => readRateCard(card)).toThrow(message);
	});

	test('a number is read as the decimal that prints it: 0.1 + 0.2 per unit is 0.3 a unit', () => {
		const { priced } = rate(
			[
				{
					model: 'graduated',
					currency: 'USD',
					tiers: [
						{ up_to: 1, unit_price: 0.1 },
						{ up_to: null, unit_price: 0.2 },
					],
				},
			],
			units(2),
		);
		expect(priced[0].json.sell_amount).toBe(0.3);
	});
});
