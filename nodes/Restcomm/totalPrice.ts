/**
 * One period's records held against its totalprice (docs/vendors.md, "Costs outside every
 * category"): what no category holds is one `unattributed` record; records that come to more than
 * totalprice beyond rounding do not add up. Rounding is half a unit in the last decimal totalprice
 * was sent with, plus half a unit in the last decimal of each record's price. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { formatMoney } from '../shared/currencies';
import {
	addDecimals,
	compareDecimals,
	decimalToNumber,
	decimalToString,
	isZeroDecimal,
	multiplyDecimals,
	readDecimal,
	subtractDecimals,
	sumDecimals,
	ZERO,
	type Decimal,
} from '../shared/decimal';
import { Failure } from '../shared/outcome';
import type { ReadRecord } from './usageRecord';

export const UNATTRIBUTED = 'unattributed';
const PERCENT = readDecimal('0.01')!;
const half = (decimals: number) => readDecimal(`0.${'0'.repeat(decimals)}5`)!;

/** What the sent figures' rounding may account for. */
const roundingOf = (total: ReadRecord, kept: ReadRecord[]) =>
	sumDecimals([total, ...kept].map(({ decimals }) => half(decimals.price)));

/** What totalprice holds beyond every category's price: a record of its own. */
function unattributedRecord(total: IDataObject, amount: Decimal): IDataObject {
	return {
		...total,
		category: UNATTRIBUTED,
		description:
			'Part of totalprice that no usage category holds (the vendor bills some costs outside every category)',
		usage: decimalToNumber(amount),
		count: null,
		count_unit: null,
		price: decimalToNumber(amount),
	};
}

/** The totalprice of a period, or a Failure: without it nothing can be checked. */
export function totalOf(period: readonly ReadRecord[], where: string): ReadRecord {
	const total = period.find(({ record }) => record.category === 'totalprice');
	if (!total)
		throw new Failure(
			`answered the usage records of ${where} without totalprice, so their prices cannot be checked to add up to the account's total; nothing is returned.`,
		);
	return total;
}

export type Reconciled = { records: IDataObject[] } | { overTotal: string };

/**
 * The `unattributed` record a period needs beside `kept`, or why `kept` do not add up: they come
 * to more than totalprice. Another currency is a Failure; so is an unattributed rest beyond
 * `tolerance` percent of totalprice.
 */
export function reconciled(
	kept: ReadRecord[],
	total: ReadRecord,
	where: string,
	tolerance: Decimal | undefined,
): Reconciled {
	const currency = String(total.record.price_unit ?? '').toUpperCase();
	const other = kept.find(
		({ record, price }) =>
			!isZeroDecimal(price) && String(record.price_unit ?? '').toUpperCase() !== currency,
	);
	if (other) {
		throw new Failure(
			`priced "${String(other.record.category)}" in ${String(other.record.price_unit)} and totalprice in ${currency} for ${where}, so they cannot be added up; nothing is returned.`,
		);
	}
	const sum = sumDecimals(kept.map(({ price }) => price));
	const rest = subtractDecimals(total.price, sum);
	const rounding = roundingOf(total, kept);
	if (compareDecimals(addDecimals(rest, rounding), ZERO) < 0)
		return {
			overTotal: `its categories' prices come to ${formatMoney(sum, currency)}, more than the totalprice of ${formatMoney(total.price, currency)} for ${where} beyond rounding: some usage is in two categories (a roll-up whose parts are named otherwise)`,
		};
	if (compareDecimals(rest, rounding) <= 0) return { records: [] };
	const allowed = tolerance && multiplyDecimals(total.price, multiplyDecimals(tolerance, PERCENT));
	if (allowed && compareDecimals(rest, allowed) > 0) {
		throw new Failure(
			`answered usage records whose prices leave ${formatMoney(rest, currency)} of the totalprice of ${formatMoney(total.price, currency)} for ${where} in no category, more than the ${decimalToString(tolerance)}% that Unattributed Tolerance allows: the invoice would hold a large unexplained line; nothing is returned.`,
		);
	}
	return { records: [unattributedRecord(total.record, rest)] };
}

/** The whole of a period as one record: Twilio's total, when its categories do not add up. */
export function totalRecord(total: ReadRecord, why: string): IDataObject {
	const currency = String(total.record.price_unit ?? '').toUpperCase();
	return {
		...total.record,
		description: `Twilio's total for the period, as one line: ${why}`,
		usage: total.record.price,
		usage_unit: currency,
		count: null,
		count_unit: null,
	};
}

/**
 * The categories without parts as they are, and the rest of totalprice as one record: what the
 * roll-ups hold beyond them, when which parts they hold cannot be told.
 */
export function withoutPartsAndRest(
	withoutParts: ReadRecord[],
	total: ReadRecord,
	why: string,
): IDataObject[] {
	const rest = subtractDecimals(total.price, sumDecimals(withoutParts.map(({ price }) => price)));
	if (compareDecimals(addDecimals(rest, roundingOf(total, withoutParts)), ZERO) < 0)
		throw new Failure(
			`answered categories without parts whose prices alone come to more than the totalprice of ${decimalToString(total.price)} (${why}); nothing is returned.`,
		);
	const restRecord = {
		...unattributedRecord(total.record, rest),
		description: `The rest of totalprice beyond the categories without parts, as one line: ${why}`,
	};
	const hasRest = compareDecimals(rest, roundingOf(total, withoutParts)) > 0;
	return [...withoutParts.map(({ record }) => record), ...(hasRest ? [restRecord] : [])];
}
