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

	/** `keepEveryId`: the caller holds every event anyway (Events mode), so any repeat is seen. */
	constructor(
		private readonly query: BillingEventsQuery,
		keepEveryId = false,
	) {
		this.history = new PageHistory(keepEveryId);
		this.types = new Set(query.type.split(','));
		this.startMs = Date.parse(query.start);
		this.endMs = Date.parse(query.end);
	}

	/** The page's events that were asked for and not counted already. */
	fresh(items: IDataObject[]): IDataObject[] {
		const current = new Map<string, IDataObject>();
		const fresh: IDataObject[] = [];
		const ids: string[] = [];
		const freshIds: string[] = [];
		for (const item of items) {
			this.check(item);
			if (item.id !== undefined && item.id !== null) {
				const id = String(item.id);
				ids.push(id);
				const earlier = current.get(id) ?? this.previous.get(id);
				if (earlier) {
					if (JSON.stringify(earlier) === JSON.stringify(item)) continue;
					throw new Failure(
						`answered the event ${JSON.stringify(item.id)} twice with different contents, so which holds cannot be told; nothing is returned.`,
					);
				}
				current.set(id, item);
				freshIds.push(id);
			}
			fresh.push(item);
		}
		this.history.add(ids, freshIds);
		this.previous = current;
		return fresh;
	}

	private check(item: IDataObject): void {
		// Written only into a refusal: most pages hold a thousand events and none is refused.
		const id = () => (item.id === undefined ? '' : ` ${JSON.stringify(item.id)}`);
		const type = item.type ?? item.event_type;
		if (typeof type !== 'string' || !this.types.has(type)) {
			throw excluded(
				`the event${id()} of type ${JSON.stringify(type ?? null)}, which the query did not ask for (it asked for ${[...this.types].join(', ')})`,
			);
		}
		const timestamp = item.timestamp ?? item.datetime;
		const at = instantOf(timestamp);
		if (Number.isNaN(at)) {
			throw excluded(
				`the event${id()} with the timestamp ${JSON.stringify(timestamp ?? null)}, which cannot be read, so it cannot be placed in the period`,
			);
		}
		if (at < this.startMs || at > this.endMs) {
			throw excluded(
				`the event${id()} at ${String(timestamp)}, outside the period asked (${this.query.start} to ${this.query.end})`,
			);
		}
		if (this.query.host !== undefined && String(item.host_id) !== this.query.host) {
			throw excluded(
				`the event${id()} of host ${JSON.stringify(item.host_id ?? null)}, while the query asked for host ${JSON.stringify(this.query.host)}`,
			);
		}
	}
}
