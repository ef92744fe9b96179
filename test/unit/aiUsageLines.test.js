// Evo Voice's invoice lines (aiUsageLines.ts) on their own, over hierarchies deeper than the
// sandbox's: a grandchild, a list that names a parent it does not hold, a cycle, exact decimals.
const { describe, expect, test } = require('@jest/globals');
const { aiUsageLines } = require('../../nodes/EvoVoice/aiUsageLines');

/** @typedef {import('../../nodes/EvoVoice/aiUsageLines').CustomerReading} CustomerReading */

const PERIOD = { start: '2026-10-01', end: '2026-10-31' };

/**
 * Account A's usage: its total and its customers' rows.
 * @param {number} total @param {Record<string, number>} rows
 */
const usage = (total, rows) => ({
	accountUsage: [{ accountId: 'A', aiMinutes: total }],
	customerUsage: Object.entries(rows).map(([customerId, aiMinutes]) => ({
		accountId: 'A',
		customerId,
		aiMinutes,
	})),
});

/** G under C under P; O on its own. */
const FAMILY = new Map([
	['P', null],
	['C', 'P'],
	['G', 'C'],
	['O', null],
]);

/**
 * The lines as [customer, quantity], account A's customers given by `parents`.
 * @param {ReturnType<typeof usage>} given
 * @param {CustomerReading['customerRows']} customerRows
 * @param {Map<string, string | null>} parents
 */
const linesOf = (given, customerRows, parents = FAMILY) =>
	aiUsageLines(given, PERIOD, { customerRows, customers: new Map([['A', parents]]) }).map(
		(line) => [line.customer, line.quantity],
	);

describe("Evo Voice's lines over a hierarchy", () => {
	// Own minutes: P 10.1, C 0.2, G 5, O 3, the account itself 1; each reading's rows of them.
	test.each([
		['includeSubCustomers', { P: 15.3, C: 5.2, G: 5, O: 3 }],
		['own', { P: 10.1, C: 0.2, G: 5, O: 3 }],
	])('%s: each customer its own minutes, the account the rest, exactly', (customerRows, rows) => {
		const reading = /** @type {CustomerReading['customerRows']} */ (customerRows);
		expect(linesOf(usage(19.3, rows), reading)).toEqual([
			['P', 10.1],
			['C', 0.2],
			['G', 5],
			['O', 3],
			['A', 1],
		]);
	});

	test('not set: a grandchild and its grandparent with minutes are a Failure naming both', () => {
		expect(() => linesOf(usage(20, { P: 15, G: 5 }), undefined)).toThrow(
			/reported 15 AI minutes for customer P and 5 for customer G, which the customer list of account A places under P/,
		);
	});

	test('not set: minutes of customers with no ancestor with minutes are lines as they are', () => {
		expect(linesOf(usage(9, { C: 4, O: 3 }), undefined)).toEqual([
			['C', 4],
			['O', 3],
			['A', 2],
		]);
	});

	test("Include Sub-Customers' Minutes: a parent's row below its sub-customers' is a Failure naming them", () => {
		expect(() => linesOf(usage(20, { P: 4, C: 5, G: 1 }), 'includeSubCustomers')).toThrow(
			"reported 4 AI minutes for customer P of account A, fewer than its sub-customers' 5 (C 5), though Customer Rows says a parent's row holds its sub-customers' minutes; nothing is returned.",
		);
		expect(() => linesOf(usage(20, { G: 1 }), 'includeSubCustomers')).toThrow(
			/reported 0 AI minutes for customer C of account A, fewer than its sub-customers' 1 \(G 1\)/,
		);
	});

	test('a list naming a parent it does not hold, or a customer its own ancestor, is a Failure', () => {
		const orphan = new Map([['C', 'P']]);
		expect(() => linesOf(usage(5, { C: 5 }), 'includeSubCustomers', orphan)).toThrow(
			/lists customer C of account A under customer P, which the account's customer list does not hold/,
		);
		const cycle = new Map([
			['X', 'Y'],
			['Y', 'X'],
		]);
		expect(() => linesOf(usage(5, { X: 5 }), undefined, cycle)).toThrow(
			/lists customer X of account A among its own ancestors \(X under Y\)/,
		);
	});
});
