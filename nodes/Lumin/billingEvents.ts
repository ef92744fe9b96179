/**
 * Billing events as the node outputs them, their summary per host and type, and its invoice lines.
 * Pure.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { invoiceLine } from '../shared/invoiceLines';
import { UNBILLED_EVENT_TYPE } from './api';

export const BILLING_EVENT_FIELDS = [
	'id',
	'conversation_id',
	'host_id',
	'host_did',
	'user_did',
	'timestamp',
	'type',
] as const;

export const SUMMARY_FIELDS = ['host_id', 'type', 'count'] as const;
export const DAILY_SUMMARY_FIELDS = ['host_id', 'type', 'date', 'count'] as const;

/**
 * The documented fields only, each present (null when left out). The document's field list says
 * `datetime`/`event_type` while real payloads carry `timestamp`/`type`: both are read.
 */
export function toBillingEvent(item: IDataObject): IDataObject {
	const event: IDataObject = {};
	for (const field of BILLING_EVENT_FIELDS) event[field] = item[field] ?? null;
	event.timestamp = timestampOf(item);
	event.type = typeOf(item);
	return event;
}

const timestampOf = (item: IDataObject) => item.timestamp ?? item.datetime ?? null;
const typeOf = (item: IDataObject) => item.type ?? item.event_type ?? null;

// Every UTC offset in use is a whole number of quarter hours, so all instants of one UTC quarter
// hour fall on the same local day: the day is computed once per quarter hour, not per event.
const QUARTER_HOUR_MS = 15 * 60 * 1000;

// Its minute (the first 16 characters) and its offset, which together decide its day.
const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch; a timestamp without an offset is UTC, as the document says. */
function instantMillis(timestamp: string): number {
	const parsed = DateTime.fromISO(timestamp, { zone: 'utc' });
	return parsed.isValid ? parsed.toMillis() : NaN;
}

/** Counts events per host and type (and per day in a time zone) as they stream past. */
export class BillingEventSummary {
	// By host, then type, then day (null when not by day): nested, so no key is built per event.
	private readonly groups = new Map<string, Map<string, Map<string | null, IDataObject>>>();

	private readonly dayByQuarterHour = new Map<number, string>();

	private readonly dayByMinute = new Map<string, string | null>();

	constructor(
		private readonly timezone: string,
		private readonly byDay: boolean,
	) {}

	/** Counts an item of a page as it came, without making it an event first. */
	add(item: IDataObject): void {
		const hostId = item.host_id ?? null;
		const type = typeOf(item);
		const ofHost = childOf(this.groups, groupKey(hostId), () => new Map());
		const ofType = childOf(ofHost, groupKey(type), () => new Map());
		const date = this.byDay ? this.dayOf(timestampOf(item)) : null;
		const group = ofType.get(date);
		if (group) {
			(group.count as number)++;
			return;
		}
		ofType.set(
			date,
			this.byDay ? { host_id: hostId, type, date, count: 1 } : { host_id: hostId, type, count: 1 },
		);
	}

	/** Groups sorted by host, then day, then type. */
	rows(): IDataObject[] {
		const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
		const all = [...this.groups.values()].flatMap((ofHost) =>
			[...ofHost.values()].flatMap((ofType) => [...ofType.values()]),
		);
		return all.sort(
			(a, b) =>
				text(a.host_id).localeCompare(text(b.host_id)) ||
				text(a.date).localeCompare(text(b.date)) ||
				text(a.type).localeCompare(text(b.type)),
		);
	}

	private dayOf(timestamp: unknown): string | null {
		if (typeof timestamp !== 'string') return null;
		// All instants of one minute at one offset fall on the same day: looked up by the two, a
		// timestamp needs no parse. Any other form is parsed.
		const withOffset = ISO_WITH_OFFSET.exec(timestamp);
		if (!withOffset) return this.dayOfMillis(instantMillis(timestamp));
		const minute = withOffset[1] + withOffset[2];
		let day = this.dayByMinute.get(minute);
		if (day === undefined) {
			day = this.dayOfMillis(Date.parse(timestamp));
			this.dayByMinute.set(minute, day);
		}
		return day;
	}

	private dayOfMillis(millis: number): string | null {
		if (Number.isNaN(millis)) return null;
		const quarterHour = Math.floor(millis / QUARTER_HOUR_MS);
		let day = this.dayByQuarterHour.get(quarterHour);
		if (day === undefined) {
			day = DateTime.fromMillis(quarterHour * QUARTER_HOUR_MS, {
				zone: this.timezone,
			}).toISODate() as string;
			this.dayByQuarterHour.set(quarterHour, day);
		}
		return day;
	}
}

/** Groups are told apart as texts, so that a host sent once as 7 and once as "7" is one. */
const groupKey = (value: unknown) => (typeof value === 'string' ? value : String(value));

function childOf<K, V>(parent: Map<K, V>, key: K, create: () => V): V {
	let child = parent.get(key);
	if (child === undefined) {
		child = create();
		parent.set(key, child);
	}
	return child;
}

/**
 * A summary's groups as invoice lines: one per host and billed event type, its quantity the count.
 * Deleted appointments make no line; whenever they were asked for (a type listed or a custom one),
 * each line of a host names how many of that host's were left out, 0 included, so a reader sees
 * they were read.
 */
export function summaryLines(
	groups: IDataObject[],
	period: { start: DateTime; end: DateTime; from: string; to: string },
	unbilledAsked: boolean,
): IDataObject[] {
	// Keyed as the line's customer is written, so that a host sent as 7 and as "7" is one.
	const unbilledByHost = new Map<string, number>();
	for (const { host_id, type, count } of groups) {
		if (type !== UNBILLED_EVENT_TYPE.value) continue;
		const host = String(host_id);
		unbilledByHost.set(host, (unbilledByHost.get(host) ?? 0) + (count as number));
	}
	return groups
		.filter(({ type }) => type !== UNBILLED_EVENT_TYPE.value)
		.map(({ host_id, type, count }) => {
			const leftOut = unbilledByHost.get(String(host_id));
			const note = unbilledAsked ? ` (${unbilledNote(leftOut ?? 0)})` : '';
			return invoiceLine({
				customer: String(host_id),
				customerName: null,
				platform: 'lumin',
				category: String(type),
				description: `Billable events of type ${type}${note}`,
				quantity: count as number,
				unit: 'events',
				amount: null,
				currency: null,
				periodStart: period.start.toISODate(),
				periodEnd: period.end.toISODate(),
				source: `Billing API events of type ${type} for host ${host_id}, ${period.from} to ${period.to}`,
			});
		});
}

const unbilledNote = (count: number) =>
	`${count} ${UNBILLED_EVENT_TYPE.name} event${count === 1 ? '' : 's'} of this host left out: ` +
	'deleted appointments are not billed';
