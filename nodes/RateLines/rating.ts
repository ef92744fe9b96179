/**
 * Rate Lines' engine: invoice lines in, what each customer pays out (docs/rate-lines.md).
 * Each line takes the most specific rule that matches it; the lines of one customer under one
 * rule in one period form a group, whose tiers, free units and minimum apply to its summed usage;
 * the group's charge is computed exactly, rounded once and spread back over its lines. A line
 * that cannot be priced fails its whole group. The result depends on the lines, never on their
 * order. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { minorUnits } from '../shared/currencies';
import {
	compareDecimals,
	decimalToNumber,
	multiplyDecimals,
	readDecimal,
	roundDecimal,
	subtractDecimals,
	sumDecimals,
	ZERO,
	type Decimal,
} from '../shared/decimal';
import { PLATFORM_LABELS, type Platform } from '../shared/platforms';
import { chargeOf } from './charges';
import { AMOUNT_MODELS, platformOf, type ExchangeRate, type RateRule } from './rateCard';
import { spread } from './spread';

/** An input line as it came (an item's JSON) and where it came from. */
export interface LineIn {
	item: number;
	json: IDataObject;
}

export interface RatingResult {
	/** Each priced line, in the input's order. */
	priced: Array<{ item: number; json: IDataObject }>;
	/** The lines a minimum adds, one per group below its minimum, with the group's items. */
	minimums: Array<{ items: number[]; json: IDataObject }>;
	/** Each line that could not be priced, and why. */
	failed: Array<{ item: number; json: IDataObject; reason: string }>;
}

class GroupFailure extends Error {}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
const nullableText = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value : null;

interface Identity {
	customer: string;
	platform: Platform;
	category: string;
}

