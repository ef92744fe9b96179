/**
 * Paging by token, strictly one page after another (Lumin: "Always permit one request to end
 * before beginning another one"), ending with a Failure when the API repeats a token.
 */
import { FailureOutcome } from './outcome';
import type { PlatformResponse } from './transport';

export interface TokenPage {
	response: PlatformResponse;
	nextToken?: string;
}

export async function* pagesByToken<Page extends TokenPage>(
	fetchPage: (token: string | undefined) => Promise<Page>,
	platformLabel: string,
): AsyncGenerator<Page> {
	const seen = new Set<string>();
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await fetchPage(token);
		pages++;
		const next = page.nextToken;
		if (next !== undefined && seen.has(next)) {
			throw new FailureOutcome(
				`${platformLabel} answered page ${pages} with a paging token it had already given, so the list cannot be trusted to be complete; nothing is returned.`,
				page.response.statusCode,
				page.response.body,
			);
		}
		yield page;
		if (next !== undefined) seen.add(next);
		token = next;
	} while (token !== undefined);
}
