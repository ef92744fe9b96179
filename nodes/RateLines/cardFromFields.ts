/**
 * The rate card object that Rate Lines version 2's fields make (rateCardFields.ts): the same
 * object its JSON mode takes, so that one reader checks both. Figures stay as typed: the reader
 * reads them as exact decimals and names any mistake. Pure: no n8n runtime.
 */
import type { ModelName } from './rateRules';

type Entry = Record<string, unknown>;

/** A model's own fields: a rule keeps only its model's, whatever else the editor still holds. */
const MODEL_FIELDS: Record<ModelName, readonly string[]> = {
	per_unit: ['unit_price'],
	cost_plus: ['markup'],
	graduated: ['tiers'],
	volume: ['tiers'],
	package: ['package_size', 'package_price'],
	graduated_percentage: ['tiers'],
};

export const TIER_MODELS = (Object.keys(MODEL_FIELDS) as ModelName[]).filter((model) =>
	MODEL_FIELDS[model].includes('tiers'),
);

/** Models priced on quantity, to which free units apply (the others price the vendor amount). */
export const UNIT_MODELS: ModelName[] = ['per_unit', 'graduated', 'volume', 'package'];

/**
 * What a tier is priced by, per model. n8n shows a field of a list entry by its own entry's
 * fields only, never by the entry holding it: a tier shows both, and keeps its rule's model's.
 */
const TIER_PRICE: Partial<Record<ModelName, string>> = {
	graduated: 'unit_price',
	volume: 'unit_price',
	graduated_percentage: 'rate',
};

const isEntry = (value: unknown): value is Entry =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A list's entries as n8n hands them, `{ [option]: [...] }`; `{}` or nothing when none. */
function entriesOf(list: unknown, option: string): Entry[] {
	const entries = isEntry(list) ? list[option] : undefined;
	return Array.isArray(entries) ? entries.filter(isEntry) : [];
}

/** The `fields` of `entry` that are filled in, as they are; an empty text is left out. */
function filled(entry: Entry, fields: readonly string[]): Entry {
	const kept: Entry = {};
	for (const field of fields) if (!isBlank(entry[field])) kept[field] = entry[field];
	return kept;
}

const ownFields = (model: unknown): readonly string[] =>
	typeof model === 'string' && Object.prototype.hasOwnProperty.call(MODEL_FIELDS, model)
		? MODEL_FIELDS[model as ModelName]
		: [];

function tierOf(tier: Entry, price: string | undefined): Entry {
	return {
		// Empty on the last tier: it has no end (the reader asks for one on every other tier).
		up_to: isBlank(tier.up_to) ? null : tier.up_to,
		...filled(tier, price ? [price, 'flat_fee'] : ['flat_fee']),
	};
}

function ruleOf(rule: Entry): Entry {
	const model = rule.model as ModelName;
	const own = ownFields(model);
	return {
		...filled(rule, ['label', 'platform', 'category', 'customer', 'model']),
		...filled(
			rule,
			own.filter((field) => field !== 'tiers'),
		),
		...(own.includes('tiers')
			? { tiers: entriesOf(rule.tiers, 'tier').map((tier) => tierOf(tier, TIER_PRICE[model])) }
			: {}),
		...filled(rule, UNIT_MODELS.includes(model) ? ['free_units'] : []),
		...filled(rule, ['minimum', 'currency']),
	};
}

/**
 * "1, 3, SMS": a text of digits is a rule's position (from 1), any other a label. An
 * expression's array is read alike; what is neither a text nor blank is left to the reader.
 */
function subscribedRules(value: unknown): unknown[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: isBlank(value)
				? []
				: [value];
	return entries.flatMap((entry) => {
		if (typeof entry !== 'string') return isBlank(entry) ? [] : [entry];
		const named = entry.trim();
		if (named === '') return [];
		return [/^\d+$/.test(named) ? Number(named) : named];
	});
}

function customerOf(customer: Entry): Entry {
	const minimum = filled({ amount: customer.minimum, currency: customer.minimum_currency }, [
		'amount',
		'currency',
	]);
	return {
		...filled(customer, ['id', 'name', 'starts_on', 'ends_on']),
		rules: subscribedRules(customer.rules),
		// Half a minimum is kept, so that the reader names what is missing.
		...(Object.keys(minimum).length ? { minimum } : {}),
		fees: entriesOf(customer.fees, 'fee').map((fee) => ({
			...filled(fee, ['name', 'amount', 'currency']),
			prorated: isBlank(fee.prorated) ? false : fee.prorated,
		})),
	};
}

/**
 * The rate card the fields make, from the Rules and Customers values as n8n hands them to the
 * node (`{ rule: [...] }`, `{ customer: [...] }`; `{}` or undefined when empty).
 */
export function cardFromFields(
	rules: unknown,
	customers: unknown,
): { rules: object[]; customers: object[] } {
	return {
		rules: entriesOf(rules, 'rule').map(ruleOf),
		customers: entriesOf(customers, 'customer').map(customerOf),
	};
}
