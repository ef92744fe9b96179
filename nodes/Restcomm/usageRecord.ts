/**
 * A usage record as the node gives it (docs/vendors.md): the documented fields only, each present,
 * amounts as numbers, with its price and usage also read exactly for adding up; and the same
 * record as an invoice line. Pure.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { isPlainDecimal, readDecimal, ZERO, type Decimal } from '../shared/decimal';
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

/** A usage record as output, with its figures read exactly from what the API sent (0 if none). */
export interface ReadRecord {
	readonly record: IDataObject;
	readonly price: Decimal;
	readonly usage: Decimal;
	readonly count: Decimal;
	/** The number of decimals price and usage were sent with: what their rounding can hide. */
	readonly decimals: { price: number; usage: number };
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

/** Restcomm-Connect ends a Daily record on the next day: such an end is read as that day. */
function dailyEnd(start: unknown, end: unknown, { platform, subresource }: UsageQuery) {
	if (platform !== 'restcomm' || subresource !== 'Daily' || typeof start !== 'string') return end;
	// Any other end stays, for the reader to refuse (askedRecords.ts).
	return end === nextDay(start) ? start : end;
}

/**
 * A figure the API sent that cannot be read exactly as a plain decimal ("1,000.50", "$1.00",
 * "NaN") is a Failure naming the record and the field; one left empty (Twilio's count of
 * totalprice) stays null.
 */
function checkFigure(raw: IDataObject, field: 'usage' | 'count' | 'price'): void {
	const value = raw[field];
	if (value === undefined || value === null || value === '' || isPlainDecimal(value)) return;
	throw new Failure(
		`answered the usage record of ${JSON.stringify(raw.category)} for ${String(raw.start_date)} to ${String(raw.end_date)} with ${field} ${JSON.stringify(value)}, which is not a plain number, so the record cannot be read exactly; nothing is returned.`,
	);
}

/**
 * A record read: its figures as exact decimals only when asked for, since a listing of every
 * category and day holds tens of thousands that are output and never added up.
 */
class SentRecord implements ReadRecord {
	private exact?: Omit<ReadRecord, 'record'>;

	constructor(
		readonly record: IDataObject,
		private readonly raw: IDataObject,
	) {}

	/** The figures read once, on first use. */
	private read(): Omit<ReadRecord, 'record'> {
		const { raw } = this;
		this.exact ??= {
			price: readDecimal(raw.price) ?? ZERO,
			usage: readDecimal(raw.usage) ?? ZERO,
			count: readDecimal(raw.count) ?? ZERO,
			decimals: { price: decimalsSent(raw.price), usage: decimalsSent(raw.usage) },
		};
		return this.exact;
	}

	get price() {
		return this.read().price;
	}

	get usage() {
		return this.read().usage;
	}

	get count() {
		return this.read().count;
	}

	get decimals() {
		return this.read().decimals;
	}
}

/**
 * A record as the API sent it, made the node's record (the documented fields only, each
 * present): Restcomm-Connect's labelled with the category its request asked for (its server
 * labels every record calls), with that category's units.
 */
export function readUsageRecord(raw: IDataObject, query: UsageQuery): ReadRecord {
	checkFigure(raw, 'usage');
	checkFigure(raw, 'count');
	checkFigure(raw, 'price');
	const label = query.labelledByRequest ? query.category : undefined;
	const units = label === undefined ? undefined : USAGE_CATEGORIES.get(label)!;
	// Written out field by field (RECORD_FIELDS, in its order): the fastest way to make tens of
	// thousands of them.
	const record: IDataObject = {
		category: label ?? raw.category ?? null,
		description: units ? units.description : (raw.description ?? null),
		account_sid: raw.account_sid ?? null,
		start_date: raw.start_date ?? null,
		end_date: dailyEnd(raw.start_date, raw.end_date, query) ?? null,
		usage: toAmount(raw.usage),
		usage_unit: units ? units.usageUnit : (raw.usage_unit ?? null),
		count: toAmount(raw.count),
		count_unit: units ? units.countUnit : (raw.count_unit ?? null),
		price: toAmount(raw.price),
		price_unit: raw.price_unit ?? null,
		uri: raw.uri ?? null,
		as_of: raw.as_of ?? null,
		subresource_uris: raw.subresource_uris ?? null,
	};
	return new SentRecord(record, raw);
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
