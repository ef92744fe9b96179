/**
 * The Accounts resource of Restcomm and of Twilio-compatible APIs (docs/vendors.md): the accounts
 * a credential may read, for the Account SID's list, and one account's friendly name, for
 * invoice lines. Twilio answers a page of `accounts`, the credential's account and its
 * subaccounts; Restcomm-Connect a bare array of the credential's sub-accounts only.
 */
import { listSearchOf } from '../shared/listSearch';
import { Failure } from '../shared/outcome';
import { isJsonObject } from '../shared/records';
import type { PlatformRequest, PlatformResponse } from '../shared/request';
import { API_VERSIONS, nextPageRequest, readListPage, type UsagePlatform } from './api';

type Send = (request: PlatformRequest) => Promise<PlatformResponse>;

export interface Account {
	sid: string;
	friendlyName: string;
	/** date_created and date_updated as written (Restcomm-Connect: in its JVM's zone). */
	written: { dateCreated: unknown; dateUpdated: unknown };
}

const accountsPath = (platform: UsagePlatform) => `/${API_VERSIONS[platform]}/Accounts`;

function readAccount(raw: unknown, response: PlatformResponse): Account {
	if (!isJsonObject(raw) || typeof raw.sid !== 'string' || raw.sid === '')
		throw new Failure('answered with an account that has no sid.', response);
	const name = raw.friendly_name;
	return {
		sid: raw.sid,
		friendlyName: typeof name === 'string' && name !== '' ? name : raw.sid,
		written: { dateCreated: raw.date_created, dateUpdated: raw.date_updated },
	};
}

/** One account, by its SID. */
export async function fetchAccount(
	send: Send,
	platform: UsagePlatform,
	accountSid: string,
): Promise<Account> {
	const response = await send({
		httpMethod: 'GET',
		path: `${accountsPath(platform)}/${encodeURIComponent(accountSid)}.json`,
		kind: 'read',
	});
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
		const response = await send({
			httpMethod: 'GET',
			path: `${accountsPath(platform)}.json`,
			kind: 'read',
		});
		const { entries } = readListPage(response, 'accounts', 'accounts');
		return { accounts: [own, ...entries.map((raw) => readAccount(raw, response))] };
	}
	const response = await send(
		pageUri === undefined
			? {
					httpMethod: 'GET',
					path: `${accountsPath(platform)}.json`,
					kind: 'read',
					qs: { PageSize: 100 },
				}
			: nextPageRequest(pageUri),
	);
	// Read as every Twilio list is (api.ts): next_page_uri checked.
	const { entries, nextToken } = readListPage(response, 'accounts', 'accounts');
	return { accounts: entries.map((raw) => readAccount(raw, response)), nextPageUri: nextToken };
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
