/**
 * The one reader of Usage Records, for the node, its invoice lines and the usage trigger alike:
 * every page of a listing, each record read against the request as it was sent (docs/vendors.md,
 * "What an answer may hold"). A record of another category or account, of a period the
 * subresource does not give for what was asked, or listed again with other figures, is a Failure
 * naming the record, the field, what was asked and what came: never dropped, relabelled or summed.
 * A record listed again with the same figures (on one page or the next) is counted once.
 */
import type { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { compareDecimals, decimalToString } from '../shared/decimal';
import { Failure } from '../shared/outcome';
import type { PlatformRequest, PlatformResponse } from '../shared/request';
import { listPages, readUsageRecordsPage, usageRecordsRequest, type UsageQuery } from './api';
import { periodsAsked, type Period } from './askedPeriods';
import { readingAround } from './unreadableDays';
import { readUsageRecord, type ReadRecord } from './usageRecord';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A category in the document's spelling: Restcomm's enum names (`SMS_INBOUND`) are its names. */
const documentName = (category: unknown) =>
	typeof category === 'string' ? category.toLowerCase().replace(/_/g, '-') : category;

/** The request in words, as its answer is read against it. */
export function describeQuery(query: UsageQuery): string {
	const sent = [
		`${query.subresource} of account ${query.accountSid}`,
		query.category === undefined ? 'no Category' : `Category ${query.category}`,
		query.startDate && `StartDate ${query.startDate}`,
		query.endDate && `EndDate ${query.endDate}`,
	];
	return sent.filter(Boolean).join(', ');
}

const sameFigures = (a: ReadRecord, b: ReadRecord) =>
	compareDecimals(a.price, b.price) === 0 &&
	compareDecimals(a.usage, b.usage) === 0 &&
	a.record.count === b.record.count;

/** One period (a start and an end day) of a listing: whether it was asked, and its records. */
interface PeriodRead {
	/** Why the period was not asked, or '' if it was. */
	notAsked: string;
	/** Each category's record read: a repeat is compared with it. */
	byCategory: Map<unknown, ReadRecord>;
}

export class AskedRecords {
	// By start day, then end day: a listing of every category names each period hundreds of
	// times, so it is checked once, and no key is made per record. Every record is the queried
	// account's (check()).
	private readonly periods = new Map<string, Map<string, PeriodRead>>();
	private readonly periodNotAsked: (period: Period) => string | undefined;

	constructor(
		private readonly query: UsageQuery,
		now: DateTime,
	) {
		this.periodNotAsked = periodsAsked(query, now);
	}

	/** The page's records, each read against the request; those listed before left out. */
	fresh(page: IDataObject[], response: PlatformResponse): ReadRecord[] {
		const fresh: ReadRecord[] = [];
		for (const raw of page) {
			const entry = readUsageRecord(raw, this.query);
			const { record } = entry;
			const { byCategory } = this.check(record, response);
			const earlier = byCategory.get(record.category);
			if (!earlier) {
				byCategory.set(record.category, entry);
				fresh.push(entry);
				continue;
			}
			if (sameFigures(earlier, entry)) continue;
			throw new Failure(
				`listed the usage record of "${String(record.category)}" for ${String(record.start_date)} to ${String(record.end_date)} twice with different figures (price ${decimalToString(earlier.price)} and ${decimalToString(entry.price)}, usage ${decimalToString(earlier.usage)} and ${decimalToString(entry.usage)}), so which holds cannot be told; nothing is returned.`,
				response,
			);
		}
		return fresh;
	}

	/** The record's period, once the record is of what was asked; else a Failure. */
	private check(record: IDataObject, response: PlatformResponse): PeriodRead {
		const { query } = this;
		if (
			!query.labelledByRequest &&
			query.category !== undefined &&
			documentName(record.category) !== query.category
		)
			throw this.notAsked(record, `category ${JSON.stringify(record.category ?? null)}`, response);
		if (record.account_sid !== query.accountSid)
			throw this.notAsked(record, `account_sid ${JSON.stringify(record.account_sid)}`, response);
		const { start_date: start, end_date: end } = record;
		// A period met before has days already checked.
		let period =
			typeof start === 'string' && typeof end === 'string'
				? this.periods.get(start)?.get(end)
				: undefined;
		if (!period) {
			if (typeof start !== 'string' || !DAY.test(start))
				throw this.notAsked(
					record,
					`start_date ${JSON.stringify(start)}, which is no day`,
					response,
				);
			if (typeof end !== 'string' || !DAY.test(end))
				throw this.notAsked(record, `end_date ${JSON.stringify(end)}, which is no day`, response);
			period = { notAsked: this.periodNotAsked({ start, end }) ?? '', byCategory: new Map() };
			const ofStart = this.periods.get(start) ?? new Map<string, PeriodRead>();
			this.periods.set(start, ofStart.set(end, period));
		}
		if (period.notAsked) throw this.notAsked(record, `a period ${period.notAsked}`, response);
		return period;
	}

	private notAsked(record: IDataObject, what: string, response: PlatformResponse): Failure {
		return new Failure(
			`answered the usage record of ${JSON.stringify(record.category ?? null)} for ${String(record.start_date)} to ${String(record.end_date)} with ${what}, while the request asked for ${describeQuery(this.query)}: the answer holds what was not asked for, so it cannot be counted; nothing is returned.`,
			response,
		);
	}
}

/**
 * Every record `query` asks for, page by page, read against it: what the node, its invoice lines
 * and the usage trigger count.
 */
export async function* askedUsageRecords(
	request: (request: PlatformRequest) => Promise<PlatformResponse>,
	query: UsageQuery,
	{ now, maxPages }: { now: DateTime; maxPages?: number },
): AsyncGenerator<ReadRecord[]> {
	const asked = new AskedRecords(query, now);
	const pages = listPages(request, usageRecordsRequest(query), readUsageRecordsPage, maxPages);
	for await (const page of pages) yield asked.fresh(page.entries, page.response);
}

/**
 * Every record `query` asks for, read against it: on Restcomm around a first or last day its
 * server may not read, in `zone` (unreadableDays.ts). What Usage Records and the usage trigger
 * count.
 */
export async function readUsage(
	request: (request: PlatformRequest) => Promise<PlatformResponse>,
	query: UsageQuery,
	options: { now: DateTime; maxPages?: number; zone: string },
): Promise<ReadRecord[]> {
	const reading = readingAround(query, options.zone);
	const read = await Promise.all(
		reading.queries.map(async (each) => {
			const records: ReadRecord[] = [];
			for await (const page of askedUsageRecords(request, each, options)) records.push(...page);
			return records;
		}),
	);
	return reading.combine(read);
}
