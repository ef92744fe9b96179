const { describe, expect, test } = require('@jest/globals');
const { BillingEventSummary, toBillingEvent } = require('../../nodes/Lumin/billingEvents');

describe('billing events', () => {
	test('keeps the documented fields only, null when absent, reading datetime/event_type too', () => {
		expect(
			toBillingEvent({
				id: '1',
				host_id: 'h',
				datetime: '2019-02-24T21:29:36+00:00',
				event_type: 'billing.scheduled',
				extra: 1,
			}),
		).toEqual({
			id: '1',
			conversation_id: null,
			host_id: 'h',
			host_did: null,
			user_did: null,
			timestamp: '2019-02-24T21:29:36+00:00',
			type: 'billing.scheduled',
		});
	});

	test('summarises per host and type, and per day in the zone', () => {
		const events = [
			{ host_id: 'b', type: 'billing.scheduled', timestamp: '2026-10-01T06:00:00+00:00' },
			{ host_id: 'a', type: 'billing.scheduled', timestamp: '2026-10-01T08:00:00+00:00' },
			{ host_id: 'a', type: 'billing.scheduled', timestamp: '2026-10-01T07:00:00+00:00' },
			{ host_id: 'a', type: 'billing.rescheduled', timestamp: '2026-10-02T12:00:00+00:00' },
		];
		const total = new BillingEventSummary('UTC', false);
		const daily = new BillingEventSummary('America/Los_Angeles', true);
		for (const event of events) {
			total.add(event);
			daily.add(event);
		}
		expect(total.rows()).toEqual([
			{ host_id: 'a', type: 'billing.rescheduled', count: 1 },
			{ host_id: 'a', type: 'billing.scheduled', count: 2 },
			{ host_id: 'b', type: 'billing.scheduled', count: 1 },
		]);
		// 07:00Z is midnight in Los Angeles; 06:00Z is still the day before.
		expect(daily.rows()).toEqual([
			{ host_id: 'a', type: 'billing.scheduled', date: '2026-10-01', count: 2 },
			{ host_id: 'a', type: 'billing.rescheduled', date: '2026-10-02', count: 1 },
			{ host_id: 'b', type: 'billing.scheduled', date: '2026-09-30', count: 1 },
		]);
	});
});

describe('days in a time zone', () => {
	/**
	 * @param {string} timestamp
	 * @param {string} zone
	 */
	const dayOf = (timestamp, zone) => {
		const summary = new BillingEventSummary(zone, true);
		summary.add({ host_id: 'h', type: 't', timestamp });
		return summary.rows()[0].date;
	};

	test('half- and quarter-hour offsets put the day boundary where the zone has it', () => {
		// Kolkata is UTC+05:30, Kathmandu UTC+05:45.
		expect(dayOf('2026-10-01T18:29:59.999999+00:00', 'Asia/Kolkata')).toBe('2026-10-01');
		expect(dayOf('2026-10-01T18:30:00+00:00', 'Asia/Kolkata')).toBe('2026-10-02');
		expect(dayOf('2026-10-01T18:14:59+00:00', 'Asia/Kathmandu')).toBe('2026-10-01');
		expect(dayOf('2026-10-01T18:15:00Z', 'Asia/Kathmandu')).toBe('2026-10-02');
	});

	test('the same minute at another offset is another instant, and may be another day', () => {
		const summary = new BillingEventSummary('UTC', true);
		for (const timestamp of [
			'2026-10-01T23:30:00+00:00',
			'2026-10-01T23:30:59.999999+00:00',
			'2026-10-01T23:30:00-05:00',
			'2026-10-01T23:30:00Z',
			'2026-10-01T23:30:00+01:00',
		])
			summary.add({ host_id: 'h', type: 't', timestamp });
		expect(summary.rows().map(({ date, count }) => [date, count])).toEqual([
			['2026-10-01', 4],
			['2026-10-02', 1],
		]);
	});

	test('a timestamp without an offset is UTC; one that is not a date has no day', () => {
		expect(dayOf('2026-10-01T23:30:00', 'UTC')).toBe('2026-10-01');
		expect(dayOf('2026-10-01T23:30:00', 'Europe/Berlin')).toBe('2026-10-02');
		expect(dayOf('not a date', 'UTC')).toBeNull();
	});
});
