/**
 * Checks of single input values. Pure: each returns the clean value or a reason it is invalid.
 */
import { isJsonObject } from './records';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
const invalid = (reason: string): Checked<never> => ({ ok: false, reason });

const kindOf = (value: unknown) =>
	Array.isArray(value) ? 'an array' : value === null ? 'null' : `a value of type ${typeof value}`;

/**
 * A text from a parameter or an expression: a string (trimmed), a number or a boolean. An
 * object or an array is not a text: sent as one it would become "[object Object]" or "a,b".
 */
export function checkText(value: unknown): Checked<string> {
	if (typeof value === 'string') return valid(value.trim());
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
		return valid(String(value));
	return invalid(`${kindOf(value)} is not a text (an expression here must give a text)`);
}

/** "One or many": a value, a comma-separated text (trimmed, empties dropped) or an array of them. */
export function checkList(value: unknown): Checked<string[]> {
	if (value === undefined || value === null) return valid([]);
	const parts = Array.isArray(value) ? value : [value];
	const texts: string[] = [];
	for (const part of parts) {
		if (part === undefined || part === null) continue;
		const text = checkText(part);
		if (!text.ok) return text;
		texts.push(...(Array.isArray(value) ? [text.value] : text.value.split(',')));
	}
	return valid(texts.map((text) => text.trim()).filter((text) => text !== ''));
}

/** A value that becomes one segment of a request's path: it may not change the path. */
export function checkPathSegment(value: string): Checked<string> {
	return value === '.' || value === '..' || /[/?#]/.test(value)
		? invalid(
				`"${value}" cannot be one segment of a URL path (it may not be "." or ".." or hold /, ? or #)`,
			)
		: valid(value);
}

// Deliberately simple: a local part, one @, a dotted domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string): Checked<string> {
	return EMAIL.test(value) ? valid(value) : invalid(`"${value}" is not a valid e-mail address`);
}

// E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{1,14}$/;

export function checkE164(value: string): Checked<string> {
	return E164.test(value)
		? valid(value)
		: invalid(
				`"${value}" is not an E.164 phone number (a +, the country code and digits only, e.g. +44123456789)`,
			);
}

/** An http(s) origin, e.g. https://files.example.com, written as its origin and nothing more. */
export function checkOrigin(value: string): Checked<string> {
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	return url &&
		['http:', 'https:'].includes(url.protocol) &&
		`${url.origin}/` === url.href.replace(/\/?$/, '/')
		? valid(url.origin)
		: invalid(`${JSON.stringify(value)} is not an origin such as https://files.example.com`);
}

export function checkPositiveInteger(value: unknown): Checked<number> {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number > 0
		? valid(number)
		: invalid(`${JSON.stringify(value)} is not a positive whole number`);
}

export function checkJsonObject(value: unknown): Checked<Record<string, unknown>> {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			return invalid('is not valid JSON');
		}
	}
	return isJsonObject(parsed)
		? valid(parsed as Record<string, unknown>)
		: invalid('is not a JSON object');
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[]): Checked<T> {
	return allowed.includes(value as T)
		? valid(value as T)
		: invalid(`${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}
