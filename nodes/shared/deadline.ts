/**
 * One deadline for a whole exchange (each attempt of a request has 30 s in all). The request
 * helpers' own `timeout` only watches for silence, so a body dripping a byte at a time would
 * never end; and timers are not allowed in a community node, so the clock is n8n's `sleep`.
 */
import { sleep } from 'n8n-workflow';

export class DeadlineExceeded extends Error {
	constructor(readonly ms: number) {
		super(`no complete answer within ${ms / 1000} s`);
		this.name = 'DeadlineExceeded';
	}
}

/**
 * Runs `work` with a signal that aborts after `ms`; rejects with DeadlineExceeded then, even if
 * `work` does not listen to the signal.
 */
export async function withDeadline<T>(
	ms: number,
	work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
	const deadline = new AbortController();
	const timer = new AbortController();
	const expired = sleep(ms, timer.signal).then(
		() => {
			deadline.abort(new DeadlineExceeded(ms));
			throw new DeadlineExceeded(ms);
		},
		// The work ended first and stopped the timer.
		() => new Promise<never>(() => {}),
	);
	try {
		return await Promise.race([work(deadline.signal), expired]);
	} finally {
		timer.abort();
	}
}
