'use strict';

// Calendar days (GMT) as whole numbers of days since 1970-01-01: usage APIs count by day, and
// integers make ranges, sums and month arithmetic exact.

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time whose date part counts, e.g. `2026-03-01T00:00:00Z` or `2026-03-01T09:30:00-05:00`.
const DATE_TIME_TEXT =
	/^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** The day of a strict `YYYY-MM-DD` text, or null (31 February is not a day). */
function parseDay(text) {
	if (typeof text !== 'string') return null;
	const match = DATE_TEXT.exec(text);
	if (!match) return null;
	const [year, month, day] = match.slice(1).map(Number);
	const milliseconds = Date.UTC(year, month - 1, day);
	const date = new Date(milliseconds);
	// Date.UTC rolls impossible dates over and maps years 0-99 to 1900-1999: a round trip catches both.
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
	if (date.getUTCDate() !== day) return null;
	return Math.round(milliseconds / MS_PER_DAY);
}

/** The day of `YYYY-MM-DD` or of an ISO 8601 date-time's date part (as written), or null. */
function parseDayOrDateTime(text) {
	if (typeof text !== 'string') return null;
	const match = DATE_TIME_TEXT.exec(text);
	return parseDay(match ? match[1] : text);
}

/** The GMT day of a Date. */
function dayOfDate(date) {
	return Math.floor(date.getTime() / MS_PER_DAY);
}

/** A day from an option value: a Date, `YYYY-MM-DD` or an ISO date-time; null when none. */
function toDay(value) {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dayOfDate(value);
	return parseDayOrDateTime(value);
}

function formatDay(day) {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function dateOfDay(day) {
	return new Date(day * MS_PER_DAY);
}

const THURSDAY = 4;

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(day) {
	return (((day + THURSDAY) % 7) + 7) % 7;
}

function dayOfMonthOf(day) {
	return dateOfDay(day).getUTCDate();
}

/** The first day of the month `monthOffset` months from the day's month. */
function monthStart(day, monthOffset = 0) {
	const date = dateOfDay(day);
	return dayOfDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthOffset, 1)));
}

function monthEnd(day) {
	return monthStart(day, 1) - 1;
}

function yearStart(day) {
	return dayOfDate(new Date(Date.UTC(dateOfDay(day).getUTCFullYear(), 0, 1)));
}

function yearEnd(day) {
	return dayOfDate(new Date(Date.UTC(dateOfDay(day).getUTCFullYear() + 1, 0, 1))) - 1;
}

module.exports = {
	parseDay,
	parseDayOrDateTime,
	dayOfDate,
	toDay,
	formatDay,
	weekdayOf,
	dayOfMonthOf,
	monthStart,
	monthEnd,
	yearStart,
	yearEnd,
};
