/**
 * Polling until a long-running job is done, with back-off and a maximum wait, sleeping with
 * n8n's `sleep` between polls (never a busy loop).
 */
import { sleep } from 'n8n-workflow';

const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 15_000;

export type PollResult<T> = { done: true; value: T } | { done: false; value: T };

/**
 * Calls `poll` until it reports done or `maxWaitMs` has passed; waits 1 s, 2 s, 4 s, ... (at
 * most 15 s, and never past the deadline) between calls. Returns the last result.
 */
export async function pollUntilDone<T>(
	poll: () => Promise<PollResult<T>>,
	maxWaitMs: number,
	now: () => number = Date.now,
): Promise<PollResult<T> & { polls: number }> {
	const deadline = now() + maxWaitMs;
	let wait = FIRST_WAIT_MS;
	for (let polls = 1; ; polls++) {
		const result = await poll();
		const left = deadline - now();
		if (result.done || left <= 0) return { ...result, polls };
		await sleep(Math.min(wait, left));
		wait = Math.min(wait * 2, LONGEST_WAIT_MS);
	}
}
