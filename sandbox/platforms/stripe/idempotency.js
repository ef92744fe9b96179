'use strict';

const { setTimeout: wait } = require('timers/promises');

// Stripe's idempotency layer for API v1, as its pages describe it
// (https://docs.stripe.com/api/idempotent_requests, https://docs.stripe.com/idempotency):
// - the status and body of the first request with a key are saved once the endpoint starts
//   executing, and a retry with that key gets them again (500s included), marked with
//   `Idempotent-Replayed: true`;
// - the layer compares a retry's parameters with the first request's and errors when they
//   differ (an `idempotency_error`: "an Idempotency-Key is re-used on a request that does not
//   match the first request's API endpoint and parameters");
// - nothing is saved when the parameters fail validation or the request conflicted with another
//   running at once (a 409 here, while the first holds the key);
// - keys may be pruned once at least 24 hours old, and a key reused after that is a new request;
// - keys are up to 255 characters; GET and DELETE ignore them.
// Nothing else is deduplicated: two creates with two keys (or none) make two objects.

const KEY_LIFE_SECONDS = 24 * 60 * 60;
const MAX_KEY_LENGTH = 255;

/** The same JSON for the same parameters, whatever order their names came in. */
function canonical(value) {
	if (Array.isArray(value)) return value.map(canonical);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((name) => [name, canonical(value[name])]),
	);
}

/**
 * `now()` is the sandbox clock (unix seconds); `refuse(status, fields)` shapes Stripe's error.
 * run() answers one request: a saved answer, an idempotency refusal, or `execute()`'s answer.
 */
function createIdempotencyLayer({ now, refuse }) {
	// key -> { endpoint, parameters, savedAt, reply (null while the first request runs), requestId }
	const keys = new Map();

	function forgetOldKeys() {
		for (const [key, saved] of keys) {
			if (saved.reply && now() - saved.savedAt >= KEY_LIFE_SECONDS) keys.delete(key);
		}
	}

	/**
	 * `request`: { method, path, key, parameters, requestId, holdMs, signal }; `validate()` gives a
	 * refusal (not saved) or null; `execute()` the endpoint's answer (saved under the key).
	 */
	async function run(request, validate, execute) {
		const { key } = request;
		if (key !== undefined && key.length > MAX_KEY_LENGTH) {
			return refuse(400, {
				message: `Keys for idempotent requests can only be up to ${MAX_KEY_LENGTH} characters long.`,
			});
		}
		const usesKey = key !== undefined && key !== '' && request.method === 'POST';
		if (usesKey) {
			forgetOldKeys();
			const saved = keys.get(key);
			if (saved) return answerAgain(saved, request);
		}
		const refusal = validate();
		if (refusal) {
			await hold(request);
			return refusal;
		}
		const endpoint = `${request.method} ${request.path}`;
		const parameters = JSON.stringify(canonical(request.parameters));
		const entry = {
			endpoint,
			parameters,
			savedAt: now(),
			reply: null,
			requestId: request.requestId,
		};
		if (usesKey) keys.set(key, entry);
		try {
			await hold(request);
			entry.reply = await execute();
		} catch (error) {
			entry.reply = refuse(500, { type: 'api_error', message: `sandbox error: ${error.message}` });
		}
		// Saved as of when the endpoint answered: the key's 24 hours run from there.
		entry.savedAt = now();
		return entry.reply;
	}

	function answerAgain(saved, request) {
		if (saved.reply === null) {
			return refuse(409, {
				type: 'idempotency_error',
				code: 'idempotency_key_in_use',
				message:
					'There is currently another in-progress request using this Idempotency-Key (that ' +
					'probably means you submitted twice, and that is fine). Please try again later.',
			});
		}
		const endpoint = `${request.method} ${request.path}`;
		if (saved.endpoint !== endpoint) {
			return refuse(400, {
				type: 'idempotency_error',
				message:
					`Keys for idempotent requests can only be used for the same endpoint they were first ` +
					`used for ('${saved.endpoint}' vs '${endpoint}'). Try using a key other than ` +
					`'${request.key}' if you meant to execute a different request.`,
			});
		}
		if (saved.parameters !== JSON.stringify(canonical(request.parameters))) {
			return refuse(400, {
				type: 'idempotency_error',
				message:
					`Keys for idempotent requests can only be used with the same parameters they were ` +
					`first used with. Try using a key other than '${request.key}' if you meant to ` +
					'execute a different request.',
			});
		}
		return {
			...saved.reply,
			headers: {
				...saved.reply.headers,
				'idempotent-replayed': 'true',
				'original-request': saved.requestId,
			},
		};
	}

	/** A hold fault: the request waits, its key (if any) held as in flight. */
	async function hold({ holdMs, signal }) {
		if (!holdMs) return;
		await wait(holdMs, undefined, { signal }).catch(() => undefined);
	}

	/** What the layer holds, for tests: { key, endpoint, savedAt, inFlight }. */
	function describe() {
		forgetOldKeys();
		return [...keys].map(([key, saved]) => ({
			key,
			endpoint: saved.endpoint,
			savedAt: saved.savedAt,
			inFlight: saved.reply === null,
		}));
	}

	return { run, describe };
}

module.exports = { createIdempotencyLayer, KEY_LIFE_SECONDS };
