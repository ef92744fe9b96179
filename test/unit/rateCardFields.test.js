// Rate Lines version 2's rate card as fields: the card object the fields make
// (nodes/RateLines/cardFromFields.ts), from their values as n8n hands them to a node.
const { describe, expect, test } = require('@jest/globals');
const { cardFromFields } = require('../../nodes/RateLines/cardFromFields');

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
