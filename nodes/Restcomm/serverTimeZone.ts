/**
 * Restcomm-Connect reads StartDate and EndDate as midnight in its JVM's zone, and writes an
 * account's date_created and date_updated in that zone too (AccountConverter, e.g. "Mon, 5 Jan
 * 2025 10:00:00 -0500"). Before usage is read, the credential's Server Time Zone is held against
 * those offsets (docs/vendors.md): a zone that does not fit would move money between days and
 * months without a word. Pure.
 */
import { DateTime } from 'luxon';

import type { Account } from './accounts';

// The server's zone rules may be older than Node's: Restcomm-Connect bundles Joda-Time 2.9.7,
// whose tzdata (2016j) still has the rules of 2016, e.g. São Paulo's summer time.
const RULES_SINCE = 2016;

const offsetText = (minutes: number) =>
	`UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/**
 * The offsets `zone` may be written with at `instant`: its offset then, or the one it had on that
 * date in a year since 2016 (a server whose rules are older).
 */
function offsetsOf(zone: string, instant: DateTime): Set<number> {
	const offsets = new Set([instant.setZone(zone).offset]);
	for (let year = RULES_SINCE; year < instant.year; year++)
		offsets.add(instant.setZone(zone).set({ year }).offset);
	return offsets;
}

/**
 * Why `zone` does not fit the dates the server wrote, or undefined when it does. A date that is
 * not RFC 2822 with an offset cannot be held against the zone, and says so.
 */
export function zoneMismatch(zone: string, written: unknown[]): string | undefined {
	for (const text of written) {
		const instant =
			typeof text === 'string' ? DateTime.fromRFC2822(text, { setZone: true }) : undefined;
		if (!instant?.isValid)
			return `the account's date ${JSON.stringify(text ?? null)} is not a date with an offset, so the server's zone cannot be told`;
		if (offsetsOf(zone, instant).has(instant.offset)) continue;
		return `the server wrote the account's date as ${text} (${offsetText(instant.offset)}), while ${zone} was ${offsetText(instant.setZone(zone).offset)} then`;
	}
	return undefined;
}

/**
 * Holds Server Time Zone against the account the credential signs in as, as fetched (a refusal
 * is thrown as it came): an Error naming the field and both offsets when the zone does not fit (a
 * credential error, not a refusal).
 */
export function checkServerTimeZone(fetched: Account | Error, zone: string): void {
	if (fetched instanceof Error) throw fetched;
	const { written } = fetched;
	const mismatch = zoneMismatch(zone, [written.dateCreated, written.dateUpdated]);
	if (mismatch)
		throw new Error(
			`Credential field "serverTimeZone" does not fit the Restcomm server: ${mismatch}. Set Server Time Zone to the zone the server runs in.`,
		);
}
