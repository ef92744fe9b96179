// The periods a Usage Records subresource may give for what was asked (Restcomm/askedPeriods.ts):
// each rule's legitimate shapes, and the answers a server that misread the request gives.
const { describe, expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');
const { periodNotAsked } = require('../../nodes/Restcomm/askedPeriods');

const NOW = DateTime.fromISO('2026-11-10T15:00:00Z', { zone: 'utc' });

/**
 * @param {string} start
 * @param {string} end
 * @param {import('../../nodes/Restcomm/askedPeriods').AskedDays} asked
 */
const allowed = (start, end, asked, now = NOW) =>
	periodNotAsked({ start, end }, asked, now) === undefined;

describe('Daily', () => {
	const asked = { subresource: 'Daily', startDate: '2026-11-01', endDate: '2026-11-10' };
	test.each([
		['2026-11-01', '2026-11-01', true],
		['2026-11-10', '2026-11-10', true],
		['2026-10-31', '2026-10-31', false],
		['2026-11-11', '2026-11-11', false],
		['2026-11-02', '2026-11-03', false],
	])('%s to %s: %p', (start, end, expected) => {
		expect(allowed(start, end, asked)).toBe(expected);
	});
	test('no dates sent: any one day', () => {
		expect(allowed('2019-01-01', '2019-01-01', { subresource: 'Daily' })).toBe(true);
	});
});

describe('Monthly and Yearly: one calendar unit that meets the days asked, whole or within them', () => {
	const asked = { subresource: 'Monthly', startDate: '2026-11-10', endDate: '2026-12-05' };
	test.each([
		['the whole first month (Restcomm)', '2026-11-01', '2026-11-30', true],
		['the first month cut (Twilio)', '2026-11-10', '2026-11-30', true],
		['the last month cut', '2026-12-01', '2026-12-05', true],
		['the whole last month', '2026-12-01', '2026-12-31', true],
		['a month the days do not meet', '2026-10-01', '2026-10-31', false],
		['two months', '2026-11-10', '2026-12-05', false],
		['part of a month outside the days', '2026-11-01', '2026-11-09', false],
	])('%s: %p', (_, start, end, expected) => {
		expect(allowed(start, end, asked)).toBe(expected);
	});
	test('Yearly: the whole year, or within the days', () => {
		const year = { ...asked, subresource: 'Yearly' };
		expect(allowed('2026-01-01', '2026-12-31', year)).toBe(true);
		expect(allowed('2026-11-10', '2026-12-05', year)).toBe(true);
		expect(allowed('2025-01-01', '2025-12-31', year)).toBe(false);
	});
});

describe('AllTime: within the days asked, a bound open where no date was sent', () => {
	test.each([
		['both sent, echoed (HSQLDB)', '2026-11-01', '2026-11-30', true],
		['both sent, first and last activity (MySQL)', '2026-11-03', '2026-11-27', true],
		['a StartDate the server could not read (from 1970)', '1970-01-01', '2026-11-30', false],
	])('%s: %p', (_, start, end, expected) => {
		const asked = { subresource: 'AllTime', startDate: '2026-11-01', endDate: '2026-11-30' };
		expect(allowed(start, end, asked)).toBe(expected);
	});
	test('no StartDate: from the account’s creation day, or 1969 west of GMT', () => {
		expect(allowed('2019-03-01', '2026-11-10', { subresource: 'AllTime' })).toBe(true);
		expect(allowed('1969-12-31', '2026-11-10', { subresource: 'AllTime' })).toBe(true);
	});
	test('an end before its start is no period', () => {
		expect(
			periodNotAsked({ start: '2026-11-02', end: '2026-11-01' }, { subresource: 'AllTime' }, NOW),
		).toBe('an end before its start');
	});
});

describe("Twilio's fixed subresources: the GMT period they name at the node's clock, give or take 5 minutes", () => {
	const late = DateTime.fromISO('2026-11-30T23:57:00Z', { zone: 'utc' });
	test.each([
		['Today', '2026-11-30', '2026-11-30', true],
		['Today', '2026-12-01', '2026-12-01', true],
		['Today', '2026-12-02', '2026-12-02', false],
		['Yesterday', '2026-11-29', '2026-11-29', true],
		['Yesterday', '2026-11-30', '2026-11-30', true],
		['ThisMonth', '2026-11-01', '2026-11-30', true],
		['ThisMonth', '2026-12-01', '2026-12-01', true],
		['LastMonth', '2026-10-01', '2026-10-31', true],
		['LastMonth', '2026-11-01', '2026-11-30', true],
		['LastMonth', '2026-09-01', '2026-09-30', false],
	])('%s at 23:57 on the 30th: %s to %s %p', (subresource, start, end, expected) => {
		expect(allowed(start, end, { subresource }, late)).toBe(expected);
	});
	test('in the afternoon there is no other day or month', () => {
		expect(allowed('2026-11-11', '2026-11-11', { subresource: 'Today' })).toBe(false);
		expect(allowed('2026-11-01', '2026-11-30', { subresource: 'LastMonth' })).toBe(false);
	});
});
