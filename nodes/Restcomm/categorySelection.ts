/**
 * Which usage categories a Usage Records call asks for, and how their records are read, by
 * platform. Restcomm-Connect's server computes only calls and sms and labels every record as
 * calls, so there the node asks for each category on its own and labels the records itself;
 * a Twilio-compatible API computes every category, including hundreds beyond the page's list.
 */
import type { IDisplayOptions } from 'n8n-workflow';

import type { InputVariable } from '../shared/inputs';
import { flagInput, textInput } from '../shared/inputs';
import { describe } from '../shared/inputs/variable';
import { checkText } from '../shared/validation';
import { RESTCOMM_CONNECT_CATEGORIES, USAGE_CATEGORY_OPTIONS } from './categories';

const ALL = '';
const LEAVES = 'leaves';

export interface CategorySelection {
	/** The category of each request, in order; undefined: no Category, every one the server has. */
	requests: Array<string | undefined>;
	/** Label each record with its request's category (Restcomm-Connect labels all as calls). */
	labelByRequest: boolean;
	/** Leaf Categories: each unit of usage once, no roll-up beside its parts (usageLines.ts). */
	eachUnitOnce: boolean;
	/** The category the user named, listed or custom; undefined for All and Leaf Categories. */
	named?: string;
	/** False: the account's own usage, without its subaccounts' (Twilio-compatible only). */
	includeSubaccounts: boolean;
}

const restcommComputesAll = flagInput({
	name: 'restcommComputesAllCategories',
	displayName: 'Restcomm Computes All Categories',
	description:
		"Whether the Restcomm server is a build that computes every documented category. Restcomm-Connect's own server computes only calls and sms, and labels every record as calls, so by default only those are asked for.",
	default: false,
});
const customCategory = textInput({
	name: 'customCategory',
	displayName: 'Custom Category',
	description:
		'Twilio-compatible APIs: a category not in the list (Twilio has several hundred, e.g. sms-outbound-tollfree), used instead of Category',
	placeholder: 'sms-outbound-tollfree',
});
const includeSubaccountsInput = (show?: IDisplayOptions['show']) =>
	flagInput({
		name: 'includeSubaccounts',
		displayName: 'Include Subaccounts',
		description:
			"Whether a master account's records hold its subaccounts' usage too (Twilio's default). Turn off to bill the master account alone; Restcomm always reads the one account.",
		show,
		default: true,
	});

/**
 * The category input of Usage Records; `oneCategory` (the usage trigger) offers the categories
 * alone, without All and Leaf Categories. `leavesByDefault`: a node dropped in reads Leaf
 * Categories, whose records are safe to sum (All Categories holds roll-ups beside their parts).
 * `subaccountsShownFor`: where Include Subaccounts shows (Usage Records 2: one account only).
 */
export function categorySelectionInput({
	oneCategory = false,
	leavesByDefault = false,
	subaccountsShownFor,
}: {
	oneCategory?: boolean;
	leavesByDefault?: boolean;
	subaccountsShownFor?: IDisplayOptions['show'];
} = {}): InputVariable<CategorySelection> {
	const includeSubaccounts = includeSubaccountsInput(subaccountsShownFor);
	const choices = oneCategory
		? [...USAGE_CATEGORY_OPTIONS]
		: [
				{ name: 'All Categories', value: ALL },
				{ name: 'Leaf Categories (Each Unit of Usage Once)', value: LEAVES },
				...USAGE_CATEGORY_OPTIONS,
			];
	const categoryProperty = {
		...describe({
			name: 'category',
			displayName: 'Category',
			description: oneCategory
				? 'The usage category to watch (Custom Category: one not in the list). On Restcomm only calls and sms are computed, and any other category would read the calls, so only those two are offered unless Restcomm Computes All Categories is on.'
				: "Only this usage category. All Categories: every category the server has; Leaf Categories: every category whose usage no other one holds, so that nothing is counted twice (a roll-up such as calls, found by its parts' names and prices adding up to its own, is left out; totalprice is everything). On Restcomm only calls and sms are computed, so All and Leaf mean calls and sms, asked for one by one, unless Restcomm Computes All Categories is on.",
		}),
		type: 'options' as const,
		default: oneCategory ? 'calls' : leavesByDefault ? LEAVES : ALL,
		// Sorted by label, as n8n lists options; each category's wire name ends its description.
		options: choices.sort((a, b) => a.name.localeCompare(b.name)),
	};
	const known = new Set<string>(choices.map(({ value }) => value));
	return {
		properties: [
			categoryProperty,
			...customCategory.properties,
			...includeSubaccounts.properties,
			...restcommComputesAll.properties,
		],
		read(context) {
			const raw = context.get('category');
			// All Categories is the empty text, so only a missing value takes the default (Leaf
			// Categories in version 2): an empty one is All.
			const text =
				raw === undefined || raw === null
					? { ok: true as const, value: categoryProperty.default }
					: checkText(raw);
			if (!text.ok) return context.invalid('category', text.reason);
			const category = text.value;
			if (!known.has(category))
				context.invalid(
					'category',
					`"${category}" is not a documented category (use Custom Category)`,
				);
			const custom = customCategory.read(context);
			const subaccounts = includeSubaccounts.read(context);
			const everyCategory = restcommComputesAll.read(context);
			const named = custom || (category === ALL || category === LEAVES ? undefined : category);
			const chosen = (requests: Array<string | undefined>, eachUnitOnce = false) => ({
				requests,
				labelByRequest: false,
				eachUnitOnce,
				named,
				includeSubaccounts: subaccounts,
			});

			if (context.credentials.platform !== 'restcomm') {
				if (custom) return chosen([custom]);
				if (category === ALL) return chosen([undefined]);
				return category === LEAVES ? chosen([undefined], true) : chosen([category]);
			}
			if (custom)
				context.invalid('customCategory', 'Restcomm takes only the documented categories');
			if (everyCategory) {
				if (category === ALL) return chosen([undefined]);
				return category === LEAVES ? chosen([undefined], true) : chosen([category]);
			}
			if (category === ALL || category === LEAVES)
				return { ...chosen([...RESTCOMM_CONNECT_CATEGORIES]), labelByRequest: true };
			if (!RESTCOMM_CONNECT_CATEGORIES.includes(category)) {
				context.invalid(
					'category',
					`Restcomm-Connect's server does not compute "${category}": it computes calls and sms only, and answers any other category with the same call records, labelled as calls. Turn on Restcomm Computes All Categories if your server is a build that computes every documented category.`,
				);
			}
			return { ...chosen([category]), labelByRequest: true };
		},
	};
}

/**
 * The selection for Invoice Lines, where each unit of usage is in one line. Restcomm-Connect's
 * calls and sms are the whole of what its server computes. Elsewhere a named category (listed or
 * custom) is read in one listing of every category, so that a roll-up gives the lines of the
 * categories that hold its usage; no category named gives every category's line once.
 */
export function forInvoiceLines(selection: CategorySelection): CategorySelection {
	if (selection.labelByRequest) return { ...selection, eachUnitOnce: true };
	return { ...selection, requests: [undefined], eachUnitOnce: true };
}

/**
 * Every category of the account was read: its lines must add up to totalprice, with Include
 * Subaccounts on or off (off, totalprice is the account's own).
 */
export const readsEveryCategory = (selection: CategorySelection) =>
	!selection.labelByRequest &&
	selection.named === undefined &&
	selection.requests.length === 1 &&
	selection.requests[0] === undefined;
