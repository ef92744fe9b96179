/**
 * One account's usage as Usage Records reads it: every page of each category request, each unit
 * of money once where asked (usageLines.ts), as records or as invoice lines that name the
 * customer.
 */
import type { DateTime } from 'luxon';

import type { SuccessRecord } from '../shared/model';
import type { PlatformRequest, PlatformResponse } from '../shared/request';
import type { Decimal } from '../shared/decimal';
import type { UsagePlatform } from './api';
import { readUsage } from './askedRecords';
import { readsEveryCategory, type CategorySelection } from './categorySelection';
import type { UsageListing } from './usageDates';
import { isEmptyLine, recordLine } from './usageRecord';
import { eachUnitOnce, type WhenNotAddingUp } from './usageLines';

/** What reading any account of one call needs: the same categories, listing and instant. */
export interface UsageReading {
	platform: UsagePlatform;
	request(request: PlatformRequest): Promise<PlatformResponse>;
	/** As they are read: for Invoice Lines, each unit once. */
	categories: CategorySelection;
	listing: UsageListing;
	at: DateTime;
	/** The zone of the server's days. */
	zone: string;
	asLines: boolean;
	options: {
		maxPages?: number;
		unattributedTolerance?: Decimal;
		whenNotAddingUp?: WhenNotAddingUp;
	};
	/** Records only: at most this many; undefined: every one. */
	limit?: number;
}

/**
 * An account's records, or its invoice lines, each named by `nameOf` (asked after its usage,
 * only for lines).
 */
export async function accountItems(
	reading: UsageReading,
	accountSid: string,
	nameOf: (sid: string) => Promise<string | null>,
): Promise<SuccessRecord[]> {
	const { platform, categories, listing, asLines, options } = reading;
	const readCategory = async (category: string | undefined) => {
		const query = {
			platform,
			accountSid,
			subresource: listing.segment,
			category,
			...listing.dates,
			includeSubaccounts: categories.includeSubaccounts,
			labelledByRequest: categories.labelByRequest,
		};
		const { maxPages } = options;
		return await readUsage(reading.request, query, {
			now: reading.at,
			maxPages,
			zone: reading.zone,
		});
	};
	// Each category is a request of its own (Restcomm's calls and sms): side by side, within the
	// vendor's limit, and read in their order; the first that fails, in that order, fails the item.
	const settled = await Promise.allSettled(categories.requests.map(readCategory));
	const failed = settled.find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
	const read = settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
	const records = categories.eachUnitOnce
		? eachUnitOnce(read, {
				reconcile: readsEveryCategory(categories),
				rollUp: categories.named,
				unattributedTolerance: asLines ? options.unattributedTolerance : undefined,
				whenNotAddingUp: options.whenNotAddingUp ?? 'fail',
			})
		: read.map(({ record }) => record);
	if (!asLines) return records.slice(0, reading.limit).map((json) => ({ json }));
	const names = new Map<string, string | null>();
	for (const sid of new Set(records.map((record) => String(record.account_sid))))
		names.set(sid, await nameOf(sid));
	return records
		.map((record) =>
			recordLine(record, platform, listing.dates, names.get(String(record.account_sid)) ?? null),
		)
		.filter((line) => !isEmptyLine(line))
		.map((json) => ({ json }));
}
