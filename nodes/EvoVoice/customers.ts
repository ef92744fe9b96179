/**
 * Evo Voice's ListCustomers (docs/vendors.md, "Evo Voice"): GET /customers, a ListResponse of
 * CustomerInfo, read page by page, one account at a time: who each customer's parent is.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MethodCall } from '../shared/model';
import { Failure } from '../shared/outcome';
import { pagesByToken } from '../shared/paging';
import { isJsonObject } from '../shared/records';
import type { PlatformRequest, PlatformResponse } from '../shared/request';
import { SYSTEM_ADMINISTRATOR_HINT } from './api';

export const CUSTOMERS_PATH = '/customers';

// The CLI asks 25 a page by default; how many the server allows on one page is not published
// (assumed: 100). Paging follows the answer's totalPages, so a server that serves fewer still
// gives every customer.
const CUSTOMERS_PER_PAGE = 100;

/** Page `page` (0-based, as the CLI counts) of one account's customers, with page counts. */
export const customersRequest = (accountId: string, page: number): PlatformRequest => ({
	httpMethod: 'GET',
	path: CUSTOMERS_PATH,
	kind: 'read',
	qs: { accountIds: accountId, page, countPerPage: CUSTOMERS_PER_PAGE },
	headers: { Accept: 'application/json' },
	refusalHints: { 403: SYSTEM_ADMINISTRATOR_HINT },
});

/** An account's customers today: each customer's id, and its parent's (null: none). */
export type CustomerParents = ReadonlyMap<string, string | null>;

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** A page's customers and counts, each customer of the account asked; else a Failure. */
function readCustomersPage(response: PlatformResponse, accountId: string) {
	const { body } = response;
	const page = (isJsonObject(body) ? body : {}) as IDataObject;
	const { items, totalCount, totalPages } = page;
	const documented =
		Array.isArray(items) &&
		items.every((item) => isJsonObject(item) && ['string', 'number'].includes(typeof item.id)) &&
		isCount(totalCount) &&
		isCount(totalPages);
	if (!documented) {
		throw new Failure(
			'answered GET /customers with a body that is not the documented ListResponse of customers (items, each with an id, totalCount and totalPages); nothing is returned.',
			response,
		);
	}
	const customers = (items as IDataObject[]).map((item) => {
		const owner = item.accountId;
		if (owner !== undefined && owner !== null && String(owner) !== accountId) {
			throw new Failure(
				`answered GET /customers for account ${accountId} with customer ${String(item.id)} of account ${String(owner)}: the answer holds what was not asked for; nothing is returned.`,
				response,
			);
		}
		const parent = item.parentCustomerId;
		// ServiceStack leaves out null properties: a customer without a parent has none.
		const parentId =
			parent === undefined || parent === null || parent === '' ? null : String(parent);
		return [String(item.id), parentId] as const;
	});
	return { customers, totalCount, totalPages };
}

/**
 * Every customer of `accountId` as the list stands today, all pages. A list that changes while it
 * is read (its total, a customer's parent) is a Failure: a customer could be missed.
 */
export async function readCustomerParents(
	request: (request: PlatformRequest) => Promise<PlatformResponse>,
	accountId: string,
): Promise<CustomerParents> {
	const parents = new Map<string, string | null>();
	let total: number | undefined;
	const changed = (what: string, response?: PlatformResponse) =>
		new Failure(
			`changed account ${accountId}'s customer list while it was read (${what}), so a customer could be missed; nothing is returned.`,
			response,
		);
	const pages = pagesByToken(async (page: number = 0) => {
		const response = await request(customersRequest(accountId, page));
		const read = readCustomersPage(response, accountId);
		return { response, ...read, nextToken: page + 1 < read.totalPages ? page + 1 : undefined };
	});
	for await (const { response, customers, totalCount } of pages) {
		if (total !== undefined && totalCount !== total)
			throw changed(`totalCount ${total}, then ${totalCount}`, response);
		total = totalCount;
		for (const [id, parentId] of customers) {
			if (parents.has(id) && parents.get(id) !== parentId)
				throw changed(`customer ${id} listed twice with other parents`, response);
			parents.set(id, parentId);
		}
	}
	if (parents.size !== total) throw changed(`totalCount ${total}, ${parents.size} customers read`);
	return parents;
}

/** Each account's customer list, by account id: read once per run, for every item that bills it. */
export async function customerListsOf(
	accounts: readonly string[],
	{ request, once }: Pick<MethodCall<unknown>, 'request' | 'once'>,
): Promise<Map<string, CustomerParents>> {
	const lists = await Promise.all(
		accounts.map((account) =>
			once(`customers of account ${account}`, () => readCustomerParents(request, account)),
		),
	);
	return new Map(accounts.map((account, index) => [account, lists[index]]));
}
