const { describe, expect, test } = require('@jest/globals');
const {
	backoffMs,
	nextStep,
	parseRetryAfterMs,
	MAX_ATTEMPTS,
} = require('../../nodes/shared/retryPolicy');

const now = new Date('2026-11-23T12:00:00Z');
const alwaysMax = () => 0.999999;

describe('retry policy', () => {
	test('accepts any 2xx', () => {
		expect(nextStep({ kind: 'read', attempt: 1, statusCode: 204 }, now, alwaysMax)).toEqual({
			action: 'accept',
		});
	});

	test.each([429, 502, 503, 504])('retries a read answered %i', (statusCode) => {
		expect(nextStep({ kind: 'read', attempt: 1, statusCode }, now, alwaysMax).action).toBe('retry');
	});

	test.each([400, 401, 403, 404, 500])('does not retry a read answered %i', (statusCode) => {
		expect(nextStep({ kind: 'read', attempt: 1, statusCode }, now, alwaysMax)).toEqual({
			action: 'fail',
			reason: 'status',
		});
	});

	test('gives up after the fourth attempt', () => {
		expect(
			nextStep({ kind: 'read', attempt: MAX_ATTEMPTS - 1, statusCode: 503 }, now, alwaysMax).action,
		).toBe('retry');
		expect(
			nextStep({ kind: 'read', attempt: MAX_ATTEMPTS, statusCode: 503 }, now, alwaysMax),
		).toEqual({
			action: 'fail',
			reason: 'status',
		});
		expect(
			nextStep({ kind: 'read', attempt: MAX_ATTEMPTS, networkError: 'ECONNRESET' }, now, alwaysMax),
		).toEqual({
			action: 'fail',
			reason: 'network',
		});
	});

	test('full jitter: waits are random below 0.5 s, 1 s, 2 s, 4 s, then capped at 8 s', () => {
		expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, alwaysMax))).toEqual([
			499, 999, 1999, 3999, 7999, 7999,
		]);
		expect(backoffMs(3, () => 0)).toBe(0);
	});

	test('honours Retry-After in seconds or as a date, up to 60 s', () => {
		expect(
			nextStep({ kind: 'read', attempt: 1, statusCode: 429, retryAfter: '1' }, now, alwaysMax),
		).toEqual({
			action: 'retry',
			waitMs: 1000,
		});
		const inThirtySeconds = new Date(now.getTime() + 30_000).toUTCString();
		expect(parseRetryAfterMs(inThirtySeconds, now)).toBe(30_000);
		expect(
			nextStep({ kind: 'read', attempt: 1, statusCode: 429, retryAfter: '61' }, now, alwaysMax),
		).toEqual({
			action: 'fail',
			reason: 'retryAfterTooLong',
			retryAt: new Date(now.getTime() + 61_000),
		});
		expect(parseRetryAfterMs('soon', now)).toBeUndefined();
	});

	test('a create is retried only when the connection was refused', () => {
		expect(
			nextStep({ kind: 'create', attempt: 1, networkError: 'ECONNREFUSED' }, now, alwaysMax).action,
		).toBe('retry');
		for (const networkError of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED']) {
			expect(nextStep({ kind: 'create', attempt: 1, networkError }, now, alwaysMax)).toEqual({
				action: 'fail',
				reason: 'mayExist',
			});
		}
		for (const statusCode of [500, 502, 503, 504]) {
			expect(nextStep({ kind: 'create', attempt: 1, statusCode }, now, alwaysMax)).toEqual({
				action: 'fail',
				reason: 'mayExist',
			});
		}
		expect(nextStep({ kind: 'create', attempt: 1, statusCode: 429 }, now, alwaysMax)).toEqual({
			action: 'fail',
			reason: 'status',
		});
	});

	test('a login answered 429 was not carried out: it is sent again after Retry-After, as a read is', () => {
		/**
		 * @param {string} retryAfter
		 * @param {number} [attempt]
		 */
		const login = (retryAfter, attempt = 1) =>
			nextStep({ kind: 'authentication', attempt, statusCode: 429, retryAfter }, now, alwaysMax);
		expect(login('2')).toEqual({ action: 'retry', waitMs: 2000 });
		expect(login('120')).toMatchObject({ action: 'fail', reason: 'retryAfterTooLong' });
		expect(login('2', 4)).toEqual({ action: 'fail', reason: 'status' });
		for (const statusCode of [500, 503]) {
			expect(nextStep({ kind: 'authentication', attempt: 1, statusCode }, now, alwaysMax)).toEqual({
				action: 'fail',
				reason: 'mayExist',
			});
		}
	});
});
