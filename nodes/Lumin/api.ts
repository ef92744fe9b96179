/**
 * Lumin.ai's Billing API (docs/vendors.md): one POST to the customer's URI with a bearer token,
 * answered page by page.
 */
import type { DateTime } from 'luxon';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { toIsoWithOffset } from '../shared/billingPeriod';
import { Failure } from '../shared/outcome';
import { documentedObject, errorDetail, isJsonObject } from '../shared/records';
import { pagesByToken, type PageToken, type TokenPage } from '../shared/paging';
import type { PlatformRequest, PlatformResponse } from '../shared/request';
import { AskedEvents } from './askedEvents';

/** Pricing is per appointment scheduled (seed 002), so a deleted appointment is never billed. */
export const UNBILLED_EVENT_TYPE = {
	name: 'Appointment Deleted',
	value: 'billing.delete',
} as const;

export const LUMIN_EVENT_TYPES: INodePropertyOptions[] = [
	UNBILLED_EVENT_TYPE,
	{ name: 'Appointment Rescheduled', value: 'billing.rescheduled' },
	{ name: 'Appointment Scheduled', value: 'billing.scheduled' },
	{ name: 'Lead Received', value: 'billing.lead-received' },
];

/** Event types as the API takes them: no commas, no spaces. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z0-9._-]+$/;

export interface BillingEventsQuery extends IDataObject {
	type: string;
	start: string;
	end: string;
	host?: string;
}

/** The events of `eventTypes` from `start` to `end`, of one host when one is given. */
export const billingEventsQuery = (asked: {
	eventTypes: readonly string[];
	start: DateTime;
	end: DateTime;
	host?: string;
}): BillingEventsQuery => ({
	type: asked.eventTypes.join(','),
	start: toIsoWithOffset(asked.start),
	end: toIsoWithOffset(asked.end),
	...(asked.host ? { host: asked.host } : {}),
});

export interface BillingEventsPage extends TokenPage {
	items: IDataObject[];
}

export function billingEventsRequest(
	query: BillingEventsQuery,
	startToken: PageToken | undefined,
): PlatformRequest {
	return {
		httpMethod: 'POST',
		path: '',
		kind: 'read',
		body: startToken === undefined ? query : { ...query, start_token: startToken },
	};
}

/**
 * `{"ok": true, "next_token"?, "items": [...]}`; any other answer is a Failure. The document
 * writes `"next_token": <paging token>` unquoted, so a number is a token too; absent or null
 * ends the list.
 */
export function readBillingEventsPage(response: PlatformResponse): BillingEventsPage {
	const body = documentedObject(response);
	const refuse = (what: string) => new Failure(what, response);
	if (body.ok !== true) {
		const detail = errorDetail(body) ? `: ${errorDetail(body)}` : '';
		throw refuse(`did not answer ok: true${detail}.`);
	}
	if (!Array.isArray(body.items)) throw refuse('answered without an items list.');
	if (!body.items.every(isJsonObject))
		throw refuse('answered with items that are not JSON objects; nothing is returned.');
	const next = body.next_token;
	const continues =
		(typeof next === 'string' && next !== '') ||
		(typeof next === 'number' && Number.isFinite(next));
	if (!continues && next !== undefined && next !== null)
		throw refuse(
			`answered with a next_token that is neither a token nor the end (${JSON.stringify(next)}); nothing is returned.`,
		);
	return {
		response,
		items: body.items as IDataObject[],
		nextToken: continues ? (next as PageToken) : undefined,
	};
}

/**
 * The billing events the query matches, page by page, one request after another: a page's items
 * at a time, so that a million events cost a thousand awaits, not a million.
 */
export async function* billingEventPages(
	request: (request: PlatformRequest) => Promise<PlatformResponse>,
	query: BillingEventsQuery,
	{ maxPages, keepEveryId = false }: { maxPages?: number; keepEveryId?: boolean } = {},
): AsyncGenerator<IDataObject[]> {
	const pages = pagesByToken(
		async (token) => readBillingEventsPage(await request(billingEventsRequest(query, token))),
		maxPages,
	);
	// Only what the query asked for, each event once (askedEvents.ts).
	const asked = new AskedEvents(query, keepEveryId);
	for await (const page of pages) yield asked.fresh(page.items);
}
