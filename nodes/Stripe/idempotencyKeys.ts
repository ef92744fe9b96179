/**
 * Stripe Idempotency-Keys derived from what a create makes, so that two runs at once, or a run
 * repeated after a crash, send the same key for the same object and Stripe makes it once. The
 * generation moves on only when Stripe replays an object that no longer exists. Pure.
 */
import { digestOf } from './digest';

/** The version of this derivation: a new one must not meet keys of the old. */
const SCHEME = 'cb1';

function checkCount(name: string, value: number) {
	if (!Number.isSafeInteger(value) || value < 1)
		throw new RangeError(`${name} must be a whole number of 1 or more, not ${value}`);
}

/** The key of a unit's invoice (part 1, 2, ...) in a generation (1, 2, ...). */
export function invoiceIdempotencyKey(unitKey: string, part: number, generation: number): string {
	checkCount('part', part);
	checkCount('generation', generation);
	return `${SCHEME}-inv-${digestOf('invoice', unitKey, part, generation)}`;
}

/** The key of a line's invoice item on an invoice (in_...) in a generation. */
export function invoiceItemIdempotencyKey(
	invoiceId: string,
	lineId: string,
	generation: number,
): string {
	checkCount('generation', generation);
	return `${SCHEME}-ii-${digestOf('invoice item', invoiceId, lineId, generation)}`;
}
