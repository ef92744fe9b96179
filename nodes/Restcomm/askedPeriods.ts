/**
 * The periods a Usage Records subresource may give for what was asked (docs/vendors.md, "Periods
 * an answer may hold"): a record whose period is none of them was not asked for. Days are
 * YYYY-MM-DD texts, which compare as the days they are. Pure.
 */
import { DateTime } from 'luxon';

/** What a request asked for: its subresource, and StartDate and EndDate where they were sent. */
export interface AskedDays {
	subresource: string;
	startDate?: string;
	endDate?: string;
}

export interface Period {
	start: string;
	end: string;
}

// A server's clock may stand a little apart from the node's: Today ... LastMonth may be read at
// either side of a day's or month's end.
const CLOCK_SKEW = { minutes: 5 };

const day = (instant: DateTime) => instant.toISODate() as string;

// The GMT period each fixed subresource names at an instant.
const FIXED: Record<string, (at: DateTime) => Period> = {
	Today: (at) => ({ start: day(at), end: day(at) }),
	Yesterday: (at) => ({ start: day(at.minus({ days: 1 })), end: day(at.minus({ days: 1 })) }),
	ThisMonth: (at) => ({ start: day(at.startOf('month')), end: day(at.endOf('month')) }),
	LastMonth: (at) => {
		const month = at.minus({ months: 1 });
		return { start: day(month.startOf('month')), end: day(month.endOf('month')) };
	},
};

// The calendar unit that holds each record of a grouping subresource.
const GROUPS: Record<string, 'month' | 'year'> = { Monthly: 'month', Yearly: 'year' };

const inside = (period: Period, { start, end }: Partial<Period>) =>
	(start === undefined || period.start >= start) && (end === undefined || period.end <= end);

/** The calendar month or year holding `date`. */
function unitOf(date: string, unit: 'month' | 'year'): Period {
	const at = DateTime.fromISO(date, { zone: 'utc' });
	return { start: day(at.startOf(unit)), end: day(at.endOf(unit)) };
}

/**
 * Why `period` is not one the subresource gives for what was asked, in words naming what was
 * asked; undefined when it is one. `now` is the node's clock.
 */
export function periodNotAsked(
	period: Period,
	asked: AskedDays,
	now: DateTime,
): string | undefined {
	return periodsAsked(asked, now)(period);
}

/**
 * periodNotAsked for every record of one request: the periods a fixed subresource names at `now`
 * computed once, not for each record (Each Subaccount reads hundreds of thousands).
 */
export function periodsAsked(
	asked: AskedDays,
	now: DateTime,
): (period: Period) => string | undefined {
	const fixed = FIXED[asked.subresource];
	if (!fixed) return (period) => periodNotGiven(period, asked);
	const gmt = now.setZone('utc');
	const named = [gmt.minus(CLOCK_SKEW), gmt, gmt.plus(CLOCK_SKEW)].map(fixed);
	const notNamed = `not within ${[...new Set(named.map(({ start, end }) => `${start} to ${end}`))].join(' or ')}, the GMT period ${asked.subresource} names at the node's clock (${gmt.toISO()})`;
	return (period) => {
		if (period.end < period.start) return 'an end before its start';
		return named.some((one) => inside(period, one)) ? undefined : notNamed;
	};
}

/** periodNotAsked of a subresource that names no period itself: Daily, Monthly, Yearly, AllTime. */
function periodNotGiven(period: Period, asked: AskedDays): string | undefined {
	const { subresource, startDate, endDate } = asked;
	const days = { start: startDate, end: endDate };
	const askedDays = `the days asked (${startDate ?? 'no StartDate'} to ${endDate ?? 'no EndDate'})`;
	if (period.end < period.start) return 'an end before its start';
	if (subresource === 'Daily') {
		if (period.start !== period.end) return 'not one day, as Daily gives';
		return inside(period, days) ? undefined : `not within ${askedDays}`;
	}
	const group = GROUPS[subresource];
	if (group) {
		const unit = unitOf(period.start, group);
		// Restcomm-Connect labels a whole month or year however the dates cut it.
		const whole = period.start === unit.start && period.end === unit.end;
		const meets =
			(startDate === undefined || unit.end >= startDate) &&
			(endDate === undefined || unit.start <= endDate);
		if (!inside(period, unit)) return `not within one calendar ${group}, as ${subresource} gives`;
		if (whole ? meets : inside(period, days)) return undefined;
		return `not within ${askedDays}, nor their whole calendar ${group}`;
	}
	// AllTime: within the days asked, a bound open where no date was sent.
	return inside(period, days) ? undefined : `not within ${askedDays}`;
}
