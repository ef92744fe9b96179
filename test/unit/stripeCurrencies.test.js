// Amounts in the smallest unit of each currency as Stripe's currency page publishes it
// (docs/vendors.md, "Stripe: amounts by currency"); an amount that does not convert exactly is
// refused, never rounded.
const { describe, expect, test } = require('@jest/globals');

const { readDecimal } = require('../../nodes/shared/decimal');
const {
	stripeAmountOf,
	stripeDecimalsOf,
	formatStripeAmount,
} = require('../../nodes/Stripe/stripeCurrencies');

/** @param {unknown} amount @param {string} currency */
const convert = (amount, currency) => {
	const decimal = readDecimal(amount);
	if (!decimal) throw new Error(`not a decimal: ${String(amount)}`);
	return stripeAmountOf(decimal, currency);
};
/** @param {unknown} amount @param {string} currency */
const sent = (amount, currency) => {
	const result = convert(amount, currency);
	if (!result.ok) throw new Error(result.reason);
	return result.amount;
};

describe('Stripe amounts', () => {
	test.each([
		// two decimals: cents
		['12.34', 'USD', 1234n],
		[10, 'usd', 1000n],
		['0.1', 'EUR', 10n],
		[0.1 + 0.2, 'EUR', undefined],
		['-5.5', 'USD', -550n],
		// zero-decimal: whole units, not multiplied
		['500', 'JPY', 500n],
		['1500.00', 'JPY', 1500n],
		['12000', 'MGA', 12000n],
		['3000', 'UGX', 3000n],
		// ISK: two decimals in whole krónur
		['5', 'ISK', 500n],
		['1234', 'isk', 123400n],
		// three decimals ending in 0
		['5.12', 'KWD', 5120n],
		['5.1', 'BHD', 5100n],
		['7', 'TND', 7000n],
		// HUF and TWD: their special cases concern payouts; invoices take two decimals
		['10.45', 'HUF', 1045n],
		['99.99', 'TWD', 9999n],
	])('%s %s is %s', (amount, currency, expected) => {
		if (expected === undefined) expect(convert(amount, currency).ok).toBe(false);
		else expect(sent(amount, currency)).toBe(expected);
	});

	test('the currency goes to Stripe in lower case', () => {
		expect(convert('1', 'JPY')).toEqual({ ok: true, amount: 1n, currency: 'jpy' });
	});

	test.each([
		[
			'12.5',
			'JPY',
			"12.5 JPY does not convert exactly to Stripe's amount: JPY is a zero-decimal currency in Stripe, whole units only.",
		],
		[
			'0.5',
			'MGA',
			"0.5 MGA does not convert exactly to Stripe's amount: MGA is a zero-decimal currency in Stripe, whole units only.",
		],
		[
			'5.5',
			'ISK',
			"5.5 ISK does not convert exactly to Stripe's amount: Stripe takes ISK with two decimals, in whole krónur only.",
		],
		[
			'5.01',
			'ISK',
			"5.01 ISK does not convert exactly to Stripe's amount: Stripe takes ISK with two decimals, in whole krónur only.",
		],
		[
			'5.124',
			'KWD',
			"5.124 KWD does not convert exactly to Stripe's amount: Stripe takes KWD with three decimals, the last of them 0, so two at most.",
		],
		[
			'12.345',
			'USD',
			"12.345 USD does not convert exactly to Stripe's amount: Stripe takes USD with two decimals.",
		],
		[
			'0.001',
			'EUR',
			"0.001 EUR does not convert exactly to Stripe's amount: Stripe takes EUR with two decimals.",
		],
	])('%s %s is refused with the reason', (amount, currency, reason) => {
		expect(convert(amount, currency)).toEqual({ ok: false, reason });
	});

	test('a binary float that prints more decimals than the currency has is refused, not rounded', () => {
		// 0.1 + 0.2 prints 0.30000000000000004.
		expect(convert(0.1 + 0.2, 'USD')).toEqual({
			ok: false,
			reason:
				"0.30000000000000004 USD does not convert exactly to Stripe's amount: Stripe takes USD with two decimals.",
		});
	});

	test('a currency that is no three-letter code is refused', () => {
		expect(convert('1', 'US$')).toEqual({
			ok: false,
			reason: '"US$" is not a three-letter ISO 4217 currency code.',
		});
	});

	test('every zero-decimal currency of the page, and the three-decimal ones', () => {
		const zero = 'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' ');
		expect(zero.map(stripeDecimalsOf)).toEqual(zero.map(() => 0));
		expect(['BHD', 'JOD', 'KWD', 'OMR', 'TND'].map(stripeDecimalsOf)).toEqual([3, 3, 3, 3, 3]);
		expect(['ISK', 'USD', 'HUF', 'TWD', 'IQD'].map(stripeDecimalsOf)).toEqual([2, 2, 2, 2, 2]);
	});

	test('large amounts stay exact', () => {
		expect(sent('123456789012345678.91', 'USD')).toBe(12345678901234567891n);
	});

	test('formatted as people read them', () => {
		expect(formatStripeAmount(1234n, 'usd')).toBe('12.34 USD');
		expect(formatStripeAmount(-5n, 'usd')).toBe('-0.05 USD');
		expect(formatStripeAmount(500n, 'isk')).toBe('5.00 ISK');
		expect(formatStripeAmount(1500n, 'jpy')).toBe('1500 JPY');
		expect(formatStripeAmount(5120n, 'kwd')).toBe('5.120 KWD');
	});
});
