/**
 * When a request is tried again (docs/requests-and-errors.md, "Requests, retries and secrets").
 * Pure: the clock and the dice are passed in.
 */
export const MAX_ATTEMPTS = 4;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 8_000;
export const RETRY_AFTER_LIMIT_MS = 60_000;

/**
 * The times of the retry rules, part of a run's timings (runTimings.ts): the engine tests pass
 * shorter ones so that a fault matrix runs in seconds.
 */
export interface RetryTimings {
	/** The deadline of one attempt, login and redirects included. */
	attemptTimeoutMs: number;
	/** The longest wait between attempts, whatever back-off or Retry-After asks for. */
	longestWaitMs: number;
}

/** A read may be repeated; a create or an authentication must never reach the server twice. */
export type RequestKind = 'read' | 'create' | 'authentication';

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const NETWORK_ERRORS = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_BAD_RESPONSE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
/** Errors raised before a single byte of the request left this machine. */
const NOT_SENT_ERRORS = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

export interface AttemptResult {
	kind: RequestKind;
	attempt: number;
	statusCode?: number;
	retryAfter?: string;
	networkError?: string;
}

export type NextStep =
	| { action: 'accept' }
	| { action: 'retry'; waitMs: number }
	| {
			action: 'fail';
			reason: 'status' | 'network' | 'retryAfterTooLong' | 'mayExist';
			retryAt?: Date;
	  };

export function isNetworkErrorCode(code: string | undefined): boolean {
	return !!code && NETWORK_ERRORS.has(code);
}

/** Full-jitter exponential back-off: a random wait up to 0.5 s, 1 s, 2 s, ... capped at 8 s. */
export function backoffMs(attempt: number, random: () => number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
	return Math.floor(random() * ceiling);
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | undefined, now: Date): number | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	const trimmed = header.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const at = Date.parse(trimmed);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function nextStep(result: AttemptResult, now: Date, random: () => number): NextStep {
	const { kind, attempt, statusCode, networkError } = result;
	if (statusCode !== undefined && statusCode >= 200 && statusCode < 300)
		return { action: 'accept' };
	const attemptsLeft = attempt < MAX_ATTEMPTS;

	if (networkError !== undefined) {
		if (kind !== 'read' && !NOT_SENT_ERRORS.has(networkError))
			return { action: 'fail', reason: 'mayExist' };
		return attemptsLeft
			? { action: 'retry', waitMs: backoffMs(attempt, random) }
			: { action: 'fail', reason: 'network' };
	}

	// A 429 to a login says it was not carried out: the login may be sent again, as a read is.
	const loginNotCarriedOut = kind === 'authentication' && statusCode === 429;
	if (kind !== 'read' && !loginNotCarriedOut) {
		return {
			action: 'fail',
			reason: statusCode !== undefined && statusCode >= 500 ? 'mayExist' : 'status',
		};
	}
	if (statusCode === undefined || !RETRYABLE_STATUS.has(statusCode)) {
		return { action: 'fail', reason: 'status' };
	}
	const retryAfterMs = parseRetryAfterMs(result.retryAfter, now);
	if (retryAfterMs !== undefined && retryAfterMs > RETRY_AFTER_LIMIT_MS) {
		return {
			action: 'fail',
			reason: 'retryAfterTooLong',
			retryAt: new Date(now.getTime() + retryAfterMs),
		};
	}
	if (!attemptsLeft) return { action: 'fail', reason: 'status' };
	return { action: 'retry', waitMs: retryAfterMs ?? backoffMs(attempt, random) };
}
