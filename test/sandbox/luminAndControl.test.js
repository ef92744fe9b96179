'use strict';

const { readReply, raiseUsageOverHttp, expectRaiseRefused } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

const FROM = '2026-08-01T00:00:00Z';
const TO = '2026-11-01T00:00:00Z';
const ALL_TYPES = 'billing.scheduled,billing.rescheduled,billing.lead-received,billing.delete';

/** Microseconds since the epoch of a served timestamp (always `...ss.ffffff+00:00`), by hand. */
function eventMicros(timestamp) {
	return Date.parse(`${timestamp.slice(0, 19)}Z`) * 1000 + Number(timestamp.slice(20, 26));
}

/** Microseconds since the epoch of a whole-second query bound with any offset. */
function boundMicros(isoWithOffset) {
	return Date.parse(isoWithOffset) * 1000;
}

async function postLumin(sandbox, body, { token = sandbox.credentials.lumin.token } = {}) {
	const headers = { 'content-type': 'application/json' };
	if (token !== null) headers.authorization = `Bearer ${token}`;
	const response = await fetch(sandbox.credentials.lumin.baseUrl, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return await readReply(response);
}

/** Follows next_token to the end, sending `Start` on later pages as the vendor's sample does. */
async function fetchAllPages(sandbox, query) {
	const pages = [];
	let nextToken;
	do {
		const body =
			nextToken === undefined
				? query
				: {
						type: query.type,
						Start: query.start,
						end: query.end,
						host: query.host,
						start_token: nextToken,
					};
		const { status, json } = await postLumin(sandbox, body);
		expect(status).toBe(200);
		expect(json.ok).toBe(true);
		pages.push(json);
		nextToken = json.next_token;
	} while (nextToken !== undefined);
	return pages;
}

function control(sandbox, method, path, body) {
	return fetch(`${sandbox.url}/__sandbox${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

function lastRequest(sandbox) {
	return sandbox.requests[sandbox.requests.length - 1];
}

describe('sandbox: Lumin.ai generated data', () => {
	const options = { lumin: { eventCount: 3000, from: FROM, to: TO, seed: 7 } };
	let first;
	let second;

	beforeAll(async () => {
		[first, second] = await Promise.all([startSandbox(options), startSandbox(options)]);
	});
	afterAll(() => Promise.all([first.close(), second.close()]));

	test('generates the same events from the same options', async () => {
		const events = Array.from(first.lumin.events());
		expect(events).toHaveLength(3000);
		expect(Array.from(second.lumin.events())).toEqual(events);
		const query = { type: ALL_TYPES, start: FROM, end: TO };
		expect((await postLumin(first, query)).json).toEqual((await postLumin(second, query)).json);
	});

	test('generates other events from another seed', async () => {
		const other = await startSandbox({ lumin: { ...options.lumin, seed: 8 } });
		try {
			expect(Array.from(other.lumin.events())).not.toEqual(Array.from(first.lumin.events()));
		} finally {
			await other.close();
		}
	});

	test('shapes events like the vendor sample, in timestamp order within [from, to)', () => {
		const events = Array.from(first.lumin.events());
		const hosts = first.lumin.settings.hosts;
		const keys = ['conversation_id', 'host_did', 'host_id', 'id', 'timestamp', 'type', 'user_did'];
		const misshapen = events.filter(
			(event) =>
				Object.keys(event).sort().join() !== keys.join() ||
				!/^\d{32}$/.test(Buffer.from(event.id, 'base64').toString()) ||
				!/^\d{16}$/.test(event.conversation_id) ||
				!/^[1-9]\d{7,14}$/.test(event.host_did) ||
				!/^[1-9]\d{7,14}$/.test(event.user_did) ||
				!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/.test(event.timestamp) ||
				!hosts.includes(event.host_id),
		);
		expect(misshapen).toEqual([]);
		expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
		const times = events.map((event) => eventMicros(event.timestamp));
		expect(times.filter((time, index) => index > 0 && time < times[index - 1])).toEqual([]);
		expect(times[0]).toBeGreaterThanOrEqual(boundMicros(FROM));
		expect(times[times.length - 1]).toBeLessThan(boundMicros(TO));
		const scheduled = events.filter((event) => event.type === 'billing.scheduled').length;
		expect(scheduled).toBeGreaterThan(events.length / 2);
		expect(new Set(events.map((event) => event.type)).size).toBe(4);
	});

	test('gives the credential values that reach it', () => {
		expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(first.credentials.lumin).toEqual({
			platform: 'lumin',
			baseUrl: `${first.url}/lumin/billing`,
			token: 'lumin-sandbox-token',
		});
	});
});

describe('sandbox: Lumin.ai billing query', () => {
	let sandbox;
	let events;

	beforeAll(async () => {
		sandbox = await startSandbox({ lumin: { eventCount: 10000, from: FROM, to: TO } });
		events = Array.from(sandbox.lumin.events());
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearRequests());

	test('serves 10,000 events in exactly 10 pages of 1000, each event once and in order', async () => {
		const pages = await fetchAllPages(sandbox, { type: ALL_TYPES, start: FROM, end: TO });
		expect(pages).toHaveLength(10);
		pages.slice(0, -1).forEach((page) => expect(typeof page.next_token).toBe('string'));
		expect(pages[9]).not.toHaveProperty('next_token');
		pages.forEach((page) => expect(page.items).toHaveLength(1000));
		expect(pages.flatMap((page) => page.items)).toEqual(events);
		expect(sandbox.requests.map((entry) => entry.status)).toEqual(Array(10).fill(200));
	});

	test('includes events from start to end inclusive, whatever the offsets', async () => {
		const start = '2026-09-10T08:30:00-07:00';
		const end = '2026-09-20T17:00:00+05:30';
		const inRange = events.filter(
			(event) =>
				eventMicros(event.timestamp) >= boundMicros(start) &&
				eventMicros(event.timestamp) <= boundMicros(end),
		);
		const pages = await fetchAllPages(sandbox, { type: ALL_TYPES, start, end });
		expect(pages.flatMap((page) => page.items)).toEqual(inRange);
		const exact = events[5000].timestamp;
		const single = await postLumin(sandbox, { type: ALL_TYPES, start: exact, end: exact });
		expect(single.json.items.map((event) => event.id)).toContain(events[5000].id);
	});

	test('filters by event types', async () => {
		const types = ['billing.rescheduled', 'billing.delete'];
		const pages = await fetchAllPages(sandbox, { type: types.join(','), start: FROM, end: TO });
		const expected = events.filter((event) => types.includes(event.type));
		expect(expected.length).toBeGreaterThan(0);
		expect(pages.flatMap((page) => page.items)).toEqual(expected);
	});

	test('serves Appointment Deleted events (billing.delete) for every host, about 3 in 100', async () => {
		const pages = await fetchAllPages(sandbox, { type: 'billing.delete', start: FROM, end: TO });
		const deletes = pages.flatMap((page) => page.items);
		expect(deletes).toEqual(events.filter((event) => event.type === 'billing.delete'));
		expect(deletes.length).toBeGreaterThanOrEqual(200);
		expect(deletes.length).toBeLessThanOrEqual(400);
		const hosts = new Set(deletes.map((event) => event.host_id));
		expect([...hosts].sort()).toEqual(sandbox.lumin.settings.hosts);
	});

	test('filters by host', async () => {
		const query = { type: 'billing.scheduled', start: FROM, end: TO, host: 'store-003' };
		const pages = await fetchAllPages(sandbox, query);
		const expected = events.filter(
			(event) => event.host_id === 'store-003' && event.type === 'billing.scheduled',
		);
		expect(expected.length).toBeGreaterThan(1000);
		expect(pages).toHaveLength(Math.ceil(expected.length / 1000));
		expect(pages.flatMap((page) => page.items)).toEqual(expected);
	});

	test('starts each page with the last event of the page before with inclusiveTokens', async () => {
		const inclusive = await startSandbox({
			lumin: { eventCount: 2500, from: FROM, to: TO, inclusiveTokens: true },
		});
		try {
			const pages = await fetchAllPages(inclusive, { type: ALL_TYPES, start: FROM, end: TO });
			expect(pages.map((page) => page.items.length)).toEqual([1000, 1000, 502]);
			expect(pages[1].items[0]).toEqual(pages[0].items[999]);
			expect(pages[2].items[0]).toEqual(pages[1].items[999]);
			const ids = new Set(pages.flatMap((page) => page.items.map((event) => event.id)));
			expect([...ids]).toEqual([...inclusive.lumin.events()].map((event) => event.id));
		} finally {
			await inclusive.close();
		}
	});

	test.each([
		[{ inclusiveTokens: 'yes' }, 'lumin.inclusiveTokens must be true or false'],
		[
			{ inclusiveTokens: true, pageSize: 1 },
			'lumin.pageSize must be 2 or more with inclusiveTokens',
		],
	])('refuses the setting %j', async (lumin, message) => {
		await expect(startSandbox({ lumin })).rejects.toThrow(message);
	});

	test('answers an empty page without next_token when nothing matches', async () => {
		const { status, json } = await postLumin(sandbox, {
			type: 'billing.other',
			start: FROM,
			end: TO,
		});
		expect(status).toBe(200);
		expect(json).toEqual({ ok: true, items: [] });
	});

	test('refuses a wrong token with 401 and keeps no token in the log', async () => {
		const wrong = await postLumin(
			sandbox,
			{ type: ALL_TYPES, start: FROM, end: TO },
			{ token: 'wrong-token' },
		);
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({ ok: false, error: 'invalid token' });
		const missing = await postLumin(
			sandbox,
			{ type: ALL_TYPES, start: FROM, end: TO },
			{ token: null },
		);
		expect(missing.status).toBe(401);
		await postLumin(sandbox, { type: ALL_TYPES, start: FROM, end: TO });

		const [wrongEntry, missingEntry, goodEntry] = sandbox.requests;
		expect(wrongEntry).toMatchObject({
			auth: 'bearer',
			authenticated: false,
			status: 401,
			fault: null,
		});
		expect(missingEntry).toMatchObject({ auth: null, authenticated: false, status: 401 });
		expect(goodEntry).toMatchObject({
			method: 'POST',
			path: '/lumin/billing',
			query: {},
			body: { type: ALL_TYPES, start: FROM, end: TO },
			auth: 'bearer',
			authenticated: true,
			status: 200,
		});
		const served = await (await control(sandbox, 'GET', '/requests')).text();
		for (const logText of [JSON.stringify(sandbox.requests), served]) {
			expect(logText).not.toContain('wrong-token');
			expect(logText).not.toContain(sandbox.credentials.lumin.token);
		}
	});

	test.each([
		['an impossible date', { start: '2026-02-30T00:00:00Z' }],
		['a date without offset', { start: '2026-09-01T00:00:00' }],
		['a date that is not ISO 8601', { end: '09/01/2026' }],
		['a missing end', { end: undefined }],
		['start after end', { start: TO, end: FROM }],
		['spaces in type', { type: 'billing.scheduled, billing.delete' }],
		['an empty type', { type: '' }],
		['an empty event type in the list', { type: 'billing.scheduled,' }],
	])('refuses %s with 400', async (_, change) => {
		const { status, json } = await postLumin(sandbox, {
			type: ALL_TYPES,
			start: FROM,
			end: TO,
			...change,
		});
		expect(status).toBe(400);
		expect(json.ok).toBe(false);
		expect(typeof json.error).toBe('string');
	});

	test('refuses a garbled start_token and one from another query with 400', async () => {
		const query = { type: ALL_TYPES, start: FROM, end: TO };
		const { json } = await postLumin(sandbox, query);
		const garbled = await postLumin(sandbox, { ...query, start_token: 'not-a-token' });
		expect(garbled.status).toBe(400);
		expect(garbled.json.ok).toBe(false);
		const otherQuery = await postLumin(sandbox, {
			...query,
			type: 'billing.scheduled',
			start_token: json.next_token,
		});
		expect(otherQuery.status).toBe(400);
		expect(otherQuery.json.ok).toBe(false);
	});

	test('answers unknown routes with 404 JSON and other methods with 405', async () => {
		const unknown = await fetch(`${sandbox.url}/nowhere`);
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toHaveProperty('error');
		const wrongMethod = await fetch(sandbox.credentials.lumin.baseUrl);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
	});
});

describe('sandbox: faults and control routes', () => {
	const query = { type: ALL_TYPES, start: FROM, end: TO };
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ lumin: { eventCount: 2500, from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test('answers 429 with Retry-After once, then normally', async () => {
		sandbox.injectFault({ platform: 'lumin', status: 429, headers: { 'Retry-After': '2' } });
		const limited = await postLumin(sandbox, query);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(limited.json).toEqual({ ok: false, error: 'Too Many Requests' });
		expect((await postLumin(sandbox, query)).status).toBe(200);
		expect(sandbox.requests.map(({ status, fault }) => ({ status, fault }))).toEqual([
			{ status: 429, fault: 'status 429' },
			{ status: 200, fault: null },
		]);
	});

	test('resets the connection without answering', async () => {
		sandbox.injectFault({ path: '/lumin', reset: true });
		await expect(postLumin(sandbox, query)).rejects.toThrow();
		expect(lastRequest(sandbox)).toMatchObject({ status: 0, fault: 'reset' });
		expect((await postLumin(sandbox, query)).status).toBe(200);
	});

	test('repeats the paging token on the page after a faulted first page', async () => {
		sandbox.injectFault({ platform: 'lumin', repeatToken: true });
		const firstPage = await postLumin(sandbox, query);
		expect(firstPage.json.items).toHaveLength(1000);
		const secondPage = await postLumin(sandbox, {
			...query,
			start_token: firstPage.json.next_token,
		});
		expect(secondPage.status).toBe(200);
		expect(secondPage.json.next_token).toBe(firstPage.json.next_token);
		expect(sandbox.requests[0].fault).toBe('repeatToken');
	});

	test('repeats the request’s own start_token when the fault hits a later page', async () => {
		const firstPage = await postLumin(sandbox, query);
		const secondPage = await postLumin(sandbox, {
			...query,
			start_token: firstPage.json.next_token,
		});
		sandbox.injectFault({ repeatToken: true });
		const repeated = await postLumin(sandbox, {
			...query,
			start_token: secondPage.json.next_token,
		});
		expect(repeated.json.next_token).toBe(secondPage.json.next_token);
		expect(repeated.json.items).toHaveLength(500);
	});

	test.each([
		['repeatRecord', (first) => [first, first]],
		['excludedRow', (first) => [{ ...first, type: 'billing.not-asked' }]],
		['unreadableFigure', (first) => [{ ...first, timestamp: '1,700,000,000' }]],
	])('changes the first event of the page on a %s fault', async (kind, expected) => {
		const clean = (await postLumin(sandbox, query)).json.items;
		sandbox.injectFault({ platform: 'lumin', [kind]: true });
		const { items } = (await postLumin(sandbox, query)).json;
		expect(items.slice(0, -999)).toEqual(expected(clean[0]));
		expect(items.slice(-999)).toEqual(clean.slice(1));
		expect(sandbox.requests[1].fault).toBe(kind);
	});

	test.each([
		[
			'unreadableFigure',
			'/imiassist/v1/whatever',
			'unreadableFigure: this route has no such records',
		],
		['overlapPages', '/lumin', 'overlapPages: this route has no pages'],
		['otherDay', '/lumin', 'otherDay: this route has no such records'],
		['otherAccount', '/lumin', 'otherAccount: this route has no such records'],
		['otherCustomer', '/twilio/whatever', 'otherCustomer: this route has no such records'],
		['ignoreCategory', '/lumin', 'ignoreCategory: this route has no Category to ignore'],
		['unreadStartDate', '/evovoice/ai/usage', 'unreadStartDate: this route has no StartDate'],
		['replayPage', '/evovoice/ai/usage', 'replayPage: this route has no pages'],
	])('answers a %s fault on a route without it with 400 naming it', async (kind, path, message) => {
		sandbox.injectFault({ path, [kind]: true });
		const refused = await fetch(`${sandbox.url}${path}`);
		expect(refused.status).toBe(400);
		expect(JSON.stringify(await refused.json())).toContain(message);
	});

	test('answers an HTML maintenance page with status 200', async () => {
		sandbox.injectFault({ platform: 'lumin', html: true });
		const { status, headers, text } = await postLumin(sandbox, query);
		expect(status).toBe(200);
		expect(headers.get('content-type')).toMatch(/^text\/html/);
		expect(text).toMatch(/<html>.*maintenance/i);
	});

	test('answers truncated JSON with status 200', async () => {
		sandbox.injectFault({ platform: 'lumin', malformed: true });
		const { status, headers, text } = await postLumin(sandbox, query);
		expect(status).toBe(200);
		expect(headers.get('content-type')).toMatch(/^application\/json/);
		expect(text.startsWith('{"ok":true')).toBe(true);
		expect(() => JSON.parse(text)).toThrow();
		expect(lastRequest(sandbox)).toMatchObject({ status: 200, fault: 'malformed' });
	});

	test('delays a normal answer when the fault only has delayMs', async () => {
		sandbox.injectFault({ delayMs: 50 });
		const { status, json } = await postLumin(sandbox, query);
		expect(status).toBe(200);
		expect(json.items).toHaveLength(1000);
		expect(lastRequest(sandbox).fault).toBe('delay 50ms');
	});

	test('takes faults over HTTP, honouring skip and times', async () => {
		const added = await control(sandbox, 'POST', '/faults', { status: 503, skip: 1, times: 2 });
		expect(added.status).toBe(201);
		const statuses = [];
		for (let attempt = 0; attempt < 4; attempt += 1) {
			statuses.push((await postLumin(sandbox, query)).status);
		}
		expect(statuses).toEqual([200, 503, 503, 200]);
	});

	test('keeps a forever fault until DELETE /__sandbox/faults', async () => {
		await control(sandbox, 'POST', '/faults', {
			platform: 'lumin',
			method: 'POST',
			status: 500,
			times: 0,
		});
		expect((await postLumin(sandbox, query)).status).toBe(500);
		expect((await postLumin(sandbox, query)).status).toBe(500);
		expect((await control(sandbox, 'DELETE', '/faults')).status).toBe(200);
		expect((await postLumin(sandbox, query)).status).toBe(200);
	});

	test('ignores faults for another platform', async () => {
		sandbox.injectFault({ platform: 'evoVoice', status: 500 });
		expect((await postLumin(sandbox, query)).status).toBe(200);
	});

	test('refuses an invalid fault', async () => {
		expect(() => sandbox.injectFault({ status: 'soon' })).toThrow(TypeError);
		expect(() => sandbox.injectFault({ html: true, reset: true })).toThrow(TypeError);
		expect(() => sandbox.injectFault({ otherDay: 'yes' })).toThrow(
			'Fault otherDay must be true or false',
		);
		expect(() => sandbox.injectFault({ otherDay: true, otherAccount: true })).toThrow(
			'A fault does one thing; choose one of otherDay, otherAccount',
		);
		const refused = await control(sandbox, 'POST', '/faults', { colour: 'red' });
		expect(refused.status).toBe(400);
		expect((await refused.json()).ok).toBe(false);
	});

	test.each([
		['no platform', {}],
		['an unknown platform', { platform: 'nope' }],
		['a platform without usage to raise', { platform: 'imiassist' }],
		['a list', [{ platform: 'lumin', type: 'billing.scheduled', count: 1 }]],
		['no body', undefined],
		['a body that is not JSON', 'more usage, please'],
	])('refuses a usage raise with %s with 400', async (_, spec) => {
		const message =
			/^(platform must be one of lumin, evoVoice, restcomm, restcommAllCategories, twilio|A usage raise must be a JSON object)$/;
		await expectRaiseRefused(sandbox, spec, message, () => sandbox.lumin.events().length);
	});

	test('serves health and the log over HTTP, without logging control routes', async () => {
		expect(await (await control(sandbox, 'GET', '/health')).json()).toEqual({ ok: true });
		await postLumin(sandbox, query);
		const log = await (await control(sandbox, 'GET', '/requests')).json();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ method: 'POST', path: '/lumin/billing', status: 200 });
		expect(log[0].seq).toEqual(expect.any(Number));
		expect(new Date(log[0].time).toISOString()).toBe(log[0].time);
		expect((await control(sandbox, 'DELETE', '/requests')).status).toBe(200);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('sandbox: a Lumin.ai page replayed under a fresh token (replayPage)', () => {
	const query = { type: ALL_TYPES, start: FROM, end: TO };

	// The pages answered, as [first, last + 1] of the events: the query's first page again where
	// the fault hits, then the page that request asked for, and on to the end.
	test.each([
		['skip 2 on 6 events: pages 1, 2, 1 again, then 3', { eventCount: 6 }, 2, [0, 2, 0, 4]],
		['skip 1 on 4 events: three pages, 6 events for 4', { eventCount: 4 }, 1, [0, 0, 2]],
		[
			'numericTokens: the fresh token a number',
			{ eventCount: 6, numericTokens: true },
			1,
			[0, 0, 2, 4],
		],
	])('%s', async (_, settings, skip, pageStarts) => {
		const sandbox = await startSandbox({ lumin: { pageSize: 2, from: FROM, to: TO, ...settings } });
		try {
			const events = sandbox.lumin.events();
			sandbox.injectFault({ platform: 'lumin', replayPage: true, skip });
			const pages = await fetchAllPages(sandbox, query);
			expect(pages.map((page) => page.items)).toEqual(
				pageStarts.map((first) => [events.at(first), events.at(first + 1)]),
			);
			// Each token new: the replayed page's is not its request's, though both lead on alike.
			const tokens = pages.slice(0, -1).map((page) => page.next_token);
			expect(new Set(tokens).size).toBe(tokens.length);
			if (settings.numericTokens) expect(tokens).toEqual([1, 2, 3]);
			const faults = pages.map((__, index) => (index === skip ? 'replayPage' : null));
			expect(sandbox.requests.map((entry) => entry.fault)).toEqual(faults);
		} finally {
			await sandbox.close();
		}
	});
});

describe('sandbox: a million Lumin.ai events', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ lumin: { eventCount: 1000000, from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());

	test('serves the first page without generating the rest', async () => {
		const { json } = await postLumin(sandbox, { type: ALL_TYPES, start: FROM, end: TO });
		const events = sandbox.lumin.events();
		expect(events.length).toBe(1000000);
		expect(json.items).toEqual(Array.from({ length: 1000 }, (_, index) => events.at(index)));
		expect(typeof json.next_token).toBe('string');
	});

	test('serves pages from the middle, resuming from the token', async () => {
		const events = sandbox.lumin.events();
		const start = events.at(500000).timestamp;
		let firstIndex = 500000;
		while (events.at(firstIndex - 1).timestamp === start) firstIndex -= 1;
		const query = { type: ALL_TYPES, start, end: TO };
		const firstPage = (await postLumin(sandbox, query)).json;
		expect(firstPage.items[0]).toEqual(events.at(firstIndex));
		const secondPage = (await postLumin(sandbox, { ...query, start_token: firstPage.next_token }))
			.json;
		expect(secondPage.items[0]).toEqual(events.at(firstIndex + 1000));
		expect(secondPage.items[999]).toEqual(events.at(firstIndex + 1999));
	});
});

describe('sandbox: raising Lumin.ai billing events', () => {
	// Data in the past, so that events raised now come after every generated one.
	const from = '2025-03-01T00:00:00Z';
	const to = '2025-04-01T00:00:00Z';
	const everything = { type: ALL_TYPES, start: from, end: '2099-12-31T23:59:59Z' };
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ lumin: { eventCount: 3000, from, to, pageSize: 250 } });
	});
	afterAll(() => sandbox.close());

	const allItems = async (query) =>
		(await fetchAllPages(sandbox, query)).flatMap((page) => page.items);
	/** The events a query selects, by hand: types, host and inclusive whole-second bounds. */
	const selects = (query) => (event) =>
		query.type.split(',').includes(event.type) &&
		(query.host === undefined || event.host_id === query.host) &&
		eventMicros(event.timestamp) >= boundMicros(query.start) &&
		eventMicros(event.timestamp) <= boundMicros(query.end);

	test('serves raised events among the others, in order and paged, by sandbox.raiseUsage', async () => {
		const events = Array.from(sandbox.lumin.events());
		// At the timestamp of an existing event: the raised ones come after it.
		const tie = events[1500];
		const raised = sandbox.raiseUsage({
			platform: 'lumin',
			type: 'billing.scheduled',
			count: 3,
			host: 'store-002',
			at: tie.timestamp,
		});
		expect(raised).toEqual({
			platform: 'lumin',
			type: 'billing.scheduled',
			host: 'store-002',
			count: 3,
			timestamp: tie.timestamp,
			ids: [expect.any(String), expect.any(String), expect.any(String)],
		});
		const cut = events.filter(
			(event) => eventMicros(event.timestamp) <= eventMicros(tie.timestamp),
		).length;
		expect(cut).toBeGreaterThan(1500);
		const pages = await fetchAllPages(sandbox, everything);
		expect(pages.map((page) => page.items.length)).toEqual([...Array(12).fill(250), 3]);
		const items = pages.flatMap((page) => page.items);
		const added = items.slice(cut, cut + 3);
		expect([...items.slice(0, cut), ...items.slice(cut + 3)]).toEqual(events);
		const storeDid = events.find((event) => event.host_id === 'store-002').host_did;
		expect(added).toEqual(
			raised.ids.map((id) => ({
				conversation_id: expect.stringMatching(/^\d{16}$/),
				host_did: storeDid,
				host_id: 'store-002',
				id,
				timestamp: tie.timestamp,
				type: 'billing.scheduled',
				user_did: expect.stringMatching(/^[1-9]\d{7,14}$/),
			})),
		);
		expect(
			added.every((event) => /^\d{32}$/.test(Buffer.from(event.id, 'base64').toString())),
		).toBe(true);
		expect(new Set(items.map((event) => event.id)).size).toBe(3003);
		expect(Array.from(sandbox.lumin.events())).toEqual(items);
		expect(sandbox.lumin.eventAt(cut + 1)).toEqual(added[1]);

		const day = tie.timestamp.slice(0, 10);
		const dayAfter = new Date(Date.parse(`${day}T00:00:00Z`) + 864e5).toISOString().slice(0, 10);
		const queries = [
			{ type: 'billing.scheduled', host: 'store-002', start: from, end: to },
			{ type: 'billing.scheduled', host: 'store-001', start: from, end: to },
			{ type: 'billing.delete,billing.rescheduled', start: from, end: to },
			{ type: ALL_TYPES, start: `${day}T00:00:00Z`, end: `${day}T23:59:59Z` },
			{ type: ALL_TYPES, start: `${dayAfter}T00:00:00Z`, end: `${dayAfter}T23:59:59Z` },
		];
		const counts = [];
		for (const query of queries) {
			const served = await allItems(query);
			expect(served).toEqual(items.filter(selects(query)));
			counts.push(served.length - events.filter(selects(query)).length);
		}
		expect(counts).toEqual([3, 0, 0, 3, 0]);
	});

	test('raises now for the first host by default, by POST /__sandbox/usage', async () => {
		const inData = { type: 'billing.lead-received', start: from, end: to };
		const inDataBefore = await allItems(inData);
		const before = Date.now();
		const { status, json } = await raiseUsageOverHttp(sandbox, {
			platform: 'lumin',
			type: 'billing.lead-received',
			count: 2,
		});
		const after = Date.now();
		expect(status).toBe(200);
		expect(json.raised).toMatchObject({ platform: 'lumin', host: 'store-001', count: 2 });
		expect(eventMicros(json.raised.timestamp)).toBeGreaterThanOrEqual(before * 1000);
		expect(eventMicros(json.raised.timestamp)).toBeLessThanOrEqual(after * 1000);
		const recent = await allItems({
			type: ALL_TYPES,
			start: new Date(before - 1000).toISOString(),
			end: new Date(after + 1000).toISOString(),
		});
		expect(recent.map(({ id, host_id: host, type }) => ({ id, host, type }))).toEqual(
			json.raised.ids.map((id) => ({ id, host: 'store-001', type: 'billing.lead-received' })),
		);
		expect((await allItems(everything)).slice(-2)).toEqual(recent);
		expect(await allItems(inData)).toEqual(inDataBefore);
	});

	test('counts a host of raised events only from 0, with a DID of its own', async () => {
		const query = { ...everything, type: 'billing.rescheduled', host: 'trigger-test-host' };
		expect(await allItems(query)).toEqual([]);
		for (const at of ['2025-03-15T08:00:00Z', '2025-03-16T08:00:00Z']) {
			sandbox.raiseUsage({
				platform: 'lumin',
				type: 'billing.rescheduled',
				count: 2,
				host: query.host,
				at,
			});
		}
		const served = await allItems(query);
		expect(served.map((event) => event.timestamp.slice(0, 10))).toEqual([
			'2025-03-15',
			'2025-03-15',
			'2025-03-16',
			'2025-03-16',
		]);
		const dids = new Set(served.map((event) => event.host_did));
		expect(dids.size).toBe(1);
		const [did] = dids;
		expect(did).toMatch(/^1\d{10}$/);
		const storeDids = Array.from(sandbox.lumin.events())
			.filter((event) => event.host_id !== query.host)
			.map((event) => event.host_did);
		expect(storeDids).not.toContain(did);
	});

	const valid = { type: 'billing.scheduled', count: 1, at: '2025-03-10T12:00:00Z' };
	test.each([
		[
			'no type',
			{ type: undefined },
			/^type must be one of billing.scheduled, billing.rescheduled, billing.lead-received, billing.delete$/,
		],
		['an unknown type', { type: 'billing.other' }, /^type must be one of/],
		['two types', { type: 'billing.scheduled,billing.delete' }, /^type must be one of/],
		['no count', { count: undefined }, /^count must be a whole number, 0 or more$/],
		['a negative count', { count: -1 }, /^count must be a whole number/],
		['a count as text', { count: '2' }, /^count must be a whole number/],
		['a fractional count', { count: 1.5 }, /^count must be a whole number/],
		['too many events', { count: 10001 }, /^count must be at most 10000 a raise$/],
		['an empty host', { host: '' }, /^host must be a non-empty string$/],
		['a host that is not a string', { host: 3 }, /^host must be a non-empty string$/],
		[
			'a date-time without an offset',
			{ at: '2025-03-10T12:00:00' },
			/^at must be an ISO 8601 date-time with an offset/,
		],
		['an unknown key', { hosts: ['store-001'] }, /^Unknown keys for lumin: hosts$/],
	])('refuses %s with 400, changing nothing', async (_, change, message) => {
		// A raise only adds events: the count tells, the page around `at` shows where.
		const snapshot = async () => ({
			count: sandbox.lumin.events().length,
			page: (await postLumin(sandbox, { ...everything, start: '2025-03-10T00:00:00Z' })).json,
		});
		await expectRaiseRefused(
			sandbox,
			{ platform: 'lumin', ...valid, ...change },
			message,
			snapshot,
		);
	});
});
