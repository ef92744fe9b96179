'use strict';

const { isEmailAddress, parseDateTime, isPlainObject } = require('./fieldChecks');

// Reads the body of POST /api/v1/reports/usage (docs/vendors.md): returns { query, filter } or
// { field, message } naming the first field in error. `query` is the request as given (absent
// keys null); `filter` is what an appointment must satisfy to be in the report.

const KNOWN_FIELDS = [
	'department_id',
	'team_id',
	'start_time',
	'end_time',
	'report_title',
	'send_email',
];

function invalid(field, message) {
	return { field, message };
}

/** The first problem with a list of ids, or null. */
function idListProblem(key, value, isKnown, noun) {
	if (!Array.isArray(value)) return `${key} must be an array of ${noun} ids`;
	const unknown = value.find((id) => typeof id !== 'string' || !isKnown(id));
	return unknown === undefined
		? null
		: `${key} ${JSON.stringify(unknown)} is not a ${noun} of this company`;
}

function dateTimeProblem(key, value) {
	return parseDateTime(value) === null
		? `${key} must be an ISO 8601 date-time, e.g. 2021-05-09T07:00:00.000Z`
		: null;
}

/** Per field, a function giving the problem with a given value, or null. */
function fieldProblems(organisation) {
	const isTeam = (id) => Boolean(organisation.team(id));
	return {
		department_id: (value) =>
			idListProblem('department_id', value, organisation.hasDepartment, 'department'),
		team_id: (value) => idListProblem('team_id', value, isTeam, 'team'),
		start_time: (value) => dateTimeProblem('start_time', value),
		end_time: (value) => dateTimeProblem('end_time', value),
		report_title: (value) =>
			typeof value === 'string' && value.trim() !== ''
				? null
				: 'report_title must be a non-empty string',
		send_email: (value) =>
			Array.isArray(value) && value.every(isEmailAddress)
				? null
				: 'send_email must be an array of valid e-mail addresses',
	};
}

function parseUsageReportRequest(body, organisation) {
	const request = body === null ? {} : body;
	if (!isPlainObject(request)) return invalid(null, 'the body must be a JSON object');
	const unknown = Object.keys(request).filter((key) => !KNOWN_FIELDS.includes(key));
	if (unknown.length > 0) return invalid(unknown[0], `unknown field(s): ${unknown.join(', ')}`);
	// An optional field sent as null counts as not sent.
	const query = Object.fromEntries(
		KNOWN_FIELDS.map((key) => [key, request[key] === undefined ? null : request[key]]),
	);

	const problems = fieldProblems(organisation);
	for (const key of KNOWN_FIELDS) {
		const message = query[key] === null ? null : problems[key](query[key]);
		if (message) return invalid(key, message);
	}
	const startMicros = query.start_time === null ? null : parseDateTime(query.start_time);
	const endMicros = query.end_time === null ? null : parseDateTime(query.end_time);
	if (startMicros !== null && endMicros !== null && startMicros > endMicros) {
		return invalid('start_time', 'start_time must not be after end_time');
	}
	// An empty list filters nothing out, like a field left empty in a form.
	const idSet = (ids) => (ids === null || ids.length === 0 ? null : new Set(ids));
	return {
		query,
		filter: {
			departmentIds: idSet(query.department_id),
			teamIds: idSet(query.team_id),
			startMicros,
			endMicros,
		},
	};
}

/** Whether an appointment belongs in a report: all given filters hold. */
function matchesReportFilter(appointment, filter) {
	if (filter.departmentIds && !filter.departmentIds.has(appointment.department_id)) return false;
	if (filter.teamIds && !filter.teamIds.has(appointment.team_id)) return false;
	// Stored times are always `toISOString()` text, so Date.parse reads them exactly.
	if (
		filter.startMicros !== null &&
		Date.parse(appointment.start_time) * 1000 < filter.startMicros
	) {
		return false;
	}
	if (filter.endMicros !== null && Date.parse(appointment.end_time) * 1000 > filter.endMicros) {
		return false;
	}
	return true;
}

module.exports = { parseUsageReportRequest, matchesReportFilter };
