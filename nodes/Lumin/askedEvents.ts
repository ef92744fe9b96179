/**
 * The events a Billing API answer may be counted from: those its query asked for (its types, its
 * period, its host), each once. An event listed again on the same page or the next (a cursor that
 * overlaps) is counted once; listed again with other contents, or of a type, time or host the
 * query excluded, or with a timestamp that cannot be read, it is a Failure naming what came back;
 * so is a page that repeats an earlier one (pageHistory.ts: a cursor that went back). Only two
 * pages of events are kept, and a few ids per page, never a month's (docs/vendors.md). Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { Failure } from '../shared/outcome';
import type { BillingEventsQuery } from './api';
import { PageHistory } from './pageHistory';

// The document reads a timestamp without an offset as UTC.
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Milliseconds since the epoch of an event's timestamp, or NaN when it cannot be read. */
function instantOf(timestamp: unknown): number {
	if (typeof timestamp !== 'string') return NaN;
	const text = timestamp.trim();
	return Date.parse(HAS_OFFSET.test(text) ? text : `${text}Z`);
}

// The digits of "YYYY-MM-DDTHH:MM:SS" and the separators between them.
const SECOND_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const SECOND_SEPARATORS: Array<[number, string]> = [
	[4, '-'],
	[7, '-'],
	[10, 'T'],
	[13, ':'],
	[16, ':'],
];
const UTC_OFFSET = '+00:00';

const isDigit = (code: number) => code >= 48 && code <= 57;
const twoDigits = (text: string, at: number) =>
	(text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/**
 * Whether `text` is a UTC timestamp as the Billing API writes them ("2019-02-24T21:29:36.798081+00:00",
 * or ending Z) of a second that every calendar has (day 28 at most, no leap second): such texts
 * sort as their instants by their first 19 characters, so a month of them is placed in the period
 * without parsing each. Any other is parsed (instantOf).
 */
function isPlainUtcSecond(text: string): boolean {
	if (text.length < 20) return false;
	for (const at of SECOND_DIGITS) if (!isDigit(text.charCodeAt(at))) return false;
	for (const [at, separator] of SECOND_SEPARATORS) if (text[at] !== separator) return false;
	const month = twoDigits(text, 5);
	const day = twoDigits(text, 8);
	if (month < 1 || month > 12 || day < 1 || day > 28) return false;
	if (twoDigits(text, 11) > 23 || twoDigits(text, 14) > 59 || twoDigits(text, 17) > 59)
		return false;
	let end = 19;
	if (text[19] === '.') {
		end = 20;
		while (isDigit(text.charCodeAt(end))) end++;
		if (end === 20) return false;
	}
	// Z or +00:00, looked at in place: no text made for each of a month's events.
	if (text.length === end + 1) return text[end] === 'Z';
	return text.length === end + UTC_OFFSET.length && text.startsWith(UTC_OFFSET, end);
}

/** The first 19 characters ("YYYY-MM-DDTHH:MM:SS") of an instant in UTC, within years 0 to 9999. */
function utcSecondOf(ms: number): string | undefined {
	if (!Number.isFinite(ms)) return undefined;
	const iso = new Date(ms).toISOString();
	return iso.length === 24 ? iso.slice(0, 19) : undefined;
}

/** How an event is named in a refusal. */
const eventName = (item: IDataObject) =>
	item.id === undefined ? 'the event' : `the event ${JSON.stringify(item.id)}`;

const excluded = (what: string) =>
	new Failure(
		`answered ${what}: the answer holds what the query excluded, so it cannot be counted; nothing is returned.`,
	);

export class AskedEvents {
	private readonly types: ReadonlySet<string>;

	private readonly startMs: number;

	private readonly endMs: number;

	// The ids of the page before, with their events: a repeat can only be compared with those.
	private previous = new Map<string, IDataObject>();

	private readonly history: PageHistory;

	// A plain UTC timestamp (isPlainUtcSecond) is inside the period when it sorts after `after`
	// and before `before`: its second is after the start's and before the end's.
	private readonly secondsInside: { after: string; before: string } | undefined;

	/** `keepEveryId`: the caller holds every event anyway (Events mode), so any repeat is seen. */
	constructor(
		private readonly query: BillingEventsQuery,
		keepEveryId = false,
	) {
		this.history = new PageHistory(keepEveryId);
		this.types = new Set(query.type.split(','));
		this.startMs = Date.parse(query.start);
		this.endMs = Date.parse(query.end);
		// A plain UTC timestamp is after the start when its second is, whatever follows it.
		const startSecond = utcSecondOf(this.startMs);
		const endSecond = utcSecondOf(this.endMs);
		if (startSecond !== undefined && endSecond !== undefined)
			this.secondsInside = { after: `${startSecond}\uffff`, before: endSecond };
	}

	/** The page's events that were asked for and not counted already. */
	fresh(items: IDataObject[]): IDataObject[] {
		const current = new Map<string, IDataObject>();
		const fresh: IDataObject[] = [];
		const ids: string[] = [];
		const freshIds: string[] = [];
		const repeatedIds: string[] = [];
		for (const item of items) {
			this.check(item);
			if (item.id !== undefined && item.id !== null) {
				const id = String(item.id);
				ids.push(id);
				const earlier = current.get(id) ?? this.previous.get(id);
				if (earlier) {
					if (JSON.stringify(earlier) === JSON.stringify(item)) {
						repeatedIds.push(id);
						continue;
					}
					throw new Failure(
						`answered the event ${JSON.stringify(item.id)} twice with different contents, so which holds cannot be told; nothing is returned.`,
					);
				}
				current.set(id, item);
				freshIds.push(id);
			}
			fresh.push(item);
		}
		this.history.add(ids, freshIds, repeatedIds);
		this.previous = current;
		return fresh;
	}

	private check(item: IDataObject): void {
		const type = item.type ?? item.event_type;
		if (typeof type !== 'string' || !this.types.has(type)) {
			throw excluded(
				`${eventName(item)} of type ${JSON.stringify(type ?? null)}, which the query did not ask for (it asked for ${[...this.types].join(', ')})`,
			);
		}
		const timestamp = item.timestamp ?? item.datetime;
		if (!this.surelyInside(timestamp)) {
			const at = instantOf(timestamp);
			if (Number.isNaN(at)) {
				throw excluded(
					`${eventName(item)} with the timestamp ${JSON.stringify(timestamp ?? null)}, which cannot be read, so it cannot be placed in the period`,
				);
			}
			if (at < this.startMs || at > this.endMs) {
				throw excluded(
					`${eventName(item)} at ${String(timestamp)}, outside the period asked (${this.query.start} to ${this.query.end})`,
				);
			}
		}
		if (this.query.host !== undefined && String(item.host_id) !== this.query.host) {
			throw excluded(
				`${eventName(item)} of host ${JSON.stringify(item.host_id ?? null)}, while the query asked for host ${JSON.stringify(this.query.host)}`,
			);
		}
	}

	/** Whether a timestamp is read, and inside the period, by its text alone. */
	private surelyInside(timestamp: unknown): boolean {
		const inside = this.secondsInside;
		return (
			inside !== undefined &&
			typeof timestamp === 'string' &&
			timestamp > inside.after &&
			timestamp < inside.before &&
			isPlainUtcSecond(timestamp)
		);
	}
}
