/**
 * A priced line's id: what the line bills for (platform, customer, category, period) and never
 * what it costs, so that a corrected amount or rate card finds the line Stripe already holds
 * instead of looking like a new one. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { platformOf } from '../RateLines/rateRules';
import { digestOf } from './digest';

export interface LineIdentity {
	/** The source platform's key (`twilio`), whether the line names its key or its label. */
	platform: string;
	customer: string;
	category: string;
	periodStart: string;
	periodEnd: string;
	/**
	 * The rule, for the lines a rule makes on its own: a rule's minimum (category `minimum`) and a
	 * customer's fee (category `fee`, rule `fee: <name>`); '' for every other line.
	 */
	rule: string;
}

/** The categories whose lines are told apart by their rule alone (Rate Lines makes one per rule). */
const CATEGORIES_OF_A_RULE = new Set(['minimum', 'fee']);

const textOf = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/**
 * The identity of a priced line's JSON (Rate Lines' fields), or why it has none: a line without
 * customer, category or period cannot be billed exactly once.
 */
export function lineIdentityOf(json: IDataObject): { identity: LineIdentity } | { reason: string } {
	const customer = textOf(json.customer);
	const category = textOf(json.category);
	const periodStart = textOf(json.period_start);
	const periodEnd = textOf(json.period_end);
	const missing = [
		['customer', customer],
		['category', category],
		['period_start', periodStart],
		['period_end', periodEnd],
	]
		.filter(([, value]) => value === '')
		.map(([field]) => field);
	if (missing.length)
		return {
			reason: `The line has no ${missing.join(', ')}, so it has no line id to bill it once by.`,
		};
	const platformName = textOf(json.platform);
	return {
		identity: {
			platform: platformOf(platformName) ?? platformName,
			customer,
			category,
			periodStart,
			periodEnd,
			rule: CATEGORIES_OF_A_RULE.has(category) ? textOf(json.rate_rule) : '',
		},
	};
}

/** The line id: 32 hex digits, the same for the same identity on every run and every machine. */
export const lineIdOf = (identity: LineIdentity): string =>
	digestOf(
		'line',
		identity.platform,
		identity.customer,
		identity.category,
		identity.periodStart,
		identity.periodEnd,
		identity.rule,
	);
