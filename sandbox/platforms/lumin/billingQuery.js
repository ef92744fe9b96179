'use strict';

const { parseInstant } = require('../../instants');

// The body of POST /lumin/billing read into a query: event types, date range, host and token.

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

module.exports = { parseBillingQuery };
