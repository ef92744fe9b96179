'use strict';

const { unixSecondsOf } = require('./settings');

// The sandbox's own time for Stripe, in unix seconds: it stands still unless a test sets or
// advances it, so that `created`, search lag and the 24 h life of idempotency keys are
// deterministic and a test can be "4 days later" without waiting.

class ClockError extends TypeError {}

function createClock(startSeconds) {
	let seconds = startSeconds;

	/** `{ to }` (ISO 8601 with an offset) sets it; `{ advanceSeconds }` moves it on. */
	function change({ to, advanceSeconds } = {}) {
		if ((to === undefined) === (advanceSeconds === undefined)) {
			throw new ClockError('Give the clock either `to` (ISO 8601) or `advanceSeconds`');
		}
		if (to !== undefined) {
			const target = unixSecondsOf(to);
			if (Number.isNaN(target)) throw new ClockError('clock `to` must be ISO 8601 with an offset');
			seconds = target;
		} else {
			if (!Number.isSafeInteger(advanceSeconds) || advanceSeconds < 0) {
				throw new ClockError('clock `advanceSeconds` must be a whole number, 0 or more');
			}
			seconds += advanceSeconds;
		}
		return describe();
	}

	function describe() {
		return { now: new Date(seconds * 1000).toISOString(), unix: seconds };
	}

	return { now: () => seconds, change, describe };
}

module.exports = { createClock, ClockError };
