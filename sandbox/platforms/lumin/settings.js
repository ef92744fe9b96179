'use strict';

const { formatInstant, toInstant } = require('../../instants');

// The options of startSandbox({ lumin }) with their defaults, checked once at start.

const DEFAULT_SETTINGS = {
	token: 'lumin-sandbox-token',
	eventCount: 5000,
	seed: 42,
	pageSize: 1000,
	hosts: ['store-001', 'store-002', 'store-003', 'store-004', 'store-005'],
	// Paging tokens sent as numbers, as the document's unquoted placeholder allows.
	numericTokens: false,
	// A next_token that points at the page's last event, so that the next page starts with it
	// again, as an inclusive cursor does.
	inclusiveTokens: false,
};
const MAX_EVENT_COUNT = 1e9;

function resolveSettings(options = {}, now = new Date()) {
	const unknown = Object.keys(options).filter(
		(key) => !(key in DEFAULT_SETTINGS) && key !== 'from' && key !== 'to',
	);
	if (unknown.length > 0) throw new TypeError(`Unknown lumin options: ${unknown.join(', ')}`);
	const settings = { ...DEFAULT_SETTINGS, ...options };
	const { token, eventCount, seed, pageSize, hosts, numericTokens, inclusiveTokens } = settings;
	for (const [key, value] of Object.entries({ numericTokens, inclusiveTokens })) {
		if (typeof value !== 'boolean') throw new TypeError(`lumin.${key} must be true or false`);
	}
	if (inclusiveTokens && pageSize < 2) {
		throw new TypeError('lumin.pageSize must be 2 or more with inclusiveTokens');
	}
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
	return {
		token,
		eventCount,
		seed,
		pageSize,
		hosts: [...hosts],
		numericTokens,
		inclusiveTokens,
		fromMicros,
		toMicros,
	};
}

/** The settings as `sandbox.lumin.settings` shows them. */
function describeSettings(settings) {
	return {
		token: settings.token,
		eventCount: settings.eventCount,
		seed: settings.seed,
		pageSize: settings.pageSize,
		hosts: [...settings.hosts],
		numericTokens: settings.numericTokens,
		inclusiveTokens: settings.inclusiveTokens,
		from: formatInstant(settings.fromMicros),
		to: formatInstant(settings.toMicros),
	};
}

module.exports = { resolveSettings, describeSettings };
