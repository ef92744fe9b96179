'use strict';

const { STATUS_CODES } = require('http');

// Faults make the sandbox misbehave the way real APIs do, so that retries, back-off and
// Failure outcomes can be exercised on demand. Each fault matches requests by platform, method
// and path prefix, lets `skip` of them through, then applies to `times` of them (0 = forever).

// What a fault does instead of (or to) the normal answer: at most one of these per fault.
const ANSWER_KINDS = [
	'status',
	'reset',
	'html',
	'malformed',
	'repeatToken',
	'endlessPages',
	'repeatRecord',
	'unreadableFigure',
	'excludedRow',
	'overlapPages',
	'ignoreCategory',
	'otherDay',
	'otherAccount',
	'otherCustomer',
	'unreadStartDate',
	'replayPage',
	'truncate',
	'dripMs',
	'accountWithoutSid',
	'commitThenDrop',
];
// endlessPages: a page with a fresh paging token every time, never the last (Lumin, Twilio).
// repeatRecord: the route's own answer with its first record that carries usage sent twice
// (Restcomm, Twilio, Evo Voice, Lumin.ai), as a server that lists a record again would.
// unreadableFigure: the answer with a figure of its first record written as no plain number
// ("1,000.50", "1,234.5"; Restcomm, Twilio, Evo Voice) or its first event's timestamp as no time
// (Lumin.ai).
// excludedRow: the answer with an event of a type the query did not ask for (Lumin.ai).
// overlapPages: a page that starts with the last record of the page before (Twilio).
// The answers that differ from the request the way real servers and proxies do:
// ignoreCategory: Usage Records answered as if no Category had been sent, every category of the
// period, as a proxy that drops the parameter would (Twilio, restcommAllCategories).
// otherDay: the answer plus a copy of its first record with usage or a price, dated the day before
// that record's start (Restcomm, Twilio).
// otherAccount: the answer plus a copy of its first record with usage or a price under an account
// SID no one asked for (Restcomm, Twilio); plus an account and its customer row of an account that
// is none of the sandbox's (Evo Voice).
// otherCustomer: the answer plus a copy of its first customer row with minutes under a customer no
// one asked for (Evo Voice).
// unreadStartDate: Usage Records answered as if no StartDate had been sent, as a server that cannot
// read it does (Restcomm-Connect then answers from 1970; Restcomm, Twilio).
// replayPage: the query's first page again under a fresh paging token, which resumes where the
// faulted request would have gone (Lumin, Twilio).
// accountWithoutSid: an Accounts list whose first account has no sid, its auth_token kept (Restcomm,
// Twilio).
// truncate: the answer's full Content-Length announced, half the body sent, the connection closed.
// commitThenDrop: the route does its work (an object is created, an idempotency key's answer
// saved), then the connection is dropped with no answer, as when a network fails after the
// server committed: the client cannot tell whether its request took effect.
// The kinds that are a flag (true), not a value.
const FLAG_KEYS = ANSWER_KINDS.filter((kind) => kind !== 'status' && kind !== 'dripMs');
const KNOWN_KEYS = new Set([
	'platform',
	'method',
	'path',
	'skip',
	'times',
	'status',
	'headers',
	'body',
	'delayMs',
	// The request held this long by a route that takes it (Stripe), its idempotency key held as
	// in flight meanwhile, so that a second request with that key meets it.
	'holdMs',
	// The answer sent one byte every dripMs milliseconds, as a stalled proxy would.
	'dripMs',
	...FLAG_KEYS,
]);

const MAINTENANCE_PAGE =
	'<html><head><title>Down for maintenance</title></head>' +
	'<body><h1>We are down for scheduled maintenance</h1><p>Please try again later.</p></body></html>';

class FaultError extends TypeError {}

function isCount(value) {
	return Number.isInteger(value) && value >= 0;
}

