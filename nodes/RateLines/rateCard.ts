/**
 * The rate card and the exchange rates of Rate Lines (docs/rate-lines.md), read exactly: every
 * figure as a decimal (a number as the shortest decimal that prints it), every mistake refused
 * with the rule and the field it is in, before any line is priced. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { compareDecimals, readDecimal, ZERO, type Decimal } from '../shared/decimal';
import { PLATFORM_LABELS } from '../shared/platforms';
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

/** A rate card or exchange-rate mistake: where it is (e.g. `rule 2, "tiers"[1].up_to`) and why. */
export class CardError extends Error {
	constructor(
		readonly where: string,
		readonly reason: string,
	) {
		super(`${where}: ${reason}`);
		this.name = 'CardError';
	}
}

const MODELS: readonly ModelName[] = [
	'per_unit',
	'cost_plus',
	'graduated',
	'volume',
	'package',
	'graduated_percentage',
];
const RULE_FIELDS = new Set([
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
const CURRENCY = /^[A-Za-z]{3}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list given as JSON text or as the value itself (an expression's array). */
function listOf(value: unknown, what: string): unknown[] {
	let parsed = value;
	let unreadable: string | undefined;
	if (typeof value === 'string') {
		if (value.trim() === '') return [];
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			unreadable = (error as Error).message;
		}
	}
	if (unreadable !== undefined) throw new CardError(what, `is not valid JSON (${unreadable})`);
	if (!Array.isArray(parsed)) throw new CardError(what, 'must be an array');
	return parsed;
}

function figure(
	value: unknown,
	where: string,
	{ positive = false, optional = false } = {},
): Decimal | undefined {
	if (value === undefined || value === null) {
		if (optional) return undefined;
		throw new CardError(where, 'is required');
	}
	const read = readDecimal(value);
	if (!read) throw new CardError(where, `${JSON.stringify(value)} is not a plain decimal`);
	const sign = compareDecimals(read, ZERO);
	if (sign < 0 || (positive && sign === 0))
		throw new CardError(where, `must be ${positive ? 'above' : 'at least'} 0`);
	return read;
}
const required = (value: unknown, where: string, positive = false) =>
	figure(value, where, { positive }) as Decimal;

function text(value: unknown, where: string, fallback?: string): string {
	if (value === undefined || value === null) {
		if (fallback !== undefined) return fallback;
		throw new CardError(where, 'is required');
	}
	if (typeof value !== 'string' || value.trim() === '')
		throw new CardError(where, 'must be a non-empty text');
	return value.trim();
}

function currencyOf(value: unknown, where: string): string {
	const code = text(value, where);
	if (!CURRENCY.test(code)) throw new CardError(where, `"${code}" is not an ISO 4217 code`);
	return code.toUpperCase();
}

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

function modelOf(rule: Record<string, unknown>, where: string): PricingModel {
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
					rate: required(tier.rate, `${at}.rate`),
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

function ruleOf(value: unknown, index: number): RateRule {
	const where = `rule ${index + 1}`;
	if (!isObject(value)) throw new CardError(where, 'must be an object');
	const unknown = Object.keys(value).filter((field) => !RULE_FIELDS.has(field));
	if (unknown.length) throw new CardError(where, `has fields no rule takes: ${unknown.join(', ')}`);
	const platformName = text(value.platform, `${where}.platform`, '*');
	const platform = platformName === '*' ? undefined : platformOf(platformName);
	if (platformName !== '*' && !platform)
		throw new CardError(
			`${where}.platform`,
			`"${platformName}" is none of ${Object.keys(PLATFORM_LABELS).join(', ')} or *`,
		);
	const category = text(value.category, `${where}.category`, '*');
	const customer = text(value.customer, `${where}.customer`, '*');
	const model = modelOf(value, where);
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
	};
}

/** The rules of a rate card, given as JSON text or as an array. */
export function readRateCard(value: unknown): RateRule[] {
	const rules = listOf(value, 'the rate card').map(ruleOf);
	if (rules.length === 0) throw new CardError('the rate card', 'has no rules');
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
