// Rate Lines version 2's rate card as fields (nodes/RateLines/rateCardFields.ts): the card object
// the fields make, and the fields themselves as n8n's own helpers show and hand them to a node.
const { describe, expect, test } = require('@jest/globals');
const { NodeHelpers } = require('n8n-workflow');
const { RATE_CARD_V2_PROPERTIES, cardFromFields } = require('../../nodes/RateLines/rateCardFields');
const { SOURCE_PLATFORM_LABELS } = require('../../nodes/shared/platforms');

/** @typedef {import('n8n-workflow').INodeProperties} INodeProperties */
/** @typedef {import('n8n-workflow').INodeParameters} INodeParameters */

/** A rule entry as n8n hands it: every shown field, blanks as ''. @param {INodeParameters} fields */
const rule = (fields) => ({
	label: '',
	platform: '*',
	category: '*',
	customer: '*',
	free_units: '',
	minimum: '',
	currency: '',
	...fields,
});

/** The rules of the card the fields make. @param {INodeParameters[]} rules */
const rulesOf = (...rules) => cardFromFields({ rule: rules }, {}).rules;

/** @param {string} name @param {INodeProperties[]} [properties] @returns {INodeProperties} */
function property(name, properties = RATE_CARD_V2_PROPERTIES) {
	const found = properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

/** The fields of a list's one kind of entry. @param {INodeProperties} list */
const entryFields = (list) =>
	/** @type {INodeProperties[]} */ (
		/** @type {Array<{ values: INodeProperties[] }>} */ (list.options)[0].values
	);

const ruleFields = entryFields(property('rules'));
const tierFields = entryFields(property('tiers', ruleFields));
const customerFields = entryFields(property('customers'));
const feeFields = entryFields(property('fees', customerFields));

describe('the card the fields make', () => {
	test('a graduated rule with two tiers: bounds and prices as typed, the last bound null', () => {
		const tiers = {
			tier: [
				{ up_to: '100', unit_price: '1.00', rate: '', flat_fee: '5' },
				{ up_to: '', unit_price: '0.50', rate: '', flat_fee: '' },
			],
		};
		expect(
			rulesOf(
				rule({ label: 'SMS', platform: 'lumin', model: 'graduated', currency: 'USD', tiers }),
			),
		).toEqual([
			{
				label: 'SMS',
				platform: 'lumin',
				category: '*',
				customer: '*',
				model: 'graduated',
				tiers: [
					{ up_to: '100', unit_price: '1.00', flat_fee: '5' },
					{ up_to: null, unit_price: '0.50' },
				],
				currency: 'USD',
			},
		]);
	});

	test('a per-unit rule: its unit price, and nothing left empty is sent', () => {
		expect(
			rulesOf(
				rule({
					platform: 'evoVoice',
					category: 'calls-*',
					model: 'per_unit',
					unit_price: '0.0125',
				}),
			),
		).toEqual([
			{
				platform: 'evoVoice',
				category: 'calls-*',
				customer: '*',
				model: 'per_unit',
				unit_price: '0.0125',
			},
		]);
	});

	test("a rule keeps only its model's fields", () => {
		const leftOver = {
			unit_price: '9',
			markup: '0.3',
			package_size: '100',
			package_price: '1',
			tiers: { tier: [{ up_to: '', unit_price: '1', rate: '2', flat_fee: '' }] },
			free_units: '10',
		};
		const models = ['per_unit', 'cost_plus', 'package', 'volume', 'graduated_percentage'];
		const made = rulesOf(...models.map((model) => rule({ ...leftOver, model })));
		const common = { platform: '*', category: '*', customer: '*' };
		expect(made).toEqual([
			{ ...common, model: 'per_unit', unit_price: '9', free_units: '10' },
			// Free units apply to quantity-priced models only.
			{ ...common, model: 'cost_plus', markup: '0.3' },
			{ ...common, model: 'package', package_size: '100', package_price: '1', free_units: '10' },
			{ ...common, model: 'volume', tiers: [{ up_to: null, unit_price: '1' }], free_units: '10' },
			{ ...common, model: 'graduated_percentage', tiers: [{ up_to: null, rate: '2' }] },
		]);
	});

	test('a customer with fees and a minimum', () => {
		const customer = {
			id: 'acme',
			name: 'Acme Ltd',
			starts_on: '2026-01-15',
			ends_on: '',
			rules: '1, SMS',
			minimum: '50.00',
			minimum_currency: 'USD',
			fees: {
				fee: [
					{ name: 'Platform', amount: '99.00', currency: 'USD', prorated: true },
					{ name: 'Support', amount: '10', currency: 'EUR', prorated: false },
				],
			},
		};
		expect(cardFromFields(undefined, { customer: [customer] }).customers).toEqual([
			{
				id: 'acme',
				name: 'Acme Ltd',
				starts_on: '2026-01-15',
				rules: [1, 'SMS'],
				minimum: { amount: '50.00', currency: 'USD' },
				fees: [
					{ name: 'Platform', amount: '99.00', currency: 'USD', prorated: true },
					{ name: 'Support', amount: '10', currency: 'EUR', prorated: false },
				],
			},
		]);
	});

	test('a customer with only its ID: no rules, no minimum, no fees', () => {
		const customer = { id: 'acme', rules: '', minimum: '', minimum_currency: '', fees: {} };
		expect(cardFromFields({}, { customer: [customer] }).customers).toEqual([
			{ id: 'acme', rules: [], fees: [] },
		]);
	});

	test('half a minimum is kept, so that the card reader names what is missing', () => {
		const customer = { id: 'acme', minimum: '', minimum_currency: 'USD' };
		expect(cardFromFields({}, { customer: [customer] }).customers[0]).toEqual({
			id: 'acme',
			rules: [],
			minimum: { currency: 'USD' },
			fees: [],
		});
	});

	test('empty or missing lists make a card with no rules and no customers', () => {
		for (const [rules, customers] of [
			[{}, {}],
			[undefined, undefined],
			[{ rule: [] }, { customer: [] }],
			[null, ''],
		])
			expect(cardFromFields(rules, customers)).toEqual({ rules: [], customers: [] });
	});

	test('positions become numbers and labels stay texts, typed or from an expression', () => {
		/** @param {unknown} rules */
		const subscribed = (rules) =>
			/** @type {{ rules: unknown[] }} */ (
				cardFromFields({}, { customer: [{ id: 'acme', rules }] }).customers[0]
			).rules;
		expect(subscribed(' 1, 3 ,SMS, , Voice 2')).toEqual([1, 3, 'SMS', 'Voice 2']);
		expect(subscribed([2, 'SMS', ' 4 ', ''])).toEqual([2, 'SMS', 4]);
		expect(subscribed('')).toEqual([]);
		expect(subscribed(undefined)).toEqual([]);
	});

	test('figures are kept as given: the card reader checks them', () => {
		expect(rulesOf(rule({ model: 'per_unit', unit_price: 0.1, minimum: 'ten' }))).toEqual([
			{
				platform: '*',
				category: '*',
				customer: '*',
				model: 'per_unit',
				unit_price: 0.1,
				minimum: 'ten',
			},
		]);
	});
});

describe('the fields as the editor shows them', () => {
	test('Rate Card Mode: Fields (the default) shows Rules and Customers, JSON the Rate Card', () => {
		const mode = property('rateCardMode');
		expect(mode.default).toBe('fields');
		expect(mode.options?.map((option) => 'value' in option && option.value)).toEqual([
			'fields',
			'json',
		]);
		/** @param {string} rateCardMode */
		const shown = (rateCardMode) =>
			RATE_CARD_V2_PROPERTIES.filter((parameter) =>
				NodeHelpers.displayParameter({ rateCardMode }, parameter, null, null),
			).map(({ name }) => name);
		expect(shown('fields')).toEqual(['rateCardMode', 'rules', 'customers']);
		expect(shown('json')).toEqual(['rateCardMode', 'rateCard']);
		expect(property('rateCard')).toMatchObject({ type: 'json', default: '' });
	});

	test('rules and tiers are lists one can reorder; customers and fees are lists', () => {
		for (const list of [property('rules'), property('tiers', ruleFields)])
			expect(list.typeOptions).toEqual({ multipleValues: true, sortable: true });
		for (const list of [property('customers'), property('fees', customerFields)])
			expect(list.typeOptions?.multipleValues).toBe(true);
		expect(property('id', customerFields).required).toBe(true);
	});

	test('every price, rate or figure is a text field', () => {
		const notText = [...ruleFields, ...tierFields, ...customerFields, ...feeFields]
			.filter(({ type }) => type !== 'string')
			.map(({ name, type }) => `${name}: ${type}`);
		expect(notText.sort()).toEqual([
			'fees: fixedCollection',
			'model: options',
			'platform: options',
			'prorated: boolean',
			'tiers: fixedCollection',
		]);
	});

	test('Platform: Any or one of the usage platforms, never Stripe, where lines are delivered', () => {
		const platform = property('platform', ruleFields);
		const values = platform.options?.map((option) => 'value' in option && option.value);
		expect(platform.default).toBe('*');
		expect(values?.sort()).toEqual(['*', ...Object.keys(SOURCE_PLATFORM_LABELS)].sort());
	});

	test("each model's fields are shown for that model only, as the editor decides", () => {
		const own = {
			per_unit: ['unit_price', 'free_units'],
			cost_plus: ['markup'],
			graduated: ['tiers', 'free_units'],
			volume: ['tiers', 'free_units'],
			package: ['package_size', 'package_price', 'free_units'],
			graduated_percentage: ['tiers'],
		};
		const modelOnly = Object.values(own).flat();
		expect(property('model', ruleFields).options?.length).toBe(Object.keys(own).length);
		for (const [model, fields] of Object.entries(own)) {
			const parameters = { rateCardMode: 'fields', rules: { rule: [rule({ model })] } };
			// The editor's call: the entry's path, from which a field reads its siblings.
			const shown = ruleFields
				.filter((field) =>
					NodeHelpers.displayParameterPath(
						{ parameters },
						field,
						'parameters.rules.rule[0]',
						null,
						null,
					),
				)
				.map(({ name }) => name)
				.filter((name) => modelOnly.includes(name));
			expect(shown.sort()).toEqual([...new Set(fields)].sort());
		}
	});

	test("n8n hands the node only the chosen model's fields; a tier keeps both prices, the card its model's", () => {
		const values = {
			rateCardMode: 'fields',
			rules: {
				rule: [
					{
						model: 'graduated_percentage',
						unit_price: '9',
						markup: '0.3',
						tiers: {
							tier: [
								{ up_to: '1000', unit_price: '1', rate: '0.5' },
								{ up_to: '', unit_price: '', rate: '0.25', flat_fee: '20' },
							],
						},
					},
				],
			},
			customers: {},
		};
		const handed = /** @type {INodeParameters} */ (
			NodeHelpers.getNodeParameters(
				RATE_CARD_V2_PROPERTIES,
				values,
				true,
				false,
				{ typeVersion: 2 },
				null,
			)
		);
		const [handedRule] = /** @type {{ rule: INodeParameters[] }} */ (handed.rules).rule;
		expect(handedRule).not.toHaveProperty('unit_price');
		expect(handedRule).not.toHaveProperty('markup');
		expect(handedRule.tiers).toEqual({
			tier: [
				{ up_to: '1000', unit_price: '1', rate: '0.5', flat_fee: '' },
				{ up_to: '', unit_price: '', rate: '0.25', flat_fee: '20' },
			],
		});
		expect(cardFromFields(handed.rules, handed.customers)).toEqual({
			rules: [
				{
					platform: '*',
					category: '*',
					customer: '*',
					model: 'graduated_percentage',
					tiers: [
						{ up_to: '1000', rate: '0.5' },
						{ up_to: null, rate: '0.25', flat_fee: '20' },
					],
				},
			],
			customers: [],
		});
	});

	test('a description with a period ends with one, and one that ends with a period has two sentences or more', () => {
		/** @type {Array<{ name: string; description: string }>} */
		const descriptions = [];
		/** @param {readonly unknown[]} parameters */
		const collect = (parameters) => {
			for (const parameter of /** @type {Array<Record<string, unknown>>} */ (parameters)) {
				if (typeof parameter.description === 'string')
					descriptions.push({ name: String(parameter.name), description: parameter.description });
				if (Array.isArray(parameter.values)) collect(parameter.values);
				if (Array.isArray(parameter.options)) collect(parameter.options);
			}
		};
		collect(RATE_CARD_V2_PROPERTIES);
		expect(descriptions.length).toBeGreaterThan(40);
		// n8n's lint counts sentences at ". ", "e.g." aside.
		const sentences = (/** @type {string} */ text) => text.replace('e.g.', '').split('. ').length;
		const wrong = descriptions.filter(
			({ description }) =>
				(description.includes('.') && !description.endsWith('.')) ||
				(description.endsWith('.') && sentences(description) < 2),
		);
		expect(wrong).toEqual([]);
	});
});
