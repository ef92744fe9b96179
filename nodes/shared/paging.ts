/**
 * Paging by token, strictly one page after another (Lumin.ai asks to "always permit one request
 * to end before beginning another one"), ending with a Failure when the API repeats a token or
 * never sends a last page.
 */
import { Failure } from './outcome';
import type { PlatformResponse } from './request';

/** A paging token as the API gave it: text, or a number (Lumin.ai's document allows both). */
export type PageToken = string | number;

export interface TokenPage<Token extends PageToken = PageToken> {
	response: PlatformResponse;
	nextToken?: Token;
}

/** Far above any real month (1,000 pages of 1,000 records hold a million), yet it ends. */
export const DEFAULT_MAX_PAGES = 10_000;

export async function* pagesByToken<Token extends PageToken, Page extends TokenPage<Token>>(
	fetchPage: (token: Token | undefined) => Promise<Page>,
	maxPages = DEFAULT_MAX_PAGES,
): AsyncGenerator<Page> {
	const seen = new Set<Token>();
	let token: Token | undefined;
	let pages = 0;
	do {
		if (pages === maxPages) {
			throw new Failure(
				`was still sending further pages after ${maxPages} (Max Pages), so the list may never end; nothing is returned. If the period really holds more, raise Max Pages under Options.`,
			);
		}
		const page = await fetchPage(token);
		pages++;
		const next = page.nextToken;
		if (next !== undefined && seen.has(next)) {
			throw new Failure(
				`answered page ${pages} with a paging token it had already given, so the list cannot be trusted to be complete; nothing is returned.`,
				page.response,
			);
		}
		yield page;
		if (next !== undefined) seen.add(next);
		token = next;
	} while (token !== undefined);
}
