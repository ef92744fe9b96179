/**
 * How many requests one execution has in flight at once to one vendor, and the pause a
 * Retry-After asks of all of them: a vendor that says "wait" is waited for by every request to
 * it, not by the one that heard it. Each vendor's limit: PARALLEL_REQUESTS (docs/vendors.md,
 * "Requests in parallel").
 */
import { sleep } from 'n8n-workflow';

import type { Platform } from './platforms';

/**
 * Requests in flight at once to one platform by default. Lumin.ai's document asks callers to let
 * one request end before the next begins: 1, always. Twilio answers 429 (error 20429) past an
 * account's concurrency; 10 stays well under it and leaves room for the account's other users.
 * Restcomm, Evo Voice and IMIASSIST publish no limit: 4. Stripe allows 25 requests a second in a
 * sandbox and per endpoint (docs/vendors.md, "Stripe"): 4 at once stays under it.
 */
export const PARALLEL_REQUESTS: Readonly<Record<Platform, number>> = {
	lumin: 1,
	twilio: 10,
	restcomm: 4,
	evoVoice: 4,
	imiassist: 4,
	stripe: 4,
};

/** The most a node's Requests in Parallel may ask for. */
export const MOST_PARALLEL_REQUESTS = 50;

/** Platforms whose limit no node setting changes. */
const FIXED_LIMITS: ReadonlySet<Platform> = new Set(['lumin']);

/** A platform's limit when a node asks for `asked` at once (0: the platform's default). */
export const laneLimit = (platform: Platform, asked: number): number =>
	FIXED_LIMITS.has(platform) || asked === 0 ? PARALLEL_REQUESTS[platform] : asked;

/** The requests of one execution to one vendor: at most `limit` in flight. */
export class RequestLane {
	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** Until when (ms since the epoch) the vendor asked to be left alone. */
	private quietUntil = 0;

	constructor(readonly limit: number) {}

	/** Sends, once a place is free and any Retry-After has passed. */
	async send<T>(request: () => Promise<T>): Promise<T> {
		if (this.inFlight < this.limit) this.inFlight++;
		// A place freed by `release` is handed over, never given up and taken again.
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			for (let wait = this.quietUntil - Date.now(); wait > 0; wait = this.quietUntil - Date.now())
				await sleep(wait);
			return await request();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.inFlight--;
		}
	}

	/** The vendor asked for `waitMs` of quiet: every request to it waits that long. */
	holdOff(waitMs: number): void {
		this.quietUntil = Math.max(this.quietUntil, Date.now() + waitMs);
	}
}

/**
 * One execution's lanes, one per platform and API root, so that every item (and the trigger's
 * or a list's requests) to the same vendor share its limit.
 */
export class RequestLanes {
	private readonly lanes = new Map<string, RequestLane>();

	constructor(private readonly limitOf: (platform: Platform) => number) {}

	laneFor(platform: Platform, apiRoot: string): RequestLane {
		const key = JSON.stringify([platform, apiRoot]);
		let lane = this.lanes.get(key);
		if (!lane) {
			lane = new RequestLane(this.limitOf(platform));
			this.lanes.set(key, lane);
		}
		return lane;
	}
}

/**
 * `run` over `items`, at most `limit` at once, started in their order; once `stops` says an
 * outcome ends the run, no further item is started. Each outcome at its item's index; an item
 * never started has none. `run` must not throw: its outcome says how it ended.
 */
export async function inParallel<T, R>(
	items: readonly T[],
	limit: number,
	run: (item: T) => Promise<R>,
	stops: (outcome: R) => boolean,
): Promise<Array<R | undefined>> {
	const outcomes: Array<R | undefined> = new Array<R | undefined>(items.length);
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < items.length) {
			const index = next++;
			const outcome = await run(items[index]);
			outcomes[index] = outcome;
			if (stops(outcome)) stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return outcomes;
}
