/**
 * A usage record as the node gives it (docs/vendors.md): the documented fields only, each present,
 * amounts as numbers, with its price and usage also read exactly for adding up; and the same
 * record as an invoice line. Pure.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { readDecimal, ZERO, type Decimal } from '../shared/decimal';
import { invoiceLine, type InvoiceLine } from '../shared/invoiceLines';
import { toAmount } from '../shared/numbers';
import { Failure } from '../shared/outcome';
import type { UsagePlatform, UsageQuery } from './api';
import { USAGE_CATEGORIES } from './categories';

export const RECORD_FIELDS = [
	'category',
	'description',
	'account_sid',
	'start_date',
	'end_date',
	'usage',
	'usage_unit',
	'count',
	'count_unit',
	'price',
	'price_unit',
	'uri',
	// Twilio's; null from Restcomm, which sends neither.
	'as_of',
	'subresource_uris',
] as const;
const AMOUNTS = new Set(['usage', 'count', 'price']);

/** A usage record as output, with its figures read exactly from what the API sent (0 if none). */
export interface ReadRecord {
	record: IDataObject;
	price: Decimal;
	usage: Decimal;
	count: Decimal;
	/** The number of decimals price and usage were sent with: what their rounding can hide. */
	decimals: { price: number; usage: number };
}

/** The decimals a figure was written with ("10.0000": 4). */
function decimalsSent(value: unknown): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const point = text.indexOf('.');
	return point < 0 ? 0 : text.length - point - 1;
}

const nextDay = (day: string) =>
	DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 }).toISODate();

/**
 * Restcomm-Connect ends a Daily record on the next day; a day's record ends on that day. Any other
 * end stays, for the reader to refuse (askedRecords.ts).
 */
function dailyEndsThatDay(record: IDataObject, { platform, subresource }: UsageQuery) {
	const start = record.start_date;
	if (platform !== 'restcomm' || subresource !== 'Daily' || typeof start !== 'string')
		return record;
	return record.end_date === nextDay(start) ? { ...record, end_date: start } : record;
}

/** A record as labelled with the category it was asked for, with that category's units. */
function labelled(record: IDataObject, category: string | undefined): IDataObject {
	if (category === undefined) return record;
	const { description, usageUnit, countUnit } = USAGE_CATEGORIES.get(category)!;
	return { ...record, category, description, usage_unit: usageUnit, count_unit: countUnit };
}

/**
 * A figure the API sent that cannot be read exactly as a plain decimal ("1,000.50", "$1.00",
 * "NaN") is a Failure naming the record and the field; one left empty (Twilio's count of
 * totalprice) stays null.
 */
function checkFigures(raw: IDataObject): void {
	for (const field of AMOUNTS) {
		const value = raw[field];
		if (value === undefined || value === null || value === '' || readDecimal(value)) continue;
		throw new Failure(
			`answered the usage record of ${JSON.stringify(raw.category)} for ${String(raw.start_date)} to ${String(raw.end_date)} with ${field} ${JSON.stringify(value)}, which is not a plain number, so the record cannot be read exactly; nothing is returned.`,
		);
	}
}

/**
 * A record as the API sent it, made the node's record: Restcomm-Connect's labelled with the
 * category its request asked for (its server labels every record calls).
 */
export function readUsageRecord(raw: IDataObject, query: UsageQuery): ReadRecord {
	checkFigures(raw);
	const record = Object.fromEntries(
		RECORD_FIELDS.map((field) => [
			field,
			AMOUNTS.has(field) ? toAmount(raw[field]) : (raw[field] ?? null),
		]),
	);
	return {
		record: labelled(
			dailyEndsThatDay(record, query),
			query.labelledByRequest ? query.category : undefined,
		),
		price: readDecimal(raw.price) ?? ZERO,
		usage: readDecimal(raw.usage) ?? ZERO,
		count: readDecimal(raw.count) ?? ZERO,
		decimals: { price: decimalsSent(raw.price), usage: decimalsSent(raw.usage) },
	};
}

/**
 * A usage record as an invoice line: the queried account's usage of one category and period. Its
 * period is the one asked: Restcomm labels a Monthly record as the whole month even when the
 * dates cut it.
 */
export function recordLine(
	record: IDataObject,
	platform: UsagePlatform,
	asked: { startDate?: string; endDate?: string },
	customerName: string | null,
) {
	const start = record.start_date as string | null;
	const end = record.end_date as string | null;
	// YYYY-MM-DD texts compare as the days they are.
	const periodStart = start && asked.startDate && asked.startDate > start ? asked.startDate : start;
	const periodEnd = end && asked.endDate && asked.endDate < end ? asked.endDate : end;
	return invoiceLine({
		customer: String(record.account_sid),
		customerName,
		platform,
		category: String(record.category),
		description: String(record.description ?? record.category),
		quantity: (record.usage as number | null) ?? 0,
		unit: String(record.usage_unit ?? ''),
		amount: record.price as number | null,
		currency: (record.price_unit as string | null) ?? null,
		periodStart,
		periodEnd,
		source: String(record.uri ?? ''),
	} satisfies InvoiceLine);
}

/** Nothing to bill: neither usage nor a price. */
export const isEmptyLine = (line: IDataObject) => !line.quantity && !line.amount;
