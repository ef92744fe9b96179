/**
 * A version 2 rate card (docs/rate-lines.md): its rules, read as version 1 reads them but with a
 * graduated percentage's rate as a percent, as Lago writes it, and the customers it lists, each
 * with what it subscribes to and owes whatever its usage (a billing system's subscription: its
 * charges, fixed fees and minimum commitment). Given as JSON text, as an array of rules, or as an
 * object { rules, customers }. Pure.
 */
import { DateTime } from 'luxon';

import { CardError, currencyOf, figure, isObject, listOf, required, text } from './cardValues';
import { readRulesV2 } from './rateCard';
import type { CustomerTerms, Fee, RateCard, RateRule } from './rateRules';

const CARD_FIELDS = new Set(['rules', 'customers']);
const CUSTOMER_FIELDS = new Set(['id', 'name', 'starts_on', 'ends_on', 'rules', 'minimum', 'fees']);
const FEE_FIELDS = new Set(['name', 'amount', 'currency', 'prorated']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function onlyFields(value: Record<string, unknown>, fields: ReadonlySet<string>, where: string) {
	const unknown = Object.keys(value).filter((field) => !fields.has(field));
	if (unknown.length)
		throw new CardError(where, `has fields it does not take: ${unknown.join(', ')}`);
}

function dayOf(value: unknown, where: string): string | null {
	if (value === undefined || value === null || value === '') return null;
	const day = text(value, where);
	if (!DAY.test(day) || !DateTime.fromISO(day, { zone: 'utc' }).isValid)
		throw new CardError(where, `"${day}" is not a day (YYYY-MM-DD)`);
	return day;
}

function feeOf(value: unknown, where: string): Fee {
	if (!isObject(value)) throw new CardError(where, 'must be an object');
	onlyFields(value, FEE_FIELDS, where);
	if (value.prorated !== undefined && typeof value.prorated !== 'boolean')
		throw new CardError(`${where}.prorated`, 'must be true or false');
	return {
		name: text(value.name, `${where}.name`),
		amount: required(value.amount, `${where}.amount`),
		currency: currencyOf(value.currency, `${where}.currency`),
		prorated: value.prorated === true,
	};
}

/** The rules a customer subscribes to: 1-based positions, or the labels the rules are given. */
function subscribedRules(value: unknown, rules: readonly RateRule[], where: string): number[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new CardError(where, 'must be an array of positions or labels');
	return value.map((entry, at) => {
		if (typeof entry === 'number') {
			if (!Number.isInteger(entry) || entry < 1 || entry > rules.length)
				throw new CardError(
					`${where}[${at}]`,
					`${entry} is no rule's position (1 to ${rules.length})`,
				);
			return entry - 1;
		}
		const label = text(entry, `${where}[${at}]`);
		const named = rules.filter((rule) => rule.named === label);
		if (named.length !== 1)
			throw new CardError(
				`${where}[${at}]`,
				named.length === 0
					? `no rule is labelled "${label}"`
					: `${named.length} rules are labelled "${label}"`,
			);
		return named[0].index;
	});
}

function customerOf(value: unknown, at: number, rules: readonly RateRule[]): CustomerTerms {
	const where = `customer ${at + 1}`;
	if (!isObject(value)) throw new CardError(where, 'must be an object');
	onlyFields(value, CUSTOMER_FIELDS, where);
	const startsOn = dayOf(value.starts_on, `${where}.starts_on`);
	const endsOn = dayOf(value.ends_on, `${where}.ends_on`);
	if (startsOn && endsOn && endsOn < startsOn)
		throw new CardError(`${where}.ends_on`, `${endsOn} is before starts_on ${startsOn}`);
	let minimum: CustomerTerms['minimum'];
	if (value.minimum !== undefined && value.minimum !== null) {
		if (!isObject(value.minimum))
			throw new CardError(`${where}.minimum`, 'must be { "amount", "currency" }');
		minimum = {
			amount: figure(value.minimum.amount, `${where}.minimum.amount`)!,
			currency: currencyOf(value.minimum.currency, `${where}.minimum.currency`),
		};
	}
	return {
		id: text(value.id, `${where}.id`),
		name:
			value.name === undefined || value.name === null ? null : text(value.name, `${where}.name`),
		startsOn,
		endsOn,
		rules: subscribedRules(value.rules, rules, `${where}.rules`),
		minimum,
		fees: (value.fees === undefined || value.fees === null
			? []
			: listOf(value.fees, `${where}.fees`)
		).map((fee, position) => feeOf(fee, `${where}.fees[${position}]`)),
	};
}

/** A version 2 rate card; empty, a card with no rules, which says so. */
export function readRateCardV2(value: unknown): RateCard {
	let card: unknown = value;
	let unreadable: string | undefined;
	if (typeof value === 'string' && value.trim() !== '' && value.trim().startsWith('{')) {
		try {
			card = JSON.parse(value);
		} catch (error) {
			unreadable = (error as Error).message;
		}
	}
	if (unreadable !== undefined)
		throw new CardError('the rate card', `is not valid JSON (${unreadable})`);
	if (!isObject(card)) return { rules: readRulesV2(card), customers: [] };
	onlyFields(card, CARD_FIELDS, 'the rate card');
	const rules = readRulesV2(card.rules ?? []);
	const customers = listOf(card.customers ?? [], "the rate card's customers").map((customer, at) =>
		customerOf(customer, at, rules),
	);
	const ids = customers.map(({ id }) => id);
	const twice = ids.find((id, at) => ids.indexOf(id) !== at);
	if (twice !== undefined) throw new CardError('the rate card', `lists customer "${twice}" twice`);
	return { rules, customers };
}
