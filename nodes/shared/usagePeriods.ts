/**
 * The periods a usage trigger watches, named as Twilio's Usage Triggers name their recurrence:
 * the current day, month or year in a time zone, or all time. Pure.
 */
import type { DateTime } from 'luxon';

export const RECURRENCES = ['daily', 'monthly', 'yearly', 'alltime'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

const UNITS = { daily: 'day', monthly: 'month', yearly: 'year' } as const;

export interface UsagePeriod {
	recurrence: Recurrence;
	/** The period's first instant; null for all time. */
	start: DateTime | null;
	/** Its last instant; null for all time. */
	end: DateTime | null;
	/** Tells periods apart, e.g. "monthly 2026-11 America/New_York". */
	key: string;
}

/** The period of `recurrence` that holds `now`, in `zone`. */
export function currentPeriod(recurrence: Recurrence, zone: string, now: DateTime): UsagePeriod {
	if (recurrence === 'alltime') return { recurrence, start: null, end: null, key: 'alltime' };
	const unit = UNITS[recurrence];
	const start = now.setZone(zone).startOf(unit);
	return {
		recurrence,
		start,
		end: start.endOf(unit),
		key: `${recurrence} ${start.toISODate()} ${zone}`,
	};
}
