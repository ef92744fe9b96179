'use strict';

const { toInstant, MICROS_PER_MILLI } = require('../../instants');
const { isEmailAddress } = require('./fieldChecks');

// The options of startSandbox({ imiassist }) with their defaults, checked once at start.

const DEFAULT_SETTINGS = {
	apiKey: 'imi-sandbox-api-key',
	token: 'imi-sandbox-token',
	userEmail: 'integration@imiassist.test',
	userPassword: 'imi-sandbox-password',
	seed: 7,
	appointmentCount: 120,
	pollsToComplete: 3,
	departmentCount: 3,
	teamsPerDepartment: 2,
	// The flavour whose transactions carry their status only inside output_log.
	statusInOutputLog: false,
	// The vendor publishes no status values, nor how output_log is sent (docs/vendors.md): how
	// this server writes its statuses, whether output_log is JSON text, and the status a report's
	// transaction ends in when it is done (any other than COMPLETED is one the pack does not know).
	statusCase: 'upper',
	outputLogAsText: false,
	finalStatus: 'COMPLETED',
	// A server without the (undocumented) transaction list, which the credential test reads.
	transactionList: true,
};
const STATUS_CASES = ['upper', 'lower', 'title'];
// A final status is COMPLETED as written, or none of these in any case: QUEUED, IN_PROGRESS and
// FAILED have settings of their own (pollsToComplete, fail-next-report), and statusCase the case.
const KNOWN_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'];
const RANGE_KEYS = ['from', 'to'];
// Appointments are kept whole in memory, unlike Lumin's events which are generated on demand.
const MAX_APPOINTMENT_COUNT = 100000;
const MAX_DEPARTMENTS = 50;
const MAX_TEAMS_PER_DEPARTMENT = 20;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function isWholeNumber(value, min, max = Number.MAX_SAFE_INTEGER) {
	return Number.isSafeInteger(value) && value >= min && value <= max;
}

function isFinalStatus(value) {
	if (value === 'COMPLETED') return true;
	if (typeof value !== 'string' || !/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(value)) return false;
	return !KNOWN_STATUSES.includes(value.toUpperCase());
}

function resolveSettings(options = {}, now = new Date()) {
	const unknown = Object.keys(options).filter(
		(key) => !(key in DEFAULT_SETTINGS) && !RANGE_KEYS.includes(key),
	);
	if (unknown.length > 0) throw new TypeError(`Unknown imiassist options: ${unknown.join(', ')}`);
	const settings = { ...DEFAULT_SETTINGS, ...options };
	// They travel as HTTP header values, which allow no spaces at the ends and no control bytes.
	for (const key of ['apiKey', 'token']) {
		if (typeof settings[key] !== 'string' || !VISIBLE_ASCII.test(settings[key])) {
			throw new TypeError(
				`imiassist.${key} must be a non-empty string of visible ASCII characters`,
			);
		}
	}
	if (!isEmailAddress(settings.userEmail)) {
		throw new TypeError('imiassist.userEmail must be an e-mail address');
	}
	if (typeof settings.userPassword !== 'string' || settings.userPassword === '') {
		throw new TypeError('imiassist.userPassword must be a non-empty string');
	}
	if (!isWholeNumber(settings.seed, 0)) {
		throw new TypeError('imiassist.seed must be a whole number, 0 or more');
	}
	if (!isWholeNumber(settings.appointmentCount, 0, MAX_APPOINTMENT_COUNT)) {
		throw new TypeError(
			`imiassist.appointmentCount must be a whole number from 0 to ${MAX_APPOINTMENT_COUNT}`,
		);
	}
	for (const key of ['statusInOutputLog', 'outputLogAsText', 'transactionList']) {
		if (typeof settings[key] !== 'boolean') {
			throw new TypeError(`imiassist.${key} must be true or false`);
		}
	}
	if (!STATUS_CASES.includes(settings.statusCase)) {
		throw new TypeError(`imiassist.statusCase must be one of ${STATUS_CASES.join(', ')}`);
	}
	if (!isFinalStatus(settings.finalStatus)) {
		throw new TypeError(
			'imiassist.finalStatus must be COMPLETED or a non-empty text of visible characters ' +
				'other than QUEUED, IN_PROGRESS, COMPLETED and FAILED in any case',
		);
	}
	if (!isWholeNumber(settings.pollsToComplete, 1)) {
		throw new TypeError('imiassist.pollsToComplete must be a whole number, 1 or more');
	}
	if (!isWholeNumber(settings.departmentCount, 1, MAX_DEPARTMENTS)) {
		throw new TypeError(
			`imiassist.departmentCount must be a whole number from 1 to ${MAX_DEPARTMENTS}`,
		);
	}
	if (!isWholeNumber(settings.teamsPerDepartment, 1, MAX_TEAMS_PER_DEPARTMENT)) {
		throw new TypeError(
			`imiassist.teamsPerDepartment must be a whole number from 1 to ${MAX_TEAMS_PER_DEPARTMENT}`,
		);
	}
	const threeMonthsAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1));
	const fromMicros = toInstant(settings.from === undefined ? threeMonthsAgo : settings.from);
	const toMicros = toInstant(settings.to === undefined ? now : settings.to);
	if (fromMicros === null || toMicros === null) {
		throw new TypeError(
			'imiassist.from and imiassist.to must be Dates or ISO 8601 strings with an offset',
		);
	}
	// Appointments keep milliseconds, as the vendor's ISO examples do.
	const fromMs = Math.floor(fromMicros / MICROS_PER_MILLI);
	const toMs = Math.floor(toMicros / MICROS_PER_MILLI);
	if (fromMs >= toMs) throw new TypeError('imiassist.from must be before imiassist.to');
	const resolved = { ...settings, fromMs, toMs };
	delete resolved.from;
	delete resolved.to;
	return resolved;
}

module.exports = { resolveSettings, DEFAULT_SETTINGS, MAX_APPOINTMENT_COUNT };
