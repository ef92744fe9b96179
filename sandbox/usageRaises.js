'use strict';

const { parseInstant } = require('./instants');
const { formatDay } = require('./calendarDays');

// Raising usage (sandbox.raiseUsage, POST /__sandbox/usage), so that tests can push a figure over
// a threshold: the checks every platform's spec shares. A platform reads the whole spec before it
// changes anything, so that a refused spec changes nothing.

class UsageSpecError extends TypeError {}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The platform a spec names, among those that take raises (each has raiseUsage). */
function platformOfSpec(spec, platforms) {
	if (!isPlainObject(spec)) throw new UsageSpecError('A usage raise must be a JSON object');
	const platform = platforms.find(
		(candidate) => candidate.raiseUsage && candidate.name === spec.platform,
	);
	if (platform) return platform;
	const names = platforms.filter((candidate) => candidate.raiseUsage).map(({ name }) => name);
	throw new UsageSpecError(`platform must be one of ${names.join(', ')}`);
}

/** Refuses keys other than `platform` and `keys`: a misspelt key would otherwise be ignored. */
function checkSpecKeys(spec, keys) {
	const unknown = Object.keys(spec).filter((key) => key !== 'platform' && !keys.includes(key));
	if (unknown.length > 0) {
		throw new UsageSpecError(`Unknown keys for ${spec.platform}: ${unknown.join(', ')}`);
	}
}

/**
 * spec[key] as a whole number of 1/perUnit: usage 1.5 with perUnit 10 is 15 tenths. The sandbox
 * keeps amounts in such units so that sums are exact, so finer amounts are refused.
 * Undefined when the key is absent and not required.
 */
function readAmount(spec, key, { perUnit = 1, required = false } = {}) {
	const value = spec[key];
	if (value === undefined && !required) return undefined;
	const decimals = Math.round(Math.log10(perUnit));
	const places = decimals === 1 ? 'one decimal' : `${decimals} decimals`;
	const precision = decimals === 0 ? 'a whole number' : `a number with at most ${places}`;
	const units = Math.round(value * perUnit);
	// Both sides are the double nearest to the same decimal, so this is exact.
	const valid =
		typeof value === 'number' &&
		value >= 0 &&
		Number.isSafeInteger(units) &&
		units / perUnit === value;
	if (!valid) throw new UsageSpecError(`${key} must be ${precision}, 0 or more`);
	return units;
}

/**
 * spec.at as { micros, text }: an ISO 8601 date-time with an offset (or a Date), `text` as
 * written. Null when absent, so that the platform's own "now" applies.
 */
function readAt(spec) {
	if (spec.at === undefined) return null;
	const text =
		spec.at instanceof Date && !Number.isNaN(spec.at.getTime()) ? spec.at.toISOString() : spec.at;
	const micros = parseInstant(text);
	if (micros === null) {
		throw new UsageSpecError(
			'at must be an ISO 8601 date-time with an offset, e.g. 2026-01-15T12:00:00Z',
		);
	}
	return { micros, text };
}

/** Usage on a day the data set does not cover would be summed by no answer: refused. */
function checkDayInData(day, { fromDay, toDay }) {
	if (day === null || day < fromDay || day > toDay) {
		const shown = day === null ? '' : ` (${formatDay(day)})`;
		throw new UsageSpecError(
			`at must fall within the data, ${formatDay(fromDay)} to ${formatDay(toDay)}${shown}`,
		);
	}
}

module.exports = {
	UsageSpecError,
	platformOfSpec,
	checkSpecKeys,
	readAmount,
	readAt,
	checkDayInData,
};
