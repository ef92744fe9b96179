/**
 * StartDate and EndDate of usage records: calendar days, YYYY-MM-DD, of the zone the server reads
 * them in (Restcomm-Connect: its JVM's, the credential's Server Time Zone; Twilio: GMT, as its
 * documents say). A date-time is the calendar date it is written as: a luxon DateTime in its own
 * zone, ISO text in its own offset (without one, the date it spells), a JS Date in the workflow's
 * time zone, as n8n shows it. Offsets such as `-30days` count from today in the server's days,
 * and are resolved here because Restcomm ignores them. Pure.
 */
import { DateTime } from 'luxon';
import type { IDisplayOptions } from 'n8n-workflow';

import { usageDaysZoneOf } from '../shared/credentialRules';
import type { InputVariable } from '../shared/inputs';
import type { Checked } from '../shared/validation';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET = /^([+-])(\d{1,5})\s*days?$/i;

export interface DateReading {
	/** Now, in the zone of the server's days. */
	today: DateTime;
	/** The workflow's time zone, in which n8n shows a JS Date. */
	workflowZone: string;
}

export function resolveUsageDate(
	value: unknown,
	{ today, workflowZone }: DateReading,
): Checked<string> {
	const invalid = {
		ok: false as const,
		reason: `${JSON.stringify(value)} is not YYYY-MM-DD, a date-time or an offset such as -30days`,
	};
	const day = (instant: DateTime): Checked<string> =>
		instant.isValid ? { ok: true, value: instant.toISODate() as string } : invalid;
	if (DateTime.isDateTime(value)) return day(value);
	if (value instanceof Date) return day(DateTime.fromJSDate(value, { zone: workflowZone }));
	if (typeof value !== 'string') return invalid;
	const text = value.trim();
	if (DAY.test(text)) return day(DateTime.fromISO(text, { zone: 'utc' }));
	const offset = OFFSET.exec(text);
	if (offset) {
		const days = Number(offset[2]) * (offset[1] === '-' ? -1 : 1);
		return day(today.plus({ days }));
	}
	// In the offset it is written with; without one, the date it spells.
	return day(DateTime.fromISO(text, { setZone: true, zone: 'utc' }));
}

interface UsageDateOptions {
	name: string;
	displayName: string;
	description: string;
	show?: IDisplayOptions['show'];
}

/** Restcomm's own fixed periods, which the node asks as AllTime over their days (below). */
const RESTCOMM_FIXED = (platform: string, segment: string | undefined) =>
	platform === 'restcomm' && segment !== undefined && segment in FIXED_PERIODS;

/**
 * StartDate and EndDate: each optional; when both are given the end may not be before the start.
 * `fixedSegment` gives the subresource an item asks for, where it is chosen beside the dates
 * (version 1's methods): on Restcomm, dates that leave no day of Today ... LastMonth are a
 * parameter error, before any request.
 */
export function usageDateRangeInput(options: {
	start: UsageDateOptions;
	end: UsageDateOptions;
	fixedSegment?: (parameter: (name: string) => unknown) => string | undefined;
}): InputVariable<{ startDate?: string; endDate?: string }> {
	const property = ({ name, displayName, description, show }: UsageDateOptions) => ({
		displayName,
		name,
		type: 'string' as const,
		default: '',
		placeholder: '2012-04-01 or -30days',
		description,
		...(show ? { displayOptions: { show } } : {}),
	});
	return {
		properties: [property(options.start), property(options.end)],
		read(context) {
			const zone = usageDaysZoneOf(context.credentials);
			const reading = {
				today: context.now().setZone(zone),
				workflowZone: context.workflowTimezone,
			};
			const read = ({ name }: UsageDateOptions) => {
				const value = context.get(name);
				if (value === null || value === undefined || value === '') return undefined;
				const checked = resolveUsageDate(value, reading);
				return checked.ok ? checked.value : context.invalid(name, checked.reason);
			};
			const startDate = read(options.start);
			const endDate = read(options.end);
			// YYYY-MM-DD texts compare as the days they are.
			if (startDate && endDate && endDate < startDate)
				context.invalid(options.end.name, `${endDate} is before the start date ${startDate}`);
			const segment = options.fixedSegment?.((name) => context.get(name));
			const { platform } = context.credentials;
			if (
				RESTCOMM_FIXED(platform, segment) &&
				!restcommListing(segment!, { startDate, endDate }, reading.today)
			) {
				const [first, last] = fixedDays(segment!, reading.today);
				context.invalid(
					startDate && startDate > last ? options.start.name : options.end.name,
					`${startDate ?? 'no start'} to ${endDate ?? 'no end'} leaves no day of ${segment} (${first} to ${last} in the server's days, ${zone}), so nothing would be read`,
				);
			}
			return { startDate, endDate };
		},
	};
}

export interface UsageListing {
	/** The Usage Records subresource to ask, e.g. `AllTime`. */
	segment: string;
	dates: { startDate?: string; endDate?: string };
}

// The fixed periods as whole days from today: first day and last day.
const FIXED_PERIODS: Record<string, (today: DateTime) => [DateTime, DateTime]> = {
	Today: (today) => [today, today],
	Yesterday: (today) => [today.minus({ days: 1 }), today.minus({ days: 1 })],
	ThisMonth: (today) => [today.startOf('month'), today.endOf('month')],
	LastMonth: (today) => {
		const month = today.minus({ months: 1 });
		return [month.startOf('month'), month.endOf('month')];
	},
};

/** A fixed period's first and last day, YYYY-MM-DD, as the days of `today`'s zone. */
const fixedDays = (segment: string, today: DateTime) =>
	FIXED_PERIODS[segment](today).map((day) => day.toISODate() as string);

/** Restcomm's AllTime over a fixed period's days narrowed by the dates; null when none is left. */
function restcommListing(
	segment: string,
	dates: UsageListing['dates'],
	today: DateTime,
): UsageListing | null {
	const [first, last] = fixedDays(segment, today);
	// YYYY-MM-DD texts compare as the days they are.
	const startDate = dates.startDate && dates.startDate > first ? dates.startDate : first;
	const endDate = dates.endDate && dates.endDate < last ? dates.endDate : last;
	return startDate <= endDate ? { segment: 'AllTime', dates: { startDate, endDate } } : null;
}

/**
 * What to ask for a subresource. Restcomm-Connect computes Today ... LastMonth from its clock's
 * instant with its time of day (Today is always empty, LastMonth at 09:00 on the 2nd runs from
 * 09:00 to 09:00) and ignores StartDate and EndDate there, so on Restcomm the node asks AllTime for
 * the period's whole days in the server's zone, narrowed by the dates given (which reading has
 * checked leave a day). Last Month is the server's: at 02:00 GMT on 1 December a New York server
 * is still in November, and its last month is October. Twilio's are sent as they are.
 */
export function usageListing(
	platform: string,
	segment: string,
	dates: UsageListing['dates'],
	today: DateTime,
): UsageListing {
	if (!RESTCOMM_FIXED(platform, segment)) return { segment, dates };
	const listing = restcommListing(segment, dates, today);
	// Reading refuses dates that leave no day (usageDateRangeInput), before any request.
	if (!listing) throw new Error(`The dates leave no day of ${segment}`);
	return listing;
}
