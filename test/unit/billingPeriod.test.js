const { describe, expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');
const {
	presetRange,
	toDateTime,
	toIsoWithOffset,
	isValidTimeZone,
} = require('../../nodes/shared/billingPeriod');

/** @param {import('../../nodes/shared/billingPeriod').DateRange} range */
const iso = ({ start, end }) => [toIsoWithOffset(start), toIsoWithOffset(end)];

/**
 * `value` read by toDateTime, which must read it.
 * @param {unknown} value
 * @param {string} zone
 */
const read = (value, zone) => {
	const dateTime = toDateTime(value, zone);
	if (dateTime === undefined) throw new Error(`not read: ${String(value)}`);
	return dateTime;
};

describe('billing periods', () => {
	const now = DateTime.fromISO('2026-11-23T10:30:00Z');

	test('this month and last month, first to last instant, in the zone', () => {
		expect(iso(presetRange('thisMonth', 'Europe/London', now))).toEqual([
			'2026-11-01T00:00:00+00:00',
			'2026-11-30T23:59:59.999+00:00',
		]);
		expect(iso(presetRange('lastMonth', 'America/Los_Angeles', now))).toEqual([
			'2026-10-01T00:00:00-07:00',
			'2026-10-31T23:59:59.999-07:00',
		]);
	});

	test('last month across a DST change keeps each end in its own offset', () => {
		// March 2026 in New York: EST until the 8th, EDT after.
		const april = DateTime.fromISO('2026-04-02T12:00:00Z');
		expect(iso(presetRange('lastMonth', 'America/New_York', april))).toEqual([
			'2026-03-01T00:00:00-05:00',
			'2026-03-31T23:59:59.999-04:00',
		]);
	});

	test('last month across a year boundary, where the zone is already in the new year', () => {
		// 2027-01-01 00:30 in Sydney is still 2026-12-31 in UTC.
		const newYearInSydney = DateTime.fromISO('2026-12-31T13:30:00Z');
		expect(iso(presetRange('lastMonth', 'Australia/Sydney', newYearInSydney))).toEqual([
			'2026-12-01T00:00:00+11:00',
			'2026-12-31T23:59:59.999+11:00',
		]);
	});

	test('last 7 and 30 days are whole days ending with today', () => {
		expect(iso(presetRange('last7Days', 'UTC', now))).toEqual([
			'2026-11-17T00:00:00Z',
			'2026-11-23T23:59:59.999Z',
		]);
		expect(toIsoWithOffset(presetRange('last30Days', 'UTC', now).start)).toBe(
			'2026-10-25T00:00:00Z',
		);
	});

	test('reads ISO texts, Luxon values and JS dates; a text without offset is in the zone', () => {
		expect(toIsoWithOffset(read('2019-02-01T01:00:00', 'America/Los_Angeles'))).toBe(
			'2019-02-01T01:00:00-08:00',
		);
		expect(toIsoWithOffset(read('2019-02-01T09:00:00Z', 'America/Los_Angeles'))).toBe(
			'2019-02-01T01:00:00-08:00',
		);
		expect(toIsoWithOffset(read(DateTime.fromISO('2019-02-01T09:00:00Z'), 'UTC'))).toBe(
			'2019-02-01T09:00:00Z',
		);
		expect(toIsoWithOffset(read(new Date('2019-02-01T09:00:00Z'), 'Europe/Paris'))).toBe(
			'2019-02-01T10:00:00+01:00',
		);
		expect(toDateTime('2019-02-30', 'UTC')).toBeUndefined();
		expect(toDateTime('yesterday', 'UTC')).toBeUndefined();
	});

	test('knows IANA zones', () => {
		expect(isValidTimeZone('America/Los_Angeles')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
	});
});
