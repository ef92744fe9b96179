/**
 * The rate card and the exchange rates of Rate Lines (docs/rate-lines.md), read exactly: every
 * figure as a decimal (a number as the shortest decimal that prints it), every mistake refused
 * with the rule and the field it is in, before any line is priced. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	compareDecimals,
	multiplyDecimals,
	readDecimal,
	ZERO,
	type Decimal,
} from '../shared/decimal';
import { SOURCE_PLATFORM_LABELS } from '../shared/platforms';
import {
	AMOUNT_MODELS,
	platformOf,
	type ExchangeRate,
	type ModelName,
	type PercentageTier,
	type PricingModel,
	type RateRule,
	type UnitTier,
} from './rateRules';
import { CardError, currencyOf, figure, isObject, listOf, required, text } from './cardValues';

export { CardError } from './cardValues';

const MODELS: readonly ModelName[] = [
	'per_unit',
	'cost_plus',
	'graduated',
	'volume',
	'package',
	'graduated_percentage',
];
const RULE_FIELDS = new Set([
	'label',
	'platform',
	'category',
	'customer',
	'model',
	'unit_price',
	'markup',
	'tiers',
	'package_size',
	'package_price',
	'free_units',
	'minimum',
	'currency',
]);
/** Tiers in order: each bound above the one before, and only the last open (null). */
function tiersOf<Tier>(
	value: unknown,
	where: string,
	read: (tier: Record<string, unknown>, at: string) => Omit<Tier, 'upTo'>,
): Array<Tier & { upTo: Decimal | null }> {
	if (!Array.isArray(value) || value.length === 0)
		throw new CardError(where, 'must be a non-empty array of tiers');
	let previous: Decimal = ZERO;
	return value.map((tier, position) => {
		const at = `${where}[${position}]`;
		if (!isObject(tier)) throw new CardError(at, 'must be an object');
		const last = position === value.length - 1;
		const upTo = figure(tier.up_to, `${at}.up_to`, { optional: true, positive: true });
		if (last && upTo !== undefined)
			throw new CardError(`${at}.up_to`, 'must be null on the last tier, which has no end');
		if (!last && upTo === undefined)
			throw new CardError(`${at}.up_to`, 'is required on every tier but the last');
		if (upTo !== undefined && compareDecimals(upTo, previous) <= 0)
			throw new CardError(`${at}.up_to`, "must be above the tier before's");
		if (upTo !== undefined) previous = upTo;
		return { ...(read(tier, at) as Tier), upTo: upTo ?? null };
	});
}

/** How a version reads a card: version 2 reads a rate as a percent, as Lago does. */
interface Reading {
	ratesArePercent: boolean;
}

const PERCENT = readDecimal('0.01')!;

function modelOf(rule: Record<string, unknown>, where: string, reading: Reading): PricingModel {
	const name = rule.model;
	if (typeof name !== 'string' || !MODELS.includes(name as ModelName))
		throw new CardError(`${where}.model`, `must be one of ${MODELS.join(', ')}`);
	const fee = (tier: Record<string, unknown>, at: string) =>
		figure(tier.flat_fee, `${at}.flat_fee`, { optional: true }) ?? ZERO;
	switch (name as ModelName) {
		case 'per_unit':
			return { name: 'per_unit', unitPrice: required(rule.unit_price, `${where}.unit_price`) };
		case 'cost_plus':
			return { name: 'cost_plus', markup: required(rule.markup, `${where}.markup`) };
		case 'package':
			return {
				name: 'package',
				packageSize: required(rule.package_size, `${where}.package_size`, true),
				packagePrice: required(rule.package_price, `${where}.package_price`),
			};
		case 'graduated_percentage':
			return {
				name: 'graduated_percentage',
				tiers: tiersOf<PercentageTier>(rule.tiers, `${where}.tiers`, (tier, at) => ({
					rate: reading.ratesArePercent
						? multiplyDecimals(required(tier.rate, `${at}.rate`), PERCENT)
						: required(tier.rate, `${at}.rate`),
					flatFee: fee(tier, at),
				})),
			};
		default:
			return {
				name: name as 'graduated' | 'volume',
				tiers: tiersOf<UnitTier>(rule.tiers, `${where}.tiers`, (tier, at) => ({
					unitPrice: required(tier.unit_price, `${at}.unit_price`),
					flatFee: fee(tier, at),
				})),
			};
	}
}

