'use strict';

const { parseDayOrDateTime } = require('../../calendarDays');

// GetAIUsage's request DTO as the vendor documents it: accountId, customerId, startDate, endDate,
// all strings. Like ServiceStack, the sandbox fills the DTO from the query string and then the body
// (JSON or a form), matching property names without regard to case.

const FIELDS = ['accountId', 'customerId', 'startDate', 'endDate'];
const FIELDS_BY_LOWER_CASE = new Map(FIELDS.map((field) => [field.toLowerCase(), field]));

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The body's members, or { error } when it is neither a JSON object nor a form. */
function bodyMembers(body, contentType = '') {
	if (body === null) return {};
	if (isPlainObject(body)) return body;
	if (typeof body === 'string' && /^application\/x-www-form-urlencoded\b/i.test(contentType)) {
		return Object.fromEntries(new URLSearchParams(body));
	}
	return { error: 'the body must be a JSON object' };
}

/** Copies the DTO's fields out of `members`, whatever their case; later sources win. */
function collectFields(target, members) {
	for (const [name, value] of Object.entries(members)) {
		const field = FIELDS_BY_LOWER_CASE.get(name.toLowerCase());
		if (field) target[field] = Array.isArray(value) ? value[0] : value;
	}
}

function serializationError(message) {
	return { error: { errorCode: 'SerializationException', message } };
}

/**
 * { accountId, customerId, startDay, endDay } (null where not given or empty), or
 * { error: { errorCode, message } } for a 400.
 */
function parseAiUsageRequest({ query, body, headers }) {
	const members = bodyMembers(body, headers['content-type']);
	if (members.error) return serializationError(members.error);
	const fields = {};
	collectFields(fields, query);
	collectFields(fields, members);
	const values = {};
	for (const field of FIELDS) {
		const value = fields[field];
		if (value === undefined || value === null || value === '') values[field] = null;
		else if (typeof value === 'string') values[field] = value;
		else if (typeof value === 'number' && Number.isFinite(value)) values[field] = String(value);
		else return serializationError(`${field} must be a string`);
	}
	const days = {};
	for (const field of ['startDate', 'endDate']) {
		if (values[field] === null) {
			days[field] = null;
			continue;
		}
		days[field] = parseDayOrDateTime(values[field]);
		if (days[field] === null) {
			return {
				error: {
					errorCode: 'ArgumentException',
					message: `${field} must be a date as YYYY-MM-DD (or an ISO 8601 date-time), not "${values[field]}"`,
				},
			};
		}
	}
	return {
		accountId: values.accountId,
		customerId: values.customerId,
		startDay: days.startDate,
		endDay: days.endDate,
	};
}

module.exports = { parseAiUsageRequest };
