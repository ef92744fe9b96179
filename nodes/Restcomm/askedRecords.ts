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

export class AskedRecords {
	// Each record read, by account, period and category: a repeat is compared with it.
	private readonly seen = new Map<string, ReadRecord>();
	private readonly periodNotAsked: (period: Period) => string | undefined;
	// Why each period (start and end day) was not asked, or '' if it was: a listing of every
	// category names each period hundreds of times.
	private readonly periodReasons = new Map<string, string>();

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
			this.check(record, response);
			// check() has made account and days texts without a line break.
			const key = `${String(record.account_sid)}\n${String(record.start_date)}\n${String(record.end_date)}\n${JSON.stringify(record.category ?? null)}`;
			const earlier = this.seen.get(key);
			if (!earlier) {
				this.seen.set(key, entry);
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

	private check(record: IDataObject, response: PlatformResponse): void {
		const { query } = this;
		const notAsked = (what: string) =>
			new Failure(
				`answered the usage record of ${JSON.stringify(record.category ?? null)} for ${String(record.start_date)} to ${String(record.end_date)} with ${what}, while the request asked for ${describeQuery(query)}: the answer holds what was not asked for, so it cannot be counted; nothing is returned.`,
				response,
			);
		if (
			!query.labelledByRequest &&
			query.category !== undefined &&
			documentName(record.category) !== query.category
		)
			throw notAsked(`category ${JSON.stringify(record.category ?? null)}`);
		if (record.account_sid !== query.accountSid)
			throw notAsked(`account_sid ${JSON.stringify(record.account_sid)}`);
		const { start_date: start, end_date: end } = record;
		if (typeof start !== 'string' || !DAY.test(start))
			throw notAsked(`start_date ${JSON.stringify(start)}, which is no day`);
		if (typeof end !== 'string' || !DAY.test(end))
			throw notAsked(`end_date ${JSON.stringify(end)}, which is no day`);
		const period = `${start} ${end}`;
		let reason = this.periodReasons.get(period);
		if (reason === undefined) {
			reason = this.periodNotAsked({ start, end }) ?? '';
			this.periodReasons.set(period, reason);
		}
		if (reason) throw notAsked(`a period ${reason}`);
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
