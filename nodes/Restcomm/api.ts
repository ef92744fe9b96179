/**
 * Usage Records of Restcomm and of Twilio-compatible APIs (docs/vendors.md): one GET per
 * subresource, a bare JSON array from Restcomm, `usage_records` pages with `next_page_uri` from
 * Twilio.
 */
import type { IDataObject } from 'n8n-workflow';

import { FailureOutcome, PlatformFailure } from '../shared/outcome';
import { pagesByToken, type TokenPage } from '../shared/paging';
import type { CommsBillingCredentials } from '../shared/platforms';
import type { PlatformRequest, PlatformResponse } from '../shared/request';

export type UsagePlatform = 'restcomm' | 'twilio';

/** The credential's Account SID, else its API key, which is the SID unless it is an API key. */
export const credentialAccountSid = (credentials: CommsBillingCredentials) =>
	credentials.accountSid || credentials.apiKey;

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
	baseUrl: string,
	platform: UsagePlatform,
	accountSid: string,
	subresource: string,
	query: IDataObject,
): PlatformRequest {
	const path = `/${API_VERSIONS[platform]}/Accounts/${encodeURIComponent(accountSid)}/Usage/Records/${subresource}.json`;
	return {
		httpMethod: 'GET',
		url: `${baseUrl}${path}`,
		kind: 'read',
		qs: platform === 'twilio' ? { ...query, PageSize: 1000 } : query,
	};
}

/**
 * The URL of Twilio's next page: `next_page_uri` is relative to the API root, so it is joined
 * to the base URL, keeping the base URL's path unless the URI already starts with it.
 */
export function nextPageUrl(baseUrl: string, nextPageUri: string): string {
	const base = new URL(baseUrl);
	const basePath = base.pathname.replace(/\/+$/, '');
	if (!URL.canParse(nextPageUri, base.origin))
		throw new FailureOutcome(`The next_page_uri "${nextPageUri}" is not a URI.`);
	const target = new URL(nextPageUri, base.origin);
	if (target.origin !== base.origin) {
		throw new FailureOutcome(
			`The next page is on another host (${target.origin}); it is not fetched with these credentials.`,
		);
	}
	const path =
		basePath && !nextPageUri.startsWith(basePath)
			? `${basePath}${target.pathname}`
			: target.pathname;
	return `${base.origin}${path}${target.search}`;
}

export const nextPageRequest = (url: string): PlatformRequest => ({
	httpMethod: 'GET',
	url,
	kind: 'read',
});

export interface UsageRecordsPage extends TokenPage<string> {
	records: IDataObject[];
}

/** A bare array (Restcomm) or `{"usage_records": [...], "next_page_uri": ...}` (Twilio). */
export function readUsageRecordsPage(response: PlatformResponse): UsageRecordsPage {
	const { body } = response;
	const failure = (what: string) =>
		new PlatformFailure(
			`answered with ${what}, so the usage cannot be trusted to be complete; nothing is returned.`,
			response.statusCode,
			body,
		);
	const page = body as IDataObject | null;
	const records = Array.isArray(body)
		? body
		: page && typeof page === 'object' && Array.isArray(page.usage_records)
			? page.usage_records
			: undefined;
	if (!records) throw failure('a body that is neither a list of usage records nor a page of them');
	if (!records.every(isRecord)) throw failure('usage records that are not JSON objects');
	if (Array.isArray(body)) return { response, records };
	// The documented end of the list is null; anything else must be a URI to follow.
	const next = (page as IDataObject).next_page_uri;
	if (next !== null && next !== undefined && (typeof next !== 'string' || next === ''))
		throw failure(`a next_page_uri that is neither a URI nor null (${JSON.stringify(next)})`);
	return { response, records, nextToken: (next as string | null | undefined) ?? undefined };
}

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** The usage records that `first` asks for, page by page, one request after another. */
export async function* usageRecordPages(
	request: (request: PlatformRequest) => Promise<PlatformResponse>,
	baseUrl: string,
	first: PlatformRequest,
	maxPages?: number,
): AsyncGenerator<IDataObject[]> {
	const pages = pagesByToken(
		async (nextPageUri: string | undefined) =>
			readUsageRecordsPage(
				await request(
					nextPageUri === undefined ? first : nextPageRequest(nextPageUrl(baseUrl, nextPageUri)),
				),
			),
		maxPages,
	);
	for await (const page of pages) yield page.records;
}
