const { describe, expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');

const { aiUsageOfDays } = require('../../nodes/EvoVoice/endDateReading');

/**
 * A GetAIUsage server over daily minutes, reading endDate `inclusive` or not; `grow` adds minutes
 * to a day after each request, as live usage arriving between two requests would.
 * @param {{ minutes: Record<string, number>, inclusive: boolean, grow?: Record<string, number> }} days
 */
function server({ minutes, inclusive, grow = {} }) {
	/** @type {string[]} */
	const asked = [];
	/** @type {import('../../nodes/EvoVoice/endDateReading').DaysAsked['fetch']} */
	const fetch = async (startDate, endDate) => {
		asked.push(`${startDate}..${endDate}`);
		const total = Object.entries(minutes)
			.filter(([day]) => day >= startDate && (inclusive ? day <= endDate : day < endDate))
			.reduce((sum, [, value]) => sum + value, 0);
		for (const [day, more] of Object.entries(grow)) minutes[day] = (minutes[day] ?? 0) + more;
		return {
			usage: { accountUsage: [{ accountId: 'a', aiMinutes: total }], customerUsage: [] },
			response: { statusCode: 200, body: {}, headers: {} },
		};
	};
	return { fetch, asked };
}

/** @param {string} iso */
const at = (iso) => DateTime.fromISO(iso, { zone: 'utc' });

describe("Evo Voice's endDate reading, checked", () => {
	test('a past month whose last day has minutes costs one check, asked after the month', async () => {
		const { fetch, asked } = server({ minutes: { '2026-10-31': 5 }, inclusive: true });
		const now = at('2026-11-10T12:00:00Z');
		const { usage } = await aiUsageOfDays({
			start: '2026-10-01',
			end: '2026-10-31',
			reading: 'inclusive',
			now,
			fetch,
		});
		expect(usage.accountUsage[0].aiMinutes).toBe(5);
		expect(asked).toEqual(['2026-10-01..2026-10-31', '2026-10-31..2026-10-31']);
	});

	test('today, which can still grow, is asked wider first: usage arriving between the requests is no sign of the other reading', async () => {
		// No minutes yet today at the first request; some arrive after each.
		const { fetch, asked } = server({ minutes: {}, inclusive: true, grow: { '2026-11-10': 1 } });
		const now = at('2026-11-10T12:00:00Z');
		const { usage } = await aiUsageOfDays({
			start: '2026-11-10',
			end: '2026-11-10',
			reading: 'inclusive',
			now,
			fetch,
		});
		expect(asked[0]).toBe('2026-11-10..2026-11-11');
		expect(usage.accountUsage[0].aiMinutes).toBe(1);
	});

	test('a server that does not count endDate is a Failure, whatever the next day holds', async () => {
		const { fetch } = server({ minutes: { '2026-10-31': 5, '2026-11-01': 7 }, inclusive: false });
		const now = at('2026-11-10T12:00:00Z');
		await expect(
			aiUsageOfDays({ start: '2026-10-01', end: '2026-10-31', reading: 'inclusive', now, fetch }),
		).rejects.toThrow(/would lose 2026-10-31/);
	});

	test('a last day without minutes, and a next day with some, on a server that counts endDate, passes', async () => {
		const { fetch, asked } = server({ minutes: { '2026-11-01': 7 }, inclusive: true });
		const now = at('2026-11-10T12:00:00Z');
		await aiUsageOfDays({
			start: '2026-10-01',
			end: '2026-10-31',
			reading: 'inclusive',
			now,
			fetch,
		});
		expect(asked).toEqual([
			'2026-10-01..2026-10-31',
			'2026-10-31..2026-10-31',
			'2026-10-31..2026-11-01',
			'2026-11-01..2026-11-01',
		]);
	});

	test('Not Counted sends the day after, and checks it only once it has begun somewhere', async () => {
		const early = server({ minutes: {}, inclusive: false });
		// 2026-11-11 begins at 10:00 UTC in UTC+14.
		await aiUsageOfDays({
			start: '2026-11-10',
			end: '2026-11-10',
			reading: 'exclusive',
			now: at('2026-11-10T09:00:00Z'),
			fetch: early.fetch,
		});
		expect(early.asked).toEqual(['2026-11-10..2026-11-11']);
		const late = server({ minutes: {}, inclusive: false });
		await aiUsageOfDays({
			start: '2026-11-10',
			end: '2026-11-10',
			reading: 'exclusive',
			now: at('2026-11-10T11:00:00Z'),
			fetch: late.fetch,
		});
		expect(late.asked).toEqual(['2026-11-10..2026-11-11', '2026-11-11..2026-11-11']);
	});
});
