/**
 * What a customer the rate card lists owes in a billing month beyond its usage (version 2,
 * docs/rate-lines.md), as a billing system bills a subscription: its fixed fees (prorated by its
 * days in the month where the fee says so), the first tier's flat fee of each tiered rule it
 * subscribes to that priced none of its lines, and a top-up to its minimum commitment, which
 * counts its lines and fees and is prorated by its days in the month as Lago's
 * Fees::CreateTrueUpService does. Each amount rounded half up to the minor unit, once. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { minorUnits } from '../shared/currencies';
import {
	compareDecimals,
	decimalToNumber,
	isZeroDecimal,
	readDecimal,
	roundDecimal,
	subtractDecimals,
	sumDecimals,
	type Decimal,
} from '../shared/decimal';
import { PLATFORM_LABELS } from '../shared/platforms';
import { CardError } from './cardValues';
import { daysIn, type BillingMonth } from './billingMonth';
import { firstTierFee } from './charges';
import type { CustomerTerms, RateCard } from './rateRules';
import type { RatingResult } from './rating';

export interface ChargeLine {
	items: number[];
	json: IDataObject;
}

/** `amount` for `days` of `of`, in the currency's minor units, rounded half up. */
function prorated(amount: Decimal, days: number, of: number, currency: string): Decimal {
	const places = minorUnits(currency);
	const numerator = amount.units * 10n ** BigInt(places) * BigInt(days);
	const denominator = 10n ** BigInt(amount.scale) * BigInt(of);
	return { units: (2n * numerator + denominator) / (2n * denominator), scale: places };
}

/** A line of the customer's that no usage line holds. */
function chargeLine(
	terms: CustomerTerms,
	month: BillingMonth,
	charge: { category: string; description: string; rule: string; platform: string | null },
	amount: Decimal,
	currency: string,
): IDataObject {
	return {
		customer: terms.id,
		customer_name: terms.name,
		platform: charge.platform,
		category: charge.category,
		description: charge.description,
		quantity: 1,
		unit: 'charge',
		amount: null,
		currency: null,
		period_start: month.start,
		period_end: month.end,
		source: 'rate card',
		cost_amount: null,
		cost_currency: null,
		sell_amount: decimalToNumber(amount),
		sell_currency: currency,
		rate_rule: charge.rule,
		margin: null,
	};
}

/** The charges of one listed customer beyond its usage lines. */
function chargesOf(
	terms: CustomerTerms,
	card: RateCard,
	month: BillingMonth,
	rated: RatingResult,
): IDataObject[] {
	const days = daysIn(month, terms.startsOn, terms.endsOn);
	if (days === 0) return [];
	const lines: IDataObject[] = [];
	for (const index of terms.rules) {
		const rule = card.rules[index];
		const priced = rated.groups.some(
			({ customer, rule: of }) => customer === terms.id && of === rule,
		);
		const fee = firstTierFee(rule.model);
		if (priced || isZeroDecimal(fee)) continue;
		if (!rule.currency)
			throw new CardError(
				`rule ${index + 1}.currency`,
				`is needed to bill customer ${terms.id}, which subscribes to it, its first tier's flat fee with no usage`,
			);
		const charge = {
			category: rule.named ?? rule.category,
			description: `First tier's flat fee of ${rule.label}, with no usage this month`,
			rule: rule.label,
			platform: rule.platform ? PLATFORM_LABELS[rule.platform] : null,
		};
		lines.push(
			chargeLine(terms, month, charge, roundDecimal(fee, minorUnits(rule.currency)), rule.currency),
		);
	}
	for (const fee of terms.fees) {
		const amount = fee.prorated
			? prorated(fee.amount, days, month.days, fee.currency)
			: roundDecimal(fee.amount, minorUnits(fee.currency));
		const part = fee.prorated && days < month.days ? ` (${days} of ${month.days} days)` : '';
		const charge = {
			category: 'fee',
			description: `${fee.name}${part}`,
			rule: `fee: ${fee.name}`,
			platform: null,
		};
		lines.push(chargeLine(terms, month, charge, amount, fee.currency));
	}
	if (terms.minimum) {
		const { currency } = terms.minimum;
		const billed = [
			...rated.priced.map(({ json }) => json),
			...rated.minimums.map(({ json }) => json),
			...lines,
		].filter((json) => json.customer === terms.id);
		const other = billed.find((json) => String(json.sell_currency) !== currency);
		if (other)
			throw new CardError(
				`customer ${terms.id}'s minimum`,
				`is in ${currency}, and its lines sell in ${String(other.sell_currency)} too, which a commitment cannot add up`,
			);
		const commitment = prorated(terms.minimum.amount, days, month.days, currency);
		const total = sumDecimals(billed.map((json) => readDecimal(json.sell_amount) as Decimal));
		if (compareDecimals(total, commitment) < 0) {
			const part = days < month.days ? `, ${days} of ${month.days} days` : '';
			const charge = {
				category: 'minimum commitment',
				description: `Minimum commitment of ${decimalToNumber(terms.minimum.amount)} ${currency}${part}, beyond what was billed`,
				rule: 'minimum commitment',
				platform: null,
			};
			lines.push(chargeLine(terms, month, charge, subtractDecimals(commitment, total), currency));
		}
	}
	return lines;
}

/**
 * Every listed customer's charges beyond its usage lines, each paired with the customer's line
 * items (with none, with every input item, which held no usage of it).
 */
export function customerCharges(
	card: RateCard,
	month: BillingMonth,
	rated: RatingResult,
	inputItems: readonly number[],
): ChargeLine[] {
	return card.customers.flatMap((terms) => {
		const items = [
			...rated.priced.filter(({ json }) => json.customer === terms.id).map(({ item }) => item),
		];
		const paired = items.length > 0 ? [...new Set(items)].sort((a, b) => a - b) : [...inputItems];
		return chargesOf(terms, card, month, rated).map((json) => ({ items: paired, json }));
	});
}
