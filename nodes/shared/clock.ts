/**
 * The pack's clock: "today", "this month" and a usage trigger's current period are read from it.
 */
import { DateTime } from 'luxon';

let clock: () => DateTime = () => DateTime.now();

export const now = (): DateTime => clock();

/**
 * Test-only: makes `now()` return what `testClock` returns, so that engine tests can move a
 * trigger into its next period; without an argument it restores the real clock. The engine
 * harness calls it on the module instance the nodes use; nothing in the pack calls it.
 */
export function setClockForTests(testClock?: () => DateTime): void {
	clock = testClock ?? (() => DateTime.now());
}
