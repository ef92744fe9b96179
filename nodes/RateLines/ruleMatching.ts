/**
 * Which rule of the rate card prices a line (docs/rate-lines.md): the most specific one that
 * matches the line's platform, category and customer; a tie goes to the earlier rule. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Platform } from '../shared/platforms';
import { platformOf, type RateRule } from './rateRules';

/** A line's field as text, empty when it is not one. */
export const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** What a rule matches a line on. */
export interface Identity {
	customer: string;
	platform: Platform;
	category: string;
}

/** Who and what a line is, which is all a rule matches on. */
export function identityOf(json: IDataObject): Identity | string {
	const platformName = textOf(json.platform);
	const platform = platformOf(platformName);
	const customer = json.customer;
	if (typeof customer !== 'string' || customer === '')
		return 'it names no customer (the invoice-line schema\'s "customer")';
	if (!platform)
		return `its platform ${JSON.stringify(json.platform ?? null)} is none the pack knows`;
	if (typeof json.category !== 'string' || json.category === '') return 'it names no category';
	return { customer, platform, category: json.category };
}

/** A category glob as a test: `*` stands for any text, everything else for itself. */
export const globTest = (glob: string): RegExp =>
	new RegExp(
		`^${glob
			.split('*')
			.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
			.join('.*')}$`,
	);

/**
 * How specific a matching rule is, most significant first: an exact customer, then an exact
 * category (above any glob), a glob's text beyond its `*`s, an exact platform.
 */
function specificity(rule: RateRule): number[] {
	const glob = rule.category.includes('*');
	return [
		rule.customer === '*' ? 0 : 1,
		glob ? 0 : 1,
		glob ? rule.category.replace(/\*/g, '').length : 0,
		rule.platform ? 1 : 0,
	];
}

/** Positive when rank `a` is more specific than `b`: the first place they differ decides. */
function compareRanks(a: readonly number[], b: readonly number[]): number {
	const at = a.findIndex((value, place) => value !== b[place]);
	return at < 0 ? 0 : a[at] - b[at];
}

/** The rule that prices `line`, if any; `categoryTests` are the rules' category globs, in order. */
export function ruleFor(
	rules: readonly RateRule[],
	categoryTests: readonly RegExp[],
	line: Identity,
): RateRule | undefined {
	let best: { rule: RateRule; rank: number[] } | undefined;
	for (const [at, rule] of rules.entries()) {
		if (rule.platform && rule.platform !== line.platform) continue;
		if (rule.customer !== '*' && rule.customer !== line.customer) continue;
		if (!categoryTests[at].test(line.category)) continue;
		const rank = specificity(rule);
		// Rules are looked at in order, so a tie keeps the earlier one.
		if (!best || compareRanks(rank, best.rank) > 0) best = { rule, rank };
	}
	return best?.rule;
}
