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

export function usageRecordsRequest(
	platform: UsagePlatform,
	accountSid: string,
	subresource: string,
	query: IDataObject,
): PlatformRequest {
	return {
		httpMethod: 'GET',
		path: `/${API_VERSIONS[platform]}/Accounts/${encodeURIComponent(accountSid)}/Usage/Records/${subresource}.json`,
		kind: 'read',
		qs: platform === 'twilio' ? { ...query, PageSize: 1000 } : query,
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

export interface UsageRecordsPage extends TokenPage<string> {
	records: IDataObject[];
}

/** A bare array (Restcomm) or `{"usage_records": [...], "next_page_uri": ...}` (Twilio). */
export function readUsageRecordsPage(response: PlatformResponse): UsageRecordsPage {
	const { body } = response;
	const failure = (what: string) =>
		new Failure(
			`answered with ${what}, so the usage cannot be trusted to be complete; nothing is returned.`,
			response,
		);
	const page = body as IDataObject | null;
	const records = Array.isArray(body)
		? body
		: page && typeof page === 'object' && Array.isArray(page.usage_records)
			? page.usage_records
			: undefined;
	if (!records) throw failure('a body that is neither a list of usage records nor a page of them');
	if (!records.every(isJsonObject)) throw failure('usage records that are not JSON objects');
	if (Array.isArray(body)) return { response, records };
	// The documented end of the list is null; anything else must be a URI to follow.
	const next = (page as IDataObject).next_page_uri;
	if (next !== null && next !== undefined && (typeof next !== 'string' || next === ''))
		throw failure(`a next_page_uri that is neither a URI nor null (${JSON.stringify(next)})`);
	if (typeof next === 'string' && !URL.canParse(next, 'http://api.invalid'))
		throw failure(`a next_page_uri that is not a URI (${JSON.stringify(next)})`);
	return { response, records, nextToken: (next as string | null | undefined) ?? undefined };
}

/** The usage records that `first` asks for, page by page, one request after another. */
export async function* usageRecordPages(
	request: (request: PlatformRequest) => Promise<PlatformResponse>,
	first: PlatformRequest,
	maxPages?: number,
): AsyncGenerator<IDataObject[]> {
	const pages = pagesByToken(
		async (nextPageUri: string | undefined) =>
			readUsageRecordsPage(
				await request(nextPageUri === undefined ? first : nextPageRequest(nextPageUri)),
			),
		maxPages,
	);
	for await (const page of pages) yield page.records;
}
