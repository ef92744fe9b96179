/**
 * Dates and billing periods (docs/nodes.md, "Billing periods"), computed with Luxon in an IANA
 * time zone. Pure.
 */
import { DateTime } from 'luxon';

export const BILLING_PERIODS = [
	'custom',
	'thisMonth',
	'lastMonth',
	'last7Days',
	'last30Days',
] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];

export interface DateRange {
	start: DateTime;
	end: DateTime;
}

// The widest offsets in use are UTC-12:00 and UTC+14:00.
const MAX_OFFSET_MINUTES = 14 * 60;

/** An IANA zone, or a fixed offset such as UTC+2, within the offsets real places use. */
export function isValidTimeZone(zone: string): boolean {
	const now = DateTime.now().setZone(zone);
	return now.isValid && Math.abs(now.offset) <= MAX_OFFSET_MINUTES;
}

/** The first and last instant of a preset period, in `zone`, as seen at `now`. */
export function presetRange(
	period: Exclude<BillingPeriod, 'custom'>,
	zone: string,
	now: DateTime,
): DateRange {
	const today = now.setZone(zone);
	switch (period) {
		case 'thisMonth':
			return { start: today.startOf('month'), end: today.endOf('month') };
		case 'lastMonth': {
			const lastMonth = today.startOf('month').minus({ months: 1 });
			return { start: lastMonth, end: lastMonth.endOf('month') };
		}
		case 'last7Days':
			return { start: today.minus({ days: 6 }).startOf('day'), end: today.endOf('day') };
		case 'last30Days':
			return { start: today.minus({ days: 29 }).startOf('day'), end: today.endOf('day') };
	}
}

/**
 * A date given as an ISO 8601 text, a Luxon DateTime or a JS Date (what n8n expressions yield).
 * A text without an offset is read in `zone`. Returns undefined when it is not a date.
 */
export function toDateTime(value: unknown, zone: string): DateTime | undefined {
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) parsed = DateTime.fromMillis(value.toMillis(), { zone });
	else if (value instanceof Date) parsed = DateTime.fromJSDate(value, { zone });
	else if (typeof value === 'string' && value.trim() !== '') {
		parsed = DateTime.fromISO(value.trim(), { zone, setZone: true });
		if (parsed.isValid) parsed = parsed.setZone(zone);
	}
	return parsed?.isValid ? parsed : undefined;
}

/** ISO 8601 with the zone's offset, as Lumin's document shows: `2019-02-01T01:00:00-08:00`. */
export function toIsoWithOffset(value: DateTime): string {
	return value.toISO({ suppressMilliseconds: true }) as string;
}

/** A period in words, for messages: "2026-11-01 to 2026-11-30 (America/Los_Angeles)". */
export function describePeriod(period: { start?: DateTime; end?: DateTime; timezone: string }) {
	const day = (value: DateTime | undefined) => value?.toISODate() ?? 'no bound';
	return `${day(period.start)} to ${day(period.end)} (${period.timezone})`;
}
