'use strict';

// The log lets tests and people see what a node really sent. It records which auth scheme was
// used, never its value: the log is printed, served over HTTP and pasted into bug reports.

// `access` and `refresh` are IMIASSIST's sign-in tokens; matched whole, as the words are common.
// `auth_token` is an account's own token, in Restcomm's and Twilio's Accounts answers.
const SECRET_KEY =
	/password|secret|authorization|^token$|^auth_?token$|^api_?key$|^(?:access|refresh)(?:_?token)?$/i;
// In text bodies: a name containing one of these words, or exactly `access` or `refresh`.
const SECRET_WORDS = 'password|secret|authorization|token|api_?key';
const SECRET_FORM_FIELD = new RegExp(
	`((?:^|&)(?:[^=&]*(?:${SECRET_WORDS})[^=&]*|access|refresh)=)[^&]*`,
	'gi',
);
// Bodies that failed to parse as JSON are logged as text: their secret members still go.
const SECRET_JSON_MEMBER = new RegExp(
	String.raw`("(?:[^"\\]*(?:${SECRET_WORDS})[^"\\]*|access|refresh)"\s*:\s*)"(?:[^"\\]|\\.)*"?`,
	'gi',
);
const REDACTED = '[redacted]';
// Request headers that say what a client asked for beyond its body, logged as sent: Stripe's
// idempotency key and API version. None of them carries a secret.
const LOGGED_HEADERS = ['idempotency-key', 'stripe-version'];
const DEFAULT_LIMIT = 10000;

/** 'bearer' | 'basic' | 'headers' (IMIASSIST's apikey/token headers) | 'session' (cookies) | null. */
function describeAuth(headers) {
	if (headers.authorization) {
		const scheme = headers.authorization.trim().split(/\s+/)[0].toLowerCase();
		return scheme === 'bearer' || scheme === 'basic' ? scheme : null;
	}
	if (headers.apikey !== undefined || headers.token !== undefined) return 'headers';
	if (/\bss-(p?id)=/.test(headers.cookie || '')) return 'session';
	return null;
}

/** The LOGGED_HEADERS a request sent, by their lower-case names. */
function loggedHeaders(headers) {
	return Object.fromEntries(
		LOGGED_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [
			name,
			headers[name],
		]),
	);
}

/** A copy of a parsed body or query with the values of secret-looking keys replaced. */
function redactSecrets(value) {
	if (typeof value === 'string') {
		return value
			.replace(SECRET_JSON_MEMBER, `$1"${REDACTED}"`)
			.replace(SECRET_FORM_FIELD, `$1${REDACTED}`);
	}
	if (Array.isArray(value)) return value.map(redactSecrets);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, field]) => [
			key,
			SECRET_KEY.test(key) ? REDACTED : redactSecrets(field),
		]),
	);
}

function createRequestLog({ limit = DEFAULT_LIMIT } = {}) {
	// One array for the sandbox's lifetime: `sandbox.requests` is a live view of it.
	const entries = [];
	let lastSeq = 0;

	/** Adds an entry; the caller fills in `status` and `fault` as the answer takes shape. */
	function record({ time, method, path, query, body, headers, authenticated }) {
		const entry = {
			seq: ++lastSeq,
			time: time.toISOString(),
			method,
			path,
			query: redactSecrets(query),
			body: redactSecrets(body),
			auth: describeAuth(headers),
			headers: loggedHeaders(headers),
			authenticated,
			status: null,
			fault: null,
			// How many of its platform's requests the sandbox was answering as it arrived, itself
			// included (server.js).
			inFlight: null,
		};
		entries.push(entry);
		if (entries.length > limit) entries.splice(0, entries.length - limit);
		return entry;
	}

	function clear() {
		entries.length = 0;
	}

	return { entries, record, clear };
}

module.exports = { createRequestLog, describeAuth, redactSecrets };
