/**
 * Checks of single input values. Pure: each returns the clean value or a reason it is invalid.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
const invalid = (reason: string): Checked<never> => ({ ok: false, reason });

/** "One or many": a value, a comma-separated text (trimmed, empties dropped) or an array. */
export function toList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	return parts
		.filter((part) => part !== undefined && part !== null)
		.map((part) => String(part).trim())
		.filter((part) => part !== '');
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
	return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
		? valid(parsed as Record<string, unknown>)
		: invalid('is not a JSON object');
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[]): Checked<T> {
	return allowed.includes(value as T)
		? valid(value as T)
		: invalid(`${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}
