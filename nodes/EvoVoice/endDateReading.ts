/**
 * Evo Voice's endDate: whether its server counts the end date's own day is published nowhere
 * (docs/vendors.md). The credential says which reading to send for (the period's last day, or the
 * day after it), and each period is checked against the other reading, so that a month never
 * loses or gains a day without a word: a one-day range that reads nothing, where the day with the
 * next one reads minutes, is a server that does not count endDate's day.
 */
import { DateTime } from 'luxon';

import { compareDecimals, isZeroDecimal, readDecimal, sumDecimals, ZERO } from '../shared/decimal';
import { Failure } from '../shared/outcome';
import type { PlatformResponse } from '../shared/request';
import type { readAiUsage } from './api';

export type EndDateReading = 'inclusive' | 'exclusive';

export interface AiUsageAnswer {
	usage: ReturnType<typeof readAiUsage>;
	response: PlatformResponse;
}

export interface DaysAsked {
	/** The period's first and last day, YYYY-MM-DD. */
	start: string;
	end: string;
	reading: EndDateReading;
	now: DateTime;
	/** One GetAIUsage request for startDate and endDate as sent. */
	fetch(startDate: string, endDate: string): Promise<AiUsageAnswer>;
}

/** Every minute an answer holds, at either level: anything above zero is usage. */
const minutesIn = ({ usage }: AiUsageAnswer) =>
	sumDecimals(
		[...usage.accountUsage, ...usage.customerUsage].map(
			(row) => readDecimal(row.aiMinutes) ?? ZERO,
		),
	);

const nextDay = (day: string) =>
	DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 }).toISODate() as string;

/** Whether a day has begun, or is over, somewhere on earth (UTC+14 to UTC-12). */
const hasBegunAnywhere = (day: string, now: DateTime) =>
	(now.setZone('Etc/GMT-14').toISODate() as string) >= day;
const isOverEverywhere = (day: string, now: DateTime) =>
	(now.setZone('Etc/GMT+12').toISODate() as string) > day;

/**
 * The answer for the period's days, asked as the reading says, or a Failure when the server
 * reads endDate the other way. Ranges that can still grow are asked wider first, so that usage
 * arriving between two requests cannot pass for the other reading.
 */
export async function aiUsageOfDays(asked: DaysAsked): Promise<AiUsageAnswer> {
	const { start, end, now, fetch } = asked;
	const next = nextDay(end);
	if (asked.reading === 'exclusive') {
		const answer = await fetch(start, next);
		// A server that counts endDate's own day would count the day after the period too.
		if (hasBegunAnywhere(next, now) && !isZeroDecimal(minutesIn(await fetch(next, next)))) {
			throw new Failure(
				`counted AI minutes on ${next} when asked for ${next} to ${next}: its server counts endDate's own day, so the period would gain ${next}. Set the credential's End Date to Counted; nothing is returned.`,
			);
		}
		return answer;
	}
	const over = isOverEverywhere(end, now);
	const wider = over ? undefined : await fetch(end, next);
	const answer = await fetch(start, end);
	const lastDay = start === end ? answer : await fetch(end, end);
	if (!isZeroDecimal(minutesIn(lastDay))) return answer;
	const withNext = minutesIn(wider ?? (await fetch(end, next)));
	if (isZeroDecimal(withNext)) return answer;
	// The day after has had no usage yet: the minutes are the last day's, which endDate left out.
	const following = hasBegunAnywhere(next, now) ? minutesIn(await fetch(next, next)) : ZERO;
	if (compareDecimals(withNext, following) > 0) {
		throw new Failure(
			`counted no AI minutes when asked for ${end} to ${end}, but did when asked for ${end} to ${next}: its server does not count endDate's own day, so the period would lose ${end}. Set the credential's End Date to Not Counted; nothing is returned.`,
		);
	}
	return answer;
}
