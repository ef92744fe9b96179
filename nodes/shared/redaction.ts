/**
 * Replaces every secret in texts and nested values (keys included), so that no output, error or
 * log carries one (docs/requests-and-errors.md, "Requests, retries and secrets"). The rule:
 * - a secret of 6 or more characters is redacted wherever it appears, in every form a server or
 *   a library may give it: as is, JSON-escaped, URL-encoded, and base64 (alone, or inside
 *   `user:secret` as in HTTP Basic credentials);
 * - a shorter secret is redacted only where it is a whole value: a whole string, or a word
 *   between whitespace or quotes, so that `store-001` survives a secret `store`.
 * No regular expression is ever built from a secret (a 40 KB token would not compile).
 */
const REDACTED = '[redacted]';
const MIN_ANYWHERE_LENGTH = 6;

// An Authorization header a server echoes back, whatever secret it holds (a token obtained
// later, say); only its value after the scheme is replaced.
const ECHOED_AUTHORIZATION = /(authorization["']?\s*[:=]\s*["']?(?:bearer|basic)\s+)[^\s"',;]+/gi;
const AUTHORIZATION = 'authorization';
const Z_AT = AUTHORIZATION.indexOf('z');

/**
 * Whether `text` names an Authorization header in any letter case: each z looked at, which
 * answers hold few of, rather than a case-blind search of a megabyte-long page.
 */
function mayEchoAuthorization(text: string): boolean {
	for (const z of ['z', 'Z']) {
		for (let at = text.indexOf(z, Z_AT); at >= 0; at = text.indexOf(z, at + 1)) {
			const around = text.slice(at - Z_AT, at - Z_AT + AUTHORIZATION.length);
			if (around.toLowerCase() === AUTHORIZATION) return true;
		}
	}
	return false;
}
// The same header as a key of a JSON object: its whole value goes, but for the scheme.
const AUTHORIZATION_KEY = /^(proxy-)?authorization$/i;
const AUTHORIZATION_SCHEME = /^\s*(bearer|basic)\s+/i;

const BASE64_CHARACTERS = /[A-Za-z0-9+/_-]/;
const isBase64Character = (character: string) => BASE64_CHARACTERS.test(character);
const isWordBoundary = (character: string | undefined) =>
	character === undefined || /[\s"'`]/.test(character);

export interface Redactor {
	text(value: string): string;
	value<T>(value: T): T;
	/** Whether a text or value may hold a secret in any form: false means there is none. */
	mayHold(value: unknown): boolean;
}

/** How a long secret may be spelled in a text, besides base64. */
function spellings(secret: string): string[] {
	const uriEncoded = encodeURIComponent(secret);
	return [
		secret,
		JSON.stringify(secret).slice(1, -1),
		uriEncoded,
		uriEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		uriEncoded.replace(/%20/g, '+'),
	];
}

/**
 * Base64 runs that any encoding of the secret contains, whatever bytes come before it: one for
 * each of the three alignments of its bytes to base64's 3-byte groups (standard and URL alphabet).
 */
function base64Cores(secret: Buffer): string[] {
	const cores: string[] = [];
	for (let skip = 0; skip < 3; skip++) {
		const whole = Math.floor((secret.length - skip) / 3) * 3;
		if (whole < 3) continue;
		const core = secret.subarray(skip, skip + whole).toString('base64');
		cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	// A core without + or / is the same in both alphabets: looked for once.
	return [...new Set(cores)];
}

/** Whether the base64 run text[start, end) decodes, at the core's alignment, to bytes holding the secret. */
function base64RunHolds(
	text: string,
	start: number,
	end: number,
	coreAt: number,
	secret: Buffer,
): boolean {
	const aligned = start + ((((coreAt - start) % 4) + 4) % 4);
	const run = text.slice(aligned, end).replace(/-/g, '+').replace(/_/g, '/');
	return Buffer.from(run, 'base64').includes(secret);
}

interface LongSecret {
	spellings: string[];
	bytes: Buffer;
	cores: string[];
}

export function createRedactor(secrets: Array<string | undefined>): Redactor {
	const distinct = [...new Set(secrets.filter((secret): secret is string => !!secret))];
	const long: LongSecret[] = distinct
		.filter((secret) => secret.length >= MIN_ANYWHERE_LENGTH)
		.map((secret) => {
			const bytes = Buffer.from(secret, 'utf8');
			return { spellings: [...new Set(spellings(secret))], bytes, cores: base64Cores(bytes) };
		})
		// Longest first, so that a secret containing another is replaced whole.
		.sort((a, b) => b.bytes.length - a.bytes.length);
	const short = distinct.filter((secret) => secret.length < MIN_ANYWHERE_LENGTH);

	const replaceAll = (text: string, needle: string) =>
		text.includes(needle) ? text.split(needle).join(REDACTED) : text;

	const redactBase64 = (text: string, { cores, bytes }: LongSecret) => {
		let result = text;
		for (const core of cores) {
			let from = 0;
			for (let at = result.indexOf(core, from); at >= 0; at = result.indexOf(core, from)) {
				let start = at;
				let end = at + core.length;
				while (start > 0 && isBase64Character(result[start - 1])) start--;
				while (end < result.length && isBase64Character(result[end])) end++;
				while (result[end] === '=') end++;
				if (base64RunHolds(result, start, end, at, bytes)) {
					result = `${result.slice(0, start)}${REDACTED}${result.slice(end)}`;
					from = start + REDACTED.length;
				} else {
					from = at + 1;
				}
			}
		}
		return result;
	};

	const redactWholeWords = (text: string, secret: string) => {
		if (text === secret) return REDACTED;
		let result = text;
		let from = 0;
		for (let at = result.indexOf(secret, from); at >= 0; at = result.indexOf(secret, from)) {
			const end = at + secret.length;
			if (isWordBoundary(result[at - 1]) && isWordBoundary(result[end])) {
				result = `${result.slice(0, at)}${REDACTED}${result.slice(end)}`;
				from = at + REDACTED.length;
			} else {
				from = at + 1;
			}
		}
		return result;
	};

	const text = (value: string): string => {
		let result = value;
		for (const secret of long) {
			for (const spelling of secret.spellings) result = replaceAll(result, spelling);
			result = redactBase64(result, secret);
		}
		for (const secret of short) result = redactWholeWords(result, secret);
		return result.replace(ECHOED_AUTHORIZATION, `$1${REDACTED}`);
	};

	const redactValue = (value: unknown): unknown => {
		if (typeof value === 'string') return text(value);
		if (Array.isArray(value)) return value.map(redactValue);
		if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
			const copy: Record<string, unknown> = {};
			for (const [key, inner] of Object.entries(value)) {
				copy[text(key)] =
					AUTHORIZATION_KEY.test(key) && typeof inner === 'string'
						? `${AUTHORIZATION_SCHEME.exec(inner)?.[0] ?? ''}${REDACTED}`
						: redactValue(inner);
			}
			return copy;
		}
		return value;
	};

	// Every form of every secret: each looked for on its own (a search of one regular expression
	// joining them was measured slower on most tokens).
	const forms = [...long.flatMap((secret) => [...secret.spellings, ...secret.cores]), ...short];

	// Most values hold no secret: one look at their JSON spares walking them.
	const mayHold = (value: unknown) => {
		let json: string | undefined;
		try {
			json = typeof value === 'string' ? value : JSON.stringify(value);
		} catch {
			return true;
		}
		if (json === undefined) return false;
		return forms.some((form) => json.includes(form)) || mayEchoAuthorization(json);
	};

	return {
		text,
		value: <T>(value: T) =>
			(value !== null && typeof value === 'object' && !mayHold(value)
				? value
				: redactValue(value)) as T,
		mayHold,
	};
}
