'use strict';

// Stripe's list pages (https://docs.stripe.com/api/pagination): newest first, `limit` 1 to 100
// (default 10), `starting_after` (the objects after that one) or `ending_before` (those just
// before it), answered as { object: 'list', data, has_more, url }.

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

class ListError extends Error {
	constructor(status, fields) {
		super(fields.message);
		this.status = status;
		this.fields = fields;
	}
}

function readLimit(text, maxLimit = MAX_LIMIT) {
	if (text === undefined) return DEFAULT_LIMIT;
	const limit = Number(text);
	if (!/^\d+$/.test(String(text)) || limit < 1 || limit > maxLimit) {
		throw new ListError(400, {
			code: 'parameter_invalid_integer',
			param: 'limit',
			message: `Invalid integer: ${text}; limit must be between 1 and ${maxLimit}.`,
		});
	}
	return limit;
}

/** `objects`: newest first; `noun`: e.g. 'invoice', for a cursor that names no such object. */
function listPage(objects, params, { url, noun }) {
	const limit = readLimit(params.limit);
	if (params.starting_after !== undefined && params.ending_before !== undefined) {
		throw new ListError(400, {
			message: 'You may only specify one of these parameters: ending_before, starting_after.',
		});
	}
	const cursorName = params.starting_after !== undefined ? 'starting_after' : 'ending_before';
	const cursor = params[cursorName];
	if (cursor === undefined) {
		return { object: 'list', data: objects.slice(0, limit), has_more: objects.length > limit, url };
	}
	const at = objects.findIndex((one) => one.id === cursor);
	if (at === -1) {
		throw new ListError(400, {
			code: 'resource_missing',
			param: cursorName,
			message: `No such ${noun}: '${cursor}'`,
		});
	}
	if (cursorName === 'starting_after') {
		const rest = objects.slice(at + 1);
		return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
	}
	const before = objects.slice(0, at);
	const from = Math.max(0, before.length - limit);
	return { object: 'list', data: before.slice(from), has_more: from > 0, url };
}

module.exports = { listPage, readLimit, ListError, MAX_LIMIT };
