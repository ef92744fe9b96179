const { expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');
const { currentPeriod } = require('../../nodes/shared/usagePeriods');

const at = DateTime.fromISO('2026-11-01T03:30:00Z');

test("a period is the zone's day, month or year that holds the instant", () => {
	// 03:30 GMT on 1 November is still 31 October in New York (UTC-04:00 that day).
	const daily = currentPeriod('daily', 'America/New_York', at);
	expect(daily.start?.toISO()).toBe('2026-10-31T00:00:00.000-04:00');
	expect(daily.end?.toISO()).toBe('2026-10-31T23:59:59.999-04:00');
	expect(currentPeriod('daily', 'UTC', at).start?.toISO()).toBe('2026-11-01T00:00:00.000Z');
	const monthly = currentPeriod('monthly', 'America/New_York', at);
	expect([monthly.start?.toISO(), monthly.end?.toISO()]).toEqual([
		'2026-10-01T00:00:00.000-04:00',
		'2026-10-31T23:59:59.999-04:00',
	]);
	expect(currentPeriod('yearly', 'UTC', at).start?.toISO()).toBe('2026-01-01T00:00:00.000Z');
});

test('a day that changes its offset keeps its own start and end', () => {
	// New York leaves summer time on 1 November 2026: that day lasts 25 hours.
	const day = currentPeriod('daily', 'America/New_York', DateTime.fromISO('2026-11-01T12:00:00Z'));
	expect(day.start?.toISO()).toBe('2026-11-01T00:00:00.000-04:00');
	expect(day.end?.toISO()).toBe('2026-11-01T23:59:59.999-05:00');
});

test('periods of one recurrence are told apart by their keys; all time is one period', () => {
	/**
	 * @param {string} iso
	 * @param {import('../../nodes/shared/usagePeriods').Recurrence} [recurrence]
	 * @param {string} [zone]
	 */
	const key = (iso, recurrence = 'daily', zone = 'UTC') =>
		currentPeriod(recurrence, zone, DateTime.fromISO(iso)).key;
	expect(key('2026-11-01T00:00:00Z')).toBe(key('2026-11-01T23:59:59Z'));
	expect(key('2026-11-01T23:59:59Z')).not.toBe(key('2026-11-02T00:00:00Z'));
	expect(key('2026-11-01T12:00:00Z', 'daily', 'UTC')).not.toBe(
		key('2026-11-01T12:00:00Z', 'daily', 'Asia/Tokyo'),
	);
	expect(key('2020-01-01T00:00:00Z', 'alltime')).toBe(key('2026-11-01T00:00:00Z', 'alltime'));
	expect(currentPeriod('alltime', 'UTC', at)).toMatchObject({ start: null, end: null });
});
