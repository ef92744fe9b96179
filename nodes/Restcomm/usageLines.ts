/**
 * A Usage Records listing (each record once, askedRecords.ts) as records that hold each unit of
 * money once: no roll-up beside its parts (rollUps.ts), a category no rule places kept as its own, and, when
 * every category was read, checked against the period's totalprice: what no category holds is
 * one `unattributed` record, and records that come to more than totalprice are a Failure, never
 * a negative balance (docs/vendors.md). Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { formatMoney, toMinorUnit } from '../shared/currencies';
import {
	compareDecimals,
	decimalToNumber,
	isZeroDecimal,
	subtractDecimals,
	sumDecimals,
	decimalToString,
	multiplyDecimals,
	readDecimal,
	type Decimal,
	ZERO,
} from '../shared/decimal';
import { Failure } from '../shared/outcome';
import { findRollUps, leavesOfRollUp } from './rollUps';
import type { ReadRecord } from './usageRecord';

export interface EachUnitOnce {
	/** Every category was read: the records must add up to each period's totalprice. */
	reconcile: boolean;
	/** A roll-up the user chose: the records of the categories that hold its usage. */
	rollUp?: string;
	/** The most of totalprice, in percent, that may be in no category (Invoice Lines). */
	unattributedTolerance?: Decimal;
}

export const UNATTRIBUTED = 'unattributed';
const PERCENT = readDecimal('0.01')!;

const periodOf = ({ record }: ReadRecord) =>
	`${String(record.start_date)} to ${String(record.end_date)}`;

/** The records grouped by account and period, in the order they came. */
function byPeriod(records: readonly ReadRecord[]): ReadRecord[][] {
	const periods = new Map<string, ReadRecord[]>();
	for (const entry of records) {
		const key = `${String(entry.record.account_sid)}|${periodOf(entry)}`;
		periods.set(key, [...(periods.get(key) ?? []), entry]);
	}
	return [...periods.values()];
}

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

/** One period's records checked against its totalprice: the unattributed record, if any. */
function reconciled(
	kept: ReadRecord[],
	total: ReadRecord | undefined,
	period: string,
	tolerance: Decimal | undefined,
) {
	if (!total) {
		throw new Failure(
			`answered the usage records of ${period} without totalprice, so their prices cannot be checked to add up to the account's total; nothing is returned.`,
		);
	}
	const currency = String(total.record.price_unit ?? '').toUpperCase();
	const other = kept.find(
		({ record, price }) =>
			!isZeroDecimal(price) && String(record.price_unit ?? '').toUpperCase() !== currency,
	);
	if (other) {
		throw new Failure(
			`priced "${String(other.record.category)}" in ${String(other.record.price_unit)} and totalprice in ${currency} for ${period}, so they cannot be added up; nothing is returned.`,
		);
	}
	const sum = sumDecimals(kept.map(({ price }) => price));
	if (compareDecimals(toMinorUnit(sum, currency), toMinorUnit(total.price, currency)) > 0) {
		throw new Failure(
			`answered usage records whose prices come to ${formatMoney(sum, currency)}, more than the totalprice of ${formatMoney(total.price, currency)} for ${period}: some usage is in two categories (a roll-up whose parts are named otherwise), so the lines cannot be trusted; nothing is returned.`,
		);
	}
	const rest = subtractDecimals(total.price, sum);
	if (compareDecimals(rest, ZERO) <= 0) return [];
	const allowed = tolerance && multiplyDecimals(total.price, multiplyDecimals(tolerance, PERCENT));
	if (allowed && compareDecimals(rest, allowed) > 0) {
		throw new Failure(
			`answered usage records whose prices leave ${formatMoney(rest, currency)} of the totalprice of ${formatMoney(total.price, currency)} for ${period} in no category, more than the ${decimalToString(tolerance)}% that Unattributed Tolerance allows: the invoice would hold a large unexplained line; nothing is returned.`,
		);
	}
	return [unattributedRecord(total.record, rest)];
}

/** The records that hold each unit of money once, period by period, as the options say. */
export function eachUnitOnce(records: readonly ReadRecord[], options: EachUnitOnce): IDataObject[] {
	return byPeriod(records).flatMap((period) => {
		const total = period.find(({ record }) => record.category === 'totalprice');
		const figures = period
			.filter((entry) => entry !== total)
			.map(({ record, price, usage }) => ({ category: String(record.category), price, usage }));
		const rollUps = findRollUps(figures);
		const leaves = options.rollUp ? new Set(leavesOfRollUp(options.rollUp, rollUps)) : undefined;
		const kept = period.filter(({ record }) => {
			const category = String(record.category);
			if (leaves) return leaves.has(category);
			return record !== total?.record && !rollUps.has(category);
		});
		const extra = options.reconcile
			? reconciled(kept, total, periodOf(period[0]), options.unattributedTolerance)
			: [];
		return [...kept.map(({ record }) => record), ...extra];
	});
}
