'use strict';

const { parseInstant } = require('../../instants');

// The format checks a strict API applies to single values, shared by IMIASSIST's request readers.

const E164_PHONE = /^\+[1-9]\d{1,14}$/;
// Local part of dot-atoms, a domain of at least two labels: what real sign-up forms accept.
const EMAIL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOMAIN_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL_ADDRESS = new RegExp(
	`^${EMAIL_ATOM}(?:\\.${EMAIL_ATOM})*@(?:${DOMAIN_LABEL}\\.)+[A-Za-z]{2,63}$`,
);
const MAX_EMAIL_LENGTH = 254;
const DATE_TIME_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

function isE164Phone(value) {
	return typeof value === 'string' && E164_PHONE.test(value);
}

function isEmailAddress(value) {
	return typeof value === 'string' && value.length <= MAX_EMAIL_LENGTH && EMAIL_ADDRESS.test(value);
}

/**
 * Microseconds since the epoch of an ISO 8601 date-time, or null. The vendor's own examples
 * include one without an offset (`2019-05-08T05:38:22`): such times are read as UTC.
 */
function parseDateTime(value) {
	if (typeof value !== 'string') return null;
	return parseInstant(DATE_TIME_WITHOUT_OFFSET.test(value) ? `${value}Z` : value);
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

module.exports = { isE164Phone, isEmailAddress, parseDateTime, isPlainObject };
