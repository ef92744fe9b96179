/**
 * Currencies' minor units (ISO 4217: how many decimals a cent has), for comparing and showing
 * amounts to the cent. Pure.
 */
import { decimalToString, roundDecimal, type Decimal } from './decimal';

// Every ISO 4217 currency whose minor unit is not 2 decimals.
const MINOR_UNITS: Readonly<Record<string, number>> = {
	...Object.fromEntries(
		['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND']
			.concat(['VUV', 'XAF', 'XOF', 'XPF'])
			.map((code) => [code, 0]),
	),
	...Object.fromEntries(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((code) => [code, 3])),
	CLF: 4,
	UYW: 4,
};

/** The decimals of a currency's minor unit: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export const minorUnits = (currency: string): number => MINOR_UNITS[currency.toUpperCase()] ?? 2;

/** The amount rounded half-up to the currency's minor unit. */
export const toMinorUnit = (amount: Decimal, currency: string): Decimal =>
	roundDecimal(amount, minorUnits(currency));

/** "14.00 USD": at least the minor unit's decimals, every decimal the amount has. */
export function formatMoney(amount: Decimal, currency: string): string {
	const text = decimalToString(amount);
	const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
	const padding = minorUnits(currency) - decimals;
	if (padding <= 0) return `${text} ${currency.toUpperCase()}`;
	return `${text}${decimals === 0 ? '.' : ''}${'0'.repeat(padding)} ${currency.toUpperCase()}`;
}
