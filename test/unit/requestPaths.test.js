// Where a request goes (nodes/shared/transport.ts, destination): a path joined to the API root
// once, a handed-back URL kept to the origins allowed; and paging by token (nodes/shared/paging.ts).
const { describe, expect, test } = require('@jest/globals');
const { destination } = require('../../nodes/shared/transport');
const { pagesByToken } = require('../../nodes/shared/paging');

/** @typedef {import('../../nodes/shared/request').PathRequest} PathRequest */
/** @typedef {import('../../nodes/shared/request').HandedBackRequest} HandedBackRequest */
/** @typedef {import('../../nodes/shared/paging').PageToken} PageToken */

/**
 * A read with GET of a path, or of a URL handed back.
 * @param {Omit<PathRequest, 'httpMethod' | 'kind'> | Omit<HandedBackRequest, 'httpMethod' | 'kind'>} target
 * @returns {import('../../nodes/shared/request').PlatformRequest}
 */
const get = (target) => ({ httpMethod: 'GET', kind: 'read', ...target });
const restcomm = 'https://cloud.example.com/restcomm';

describe('a path is joined to the API root, once', () => {
	test.each([
		['', 'https://billing.example.com/api/billing', 'https://billing.example.com/api/billing'],
		['/ai/usage', 'https://evovoice.io', 'https://evovoice.io/ai/usage'],
		[
			'/2012-04-24/Accounts/AC1/Usage/Records/Daily.json',
			restcomm,
			'https://cloud.example.com/restcomm/2012-04-24/Accounts/AC1/Usage/Records/Daily.json',
		],
		// A next_page_uri written from the server's root already holds the root's path.
		[
			'/restcomm/2012-04-24/Accounts/AC1/Usage/Records/Daily.json?Page=1',
			restcomm,
			'https://cloud.example.com/restcomm/2012-04-24/Accounts/AC1/Usage/Records/Daily.json?Page=1',
		],
		// Only a whole segment counts as the root's path.
		['/restcomm-v2/x', restcomm, 'https://cloud.example.com/restcomm/restcomm-v2/x'],
		[
			'https://cloud.example.com/restcomm/next',
			restcomm,
			'https://cloud.example.com/restcomm/next',
		],
	])('%j under %s', (path, apiRoot, url) => {
		expect(destination(get({ path }), apiRoot)).toEqual({
			url,
			withCredential: true,
			origins: [new URL(apiRoot).origin],
			handedBack: false,
		});
	});

	test('a path naming another host is a Failure; nothing goes there', () => {
		expect(() => destination(get({ path: 'https://elsewhere.example/next' }), restcomm)).toThrow(
			/https:\/\/elsewhere\.example for the next request, another host than the credential's/,
		);
		expect(() => destination(get({ path: '//elsewhere.example/next' }), restcomm)).toThrow(
			/another host/,
		);
	});

	test('a login carries no credential, and stays on the origin', () => {
		expect(
			destination(get({ path: '/auth/credentials', withCredential: false }), restcomm),
		).toEqual(
			expect.objectContaining({ withCredential: false, origins: ['https://cloud.example.com'] }),
		);
	});
});

describe('a URL handed back goes only where it may', () => {
	/** @param {string} url */
	const handedBack = (url) =>
		get({ handedBack: { url, within: ['https://files.example.com'], named: 'The report URL' } });

	test('on the credential origin with the credential, relative ones resolved against the root', () => {
		expect(destination(handedBack('/reports/1.csv'), 'https://imi.example.com')).toEqual({
			url: 'https://imi.example.com/reports/1.csv',
			withCredential: true,
			origins: ['https://imi.example.com', 'https://files.example.com'],
			handedBack: true,
		});
	});

	test('on an origin allowed, without it', () => {
		expect(
			destination(handedBack('https://files.example.com/1.csv'), 'https://imi.example.com'),
		).toEqual(expect.objectContaining({ withCredential: false, handedBack: true }));
	});

	test.each([
		[
			'https://other.example.com/1.csv',
			/^The report URL is on https:\/\/other\.example\.com, neither/,
		],
		['https://u:p@imi.example.com/1.csv', /^The report URL holds a user name or password/],
	])('%s is refused, worded around its name', (url, sentence) => {
		let refusal;
		try {
			destination(handedBack(url), 'https://imi.example.com');
		} catch (error) {
			refusal = error;
		}
		expect(refusal.sentence('IMIASSIST')).toMatch(sentence);
	});
});

describe('paging by token', () => {
	/**
	 * @param {PageToken | undefined} nextToken
	 * @returns {import('../../nodes/shared/paging').TokenPage}
	 */
	const page = (nextToken) => ({ response: { statusCode: 200, body: {}, headers: {} }, nextToken });
	/** @param {AsyncIterable<import('../../nodes/shared/paging').TokenPage>} pages */
	const collect = async (pages) => {
		/** @type {(PageToken | undefined)[]} */
		const seen = [];
		for await (const each of pages) seen.push(each.nextToken);
		return seen;
	};

	test('asks with each token it was given, one page after another, until none', async () => {
		/** @type {(PageToken | undefined)[]} */
		const asked = [];
		const tokens = ['a', 2, undefined];
		const pages = pagesByToken(async (token) => {
			asked.push(token);
			return page(tokens[asked.length - 1]);
		});
		expect(await collect(pages)).toEqual(['a', 2, undefined]);
		expect(asked).toEqual([undefined, 'a', 2]);
	});

	test('a token given again is a Failure naming the page', async () => {
		const tokens = ['a', 'b', 'a'];
		let index = 0;
		const pages = pagesByToken(async () => page(tokens[index++]));
		await expect(collect(pages)).rejects.toThrow('page 3 with a paging token it had already given');
	});

	test('past Max Pages it stops with a Failure naming the limit', async () => {
		let asked = 0;
		const pages = pagesByToken(async () => page(`t${++asked}`), 3);
		await expect(collect(pages)).rejects.toThrow('after 3 (Max Pages)');
		expect(asked).toBe(3);
	});
});