/** Who and what a line is, which is all a rule matches on. */
function identityOf(json: IDataObject): Identity | string {
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
const globTest = (glob: string): RegExp =>
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

function ruleFor(
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

interface GroupLine extends LineIn {
	identity: Identity;
}

interface Figures {
	quantity: Decimal;
	/** The vendor's amount in its own currency, or null when it prices nothing. */
	cost: Decimal | null;
	costCurrency: string | null;
	/** The cost in the sell currency, and the rate that converted it, if one did. */
	costInSell: Decimal | null;
	rate: ExchangeRate | undefined;
}

function figuresOf(
	line: GroupLine,
	sellCurrency: string,
	rates: ReadonlyMap<string, ExchangeRate>,
): Figures {
	const { json } = line;
	const where = `line ${line.item + 1}`;
	const quantity = readDecimal(json.quantity);
	if (!quantity)
		throw new GroupFailure(
			`${where}: its quantity ${JSON.stringify(json.quantity ?? null)} is not a plain decimal`,
		);
	if (compareDecimals(quantity, ZERO) < 0)
		throw new GroupFailure(`${where}: its quantity is negative`);
	if (json.amount === null || json.amount === undefined)
		return { quantity, cost: null, costCurrency: null, costInSell: null, rate: undefined };
	const cost = readDecimal(json.amount);
	if (!cost)
		throw new GroupFailure(
			`${where}: its amount ${JSON.stringify(json.amount)} is not a plain decimal`,
		);
	const costCurrency = nullableText(json.currency)?.toUpperCase() ?? null;
	if (!costCurrency) throw new GroupFailure(`${where}: its amount has no currency`);
	if (costCurrency === sellCurrency)
		return { quantity, cost, costCurrency, costInSell: cost, rate: undefined };
	const rate = rates.get(`${costCurrency}->${sellCurrency}`);
	if (!rate)
		throw new GroupFailure(
			`${where} costs in ${costCurrency} and sells in ${sellCurrency}, and the exchange rates give none from ${costCurrency} to ${sellCurrency}`,
		);
	return { quantity, cost, costCurrency, costInSell: multiplyDecimals(cost, rate.rate), rate };
}

/** The group's sell currency: the rule's, else the one cost currency its lines share. */
function sellCurrencyOf(rule: RateRule, lines: readonly GroupLine[]): string {
	if (rule.currency) return rule.currency;
	const currencies = new Set(
		lines.map(({ json }) => nullableText(json.currency)?.toUpperCase() ?? null),
	);
	const [only] = currencies;
	if (currencies.size === 1 && only) return only;
	throw new GroupFailure(
		currencies.has(null)
			? `rule ${rule.index + 1} names no currency, and lines without a cost currency need one`
			: `rule ${rule.index + 1} names no currency, and its lines cost in ${[...currencies].join(' and ')}`,
	);
}

const orderKey = ({ identity, json }: GroupLine) =>
	JSON.stringify([identity.customer, identity.category, textOf(json.source), json]);

const money = (units: bigint, currency: string): Decimal => ({
	units,
	scale: minorUnits(currency),
});

interface GroupOutcome {
	lines: Array<{ item: number; json: IDataObject }>;
	minimum?: { items: number[]; json: IDataObject };
}

function rateGroup(
	rule: RateRule,
	lines: readonly GroupLine[],
	rates: ReadonlyMap<string, ExchangeRate>,
): GroupOutcome {
	const keys = new Map(lines.map((line) => [line, orderKey(line)]));
	const ordered = [...lines].sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : 1));
	const sellCurrency = sellCurrencyOf(rule, ordered);
	const figures = ordered.map((line) => figuresOf(line, sellCurrency, rates));
	const byAmount = AMOUNT_MODELS.has(rule.model.name);
	let weights: Decimal[];
	let usage: Decimal;
	if (byAmount) {
		const missing = figures.findIndex(({ costInSell }) => costInSell === null);
		if (missing >= 0)
			throw new GroupFailure(
				`line ${ordered[missing].item + 1} has no vendor amount, which ${rule.model.name} prices`,
			);
		weights = figures.map(({ costInSell }) => costInSell as Decimal);
		if (weights.some((weight) => compareDecimals(weight, ZERO) < 0))
			throw new GroupFailure(
				`a line's vendor amount is negative, which ${rule.model.name} cannot price`,
			);
		usage = sumDecimals(weights);
	} else {
		const units = new Set(ordered.map(({ json }) => textOf(json.unit)));
		if (units.size > 1)
			throw new GroupFailure(
				`its lines count in different units (${[...units].sort().join(', ')}), which one ${rule.model.name} rule cannot add up`,
			);
		weights = figures.map(({ quantity }) => quantity);
		const billable = subtractDecimals(sumDecimals(weights), rule.freeUnits);
		usage = compareDecimals(billable, ZERO) > 0 ? billable : ZERO;
	}
	const places = minorUnits(sellCurrency);
	const charge = roundDecimal(chargeOf(rule.model, usage), places);
	const chargeUnits = charge.units * 10n ** BigInt(places - charge.scale);
	const shares = spread(chargeUnits, weights);

	const rated = ordered.map((line, at) => {
		const { cost, costCurrency, costInSell, rate } = figures[at];
		const sell = money(shares[at], sellCurrency);
		return {
			item: line.item,
			json: {
				...line.json,
				cost_amount: cost === null ? null : decimalToNumber(cost),
				cost_currency: costCurrency,
				sell_amount: decimalToNumber(sell),
				sell_currency: sellCurrency,
				rate_rule: rule.label,
				margin: costInSell === null ? null : decimalToNumber(subtractDecimals(sell, costInSell)),
				...(rate
					? { fx_rate: decimalToNumber(rate.rate), fx_date: rate.date, fx_source: rate.source }
					: {}),
			},
		};
	});
	const outcome: GroupOutcome = {
		lines: rated.sort((a, b) => a.item - b.item),
	};
	if (rule.minimum && compareDecimals(charge, rule.minimum) < 0) {
		const topUp = subtractDecimals(rule.minimum, charge);
		if (compareDecimals(roundDecimal(topUp, places), topUp) !== 0)
			throw new GroupFailure(
				`rule ${rule.index + 1}'s minimum has more decimals than ${sellCurrency}'s minor unit (${places})`,
			);
		const first = ordered[0];
		outcome.minimum = {
			items: lines.map(({ item }) => item).sort((a, b) => a - b),
			json: {
				customer: first.identity.customer,
				customer_name: first.json.customer_name ?? null,
				platform: PLATFORM_LABELS[first.identity.platform],
				category: 'minimum',
				description: `Minimum charge of ${rule.label}`,
				quantity: 1,
				unit: 'minimum',
				amount: null,
				currency: null,
				period_start: first.json.period_start ?? null,
				period_end: first.json.period_end ?? null,
				source: rule.label,
				cost_amount: null,
				cost_currency: null,
				sell_amount: decimalToNumber(topUp),
				sell_currency: sellCurrency,
				rate_rule: rule.label,
				margin: null,
			},
		};
	}
	return outcome;
}

/** Every line rated with `rules`, converting with `rates`. */
export function rateLines(
	lines: readonly LineIn[],
	rules: readonly RateRule[],
	rates: ReadonlyMap<string, ExchangeRate>,
): RatingResult {
	const result: RatingResult = { priced: [], minimums: [], failed: [] };
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
		const key = JSON.stringify([
			identity.customer,
			rule.index,
			line.json.period_start ?? null,
			line.json.period_end ?? null,
		]);
		const group = groups.get(key) ?? { rule, lines: [] };
		group.lines.push({ ...line, identity });
		groups.set(key, group);
	}
	for (const { rule, lines: members } of groups.values()) {
		let outcome: GroupOutcome | undefined;
		let failure: unknown;
		try {
			outcome = rateGroup(rule, members, rates);
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
		result.priced.push(...outcome.lines);
		if (outcome.minimum) result.minimums.push(outcome.minimum);
	}
	result.priced.sort((a, b) => a.item - b.item);
	result.failed.sort((a, b) => a.item - b.item);
	result.minimums.sort((a, b) => (JSON.stringify(a.json) < JSON.stringify(b.json) ? -1 : 1));
	return result;
}
