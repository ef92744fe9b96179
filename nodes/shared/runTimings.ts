/**
 * The timings of one run of a node or one poll: its clock and the times of the retry rules. The
 * runtime takes them as an argument, so that engine tests can fix the clock and shorten the
 * waits; the product runs with PRODUCT_TIMINGS.
 */
import { DateTime } from 'luxon';

import type { RetryTimings } from './retryPolicy';

export interface RunTimings extends RetryTimings {
	/** "Today", "this month" and a trigger's period are read from it, once per run or poll. */
	now(): DateTime;
}

export const PRODUCT_TIMINGS: RunTimings = {
	attemptTimeoutMs: 30_000,
	longestWaitMs: Infinity,
	now: () => DateTime.now(),
};
