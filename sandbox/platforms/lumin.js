'use strict';

const { STATUS_CODES } = require('http');
const { createRandom, deriveSeed, fractionFor, weightedPicker } = require('../random');
const { parseInstant, formatInstant, toInstant } = require('../instants');
const { fingerprintQuery, encodePagingToken, decodePagingToken } = require('../pagingToken');

// Lumin.ai billing events (SPEC section 4, vendor document 002): one POST route answering
// every billable event in a date range, a page at a time.

const BILLING_PATH = '/lumin/billing';

const DEFAULT_SETTINGS = {
	token: 'lumin-sandbox-token',
	eventCount: 5000,
	seed: 42,
	pageSize: 1000,
	hosts: ['store-001', 'store-002', 'store-003', 'store-004', 'store-005'],
};

const EVENT_TYPE_WEIGHTS = {
	'billing.scheduled': 80,
	'billing.rescheduled': 12,
	'billing.lead-received': 5,
	'billing.delete': 3,
};

// Calling codes of end users, with the digits that follow them.
const USER_COUNTRY_WEIGHTS = { 1: 85, 44: 10, 61: 5 };
const NATIONAL_DIGITS = { 1: 10, 44: 10, 61: 9 };
const pickEventType = weightedPicker(EVENT_TYPE_WEIGHTS);
const pickUserCountry = weightedPicker(USER_COUNTRY_WEIGHTS);

// Separate random streams, so that a timestamp costs one draw (binary search reads many).
const STREAM_TIMESTAMP = 1;
const STREAM_EVENT = 2;
const STREAM_HOST = 3;

// Event ids are 16-digit numbers like the vendor's, one block of ID_STRIDE per event: unique.
const ID_BASE = 5e15;
const ID_STRIDE = 1000;
const MAX_EVENT_COUNT = 1e9;

function resolveSettings(options = {}, now = new Date()) {
	const unknown = Object.keys(options).filter(
		(key) => !(key in DEFAULT_SETTINGS) && key !== 'from' && key !== 'to',
	);
	if (unknown.length > 0) throw new TypeError(`Unknown lumin options: ${unknown.join(', ')}`);
	const settings = { ...DEFAULT_SETTINGS, ...options };
	const { token, eventCount, seed, pageSize, hosts } = settings;
	if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) {
		throw new TypeError('lumin.token must be a non-empty string of visible ASCII characters');
	}
	if (!Number.isInteger(eventCount) || eventCount < 0 || eventCount > MAX_EVENT_COUNT) {
		throw new TypeError(`lumin.eventCount must be a whole number from 0 to ${MAX_EVENT_COUNT}`);
	}
	if (!Number.isSafeInteger(seed) || seed < 0) {
		throw new TypeError('lumin.seed must be a whole number, 0 or more');
	}
	if (!Number.isInteger(pageSize) || pageSize < 1) {
		throw new TypeError('lumin.pageSize must be a whole number, 1 or more');
	}
	const validHosts =
		Array.isArray(hosts) &&
		hosts.length > 0 &&
		hosts.every((host) => typeof host === 'string' && host !== '') &&
		new Set(hosts).size === hosts.length;
	if (!validHosts) throw new TypeError('lumin.hosts must be a list of distinct, non-empty names');
	const threeMonthsAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1));
	const fromMicros = toInstant(settings.from === undefined ? threeMonthsAgo : settings.from);
	const toMicros = toInstant(settings.to === undefined ? now : settings.to);
	if (fromMicros === null || toMicros === null) {
		throw new TypeError('lumin.from and lumin.to must be Dates or ISO 8601 strings with an offset');
	}
	if (fromMicros >= toMicros) throw new TypeError('lumin.from must be before lumin.to');
	return { token, eventCount, seed, pageSize, hosts: [...hosts], fromMicros, toMicros };
}

