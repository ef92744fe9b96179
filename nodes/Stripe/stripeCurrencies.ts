/**
 * Amounts as Stripe takes them: an integer count of the currency's smallest unit, as Stripe's
 * currency page publishes it (docs/vendors.md, "Stripe: amounts by currency"). An amount that does
 * not convert exactly is refused, never rounded: a rounded line bills a figure Rate Lines did not
 * give. Exact decimals throughout (shared/decimal.ts). Pure.
 */
import { compareDecimals, decimalToString, roundDecimal, type Decimal } from '../shared/decimal';

interface CurrencyRule {
	/** The decimals Stripe's amount counts: 1 unit is 10^-sent of the currency. */
	sent: number;
	/** The decimals an amount may have and still be sent exactly. */
	exact: number;
	/** Why an inexact amount is refused, for the currency's code. */
	why: (code: string) => string;
}

const ZERO_DECIMAL: CurrencyRule = {
	sent: 0,
	exact: 0,
	why: (code) => `${code} is a zero-decimal currency in Stripe, whole units only`,
};

/** Stripe's zero-decimal currencies (its page's list). */
const ZERO_DECIMAL_CURRENCIES = [
	'BIF',
	'CLP',
	'DJF',
	'GNF',
	'JPY',
	'KMF',
	'KRW',
	'MGA',
	'PYG',
	'RWF',
	'UGX',
	'VND',
	'VUV',
	'XAF',
	'XOF',
	'XPF',
];

/** Three decimals whose last digit must be 0, for Stripe's payment partners. */
const THREE_DECIMAL: CurrencyRule = {
	sent: 3,
	exact: 2,
	why: (code) => `Stripe takes ${code} with three decimals, the last of them 0, so two at most`,
};

const THREE_DECIMAL_CURRENCIES = ['BHD', 'JOD', 'KWD', 'OMR', 'TND'];

const RULES: Readonly<Record<string, CurrencyRule>> = {
	...Object.fromEntries(ZERO_DECIMAL_CURRENCIES.map((code) => [code, ZERO_DECIMAL])),
	...Object.fromEntries(THREE_DECIMAL_CURRENCIES.map((code) => [code, THREE_DECIMAL])),
	// Zero-decimal since 2018, sent with two decimals for backwards compatibility: 5 ISK is 500.
	ISK: { sent: 2, exact: 0, why: () => 'Stripe takes ISK with two decimals, in whole krónur only' },
};

const TWO_DECIMAL: CurrencyRule = {
	sent: 2,
	exact: 2,
	why: (code) => `Stripe takes ${code} with two decimals`,
};

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

export type StripeAmount =
	| { ok: true; amount: bigint; currency: string }
	| { ok: false; reason: string };

/**
 * The amount in the currency's smallest unit as Stripe counts it, with the currency in lower case
 * as Stripe's requests take it; or why it cannot be sent exactly. HUF and TWD, whose special cases
 * on Stripe's page concern payouts only, are two-decimal here like every currency not listed.
 */
export function stripeAmountOf(amount: Decimal, currency: string): StripeAmount {
	const code = currency.trim();
	if (!CURRENCY_CODE.test(code))
		return { ok: false, reason: `"${currency}" is not a three-letter ISO 4217 currency code.` };
	const upper = code.toUpperCase();
	const rule = RULES[upper] ?? TWO_DECIMAL;
	// Normalised: no more decimals than the amount needs.
	const exact = roundDecimal(amount, rule.exact, 'down');
	if (compareDecimals(exact, amount) !== 0)
		return {
			ok: false,
			reason: `${decimalToString(amount)} ${upper} does not convert exactly to Stripe's amount: ${rule.why(upper)}.`,
		};
	return {
		ok: true,
		amount: exact.units * 10n ** BigInt(rule.sent - exact.scale),
		currency: upper.toLowerCase(),
	};
}

/** How many decimals Stripe's amount of the currency counts (0 for JPY, 2 for ISK, 3 for KWD). */
export const stripeDecimalsOf = (currency: string): number =>
	(RULES[currency.trim().toUpperCase()] ?? TWO_DECIMAL).sent;

/** Stripe's amount as people read it: 1234 USD is "12.34 USD", 500 ISK "5.00 ISK", 1500 JPY "1500 JPY". */
export function formatStripeAmount(amount: bigint, currency: string): string {
	const decimals = stripeDecimalsOf(currency);
	const sign = amount < 0n ? '-' : '';
	const digits = (amount < 0n ? -amount : amount).toString().padStart(decimals + 1, '0');
	const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
	return `${sign}${text} ${currency.trim().toUpperCase()}`;
}
