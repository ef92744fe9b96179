'use strict';

const { isE164Phone, isEmailAddress, parseDateTime, isPlainObject } = require('./fieldChecks');

// Reads the body of POST /api/v1/appointments as a strict API would (docs/vendors.md):
// returns { fields, startMs } or { field, message } naming the first field in error.

const TEXT_FIELDS = [
	'customer_id',
	'customer_first_name',
	'customer_last_name',
	'appointment_type',
	'description',
	'reference_case_id',
	'external_reference_id',
	'title',
];
const KNOWN_FIELDS = new Set([
	...TEXT_FIELDS,
	'customer_phone',
	'customer_email',
	'custom_attributes',
	'team_id',
	'start_time',
	'assignee_email',
	'priority',
	'duration',
]);
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'];
const DEFAULT_PRIORITY = 'LOW';
const DEFAULT_DURATION_MINUTES = 15;
// The vendor caps duration per department; the sandbox's departments all allow four hours.
const MAX_DURATION_MINUTES = 240;

function invalid(field, message) {
	return { field, message };
}

/** The first problem with one given (non-null) value, or null. */
function problemWith(key, value, organisation) {
	if (TEXT_FIELDS.includes(key)) {
		return typeof value === 'string' && value.trim() !== ''
			? null
			: `${key} must be a non-empty string`;
	}
	switch (key) {
		case 'customer_phone':
			return isE164Phone(value)
				? null
				: 'customer_phone must be in E.164 format: + and the country code, no spaces, ' +
						'e.g. +44123456789';
		case 'customer_email':
		case 'assignee_email':
			return isEmailAddress(value) ? null : `${key} must be a valid e-mail address`;
		case 'custom_attributes':
			return isPlainObject(value) ? null : 'custom_attributes must be a JSON object';
		case 'team_id':
			return typeof value === 'string' && organisation.team(value)
				? null
				: `team_id ${JSON.stringify(value)} is not a team of this company`;
		case 'start_time':
			return parseDateTime(value) === null
				? 'start_time must be an ISO 8601 date-time, e.g. 2021-05-09T07:00:00.000Z'
				: null;
		case 'priority':
			return PRIORITIES.includes(value) ? null : `priority must be one of ${PRIORITIES.join(', ')}`;
		case 'duration':
			if (!Number.isInteger(value) || value < 1) {
				return 'duration must be a positive whole number of minutes';
			}
			return value > MAX_DURATION_MINUTES
				? `duration must not exceed the department's maximum of ${MAX_DURATION_MINUTES} minutes`
				: null;
		default:
			return `unknown field ${key}`;
	}
}

function parseAppointmentRequest(body, organisation) {
	if (!isPlainObject(body)) return invalid(null, 'the body must be a JSON object');
	const unknown = Object.keys(body).filter((key) => !KNOWN_FIELDS.has(key));
	if (unknown.length > 0) return invalid(unknown[0], `unknown field(s): ${unknown.join(', ')}`);
	// An optional field sent as null counts as not sent.
	const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
	if (given.start_time === undefined) return invalid('start_time', 'start_time is required');
	for (const [key, value] of Object.entries(given)) {
		const message = problemWith(key, value, organisation);
		if (message) return invalid(key, message);
	}
	return {
		fields: { priority: DEFAULT_PRIORITY, duration: DEFAULT_DURATION_MINUTES, ...given },
		startMs: Math.floor(parseDateTime(given.start_time) / 1000),
	};
}

module.exports = { parseAppointmentRequest, DEFAULT_DURATION_MINUTES, MAX_DURATION_MINUTES };
