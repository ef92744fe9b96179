/**
 * Rate Lines' engine: invoice lines in, what each customer pays out (docs/rate-lines.md).
 * Each line takes the most specific rule that matches it; the lines of one customer under one
 * rule in one period form a group, whose tiers, free units and minimum apply to its summed usage;
 * the group's charge is computed exactly, rounded once and spread back over its lines. A line
 * that cannot be priced fails its whole group. The result depends on the lines, never on their
 * order. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { PLATFORM_LABELS } from '../shared/platforms';
import {
	GroupFailure,
	rateGroup,
	type GroupLine,
	type GroupOutcome,
	type GroupTerms,
} from './groupPricing';
import type { ExchangeRate, RateRule } from './rateRules';
import { globTest, identityOf, ruleFor } from './ruleMatching';

/** An input line as it came (an item's JSON) and where it came from. */
export interface LineIn {
	item: number;
	json: IDataObject;
}

export interface RatingResult {
	/** Each group priced, by customer and rule. */
	groups: RatedGroup[];
	/** Each priced line, in the input's order. */
	priced: Array<{ item: number; json: IDataObject }>;
	/** The lines a minimum adds, one per group below its minimum, with the group's items. */
	minimums: Array<{ items: number[]; json: IDataObject }>;
	/** Each line that could not be priced, and why. */
	failed: Array<{ item: number; json: IDataObject; reason: string }>;
}

/** How a version groups lines and prices a group. */
export interface RatingTerms {
	/** Beside customer and rule, what keeps the lines of a group together. */
	groupKey(line: LineIn, rule: RateRule): unknown;
	group: GroupTerms;
}

/** Version 1: a group is a customer's lines under a rule in one period, as the lines give it. */
export const BY_LINE_PERIOD: RatingTerms = {
	groupKey: ({ json }) => [json.period_start ?? null, json.period_end ?? null],
	group: { firstTierAtZero: false },
};

/** A group of a customer's lines under a rule, as the lines of one group priced together. */
export interface RatedGroup {
	customer: string;
	rule: RateRule;
}

/** Every line rated with `rules`, converting with `rates`, grouped as `terms` say. */
export function rateLines(
	lines: readonly LineIn[],
	rules: readonly RateRule[],
	rates: ReadonlyMap<string, ExchangeRate>,
	terms: RatingTerms = BY_LINE_PERIOD,
): RatingResult {
	const result: RatingResult = { groups: [], priced: [], minimums: [], failed: [] };
	const groups = new Map<string, { rule: RateRule; lines: GroupLine[] }>();
	const categoryTests = rules.map((rule) => globTest(rule.category));
	for (const line of lines) {
		const identity = identityOf(line.json);
		if (typeof identity === 'string') {
			result.failed.push({ ...line, reason: `It cannot be rated: ${identity}.` });
			continue;
		}
		const rule = ruleFor(rules, categoryTests, identity);
		if (!rule) {
			result.failed.push({
				...line,
				reason: `No rule of the rate card matches platform ${PLATFORM_LABELS[identity.platform]}, category ${identity.category} and customer ${identity.customer}, so the line is not priced.`,
			});
			continue;
		}
		const key = JSON.stringify([identity.customer, rule.index, terms.groupKey(line, rule)]);
		const group = groups.get(key) ?? { rule, lines: [] };
		group.lines.push({ ...line, identity });
		groups.set(key, group);
	}
	for (const { rule, lines: members } of groups.values()) {
		let outcome: GroupOutcome | undefined;
		let failure: unknown;
		try {
			outcome = rateGroup(rule, members, rates, terms.group);
		} catch (error) {
			failure = error;
		}
		if (failure instanceof GroupFailure) {
			const customer = members[0].identity.customer;
			for (const line of members)
				result.failed.push({
					item: line.item,
					json: line.json,
					reason: `The group of customer ${customer} under ${rule.label} cannot be priced: ${failure.message}; none of its ${members.length} lines is priced.`,
				});
			continue;
		}
		// Anything else is a defect of the engine, not of the lines: it stops the run.
		if (!outcome) throw failure;
		result.groups.push({ customer: members[0].identity.customer, rule });
		result.priced.push(...outcome.lines);
		if (outcome.minimum) result.minimums.push(outcome.minimum);
	}
	result.priced.sort((a, b) => a.item - b.item);
	result.failed.sort((a, b) => a.item - b.item);
	result.minimums.sort((a, b) => (JSON.stringify(a.json) < JSON.stringify(b.json) ? -1 : 1));
	return result;
}