function ruleOf(value: unknown, index: number, reading: Reading): RateRule {
	const where = `rule ${index + 1}`;
	if (!isObject(value)) throw new CardError(where, 'must be an object');
	const unknown = Object.keys(value).filter((field) => !RULE_FIELDS.has(field));
	if (unknown.length) throw new CardError(where, `has fields no rule takes: ${unknown.join(', ')}`);
	const platformName = text(value.platform, `${where}.platform`, '*');
	const platform = platformName === '*' ? undefined : platformOf(platformName);
	if (platformName !== '*' && !platform)
		throw new CardError(
			`${where}.platform`,
			`"${platformName}" is none of ${Object.keys(SOURCE_PLATFORM_LABELS).join(', ')} or *`,
		);
	const category = text(value.category, `${where}.category`, '*');
	const customer = text(value.customer, `${where}.customer`, '*');
	const model = modelOf(value, where, reading);
	const freeUnits = figure(value.free_units, `${where}.free_units`, { optional: true });
	if (freeUnits && AMOUNT_MODELS.has(model.name))
		throw new CardError(
			`${where}.free_units`,
			`applies to unit-based models only, not ${model.name}`,
		);
	return {
		index,
		platform,
		category,
		customer,
		model,
		freeUnits: freeUnits ?? ZERO,
		minimum: figure(value.minimum, `${where}.minimum`, { optional: true }),
		currency:
			value.currency === undefined || value.currency === null
				? undefined
				: currencyOf(value.currency, `${where}.currency`),
		label: `${platformName} / ${category} / ${customer} : ${model.name}`,
		named:
			value.label === undefined || value.label === null
				? undefined
				: text(value.label, `${where}.label`),
	};
}

/** The rules of a version 1 rate card, given as JSON text or as an array. */
export function readRateCard(value: unknown): RateRule[] {
	const rules = listOf(value, 'the rate card').map((rule, index) =>
		ruleOf(rule, index, { ratesArePercent: false }),
	);
	if (rules.length === 0) throw new CardError('the rate card', 'has no rules');
	return rules;
}

/** The rules of a version 2 rate card: rates as percents; a rule may have a label. */
export function readRulesV2(value: unknown): RateRule[] {
	const rules = listOf(value, "the rate card's rules").map((rule, index) =>
		ruleOf(rule, index, { ratesArePercent: true }),
	);
	if (rules.length === 0)
		throw new CardError(
			'the rate card',
			'has no rules, so nothing has a price: add rules (Rate Card Mode Fields) or a JSON card',
		);
	return rules;
}

/** The exchange rates, one per pair of currencies; none inferred from its inverse. */
export function readExchangeRates(value: unknown): Map<string, ExchangeRate> {
	const rates = new Map<string, ExchangeRate>();
	listOf(value, 'the exchange rates').forEach((entry, position) => {
		const where = `rate ${position + 1}`;
		if (!isObject(entry)) throw new CardError(where, 'must be an object');
		const from = currencyOf(entry.from, `${where}.from`);
		const to = currencyOf(entry.to, `${where}.to`);
		const pair = `${from}->${to}`;
		if (rates.has(pair))
			throw new CardError(`${where}`, `gives a second rate from ${from} to ${to}`);
		const rate = required(entry.rate, `${where}.rate`, true);
		rates.set(pair, {
			from,
			to,
			rate,
			date: entry.date === undefined || entry.date === null ? null : String(entry.date),
			source: entry.source === undefined || entry.source === null ? null : String(entry.source),
		});
	});
	return rates;
}

/** The invoice lines an AI agent hands the node: a list of objects. */
export function readInvoiceLines(value: unknown): IDataObject[] {
	const lines = listOf(value, 'the invoice lines');
	const at = lines.findIndex((line) => !isObject(line));
	if (at >= 0) throw new CardError(`line ${at + 1}`, 'must be an object');
	return lines as IDataObject[];
}
