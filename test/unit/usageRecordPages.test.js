// Usage Records pages on their own (Restcomm/api.ts): a page read from Restcomm's bare array or
// Twilio's paged object, and the next page asked for by the path the server handed back.
const { describe, expect, test } = require('@jest/globals');
const { listPages, readUsageRecordsPage } = require('../../nodes/Restcomm/api');
const { Failure } = require('../../nodes/shared/outcome');

/** @typedef {import('../../nodes/shared/request').PlatformRequest} PlatformRequest */

const answer = (/** @type {unknown} */ body) => ({ statusCode: 200, body, headers: {} });
const record = (/** @type {string} */ category) => ({ category, price: '1.00' });

/** The Failure `reading` throws, as Twilio's users read it. */
function failureOf(/** @type {() => unknown} */ reading) {
	try {
		reading();
	} catch (error) {
		if (error instanceof Failure) return error.sentence('Twilio');
		throw error;
	}
	throw new Error('no Failure');
}

describe('a page of usage records', () => {
	test("Restcomm's bare array is the whole list", () => {
		const page = readUsageRecordsPage(answer([record('calls'), record('sms')]));
		expect(page.entries.map(({ category }) => category)).toEqual(['calls', 'sms']);
		expect(page.nextToken).toBeUndefined();
	});

	test("Twilio's page hands back the path of the next one", () => {
		const next = '/2010-04-01/Accounts/AC1/Usage/Records.json?Page=1&PageToken=PA1';
		const page = readUsageRecordsPage(
			answer({ usage_records: [record('sms')], next_page_uri: next }),
		);
		expect(page.entries).toEqual([record('sms')]);
		expect(page.nextToken).toBe(next);
	});

	test.each([null, undefined])('next_page_uri %p ends the list', (next) => {
		const page = readUsageRecordsPage(answer({ usage_records: [], next_page_uri: next }));
		expect(page.nextToken).toBeUndefined();
	});

	test.each([
		['a number', 5, 'a next_page_uri that is neither a URI nor null (5)'],
		['an empty text', '', 'a next_page_uri that is neither a URI nor null ("")'],
		['no URI', 'http://[', 'a next_page_uri that is not a URI ("http://[")'],
	])('next_page_uri as %s is a Failure', (_, next, what) => {
		expect(
			failureOf(() => readUsageRecordsPage(answer({ usage_records: [], next_page_uri: next }))),
		).toBe(
			`Twilio answered with ${what}, so the usage records cannot be trusted to be complete; nothing is returned.`,
		);
	});

	test.each([
		['records that are not objects', [null, 'x'], 'usage records that are not JSON objects'],
		[
			'no list',
			{ records: [] },
			'a body that is neither a list of usage records nor a page of them',
		],
	])('%s: a Failure', (_, body, what) => {
		expect(failureOf(() => readUsageRecordsPage(answer(body)))).toContain(what);
	});
});

describe('pages one after another', () => {
	test('the first request, then a GET of each next_page_uri, until there is none', async () => {
		/** @type {PlatformRequest} */
		const first = {
			httpMethod: 'GET',
			path: '/2010-04-01/Accounts/AC1/Usage/Records/LastMonth.json',
			qs: { PageSize: 2 },
			kind: 'read',
		};
		const answers = [
			{ usage_records: [record('calls')], next_page_uri: '/next?Page=1' },
			{ usage_records: [record('sms')], next_page_uri: '/next?Page=2' },
			{ usage_records: [record('mms')], next_page_uri: null },
		];
		/** @type {PlatformRequest[]} */
		const sent = [];
		const pages = [];
		const read = listPages(
			async (request) => {
				sent.push(request);
				return answer(answers[sent.length - 1]);
			},
			first,
			readUsageRecordsPage,
		);
		for await (const page of read) pages.push(page.entries.map(({ category }) => category));
		expect(pages).toEqual([['calls'], ['sms'], ['mms']]);
		expect(sent).toEqual([
			first,
			{ httpMethod: 'GET', path: '/next?Page=1', kind: 'read' },
			{ httpMethod: 'GET', path: '/next?Page=2', kind: 'read' },
		]);
	});
});
