/**
 * How a rate card's values are read (docs/rate-lines.md): every figure as an exact decimal (a
 * number as the shortest decimal that prints it), every mistake a CardError naming where it is.
 * Pure.
 */
import { compareDecimals, readDecimal, ZERO, type Decimal } from '../shared/decimal';

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

const CURRENCY = /^[A-Za-z]{3}$/;

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list given as JSON text or as the value itself (an expression's array). */
export function listOf(value: unknown, what: string): unknown[] {
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

export function figure(
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
export const required = (value: unknown, where: string, positive = false) =>
	figure(value, where, { positive }) as Decimal;

export function text(value: unknown, where: string, fallback?: string): string {
	if (value === undefined || value === null) {
		if (fallback !== undefined) return fallback;
		throw new CardError(where, 'is required');
	}
	if (typeof value !== 'string' || value.trim() === '')
		throw new CardError(where, 'must be a non-empty text');
	return value.trim();
}

export function currencyOf(value: unknown, where: string): string {
	const code = text(value, where);
	if (!CURRENCY.test(code)) throw new CardError(where, `"${code}" is not an ISO 4217 code`);
	return code.toUpperCase();
}
