/**
 * Usage Records of Restcomm and of Twilio-compatible APIs (docs/vendors.md): one GET per
 * subresource, a bare JSON array from Restcomm, `usage_records` pages with `next_page_uri` from
 * Twilio.
 */
import type { IDataObject } from 'n8n-workflow';

import { Failure } from '../shared/outcome';
import { pagesByToken, type TokenPage } from '../shared/paging';
import { isJsonObject } from '../shared/records';
import type { PlatformRequest, PlatformResponse } from '../shared/request';

export type UsagePlatform = 'restcomm' | 'twilio';

export const API_VERSIONS: Record<UsagePlatform, string> = {
	restcomm: '2012-04-24',
	twilio: '2010-04-01',
};

/**
 * A category as each platform takes it: Twilio the document's names, Restcomm its Java enum
 * names, because Restcomm's own build answers 500 to `sms-inbound` (its issue #2302).
 */
export const categoryOnWire = (platform: UsagePlatform, category: string) =>
	platform === 'restcomm' ? category.toUpperCase().replace(/-/g, '_') : category;

/**
 * One listing of usage records as it goes on the wire, and so what its answer is read against
 * (askedRecords.ts).
 */
export interface UsageQuery {
	platform: UsagePlatform;
	/** The account in the path. */
	accountSid: string;
	/** The subresource, e.g. `Daily`. */
	subresource: string;
	/** The document's name, sent in the platform's spelling; undefined: no Category. */
	category?: string;
	/** YYYY-MM-DD, where sent. */
	startDate?: string;
	endDate?: string;
	/** False: IncludeSubaccounts=false is sent (Twilio-compatible; its default is true). */
	includeSubaccounts: boolean;
	/** Restcomm-Connect labels every record calls: a record is its request's category. */
	labelledByRequest: boolean;
}

export function usageRecordsRequest(query: UsageQuery): PlatformRequest {
	const { platform, category, startDate, endDate } = query;
	const qs: IDataObject = {};
	if (category !== undefined) qs.Category = categoryOnWire(platform, category);
	if (startDate) qs.StartDate = startDate;
	if (endDate) qs.EndDate = endDate;
	if (platform === 'twilio' && !query.includeSubaccounts) qs.IncludeSubaccounts = false;
	if (platform === 'twilio') qs.PageSize = 1000;
	return {
		httpMethod: 'GET',
		path: `/${API_VERSIONS[platform]}/Accounts/${encodeURIComponent(query.accountSid)}/Usage/Records/${query.subresource}.json`,
		kind: 'read',
		qs,
	};
}

/**
 * Twilio's next page: `next_page_uri` is a path from the API root (the transport joins it, and
 * never sends it off the credential's origin).
 */
export const nextPageRequest = (nextPageUri: string): PlatformRequest => ({
	httpMethod: 'GET',
	path: nextPageUri,
	kind: 'read',
});

export interface ListPage extends TokenPage<string> {
	entries: IDataObject[];
}

/**
 * A page of a list of Restcomm's or Twilio's: a bare array (Restcomm), or Twilio's
 * `{"<list>": [...], "next_page_uri": ...}`. Entries that are not objects, or a next_page_uri that
 * is neither a URI nor null, are a Failure: the list cannot be trusted to be complete.
 */
export function readListPage(response: PlatformResponse, list: string, what: string): ListPage {
	const { body } = response;
	const failure = (answer: string) =>
		new Failure(
			`answered with ${answer}, so the ${what} cannot be trusted to be complete; nothing is returned.`,
			response,
		);
	const page = body as IDataObject | null;
	const entries = Array.isArray(body)
		? body
		: page && typeof page === 'object' && Array.isArray(page[list])
			? (page[list] as unknown[])
			: undefined;
	if (!entries) throw failure(`a body that is neither a list of ${what} nor a page of them`);
	if (!entries.every(isJsonObject)) throw failure(`${what} that are not JSON objects`);
	if (Array.isArray(body)) return { response, entries };
	// The documented end of the list is null; anything else must be a URI to follow.
	const next = (page as IDataObject).next_page_uri;
	if (next !== null && next !== undefined && (typeof next !== 'string' || next === ''))
		throw failure(`a next_page_uri that is neither a URI nor null (${JSON.stringify(next)})`);
	if (typeof next === 'string' && !URL.canParse(next, 'http://api.invalid'))
		throw failure(`a next_page_uri that is not a URI (${JSON.stringify(next)})`);
	return { response, entries, nextToken: (next as string | null | undefined) ?? undefined };
}

/** A list's pages from `first` on, one request after another (pagesByToken's checks). */
export const listPages = (
	request: (request: PlatformRequest) => Promise<PlatformResponse>,
	first: PlatformRequest,
	read: (response: PlatformResponse) => ListPage,
	maxPages?: number,
): AsyncGenerator<ListPage> =>
	pagesByToken(
		async (nextPageUri: string | undefined) =>
			read(await request(nextPageUri === undefined ? first : nextPageRequest(nextPageUri))),
		maxPages,
	);

export const readUsageRecordsPage = (response: PlatformResponse) =>
	readListPage(response, 'usage_records', 'usage records');
