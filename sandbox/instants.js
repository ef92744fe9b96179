'use strict';

// Instants are integers of microseconds since the epoch: vendor timestamps carry microseconds,
// which a Date (milliseconds) would lose.

const ISO_WITH_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

const MICROS_PER_MILLI = 1000;
const MICROS_PER_MINUTE = 60 * 1000 * MICROS_PER_MILLI;

/**
 * Parses an ISO 8601 date-time that states its offset (`Z`, `-08:00` or `-0800`).
 * Returns microseconds since the epoch (digits past the microsecond are dropped), or null.
 */
function parseInstant(text) {
	if (typeof text !== 'string') return null;
	const match = ISO_WITH_OFFSET.exec(text);
	if (!match) return null;
	const [, year, month, day, hour, minute, second = '0', fraction = ''] = match;
	const [offsetSign, offsetHours, offsetMinutes] = match.slice(9, 12);
	const fields = [year, month, day, hour, minute, second].map(Number);
	const milliseconds = Date.UTC(fields[0], fields[1] - 1, ...fields.slice(2));
	// Date.UTC rolls 31 February over into March; a round trip catches such dates.
	const date = new Date(milliseconds);
	const roundTrip = [
		date.getUTCFullYear(),
		date.getUTCMonth() + 1,
		date.getUTCDate(),
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
	];
	if (roundTrip.some((value, index) => value !== fields[index])) return null;
	let offsetMicros = 0;
	if (offsetSign) {
		if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
		const minutes = Number(offsetHours) * 60 + Number(offsetMinutes);
		offsetMicros = (offsetSign === '-' ? -1 : 1) * minutes * MICROS_PER_MINUTE;
	}
	const fractionMicros = Number(fraction.padEnd(6, '0').slice(0, 6));
	return milliseconds * MICROS_PER_MILLI + fractionMicros - offsetMicros;
}

const MICROS_PER_DAY = 24 * 60 * MICROS_PER_MINUTE;
// Consecutive events mostly share a day: caching its date text makes formatting cheap.
let cachedDay = { number: NaN, text: '' };

function twoDigits(value) {
	return value < 10 ? `0${value}` : String(value);
}

/** Formats microseconds since the epoch like the vendor: `2019-02-24T21:29:36.798081+00:00`. */
function formatInstant(micros) {
	const dayNumber = Math.floor(micros / MICROS_PER_DAY);
	if (dayNumber !== cachedDay.number) {
		const dayText = new Date(dayNumber * (MICROS_PER_DAY / MICROS_PER_MILLI)).toISOString();
		cachedDay = { number: dayNumber, text: dayText.slice(0, 10) };
	}
	const microsOfDay = micros - dayNumber * MICROS_PER_DAY;
	const seconds = Math.floor(microsOfDay / 1e6);
	const clock = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
	const fraction = String(microsOfDay % 1e6).padStart(6, '0');
	return `${cachedDay.text}T${clock.map(twoDigits).join(':')}.${fraction}+00:00`;
}

/** Microseconds since the epoch for a Date or an ISO string with an offset; null when neither. */
function toInstant(value) {
	if (value instanceof Date) {
		const milliseconds = value.getTime();
		return Number.isNaN(milliseconds) ? null : milliseconds * MICROS_PER_MILLI;
	}
	return parseInstant(value);
}

module.exports = { parseInstant, formatInstant, toInstant, MICROS_PER_MILLI, MICROS_PER_DAY };
