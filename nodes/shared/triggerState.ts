/**
 * What the usage trigger remembers in the workflow's static data: every period it fired in that a
 * clock stepping back could still show again, and the periods a poll is measuring right now.
 * A period is claimed before the poll's first request, in the very object n8n hands every poll of
 * the workflow, so that a poll overlapping it (n8n starts one on each tick without waiting for the
 * last) neither measures nor fires that period again. A period is told apart by its instants, so
 * that `Etc/UTC` and `UTC` are one zone; a fired period holds for the watch that fired it, so that
 * an edited watch starts afresh. A watch of several accounts is claimed as one, and remembers by
 * account SID which accounts fired in a period. The shape is versioned and read defensively: the first shape
 * (`firedIn`, one period's key) is carried over, whatever is unreadable is dropped. Pure.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { currentPeriod, RECURRENCES, type Recurrence, type UsagePeriod } from './usagePeriods';

const VERSION = 2;
// A fired period is remembered this long after its end, for a clock that steps back.
const REMEMBERED_DAYS = 35;
// A claim this old is a poll that never finished (n8n restarted mid-poll): it no longer holds.
const CLAIM_LEASE_MINUTES = 60;

/** A period fired in: `watch` null when the first shape, which named no watch, recorded it. */
interface Fired {
	period: string;
	watch: string | null;
	end: string | null;
	/** A watch of several accounts: the SIDs of those that fired in it; absent: the one series. */
	accounts?: string[];
}

interface Claim {
	period: string;
	watch: string;
	at: string;
}

export interface TriggerState {
	fired: Fired[];
	claims: Claim[];
}

/** A period by its instants, whatever its zone is spelled. */
export const periodId = (period: UsagePeriod) =>
	period.start
		? `${period.recurrence} ${period.start.toUTC().toISO()} ${period.end!.toUTC().toISO()}`
		: period.recurrence;

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The period the first shape's `firedIn` names: its key ("daily 2026-11-10 UTC", in any spacing
 * or case), or an instant inside it (epoch milliseconds, or an ISO date-time) read in the watch's
 * current recurrence and zone.
 */
function firstShapePeriod(firedIn: unknown, recurrence: Recurrence, zone: string) {
	if (typeof firedIn === 'number' && Number.isFinite(firedIn)) {
		return currentPeriod(recurrence, zone, DateTime.fromMillis(firedIn, { zone: 'utc' }));
	}
	if (typeof firedIn !== 'string') return undefined;
	const [kind, day, keyZone, ...rest] = firedIn.trim().split(/\s+/);
	const named = (kind ?? '').toLowerCase() as Recurrence;
	if (named === 'alltime' && day === undefined) {
		return currentPeriod('alltime', zone, DateTime.fromMillis(0));
	}
	if (RECURRENCES.includes(named) && keyZone !== undefined && rest.length === 0) {
		const start = DateTime.fromISO(day, { zone: keyZone });
		return start.isValid ? currentPeriod(named, keyZone, start) : undefined;
	}
	const instant = DateTime.fromISO(firedIn.trim(), { setZone: true });
	return instant.isValid ? currentPeriod(recurrence, zone, instant) : undefined;
}

/** The state as stored, in this version's shape; what cannot be read is left out. */
export function readTriggerState(
	stored: IDataObject,
	recurrence: Recurrence,
	zone: string,
): TriggerState {
	const list = (value: unknown) => (Array.isArray(value) ? (value as IDataObject[]) : []);
	// Absent: the one series; a list that holds anything but SIDs cannot be read.
	const readable = (accounts: unknown) =>
		accounts === undefined || (Array.isArray(accounts) && accounts.every(isText));
	const state: TriggerState = {
		fired: list(stored.fired).flatMap((entry) =>
			entry &&
			isText(entry.period) &&
			(entry.watch === null || isText(entry.watch)) &&
			readable(entry.accounts)
				? [
						{
							period: entry.period,
							watch: entry.watch,
							end: isText(entry.end) ? entry.end : null,
							...(entry.accounts ? { accounts: [...(entry.accounts as string[])] } : {}),
						},
					]
				: [],
		),
		claims: list(stored.claims).flatMap((entry) =>
			entry && isText(entry.period) && isText(entry.watch) && isText(entry.at)
				? [{ period: entry.period, watch: entry.watch, at: entry.at }]
				: [],
		),
	};
	if (stored.version === undefined && stored.firedIn !== undefined) {
		const period = firstShapePeriod(stored.firedIn, recurrence, zone);
		if (period) {
			state.fired.push({ period: periodId(period), watch: null, end: period.end?.toISO() ?? null });
		}
	}
	return state;
}

