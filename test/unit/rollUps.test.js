const { describe, expect, test } = require('@jest/globals');
const { findRollUps, leavesOfRollUp } = require('../../nodes/Restcomm/rollUps');
const { readDecimal } = require('../../nodes/shared/decimal');

/** @param {string} text */
const decimal = (text) => {
	const value = readDecimal(text);
	if (value === undefined) throw new Error(`not a decimal: ${text}`);
	return value;
};

/** @param {string} text */
const decimalsOf = (text) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

/**
 * [category, price, usage] rows as the figures of one period, each with the decimals it is
 * written with.
 * @param {[category: string, price: string, usage?: string][]} rows
 * @returns {import('../../nodes/Restcomm/rollUps').CategoryFigures[]}
 */
const figures = (rows) =>
	rows.map(([category, price, usage = price]) => ({
		category,
		price: decimal(price),
		usage: decimal(usage),
		decimals: { price: decimalsOf(price), usage: decimalsOf(usage) },
	}));
/** @param {import('../../nodes/Restcomm/rollUps').RollUps} rollUps */
const asObject = (rollUps) => Object.fromEntries([...rollUps.parts].map(([k, v]) => [k, v.sort()]));

describe('roll-ups found by names and figures', () => {
	test('a category whose price its name-children add up to holds them', () => {
		const rollUps = findRollUps(
			figures([
				['sms', '3.50', '350'],
				['sms-inbound', '1.25', '125'],
				['sms-outbound', '2.25', '225'],
			]),
		);
		expect(asObject(rollUps)).toEqual({ sms: ['sms-inbound', 'sms-outbound'] });
	});

	test('a name that extends the roll-up but is no part of it (a fee) stays out of it', () => {
		const rollUps = findRollUps(
			figures([
				['sms', '3.50'],
				['sms-inbound', '1.25'],
				['sms-outbound', '2.25'],
				['sms-messages-carrierfees', '0.40'],
			]),
		);
		expect(asObject(rollUps)).toEqual({ sms: ['sms-inbound', 'sms-outbound'] });
	});

	test('a category with money of its own beside a longer name is no roll-up', () => {
		const rollUps = findRollUps(
			figures([
				['sms-mms-penalty-fees', '12.34567'],
				['sms-mms-penalty-fees-1', '10'],
			]),
		);
		expect(rollUps.parts.size).toBe(0);
	});

	test('nested roll-ups are placed deepest first, and their leaves followed down', () => {
		const rollUps = findRollUps(
			figures([
				['calls', '10'],
				['calls-inbound', '6'],
				['calls-inbound-local', '4'],
				['calls-inbound-tollfree', '2'],
				['calls-outbound', '4'],
				['calls-recordings', '0.5'],
			]),
		);
		expect(asObject(rollUps)).toEqual({
			calls: ['calls-inbound', 'calls-outbound'],
			'calls-inbound': ['calls-inbound-local', 'calls-inbound-tollfree'],
		});
		expect(leavesOfRollUp('calls', rollUps.parts).sort()).toEqual([
			'calls-inbound-local',
			'calls-inbound-tollfree',
			'calls-outbound',
		]);
		expect(leavesOfRollUp('calls-recordings', rollUps.parts)).toEqual(['calls-recordings']);
	});

	test('a category whose longer names all hold nothing is no roll-up', () => {
		const rollUps = findRollUps(
			figures([
				['calls-inbound-tollfree', '2'],
				['calls-inbound-tollfree-local', '0'],
				['calls-inbound-tollfree-mobile', '0'],
			]),
		);
		expect(rollUps.parts.size).toBe(0);
	});

	test('a roll-up without a price is found by its usage', () => {
		const rollUps = findRollUps(
			figures([
				['recordings', '0', '30'],
				['recordings-encrypted', '0', '10'],
				['recordings-plain', '0', '20'],
			]),
		);
		expect(asObject(rollUps)).toEqual({ recordings: ['recordings-encrypted', 'recordings-plain'] });
	});

	test('of several choices that add up to the price, the one whose usage adds up too', () => {
		const rollUps = findRollUps(
			figures([
				['mms', '2', '20'],
				['mms-inbound', '2', '5'],
				['mms-outbound', '2', '20'],
			]),
		);
		expect(asObject(rollUps)).toEqual({ mms: ['mms-outbound'] });
	});

	test('past 12 priced parts: the two of 13 that add up', () => {
		const rollUps = findRollUps(
			figures([
				['calls', '10.00000', '200'],
				['calls-inbound', '4.00000', '80'],
				['calls-outbound', '6.00000', '120'],
				...Array.from(
					{ length: 11 },
					/** @returns {[string, string, string]} */
					(_, index) => [`calls-x${index}`, '0.10000', '1'],
				),
			]),
		);
		expect(asObject(rollUps)).toEqual({ calls: ['calls-inbound', 'calls-outbound'] });
	});

	test('within rounding: a roll-up sent with 4 decimals over parts with 5', () => {
		const rollUps = findRollUps(
			figures([
				['calls', '10.0000', '100'],
				['calls-inbound', '3.00004', '30'],
				['calls-outbound', '6.99998', '70'],
			]),
		);
		expect(asObject(rollUps)).toEqual({ calls: ['calls-inbound', 'calls-outbound'] });
		// Beyond half a unit of each: no roll-up.
		expect(
			findRollUps(
				figures([
					['calls', '10.0000', '100'],
					['calls-inbound', '3.00010', '30'],
					['calls-outbound', '6.99998', '70'],
				]),
			).parts.size,
		).toBe(0);
	});

	test('two subsets adding up to price and usage alike: the one its page names', () => {
		const rollUps = findRollUps(
			figures([
				['calls', '6.50000', '130'],
				['calls-inbound', '2.50000', '50'],
				['calls-outbound', '4.00000', '80'],
				['calls-recordings', '2.50000', '50'],
			]),
		);
		expect(asObject(rollUps)).toEqual({ calls: ['calls-inbound', 'calls-outbound'] });
	});

	test('a part rounding alone could hide makes no choice of its own', () => {
		const rollUps = findRollUps(
			figures([
				['mms', '3.00', '30'],
				['mms-inbound', '1.00000', '10'],
				['mms-outbound', '2.00000', '20'],
				['mms-outbound-x', '0.00300', '0'],
			]),
		);
		expect(Object.keys(asObject(rollUps))).toEqual(['mms']);
		expect(rollUps.undecided.size).toBe(0);
	});

	test('subsets that cannot be told apart: undecided, and named so', () => {
		/** @type {[string, string][]} */
		const parts = Array.from({ length: 13 }, (_, index) => [`wireless-${index}`, '1.00000']);
		const rollUps = findRollUps(figures([['wireless', '12.00000'], ...parts]));
		expect(rollUps.parts.size).toBe(0);
		expect(rollUps.undecided.get('wireless')).toMatch(
			/^13 different subsets of its name-children add up to its price and usage within rounding/,
		);
		expect(asObject(findRollUps(figures([['wireless', '13'], ...parts]))).wireless).toHaveLength(
			13,
		);
	});
});
