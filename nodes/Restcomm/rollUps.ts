/**
 * Which usage categories of one period are roll-ups of others. Twilio reports several hundred
 * categories and publishes no table of which holds which; its roll-ups are named as the start of
 * their parts' names (`sms` holds `sms-inbound`), but not every longer name is a part
 * (`sms-messages-carrierfees` is a fee of its own). So a category is taken as a roll-up when the
 * figures say so: its price equals, within rounding, the sum of the prices of some of the
 * categories whose names extend its own (docs/vendors.md). Pure.
 */
import { isZeroDecimal, ZERO, type Decimal } from '../shared/decimal';
import { ROLL_UPS_BY_THEIR_PAGES } from './rollUpPages';
import { addsUp, SEARCH_BUDGET, subsetsAddingUp, type SentFigure } from './rollUpSearch';

export interface CategoryFigures {
	category: string;
	price: Decimal;
	usage: Decimal;
	/** The number of decimals each figure was sent with. */
	decimals: { price: number; usage: number };
}

export interface RollUps {
	/** Each roll-up, with the categories it holds directly. */
	parts: Map<string, string[]>;
	/**
	 * Categories whose parts cannot be told, each with why: several subsets of their name-children
	 * add up to them (so they are roll-ups), or too many would have to be tried.
	 */
	undecided: Map<string, string>;
}

type Figure = 'price' | 'usage';

/** The nearest category of `names` whose name `name` extends with `-…`; undefined for none. */
function nearestNamedParent(name: string, names: ReadonlySet<string>): string | undefined {
	for (let end = name.lastIndexOf('-'); end > 0; end = name.lastIndexOf('-', end - 1)) {
		const candidate = name.slice(0, end);
		if (names.has(candidate)) return candidate;
	}
	return undefined;
}

const isEmpty = ({ price, usage }: CategoryFigures) => isZeroDecimal(price) && isZeroDecimal(usage);

const sent = (entry: CategoryFigures, figure: Figure): SentFigure => ({
	value: entry[figure],
	decimals: entry.decimals[figure],
});

/**
 * The parts among `children` whose figures add up to the parent's (its price, or its usage when
 * it has no price), within rounding (rollUpSearch.ts). Where several choices add up, those whose
 * usage adds up too; then the one holding what the parent's page names (rollUpPages.ts). Subsets
 * that differ only by parts within rounding of nothing are one choice. Undefined when none adds
 * up: the parent then holds something of its own.
 */
function partsAddingUp(
	parent: CategoryFigures,
	children: CategoryFigures[],
): CategoryFigures[] | { undecided: string } | undefined {
	const figure: Figure = isZeroDecimal(parent.price) ? 'usage' : 'price';
	const candidates = children.filter((child) => !isZeroDecimal(child[figure]));
	if (candidates.length === 0) return undefined;
	const search = subsetsAddingUp(
		sent(parent, figure),
		candidates.map((child) => sent(child, figure)),
	);
	if (search.undecided)
		return {
			undecided: `too many subsets of its ${candidates.length} name-children with a ${figure} add up to its own within rounding, or more than ${SEARCH_BUDGET} would have to be tried`,
		};
	if (search.matches.length === 0) return undefined;
	// A part that rounding alone could hide does not make a choice of its own.
	const hidden = (child: CategoryFigures) =>
		addsUp({ value: ZERO, decimals: parent.decimals[figure] }, [sent(child, figure)]);
	const choices = new Map<string, CategoryFigures[]>();
	for (const match of search.matches) {
		const parts = match.map((index) => candidates[index]);
		const key = parts
			.filter((part) => !hidden(part))
			.map(({ category }) => category)
			.sort()
			.join(',');
		if (!choices.has(key)) choices.set(key, parts);
	}
	let left = [...choices.values()];
	const usageAddsUp = (parts: CategoryFigures[]) =>
		addsUp(
			sent(parent, 'usage'),
			parts.map((part) => sent(part, 'usage')),
		);
	if (left.length > 1 && figure === 'price') {
		const withUsage = left.filter(usageAddsUp);
		if (withUsage.length > 0) left = withUsage;
	}
	const page = ROLL_UPS_BY_THEIR_PAGES.get(parent.category);
	if (left.length > 1 && page) {
		const named = page.parts.filter((name) => candidates.some(({ category }) => category === name));
		const holdingNamed = left.filter((parts) =>
			named.every((name) => parts.some(({ category }) => category === name)),
		);
		if (holdingNamed.length > 0) left = holdingNamed;
	}
	if (left.length === 1) return left[0];
	return {
		undecided: `${left.length} different subsets of its name-children add up to its ${figure}${figure === 'price' ? ' and usage' : ''} within rounding (${left
			.slice(0, 3)
			.map((parts) => parts.map(({ category }) => category).join(' + '))
			.join('; ')}${left.length > 3 ? '; ...' : ''}), and its page names none of them alone`,
	};
}

/**
 * The roll-ups among one period's categories (totalprice aside), each with the categories it
 * holds directly, and those whose parts cannot be told. Longer names are placed first, so that a
 * part is known to be a roll-up or not before its parent is.
 */
export function findRollUps(figures: readonly CategoryFigures[]): RollUps {
	const byName = new Map(figures.map((entry) => [entry.category, entry]));
	const names = new Set(byName.keys());
	const children = new Map<string, CategoryFigures[]>();
	for (const entry of figures) {
		const parent = nearestNamedParent(entry.category, names);
		if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), entry]);
	}
	const found: RollUps = { parts: new Map(), undecided: new Map() };
	const deepestFirst = [...children.keys()].sort((a, b) => b.length - a.length);
	for (const name of deepestFirst) {
		const parent = byName.get(name)!;
		if (isEmpty(parent)) continue;
		const parts = partsAddingUp(parent, children.get(name)!);
		if (Array.isArray(parts))
			found.parts.set(
				name,
				parts.map(({ category }) => category),
			);
		else if (parts) found.undecided.set(name, parts.undecided);
	}
	return found;
}

/** The categories with name-children in the answer: none of them is a category without parts. */
export function namedParents(figures: readonly CategoryFigures[]): Set<string> {
	const names = new Set(figures.map(({ category }) => category));
	return new Set(
		figures
			.map(({ category }) => nearestNamedParent(category, names))
			.filter((parent): parent is string => parent !== undefined),
	);
}

/** The categories that hold a roll-up's usage and are no roll-up themselves. */
export function leavesOfRollUp(name: string, rollUps: ReadonlyMap<string, string[]>): string[] {
	const parts = rollUps.get(name);
	return parts ? parts.flatMap((part) => leavesOfRollUp(part, rollUps)) : [name];
}
