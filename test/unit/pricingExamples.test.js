// The shape of test/fixtures/pricingExamples.json: every example names its source and states what
// it expects. Nothing here reads the pack's code; the pricing tests hold Rate Lines against the file.
const { describe, expect, test } = require('@jest/globals');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** @type {Record<string, any>} */
const examples = JSON.parse(
	readFileSync(join(__dirname, '..', 'fixtures', 'pricingExamples.json'), 'utf8'),
);

const DECIMAL = /^-?\d+(\.\d+)?$/;
const COMMIT = /^[0-9a-f]{40}$/;
const LAGO_MODELS = [
	'graduated',
	'volume',
	'graduated_percentage',
	'package',
	'percentage',
	'standard',
];

/** A source is a file of a repository at a commit, or a page and its section. @param {any} source */
function expectSource(source) {
	expect(source).toEqual(expect.any(Object));
	if (source.url === undefined) {
		expect(source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
		expect(source.path).toEqual(expect.any(String));
		expect(source.commit).toMatch(COMMIT);
		expect(source.example).toEqual(expect.any(String));
		expect(source.example.length).toBeGreaterThan(0);
	} else {
		expect(source.url).toMatch(/^https:\/\//);
		expect(source.section).toEqual(expect.any(String));
	}
}

/**
 * A test for each entry of one list, named by its place in the file.
 * @param {string} key @param {string} what @param {(entry: any) => void} check
 */
function eachEntry(key, what, check) {
	const list = Array.isArray(examples[key]) ? examples[key] : [];
	list.forEach((/** @type {any} */ entry, /** @type {number} */ index) => {
		test(`${key}[${index}]: ${what}`, () => check(entry));
	});
}

describe('pricingExamples.json', () => {
	test('has every list, none of them empty', () => {
		for (const key of [
			'lago',
			'lago_superseded',
			'lago_range_details',
			'lago_docs',
			'lago_true_up',
			'lago_commitment_proration_coefficient',
			'stripe',
		]) {
			expect(Array.isArray(examples[key])).toBe(true);
			expect(examples[key].length).toBeGreaterThan(0);
		}
		expect(examples.lago_snapshot.commit).toMatch(COMMIT);
	});

	for (const key of ['lago', 'lago_superseded']) {
		eachEntry(key, 'a source, properties, units and an expected amount', (e) => {
			expectSource(e.source);
			expect(LAGO_MODELS).toContain(e.model);
			expect(e.properties).toEqual(expect.any(Object));
			expect(e.units).toMatch(DECIMAL);
			if (e.expected_amount === undefined) expect(e.expected_amount_cents).toMatch(DECIMAL);
			else expect(e.expected_amount).toMatch(DECIMAL);
		});
	}

	eachEntry('lago_range_details', 'a source, a range and its details', (e) => {
		expectSource(e.source);
		expect(['graduated', 'graduated_percentage']).toContain(e.model);
		expect(e.range).toEqual(expect.any(Object));
		expect(e.total_units).toMatch(DECIMAL);
		expect(e.expected_details).toEqual(expect.any(Object));
	});

	eachEntry('lago_docs', 'a quoted page and what it states', (e) => {
		expectSource(e.source);
		expect(e.source.quote).toEqual(expect.any(String));
		expect(LAGO_MODELS).toContain(e.model);
		if (e.expected_amount === null) {
			// A page that prices transactions one by one and states no total.
			expect(e.transactions.some((/** @type {any} */ t) => typeof t.stated_cost === 'string')).toBe(
				true,
			);
		} else {
			expect(e.expected_amount).toMatch(DECIMAL);
		}
	});

	eachEntry('lago_true_up', 'a minimum, what was billed and the true-up', (e) => {
		expectSource(e.source);
		expect(['charge_spending_minimum', 'plan_minimum_commitment']).toContain(e.kind);
		expect(e.proration).toEqual(expect.any(String));
		if (e.source.url === undefined) {
			expect(Number.isInteger(e.minimum_commitment_amount_cents)).toBe(true);
			expect(Number.isInteger(e.fees_amount_cents)).toBe(true);
			if (e.expected_true_up_amount_cents === null) expect(e.expected_true_up_fee).toBeNull();
			else expect(Number.isInteger(e.expected_true_up_amount_cents)).toBe(true);
		} else {
			expect(e.minimum_as_written).toEqual(expect.any(String));
			expect(e.fees_as_written).toEqual(expect.any(String));
			expect(e.expected_true_up_as_written).toEqual(expect.any(String));
		}
	});

	eachEntry('lago_commitment_proration_coefficient', 'a coefficient', (e) => {
		expectSource(e.source);
		expect(e.expected_coefficient).toMatch(DECIMAL);
	});

	eachEntry('stripe', 'tiers in cents, a quantity and its total', (e) => {
		expectSource(e.source);
		expect(['graduated', 'volume']).toContain(e.tiers_mode);
		expect(e.tiers.length).toBeGreaterThan(0);
		e.tiers.forEach((/** @type {any} */ tier, /** @type {number} */ index) => {
			const last = index === e.tiers.length - 1;
			if (last) expect(tier.up_to).toBe('inf');
			else expect(Number.isInteger(tier.up_to)).toBe(true);
			for (const amount of [tier.unit_amount, tier.flat_amount]) {
				if (amount !== null) expect(Number.isInteger(amount)).toBe(true);
			}
			expect(tier.unit_amount !== null || tier.flat_amount !== null).toBe(true);
		});
		expect(Number.isInteger(e.quantity) && e.quantity >= 0).toBe(true);
		expect(Number.isInteger(e.expected_total_cents)).toBe(true);
		expect(e.stated_total).toEqual(expect.any(String));
	});
});
