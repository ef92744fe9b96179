/** Replaces every secret in texts and nested values, so that no output, error or log carries one. */
const REDACTED = '[redacted]';

// Secrets this short would match ordinary text; none of the platforms issues one.
const MIN_SECRET_LENGTH = 4;

// Authorization values that a server may echo back, whatever secret they hold.
const AUTHORIZATION_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

export interface Redactor {
	text(value: string): string;
	value<T>(value: T): T;
}

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createRedactor(secrets: Array<string | undefined>): Redactor {
	const known = [
		...new Set(secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH)),
	]
		// Longest first, so that a secret containing another is replaced whole.
		.sort((a, b) => b.length - a.length);
	const pattern = known.length ? new RegExp(known.map(escapeForRegExp).join('|'), 'g') : undefined;

	const text = (value: string): string => {
		const withoutSecrets = pattern ? value.replace(pattern, REDACTED) : value;
		return withoutSecrets.replace(AUTHORIZATION_VALUE, `$1 ${REDACTED}`);
	};

	const redactValue = (value: unknown): unknown => {
		if (typeof value === 'string') return text(value);
		if (Array.isArray(value)) return value.map(redactValue);
		if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
			const copy: Record<string, unknown> = {};
			for (const [key, inner] of Object.entries(value)) copy[key] = redactValue(inner);
			return copy;
		}
		return value;
	};

	return { text, value: <T>(value: T) => redactValue(value) as T };
}
