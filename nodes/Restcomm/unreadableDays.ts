/**
 * Days a Restcomm server may not read. Restcomm-Connect parses StartDate and EndDate as local
 * midnight in its JVM's zone with Joda-Time, whose strict parse refuses a day that has no local
 * midnight (clocks moving forward at 00:00), and the server then ignores the date (AllTime from
 * 1970, or up to now). Its zone rules are tzdata 2016j, older than Node's, so such a day is one
 * where either rule set has no midnight (docs/vendors.md, "Zone rules older than Node's").
 * A listing whose first or last day may be one is read around it: Daily from the day before to
 * the day after, keeping that day's record, and AllTime for the period's other days, added
 * exactly. Pure.
 */
import { DateTime } from 'luxon';

import { decimalToNumber, sumDecimals } from '../shared/decimal';
import type { UsageQuery } from './api';
import type { ReadRecord } from './usageRecord';
import { DAYS_WITHOUT_MIDNIGHT_2016J } from './zonesChangedSince2016j';

const shift = (day: string, days: number) =>
	DateTime.fromISO(day, { zone: 'utc' }).plus({ days }).toISODate() as string;

/** Whether `day` may have no local midnight in `zone` at the server. */
export function mayLackMidnight(day: string, zone: string): boolean {
	// Luxon moves a midnight that does not exist to the first instant after the gap.
	const midnight = DateTime.fromISO(`${day}T00:00`, { zone });
	if (midnight.toFormat('yyyy-MM-dd HH:mm') !== `${day} 00:00`) return true;
	return DAYS_WITHOUT_MIDNIGHT_2016J.get(zone)?.includes(day) ?? false;
}

/** The listings that read `query`, and how their records make the records `query` asked for. */
export interface DaysReading {
	queries: UsageQuery[];
	/** Each query's records, in order, as the records of the days asked. */
	combine(read: ReadRecord[][]): ReadRecord[];
}

const inDays = (start: string, end: string) => (entry: ReadRecord) =>
	String(entry.record.start_date) >= start && String(entry.record.start_date) <= end;

/** One record of the days asked from parts that hold them once each, its figures added exactly. */
function added(parts: ReadRecord[], start: string, end: string): ReadRecord {
	const [usage, count, price] = (['usage', 'count', 'price'] as const).map((figure) =>
		sumDecimals(parts.map((part) => part[figure])),
	);
	const record = {
		...parts[0].record,
		start_date: start,
		end_date: end,
		usage: decimalToNumber(usage),
		count: decimalToNumber(count),
		price: decimalToNumber(price),
	};
	const decimals = {
		price: Math.max(...parts.map((part) => part.decimals.price)),
		usage: Math.max(...parts.map((part) => part.decimals.usage)),
	};
	return { record, usage, count, price, decimals };
}

/**
 * How to read a Restcomm AllTime or Daily listing of StartDate to EndDate in `zone`: as it is,
 * or around a first or last day the server may not read.
 */
export function readingAround(query: UsageQuery, zone: string): DaysReading {
	const { startDate: start, endDate: end, subresource } = query;
	const asIs = { queries: [query], combine: ([records]: ReadRecord[][]) => records };
	if (query.platform !== 'restcomm' || !start || !end) return asIs;
	if (subresource !== 'AllTime' && subresource !== 'Daily') return asIs;
	const startUnread = mayLackMidnight(start, zone);
	const endUnread = mayLackMidnight(end, zone);
	if (!startUnread && !endUnread) return asIs;
	const around = {
		...query,
		subresource: 'Daily',
		startDate: startUnread ? shift(start, -1) : start,
		endDate: endUnread ? shift(end, 1) : end,
	};
	if (subresource === 'Daily')
		return { queries: [around], combine: ([days]) => days.filter(inDays(start, end)) };
	// The first and last days read one by one (one Daily listing where they meet), AllTime for
	// the days between them.
	const first = startUnread ? shift(start, 1) : start;
	const last = endUnread ? shift(end, -1) : end;
	const dailies =
		startUnread && endUnread && shift(start, 1) >= end
			? [around]
			: [
					...(startUnread ? [{ ...around, endDate: first }] : []),
					...(endUnread ? [{ ...around, startDate: last }] : []),
				];
	const between = first <= last ? [{ ...query, startDate: first, endDate: last }] : [];
	const readOneByOne = (entry: ReadRecord) =>
		inDays(start, end)(entry) && !(first <= last && inDays(first, last)(entry));
	return {
		queries: [...dailies, ...between],
		combine(read) {
			// AllTime's record first: the one that stands for the days asked.
			const parts = [
				...read.slice(dailies.length).flat(),
				...read.slice(0, dailies.length).flat().filter(readOneByOne),
			];
			const byCategory = new Map<unknown, ReadRecord[]>();
			for (const part of parts)
				byCategory.set(part.record.category, [
					...(byCategory.get(part.record.category) ?? []),
					part,
				]);
			return [...byCategory.values()].map((ofCategory) => added(ofCategory, start, end));
		},
	};
}
