/**
 * One group's price (docs/rate-lines.md): the lines of one customer under one rule in one period,
 * whose tiers, free units and minimum apply to their summed usage. The charge is computed
 * exactly, rounded once and spread back over the lines; a line that cannot be priced fails the
 * whole group. Pure.
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
import { PLATFORM_LABELS } from '../shared/platforms';
import { chargeOf } from './charges';
import { AMOUNT_MODELS, type ExchangeRate, type RateRule } from './rateRules';
import { textOf, type Identity } from './ruleMatching';
import { spread } from './spread';

/** Why a group cannot be priced: each of its lines fails with it. */
export class GroupFailure extends Error {}

const nullableText = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value : null;

/** A line of a group: as it came, where it came from, and who and what it is. */
export interface GroupLine {
	item: number;
	json: IDataObject;
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

export interface GroupOutcome {
	lines: Array<{ item: number; json: IDataObject }>;
	minimum?: { items: number[]; json: IDataObject };
}

/** How a version prices a group: what zero usage costs, and the period a minimum line names. */
export interface GroupTerms {
	/** Version 2: a tiered model's first flat fee for zero usage, as Lago charges it. */
	firstTierAtZero: boolean;
	/** The billing month's days (version 2); else the lines' own period. */
	period?: { start: string; end: string };
}

export function rateGroup(
	rule: RateRule,
	lines: readonly GroupLine[],
	rates: ReadonlyMap<string, ExchangeRate>,
	terms: GroupTerms = { firstTierAtZero: false },
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
		// A line whose quantity is money (Usage Records' one line with Twilio's total) has no usage
		// a per-unit or tiered model could count.
		const inMoney = ordered.find(
			({ json }) =>
				textOf(json.unit) !== '' &&
				textOf(json.unit).toUpperCase() === textOf(json.currency).toUpperCase(),
		);
		if (inMoney)
			throw new GroupFailure(
				`line ${inMoney.item + 1} counts in ${textOf(inMoney.json.unit)}: its quantity is money (${textOf(inMoney.json.description)}), which only an amount model (cost_plus, graduated_percentage) can price, not ${rule.model.name}`,
			);
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
	const charge = roundDecimal(chargeOf(rule.model, usage, terms.firstTierAtZero), places);
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
				period_start: terms.period?.start ?? first.json.period_start ?? null,
				period_end: terms.period?.end ?? first.json.period_end ?? null,
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
