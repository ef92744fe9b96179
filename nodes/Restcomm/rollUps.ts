/**
 * Which usage categories of one period are roll-ups of others. Twilio reports several hundred
 * categories and publishes no table of which holds which; its roll-ups are named as the start of
 * their parts' names (`sms` holds `sms-inbound`), but not every longer name is a part
 * (`sms-messages-carrierfees` is a fee of its own). So a category is taken as a roll-up when the
 * figures say so: its price equals the sum of the prices of some of the categories whose names
 * extend its own (docs/vendors.md). Pure.
 */
import { compareDecimals, isZeroDecimal, sumDecimals, type Decimal } from '../shared/decimal';

export interface CategoryFigures {
	category: string;
	price: Decimal;
	usage: Decimal;
}

// Beyond this many priced parts, only all of them together are tried (4,096 sums at most).
const MOST_PARTS_SEARCHED = 12;

/** The nearest category of `names` whose name `name` extends with `-…`; undefined for none. */
function nearestNamedParent(name: string, names: ReadonlySet<string>): string | undefined {
	for (let end = name.lastIndexOf('-'); end > 0; end = name.lastIndexOf('-', end - 1)) {
		const candidate = name.slice(0, end);
		if (names.has(candidate)) return candidate;
	}
	return undefined;
}

const isEmpty = ({ price, usage }: CategoryFigures) => isZeroDecimal(price) && isZeroDecimal(usage);

/**
 * The parts among `children` whose figures add up to the parent's: its price, or its usage when
 * it has no price; where several choices add up, the one whose usage adds up too. Undefined when
 * none does: the parent then holds something of its own.
 */
function partsAddingUp(
	parent: CategoryFigures,
	children: CategoryFigures[],
): CategoryFigures[] | undefined {
	const figure = isZeroDecimal(parent.price) ? 'usage' : 'price';
	const candidates = children.filter((child) => !isZeroDecimal(child[figure]));
	const total = (parts: CategoryFigures[], of: 'price' | 'usage') =>
		sumDecimals(parts.map((part) => part[of]));
	const matches = (parts: CategoryFigures[]) =>
		parts.length > 0 && compareDecimals(total(parts, figure), parent[figure]) === 0;
	if (candidates.length > MOST_PARTS_SEARCHED) return matches(candidates) ? candidates : undefined;
	let found: CategoryFigures[] | undefined;
	// All the parts first: a roll-up without traps among its names is found at once.
	for (let mask = 2 ** candidates.length - 1; mask > 0; mask--) {
		const parts = candidates.filter((_, index) => mask & (2 ** index));
		if (!matches(parts)) continue;
		if (compareDecimals(total(parts, 'usage'), parent.usage) === 0) return parts;
		found ??= parts;
	}
	return found;
}

/**
 * The roll-ups among one period's categories (totalprice aside), each with the categories it
 * holds directly. Longer names are placed first, so that a part is known to be a roll-up or not
 * before its parent is.
 */
export function findRollUps(figures: readonly CategoryFigures[]): Map<string, string[]> {
	const byName = new Map(figures.map((entry) => [entry.category, entry]));
	const names = new Set(byName.keys());
	const children = new Map<string, CategoryFigures[]>();
	for (const entry of figures) {
		const parent = nearestNamedParent(entry.category, names);
		if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), entry]);
	}
	const rollUps = new Map<string, string[]>();
	const deepestFirst = [...children.keys()].sort((a, b) => b.length - a.length);
	for (const name of deepestFirst) {
		const parent = byName.get(name)!;
		if (isEmpty(parent)) continue;
		const parts = partsAddingUp(parent, children.get(name)!);
		if (parts)
			rollUps.set(
				name,
				parts.map(({ category }) => category),
			);
	}
	return rollUps;
}

/** The categories that hold a roll-up's usage and are no roll-up themselves. */
export function leavesOfRollUp(name: string, rollUps: ReadonlyMap<string, string[]>): string[] {
	const parts = rollUps.get(name);
	return parts ? parts.flatMap((part) => leavesOfRollUp(part, rollUps)) : [name];
}