/** Generates any event on demand from (seed, index): a million events need no memory. */
function createEventDataset({ eventCount, seed, hosts, fromMicros, toMicros }) {
	const spanMicros = toMicros - fromMicros;
	const microsPerEvent = spanMicros / Math.max(eventCount, 1);
	const hostDids = hosts.map(
		(host, index) => `1${createRandom(deriveSeed(seed, STREAM_HOST, index)).digits(10)}`,
	);

	// Event i sits at a random point of the i-th equal slice of [from, to): timestamps never
	// decrease with i, which is what lets a query find its first event by binary search.
	function timestampAt(index) {
		const offset = Math.floor(
			(index + fractionFor(seed, STREAM_TIMESTAMP, index)) * microsPerEvent,
		);
		return fromMicros + Math.min(offset, spanMicros - 1);
	}

	/** The index of the first event at or after `micros` (eventCount when there is none). */
	function firstIndexAtOrAfter(micros) {
		let low = 0;
		let high = eventCount;
		while (low < high) {
			const middle = Math.floor((low + high) / 2);
			if (timestampAt(middle) < micros) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	// Host and type come first from the event's stream, so filtering need not build the rest.
	function drawKind(index) {
		const random = createRandom(deriveSeed(seed, STREAM_EVENT, index));
		const hostIndex = random.integer(hosts.length);
		const type = pickEventType(random);
		return { random, hostIndex, type };
	}

	function kindAt(index) {
		const { hostIndex, type } = drawKind(index);
		return { host_id: hosts[hostIndex], type };
	}

	function eventAt(index) {
		const { random, hostIndex, type } = drawKind(index);
		const idNumber = ID_BASE + index * ID_STRIDE + random.integer(ID_STRIDE);
		const conversationId = random.digits(16);
		const country = pickUserCountry(random);
		const userDid = `${country}${random.digits(NATIONAL_DIGITS[country])}`;
		// Keys in the order of the vendor's sample.
		return {
			conversation_id: conversationId,
			host_did: hostDids[hostIndex],
			host_id: hosts[hostIndex],
			id: Buffer.from(String(idNumber).padStart(32, '0')).toString('base64'),
			timestamp: formatInstant(timestampAt(index)),
			type,
			user_did: userDid,
		};
	}

	/** Event `index`, or undefined outside the data set (like Array.prototype.at without negatives). */
	function eventIfAny(index) {
		return Number.isInteger(index) && index >= 0 && index < eventCount ? eventAt(index) : undefined;
	}

	/** Every event in timestamp order, array-like (length, at) and iterable, built lazily. */
	function events() {
		return {
			length: eventCount,
			at: eventIfAny,
			*[Symbol.iterator]() {
				for (let index = 0; index < eventCount; index += 1) yield eventAt(index);
			},
		};
	}

	return { eventCount, timestampAt, firstIndexAtOrAfter, kindAt, eventAt, eventIfAny, events };
}

/** Reads the documented payload; returns the query, or { error } in the vendor's words. */
function parseBillingQuery(body) {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { error: 'the body must be a JSON object' };
	}
	const { type, end, host } = body;
	// The vendor's own paging sample spells it `Start`.
	const start = body.start !== undefined ? body.start : body.Start;
	const startToken = body.start_token === null ? undefined : body.start_token;
	if (typeof type !== 'string' || type === '') {
		return { error: 'type is required: one or more event types separated by commas' };
	}
	if (/\s/.test(type)) {
		return { error: 'type must not contain spaces: separate event types with commas' };
	}
	const types = type.split(',');
	if (types.includes('')) return { error: 'type must not contain an empty event type' };
	const bounds = {};
	for (const [name, value] of Object.entries({ start, end })) {
		if (value === undefined || value === null) return { error: `${name} is required` };
		bounds[name] = parseInstant(value);
		if (bounds[name] === null) {
			return {
				error: `${name} must be an ISO 8601 date-time with an offset, e.g. 2019-02-01T01:00:00-08:00`,
			};
		}
	}
	if (bounds.start > bounds.end) return { error: 'start must not be after end' };
	if (host !== undefined && host !== null && (typeof host !== 'string' || host === '')) {
		return { error: 'host must be a non-empty string' };
	}
	return {
		types: [...new Set(types)].sort(),
		startMicros: bounds.start,
		endMicros: bounds.end,
		host: host === undefined ? null : host,
		startToken,
	};
}

/**
 * Collects up to pageSize matching events from `position` on. It looks one match ahead, so the
 * last page never carries a token, and each page resumes where the previous one stopped.
 */
function scanPage(dataset, query, position, pageSize) {
	const types = new Set(query.types);
	const items = [];
	for (let index = position; index < dataset.eventCount; index += 1) {
		if (dataset.timestampAt(index) > query.endMicros) break;
		const kind = dataset.kindAt(index);
		if (!types.has(kind.type) || (query.host !== null && kind.host_id !== query.host)) continue;
		if (items.length === pageSize) return { items, nextPosition: index };
		items.push(dataset.eventAt(index));
	}
	return { items, nextPosition: null };
}

function errorBody(status, message = STATUS_CODES[status] || `HTTP ${status}`) {
	return { ok: false, error: message };
}

function refuse(status, message) {
	return { status, body: errorBody(status, message) };
}

/** The Lumin.ai side of the sandbox: its data, its route and the credential that reaches it. */
function createLuminPlatform(options) {
	const settings = resolveSettings(options);
	const dataset = createEventDataset(settings);
	// Tokens from another data set (other seed, count, range or hosts) must not be accepted.
	const datasetIdentity = [
		settings.seed,
		settings.eventCount,
		settings.fromMicros,
		settings.toMicros,
		settings.hosts,
	];
	// Set by a repeatToken fault on a first page: the following page then repeats its token.
	let repeatOnNextPage = false;
	let endlessPages = 0;

	function authenticate(request) {
		return request.headers.authorization === `Bearer ${settings.token}`;
	}

	function handleBillingQuery(request) {
		if (!request.authenticated) return refuse(401, 'invalid token');
		const query = parseBillingQuery(request.body);
		if (query.error) return refuse(400, query.error);
		const { types, startMicros, endMicros, host, startToken } = query;
		const fingerprint = fingerprintQuery([datasetIdentity, types, startMicros, endMicros, host]);
		let position = dataset.firstIndexAtOrAfter(startMicros);
		if (startToken !== undefined) {
			const token = decodePagingToken(startToken);
			if (!token || token.position > dataset.eventCount) return refuse(400, 'invalid start_token');
			if (token.fingerprint !== fingerprint) {
				return refuse(400, 'start_token belongs to another query');
			}
			position = token.position;
		}
		const page = scanPage(dataset, query, position, settings.pageSize);
		let nextToken =
			page.nextPosition === null ? undefined : encodePagingToken(page.nextPosition, fingerprint);
		const repeatRequested = Boolean(request.fault && request.fault.repeatToken);
		if (startToken === undefined) {
			if (repeatRequested && nextToken !== undefined) repeatOnNextPage = true;
		} else if (repeatRequested || repeatOnNextPage) {
			repeatOnNextPage = false;
			nextToken = startToken;
		}
		const body =
			nextToken === undefined
				? { ok: true, items: page.items }
				: { ok: true, next_token: nextToken, items: page.items };
		return { status: 200, body };
	}

	return {
		name: 'lumin',
		displayName: 'Lumin.ai',
		pathPrefix: '/lumin',
		errorBody,
		registerRoutes(router) {
			router.add({
				method: 'POST',
				path: BILLING_PATH,
				platform: 'lumin',
				authenticate,
				handle: handleBillingQuery,
			});
		},
		credentials: (url) => ({
			lumin: { platform: 'lumin', baseUrl: `${url}${BILLING_PATH}`, token: settings.token },
		}),
		/** One line for people: what data the sandbox serves. */
		describeData: () =>
			`${settings.eventCount} events from ${formatInstant(settings.fromMicros)} ` +
			`to ${formatInstant(settings.toMicros)}, hosts ${settings.hosts.join(', ')}`,
		/** An endlessPages fault: a page with no events and a token never seen before. */
		endlessPage: () => ({
			status: 200,
			body: { ok: true, next_token: `endless-${++endlessPages}`, items: [] },
		}),
		/** Forgets fault state that outlives a request. */
		resetFaults() {
			repeatOnNextPage = false;
		},
		api: {
			settings: {
				token: settings.token,
				eventCount: settings.eventCount,
				seed: settings.seed,
				pageSize: settings.pageSize,
				hosts: [...settings.hosts],
				from: formatInstant(settings.fromMicros),
				to: formatInstant(settings.toMicros),
			},
			events: dataset.events,
			eventAt: dataset.eventIfAny,
		},
	};
}

module.exports = { createLuminPlatform, parseBillingQuery, BILLING_PATH, EVENT_TYPE_WEIGHTS };
