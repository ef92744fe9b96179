const { describe, expect, test } = require('@jest/globals');
const { findRollUps, leavesOfRollUp } = require('../../nodes/Restcomm/rollUps');
const { readDecimal } = require('../../nodes/shared/decimal');

/** @param {string} text */
const decimal = (text) => {
	const value = readDecimal(text);
	if (value === undefined) throw new Error(`not a decimal: ${text}`);
	return value;
};

/**
 * [category, price, usage] rows as the figures of one period.
 * @param {[category: string, price: string, usage?: string][]} rows
 * @returns {import('../../nodes/Restcomm/rollUps').CategoryFigures[]}
 */
const figures = (rows) =>
	rows.map(([category, price, usage = price]) => ({
		category,
		price: decimal(price),
		usage: decimal(usage),
	}));
/** @param {ReadonlyMap<string, string[]>} rollUps */
const asObject = (rollUps) => Object.fromEntries([...rollUps].map(([k, v]) => [k, v.sort()]));

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
		expect(rollUps.size).toBe(0);
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
		expect(leavesOfRollUp('calls', rollUps).sort()).toEqual([
			'calls-inbound-local',
			'calls-inbound-tollfree',
			'calls-outbound',
		]);
		expect(leavesOfRollUp('calls-recordings', rollUps)).toEqual(['calls-recordings']);
	});

	test('a category whose longer names all hold nothing is no roll-up', () => {
		const rollUps = findRollUps(
			figures([
				['calls-inbound-tollfree', '2'],
				['calls-inbound-tollfree-local', '0'],
				['calls-inbound-tollfree-mobile', '0'],
			]),
		);
		expect(rollUps.size).toBe(0);
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

	test('with more than 12 priced parts, only all of them together', () => {
		/** @type {[string, string][]} */
		const parts = Array.from({ length: 13 }, (_, index) => [`wireless-${index}`, '1']);
		expect(asObject(findRollUps(figures([['wireless', '13'], ...parts]))).wireless).toHaveLength(
			13,
		);
		expect(findRollUps(figures([['wireless', '12'], ...parts])).size).toBe(0);
	});
});
