// Lumin.ai's pages read so far (Lumin/pageHistory.ts): an inclusive cursor's overlap passes; a page
// replayed, whole or touching an earlier page's first or last event, is a cursor that went back.
const { describe, expect, test } = require('@jest/globals');
const { PageHistory } = require('../../nodes/Lumin/pageHistory');
const { Failure } = require('../../nodes/shared/outcome');

/**
 * Adds each page (its ids; fresh ones are those not on the page before), giving the Failure's
 * sentence, or undefined when every page passes.
 * @param {string[][]} pages
 */
function read(pages, keepEveryId = false) {
	const history = new PageHistory(keepEveryId);
	/** @type {string[]} */
	let previous = [];
	try {
		for (const ids of pages) {
			history.add(
				ids,
				ids.filter((id) => !previous.includes(id)),
				ids.filter((id) => previous.includes(id)),
			);
			previous = ids;
		}
	} catch (error) {
		if (error instanceof Failure) return error.sentence('Lumin.ai');
		throw error;
	}
	return undefined;
}

describe('a cursor that overlaps by design', () => {
	test('each page starting with the last event of the page before passes', () => {
		expect(
			read([
				['a', 'b'],
				['b', 'c'],
				['c', 'd'],
			]),
		).toBeUndefined();
	});
	test('pages of one event each pass', () => {
		expect(read([['a'], ['a', 'b'], ['b']])).toBeUndefined();
	});
});

describe('a cursor that went back', () => {
	test('Events mode refuses every page the other mode refuses', () => {
		const wentBack = [
			[
				['e1', 'e2'],
				['e3', 'e4'],
				['e1', 'e2'],
			],
			[
				['e1', 'e2', 'e3'],
				['e1', 'e2', 'e3'],
			],
			[
				['a', 'b'],
				['c', 'd'],
				['x', 'b'],
			],
			[
				['a', 'b', 'c', 'd'],
				['e', 'f'],
				['a', 'b', 'c', 'd'],
			],
		];
		for (const pages of wentBack) expect(read(pages, true)).toMatch(/the cursor went back/);
		expect(
			read(
				[
					['a', 'b'],
					['b', 'c'],
					['c', 'd'],
				],
				true,
			),
		).toBeUndefined();
	});
	test('a page replayed after two others names both pages', () => {
		expect(
			read([
				['e1', 'e2'],
				['e3', 'e4'],
				['e1', 'e2'],
			]),
		).toBe(
			'Lumin.ai answered page 3 with the event "e1", which page 1 began with: the cursor went back, so pages may be missing and the events cannot be counted; nothing is returned.',
		);
	});
	test('the page before replayed whole', () => {
		expect(
			read([
				['e1', 'e2', 'e3'],
				['e1', 'e2', 'e3'],
			]),
		).toMatch(/page 2 .* page 1 began with/);
	});
	test("an earlier page's last event, met again", () => {
		expect(
			read([
				['a', 'b'],
				['c', 'd'],
				['x', 'b'],
			]),
		).toMatch(/page 3 with the event "b", which page 1 ended with/);
	});
	test('the same events under other edges: the fingerprint', () => {
		expect(
			read([
				['a', 'b', 'c', 'd'],
				['e', 'f'],
				['a', 'b', 'c', 'd'],
			]),
		).toMatch(/page 3/);
		expect(read([['x', 'b', 'c', 'y'], ['z'], ['w', 'b', 'c', 'v']])).toBeUndefined();
	});
	test('Events mode: any id met again beyond the page before', () => {
		const pages = [
			['a', 'b', 'c'],
			['d', 'e'],
			['f', 'b', 'g'],
		];
		expect(read(pages)).toBeUndefined();
		expect(read(pages, true)).toMatch(/page 3 with the event "b", already on page 1/);
	});
});
