/**
 * The Accounts resource of Restcomm and of Twilio-compatible APIs (docs/vendors.md): the accounts
 * a credential may read, for the Account SID's list and for billing each subaccount, and one
 * account's friendly name, for invoice lines. Twilio answers a page of `accounts`, the
 * credential's account and its subaccounts; Restcomm-Connect a bare array of the credential's
 * direct sub-accounts only. Every account comes with its own auth_token: an answer is reduced to
 * the fields below as it arrives, so that no token reaches an output, a Failure or an error.
 */
import type { IDataObject } from 'n8n-workflow';

import { listSearchOf } from '../shared/listSearch';
import { Failure } from '../shared/outcome';
import { isJsonObject } from '../shared/records';
import type { PlatformRequest, PlatformResponse } from '../shared/request';
import {
	API_VERSIONS,
	listPages,
	nextPageRequest,
	readListPage,
	type ListPage,
	type UsagePlatform,
} from './api';

type Send = (request: PlatformRequest) => Promise<PlatformResponse>;

export interface Account {
	sid: string;
	friendlyName: string;
	/** active, suspended or closed, as sent (Restcomm-Connect also has others). */
	status?: string;
	/** Twilio: the main account's SID; a main account's is its own. */
	ownerAccountSid?: string;
	/** date_created and date_updated as written (Restcomm-Connect: in its JVM's zone). */
	written: { dateCreated: unknown; dateUpdated: unknown };
}

/** What is kept of an account in a list; a fetched one also keeps its dates (serverTimeZone.ts). */
const LISTED_FIELDS = ['sid', 'friendly_name', 'status', 'owner_account_sid'];
const FETCHED_FIELDS = [...LISTED_FIELDS, 'date_created', 'date_updated'];

const accountsPath = (platform: UsagePlatform) => `/${API_VERSIONS[platform]}/Accounts`;

const reduced = (raw: unknown, fields: string[]) =>
	isJsonObject(raw)
		? Object.fromEntries(fields.filter((key) => key in raw).map((key) => [key, raw[key]]))
		: raw;

/**
 * An Accounts answer with each account reduced to `fields`: a bare array (Restcomm), a page's
 * `accounts` (Twilio), or one account. Its text, which holds the tokens, is not kept.
 */
function withoutSecrets(response: PlatformResponse, fields: string[]): PlatformResponse {
	const { body } = response;
	const page = body as IDataObject;
	const reducedBody = Array.isArray(body)
		? body.map((raw) => reduced(raw, fields))
		: isJsonObject(body) && Array.isArray(page.accounts)
			? { ...page, accounts: page.accounts.map((raw) => reduced(raw, fields)) }
			: reduced(body, fields);
	return { statusCode: response.statusCode, headers: response.headers, body: reducedBody };
}

function readAccount(raw: unknown, response: PlatformResponse): Account {
	if (!isJsonObject(raw) || typeof raw.sid !== 'string' || raw.sid === '')
		throw new Failure('answered with an account that has no sid.', response);
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	return {
		sid: raw.sid,
		friendlyName: text(raw.friendly_name) ?? raw.sid,
		status: text(raw.status),
		ownerAccountSid: text(raw.owner_account_sid),
		written: { dateCreated: raw.date_created, dateUpdated: raw.date_updated },
	};
}

/** One account, by its SID. */
export async function fetchAccount(
	send: Send,
	platform: UsagePlatform,
	accountSid: string,
): Promise<Account> {
	const response = withoutSecrets(
		await send({
			httpMethod: 'GET',
			path: `${accountsPath(platform)}/${encodeURIComponent(accountSid)}.json`,
			kind: 'read',
		}),
		FETCHED_FIELDS,
	);
	return readAccount(response.body, response);
}

/**
 * An account's friendly name from what fetching it gave, or null where the credential may not
 * read the account (a Twilio Standard API key may read usage but not Accounts).
 */
export function accountNameOf(fetched: Account | Error): string | null {
	if (fetched instanceof Failure && [401, 403, 404].includes(fetched.statusCode)) return null;
	if (fetched instanceof Error) throw fetched;
	return fetched.friendlyName;
}

/** The first request of the list of accounts (Twilio: pages of 100). */
const LIST_REQUEST = (platform: UsagePlatform): PlatformRequest => ({
	httpMethod: 'GET',
	path: `${accountsPath(platform)}.json`,
	kind: 'read',
	...(platform === 'twilio' ? { qs: { PageSize: 100 } } : {}),
});

/** A page of the list, reduced as it arrives, read as every list of the platform is (api.ts). */
const readAccountsPage = (response: PlatformResponse) =>
	readListPage(withoutSecrets(response, LISTED_FIELDS), 'accounts', 'accounts');

const accountsOf = (page: ListPage) => page.entries.map((raw) => readAccount(raw, page.response));

/**
 * One page of the accounts the credential may read: Twilio's pages one by one (`pageUri`, its
 * next_page_uri); on Restcomm, the credential's own account and its sub-accounts at once.
 */
export async function accountsPage(
	send: Send,
	platform: UsagePlatform,
	credentialAccountSid: string,
	pageUri?: string,
): Promise<{ accounts: Account[]; nextPageUri?: string }> {
	if (platform === 'restcomm') {
		const own = await fetchAccount(send, platform, credentialAccountSid);
		return { accounts: [own, ...accountsOf(readAccountsPage(await send(LIST_REQUEST(platform))))] };
	}
	const page = readAccountsPage(
		await send(pageUri === undefined ? LIST_REQUEST(platform) : nextPageRequest(pageUri)),
	);
	return { accounts: accountsOf(page), nextPageUri: page.nextToken };
}

/**
 * Every account the credential may read, each once: Twilio's every page (its main account is the
 * one whose owner_account_sid is its own sid); on Restcomm, the credential's account and its
 * direct sub-accounts, the credential's account marked as the main one.
 */
export async function everyAccount(
	send: Send,
	platform: UsagePlatform,
	credentialAccountSid: string,
	maxPages?: number,
): Promise<Account[]> {
	const listed: Account[] = [];
	if (platform === 'restcomm') {
		const [own, ...subaccounts] = (await accountsPage(send, platform, credentialAccountSid))
			.accounts;
		listed.push({ ...own, ownerAccountSid: own.sid }, ...subaccounts);
	} else {
		for await (const page of listPages(send, LIST_REQUEST(platform), readAccountsPage, maxPages))
			listed.push(...accountsOf(page));
	}
	// Pages that overlap would otherwise bill an account twice.
	const once = new Map<string, Account>();
	for (const account of listed) if (!once.has(account.sid)) once.set(account.sid, account);
	return [...once.values()];
}

/**
 * The Account SID's From List: the accounts the credential may read, by friendly name, searched
 * by name or SID.
 */
export const searchAccounts = listSearchOf(
	['restcomm', 'twilio'],
	async ({ platform, accountSid, request }, filter, pageUri) => {
		const { accounts, nextPageUri } = await accountsPage(
			request,
			platform as UsagePlatform,
			accountSid ?? '',
			pageUri,
		);
		const wanted = filter?.trim().toLowerCase() ?? '';
		return {
			results: accounts
				.filter(({ sid, friendlyName }) => `${friendlyName} ${sid}`.toLowerCase().includes(wanted))
				.map(({ sid, friendlyName }) => ({ name: `${friendlyName} (${sid})`, value: sid })),
			paginationToken: nextPageUri,
		};
	},
);