/** Forgets fired periods long over and claims of polls that never finished. */
export function forgetStale(state: TriggerState, now: DateTime): void {
	const since = (text: string, from: DateTime) => {
		const instant = DateTime.fromISO(text);
		return instant.isValid && instant >= from;
	};
	const rememberedFrom = now.minus({ days: REMEMBERED_DAYS });
	state.fired = state.fired.filter(({ end }) => end === null || since(end, rememberedFrom));
	const leaseFrom = now.minus({ minutes: CLAIM_LEASE_MINUTES });
	state.claims = state.claims.filter(({ at }) => since(at, leaseFrom));
}

/** Whether `watch` fired in `period`: for one of several accounts, whether that account did. */
export const hasFired = (state: TriggerState, period: string, watch: string, account?: string) =>
	state.fired.some(
		(entry) =>
			entry.period === period &&
			(entry.watch ?? watch) === watch &&
			(account === undefined ? !entry.accounts : entry.accounts?.includes(account)),
	);

/** Remembers that `watch` fired in `period` (for one of several accounts: that account did). */
export function markFired(
	state: TriggerState,
	period: UsagePeriod,
	watch: string,
	account?: string,
): void {
	const id = periodId(period);
	if (hasFired(state, id, watch, account)) return;
	const end = period.end?.toISO() ?? null;
	if (account === undefined) {
		state.fired.push({ period: id, watch, end });
		return;
	}
	// One entry per period for all its accounts: a poll of hundreds keeps its state small.
	const entry = state.fired.find((one) => one.period === id && one.watch === watch && one.accounts);
	if (entry) entry.accounts!.push(account);
	else state.fired.push({ period: id, watch, end, accounts: [account] });
}

export const isClaimed = (state: TriggerState, period: string, watch: string) =>
	state.claims.some((claim) => claim.period === period && claim.watch === watch);

/** Writes the state into n8n's static data object in place; an empty state leaves it empty. */
export function writeTriggerState(stored: IDataObject, state: TriggerState): void {
	for (const key of Object.keys(stored)) delete stored[key];
	if (state.fired.length === 0 && state.claims.length === 0) return;
	stored.version = VERSION;
	stored.fired = state.fired.map((entry) => ({
		...entry,
		...(entry.accounts ? { accounts: [...entry.accounts] } : {}),
	}));
	stored.claims = state.claims.map((claim) => ({ ...claim }));
}

/**
 * What identifies the watch in the stored state: its inputs but the zone (a period's instants
 * hold it), the options and the accounts (each account's state is its own, by SID), so that an
 * edited category, measure or threshold starts afresh.
 */
export function watchKey(operation: string, values: Record<string, unknown>): string {
	const watched = Object.entries(values).filter(([name]) => !NOT_THE_WATCH.has(name));
	return JSON.stringify([operation, watched]);
}
const NOT_THE_WATCH = new Set(['timezone', 'recurrence', 'options', 'accounts']);

/** The periods a poll at `at` checks: the one that ended within the grace window, then its own. */
export function periodsToCheck(
	recurrence: Recurrence,
	zone: string,
	at: DateTime,
	graceMinutes: number,
) {
	const current = currentPeriod(recurrence, zone, at);
	const ended = currentPeriod(recurrence, zone, at.minus({ minutes: graceMinutes }));
	return periodId(ended) === periodId(current) ? [current] : [ended, current];
}
