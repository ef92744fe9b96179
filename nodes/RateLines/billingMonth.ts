/**
 * Version 2's billing month (docs/rate-lines.md): what a month of lines is billed as, whatever
 * their granularity. Line dates have no zone: a line's month is the calendar month of its
 * period_start and period_end as written, which must be one month. Pure.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

export interface BillingMonth {
	/** YYYY-MM. */
	month: string;
	/** Its first and last day, YYYY-MM-DD. */
	start: string;
	end: string;
	days: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4}-\d{2})-\d{2}$/;

/** A month given as YYYY-MM, or undefined when it is not one. */
export function billingMonthOf(text: string): BillingMonth | undefined {
	if (!MONTH.test(text)) return undefined;
	const first = DateTime.fromISO(`${text}-01`, { zone: 'utc' });
	return {
		month: text,
		start: first.toISODate() as string,
		end: first.endOf('month').toISODate() as string,
		days: first.daysInMonth as number,
	};
}

/** A line's month, or why it has none. */
export function monthOfLine(json: IDataObject): { month: string } | { reason: string } {
	const [start, end] = [json.period_start, json.period_end];
	const startMonth = typeof start === 'string' ? DAY.exec(start)?.[1] : undefined;
	const endMonth = typeof end === 'string' ? DAY.exec(end)?.[1] : undefined;
	if (!startMonth || !endMonth)
		return {
			reason: `It has no period (period_start ${JSON.stringify(start ?? null)}, period_end ${JSON.stringify(end ?? null)}), so it belongs to no billing month.`,
		};
	if (startMonth !== endMonth)
		return {
			reason: `Its period ${String(start)} to ${String(end)} lies in two months, so it belongs to no one billing month: split it by month.`,
		};
	return { month: startMonth };
}

/**
 * The month to bill: the one given, else the one month of the lines' periods; a reason when it
 * is neither (the lines span several months, or there are none).
 */
export function monthToBill(
	given: string,
	lineMonths: readonly string[],
): BillingMonth | { reason: string } {
	if (given.trim() !== '') {
		const month = billingMonthOf(given.trim());
		return month ?? { reason: `"${given}" is not a month (YYYY-MM)` };
	}
	const months = [...new Set(lineMonths)].sort();
	if (months.length === 1) return billingMonthOf(months[0])!;
	return {
		reason:
			months.length === 0
				? 'no line gives a month to bill: set Billing Month (YYYY-MM)'
				: `the lines' periods lie in ${months.join(', ')}: set Billing Month (YYYY-MM) to bill one of them`,
	};
}

/** The days from `startsOn` to `endsOn` (inclusive, either open) that lie in the month. */
export function daysIn(
	month: BillingMonth,
	startsOn: string | null,
	endsOn: string | null,
): number {
	const from = startsOn && startsOn > month.start ? startsOn : month.start;
	const to = endsOn && endsOn < month.end ? endsOn : month.end;
	if (to < from) return 0;
	const day = (text: string) => DateTime.fromISO(text, { zone: 'utc' });
	return day(to).diff(day(from), 'days').days + 1;
}