/** Validates a fault as given by a test or over HTTP; returns a normalised copy or throws. */
function normalizeFault(fault) {
	if (fault === null || typeof fault !== 'object' || Array.isArray(fault)) {
		throw new FaultError('A fault must be an object');
	}
	const unknown = Object.keys(fault).filter((key) => !KNOWN_KEYS.has(key));
	if (unknown.length > 0) throw new FaultError(`Unknown fault keys: ${unknown.join(', ')}`);
	const {
		platform,
		method,
		path,
		skip = 0,
		times = 1,
		status,
		headers,
		body,
		delayMs,
		dripMs,
		holdMs,
	} = fault;
	for (const [key, value] of Object.entries({ platform, method, path })) {
		if (value !== undefined && (typeof value !== 'string' || value === '')) {
			throw new FaultError(`Fault ${key} must be a non-empty string`);
		}
	}
	if (path !== undefined && !path.startsWith('/')) {
		throw new FaultError('Fault path must start with /');
	}
	if (!isCount(skip) || !isCount(times)) {
		throw new FaultError('Fault skip and times must be whole numbers, 0 or more');
	}
	if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
		throw new FaultError('Fault status must be an HTTP status code (100-599)');
	}
	for (const [key, value] of Object.entries({ delayMs, dripMs, holdMs })) {
		if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
			throw new FaultError(`Fault ${key} must be a number of milliseconds, 0 or more`);
		}
	}
	if (headers !== undefined && !isHeaderMap(headers)) {
		throw new FaultError('Fault headers must be an object of string or number values');
	}
	if (body !== undefined && status === undefined) {
		throw new FaultError('A fault body needs a status');
	}
	for (const key of FLAG_KEYS) {
		if (fault[key] !== undefined && typeof fault[key] !== 'boolean') {
			throw new FaultError(`Fault ${key} must be true or false`);
		}
	}
	const answerKinds = ANSWER_KINDS.filter(
		(key) => fault[key] !== undefined && fault[key] !== false,
	);
	if (answerKinds.length > 1) {
		throw new FaultError(`A fault does one thing; choose one of ${answerKinds.join(', ')}`);
	}
	const waits = delayMs !== undefined || holdMs !== undefined;
	if (answerKinds.length === 0 && !waits && headers === undefined) {
		throw new FaultError(
			`A fault needs one of ${ANSWER_KINDS.join(', ')}, delayMs, holdMs or headers`,
		);
	}
	return Object.freeze({
		...fault,
		method: method && method.toUpperCase(),
		headers: headers && lowerCaseKeys(headers),
		skip,
		times,
	});
}

function isHeaderMap(headers) {
	return (
		headers !== null &&
		typeof headers === 'object' &&
		!Array.isArray(headers) &&
		Object.values(headers).every((value) => ['string', 'number'].includes(typeof value))
	);
}

// Lower case, so that a fault's `Retry-After` replaces rather than duplicates a route's header.
function lowerCaseKeys(headers) {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
	);
}

/** A short name for the request log, e.g. `delay 200ms + status 429`. */
function describeFault(fault) {
	const parts = [];
	if (fault.delayMs !== undefined) parts.push(`delay ${fault.delayMs}ms`);
	if (fault.holdMs !== undefined) parts.push(`hold ${fault.holdMs}ms`);
	if (fault.status !== undefined) parts.push(`status ${fault.status}`);
	if (fault.dripMs !== undefined) parts.push(`drip ${fault.dripMs}ms`);
	for (const key of FLAG_KEYS) if (fault[key]) parts.push(key);
	if (parts.length === 0) parts.push('headers');
	return parts.join(' + ');
}

function createFaultStore() {
	const pending = [];

	/** Adds a fault (after validation) and returns its normalised form. */
	function add(fault) {
		const normalized = normalizeFault(fault);
		pending.push({ fault: normalized, skipLeft: normalized.skip, timesLeft: normalized.times });
		return normalized;
	}

	/** The first fault that applies to this request, consuming one of its uses; or null. */
	function take({ platform, method, path }) {
		for (const entry of pending) {
			const { fault } = entry;
			if (fault.platform !== undefined && fault.platform !== platform) continue;
			if (fault.method !== undefined && fault.method !== method) continue;
			if (fault.path !== undefined && !path.startsWith(fault.path)) continue;
			if (entry.skipLeft > 0) {
				entry.skipLeft -= 1;
				continue;
			}
			if (fault.times !== 0) {
				entry.timesLeft -= 1;
				if (entry.timesLeft === 0) pending.splice(pending.indexOf(entry), 1);
			}
			return fault;
		}
		return null;
	}

	function list() {
		return pending.map(({ fault, skipLeft, timesLeft }) => ({ ...fault, skipLeft, timesLeft }));
	}

	function clear() {
		pending.length = 0;
	}

	return { add, take, list, clear };
}

/**
 * The answer a fault gives in place of the route's, or null when the route still answers.
 * `errorBody(status)` shapes an error body the way the faulted platform would.
 */
function faultReply(fault, errorBody) {
	if (fault.html) {
		return {
			status: 200,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			body: MAINTENANCE_PAGE,
		};
	}
	if (fault.status !== undefined) {
		return {
			status: fault.status,
			body: fault.body !== undefined ? fault.body : errorBody(fault.status),
		};
	}
	return null;
}

/** The route's own answer cut off half way, as a dropped proxy connection would leave it. */
function malformReply(reply) {
	const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
	return {
		status: 200,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
	};
}

/** The error body a platform gives when it has no shape of its own. */
function defaultErrorBody(status, message = STATUS_CODES[status] || `HTTP ${status}`) {
	return { error: message };
}

module.exports = {
	createFaultStore,
	normalizeFault,
	describeFault,
	faultReply,
	malformReply,
	defaultErrorBody,
	FaultError,
	MAINTENANCE_PAGE,
	ANSWER_KINDS,
};
