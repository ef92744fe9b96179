/**
 * A Usage Records listing (each record once, askedRecords.ts) as records that hold each unit of
 * money once: no roll-up beside its parts (rollUps.ts), a category no rule places kept as its
 * own, and, when every category was read, checked against the period's totalprice (totalPrice.ts):
 * what no category holds is one `unattributed` record; records that come to more than
 * totalprice do not add up, and give what When Categories Do Not Add Up says (docs/vendors.md).
 * Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Decimal } from '../shared/decimal';
import { Failure } from '../shared/outcome';
import { findRollUps, leavesOfRollUp, namedParents, type RollUps } from './rollUps';
import { reconciled, totalOf, totalRecord, withoutPartsAndRest } from './totalPrice';
import type { ReadRecord } from './usageRecord';

export { UNATTRIBUTED } from './totalPrice';

/** What the records give when every category was read and they do not add up to totalprice. */
export type WhenNotAddingUp = 'fail' | 'categoriesWithoutParts' | 'oneLine';

export interface EachUnitOnce {
	/** Every category was read: the records must add up to each period's totalprice. */
	reconcile: boolean;
	/** A roll-up the user chose: the records of the categories that hold its usage. */
	rollUp?: string;
	/** The most of totalprice, in percent, that may be in no category (Invoice Lines). */
	unattributedTolerance?: Decimal;
	whenNotAddingUp: WhenNotAddingUp;
}

const periodOf = ({ record }: ReadRecord) =>
	`${String(record.start_date)} to ${String(record.end_date)}`;

/** The records grouped by account and period, in the order they came. */
function byPeriod(records: readonly ReadRecord[]): ReadRecord[][] {
	const periods = new Map<string, ReadRecord[]>();
	for (const entry of records) {
		const key = `${String(entry.record.account_sid)}|${periodOf(entry)}`;
		const period = periods.get(key);
		if (period) period.push(entry);
		else periods.set(key, [entry]);
	}
	return [...periods.values()];
}

const nameOf = ({ record }: ReadRecord) => String(record.category);

/** The records of the categories that hold a chosen roll-up, which must be told apart. */
function ofNamedRollUp(period: ReadRecord[], rollUps: RollUps, name: string, where: string) {
	const leaves = new Set(leavesOfRollUp(name, rollUps.parts));
	// The chosen roll-up and the roll-ups under it: each must have parts that can be told.
	const tree = (category: string): string[] => [
		category,
		...(rollUps.parts.get(category) ?? []).flatMap(tree),
	];
	const undecided = tree(name).find((category) => rollUps.undecided.has(category));
	if (undecided)
		throw new Failure(
			`answered the usage records of ${where} so that the parts of "${undecided}" cannot be told: ${rollUps.undecided.get(undecided)}; nothing is returned.`,
		);
	return period.filter((entry) => leaves.has(nameOf(entry)));
}

/** The records that hold each unit of money once, period by period, as the options say. */
export function eachUnitOnce(records: readonly ReadRecord[], options: EachUnitOnce): IDataObject[] {
	return byPeriod(records).flatMap((period) => {
		const where = periodOf(period[0]);
		const categories = period.filter((entry) => nameOf(entry) !== 'totalprice');
		const figures = categories.map(({ record, price, usage, decimals }) => ({
			category: String(record.category),
			price,
			usage,
			decimals,
		}));
		const rollUps = findRollUps(figures);
		if (options.rollUp)
			return ofNamedRollUp(categories, rollUps, options.rollUp, where).map(({ record }) => record);
		// A roll-up whose parts cannot be told still holds nothing of its own beyond them.
		const kept = categories.filter(
			(entry) => !rollUps.parts.has(nameOf(entry)) && !rollUps.undecided.has(nameOf(entry)),
		);
		if (!options.reconcile) return kept.map(({ record }) => record);
		const total = totalOf(period, where);
		const checked = reconciled(kept, total, where, options.unattributedTolerance);
		if ('records' in checked) return [...kept.map(({ record }) => record), ...checked.records];
		if (options.whenNotAddingUp === 'oneLine') return [totalRecord(total, checked.overTotal)];
		if (options.whenNotAddingUp === 'categoriesWithoutParts') {
			const parents = namedParents(figures);
			const withoutParts = categories.filter((entry) => !parents.has(nameOf(entry)));
			return withoutPartsAndRest(withoutParts, total, checked.overTotal);
		}
		throw new Failure(
			`answered usage records for ${where} whose categories do not add up: ${checked.overTotal}. Nothing is returned; When Categories Do Not Add Up (under Options) can bill the categories without parts and the rest as one line, or Twilio's total as one line.`,
		);
	});
}
