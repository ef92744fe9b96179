// Usage Records' days (Restcomm/usageDates.ts, serverTimeZone.ts): a date-time read as the
// calendar date it is written with, offsets and fixed periods in the server's days, and the
// server's zone held against the offsets it writes.
const { describe, expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');
const { resolveUsageDate, usageListing } = require('../../nodes/Restcomm/usageDates');
const { zoneMismatch } = require('../../nodes/Restcomm/serverTimeZone');

const TODAY_GMT = DateTime.fromISO('2026-12-01T02:00:00Z', { zone: 'utc' });

/** @param {unknown} value */
const dayOf = (value, today = TODAY_GMT, workflowZone = 'Europe/Berlin') => {
	const checked = resolveUsageDate(value, { today, workflowZone });
	return checked.ok ? checked.value : `invalid: ${checked.reason}`;
};

describe('a date-time is the calendar date it is written with', () => {
	test.each([
		[
			'Berlin 1 Nov 00:00 as a DateTime',
			DateTime.fromISO('2026-11-01T00:00', { zone: 'Europe/Berlin' }),
			'2026-11-01',
		],
		[
			'New York 30 Nov 23:59:59 as a DateTime',
			DateTime.fromISO('2026-11-30T23:59:59', { zone: 'America/New_York' }),
			'2026-11-30',
		],
		[
			'Tokyo 1 Nov 00:00 as a DateTime',
			DateTime.fromISO('2026-11-01T00:00', { zone: 'Asia/Tokyo' }),
			'2026-11-01',
		],
		['ISO text with +01:00', '2026-11-01T00:00:00.000+01:00', '2026-11-01'],
		['ISO text with -05:00', '2026-11-30T23:59:59-05:00', '2026-11-30'],
		['ISO text without an offset', '2026-11-30T23:59:59', '2026-11-30'],
		['a JS Date, in the workflow’s zone', new Date('2026-10-31T23:00:00Z'), '2026-11-01'],
		['a day', '2026-11-15', '2026-11-15'],
	])('%s', (_, value, expected) => {
		expect(dayOf(value)).toBe(expected);
	});
	test('an offset counts from today in the server’s days', () => {
		expect(dayOf('-1days', TODAY_GMT)).toBe('2026-11-30');
		expect(dayOf('-1days', TODAY_GMT.setZone('America/New_York'))).toBe('2026-11-29');
	});
	test('anything else is refused', () => {
		expect(dayOf('2026-13-01')).toMatch(/^invalid/);
		expect(dayOf('yesterday')).toMatch(/^invalid/);
	});
});

describe("Restcomm's fixed periods are its server's days", () => {
	test('Last Month at 02:00 GMT on 1 December: October in New York, November in GMT', () => {
		expect(
			usageListing('restcomm', 'LastMonth', {}, TODAY_GMT.setZone('America/New_York')),
		).toEqual({
			segment: 'AllTime',
			dates: { startDate: '2026-10-01', endDate: '2026-10-31' },
		});
		expect(usageListing('restcomm', 'LastMonth', {}, TODAY_GMT)).toEqual({
			segment: 'AllTime',
			dates: { startDate: '2026-11-01', endDate: '2026-11-30' },
		});
	});
	test('Today at 02:00 GMT in New York is 30 November', () => {
		expect(
			usageListing('restcomm', 'Today', {}, TODAY_GMT.setZone('America/New_York')).dates,
		).toEqual({
			startDate: '2026-11-30',
			endDate: '2026-11-30',
		});
	});
	test("Twilio's are sent as they are", () => {
		const dates = { startDate: '2026-01-01' };
		expect(usageListing('twilio', 'LastMonth', dates, TODAY_GMT)).toEqual({
			segment: 'LastMonth',
			dates,
		});
	});
});

describe('Server Time Zone held against the offsets the server writes', () => {
	const NEW_YORK_WINTER = 'Mon, 5 Jan 2026 10:00:00 -0500';
	test.each([
		['America/New_York', [NEW_YORK_WINTER, 'Mon, 6 Jul 2026 10:00:00 -0400'], undefined],
		['UTC', [NEW_YORK_WINTER], 'UTC+00:00 then'],
		['America/Chicago', [NEW_YORK_WINTER], 'UTC-06:00 then'],
		// A server with older rules (tzdata 2016j) still keeps São Paulo's summer time.
		['America/Sao_Paulo', ['Mon, 5 Jan 2026 10:00:00 -0200'], undefined],
		['America/Sao_Paulo', [NEW_YORK_WINTER], 'UTC-03:00 then'],
	])('%s against %j', (zone, written, expected) => {
		const mismatch = zoneMismatch(zone, written);
		if (expected === undefined) expect(mismatch).toBeUndefined();
		else expect(mismatch).toContain(expected);
	});
	test('a date without an offset cannot be held against the zone', () => {
		expect(zoneMismatch('UTC', ['2026-01-05'])).toMatch(/is not a date with an offset/);
	});
});
