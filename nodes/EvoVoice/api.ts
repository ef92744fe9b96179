/**
 * Evo Voice's GetAIUsage service (docs/vendors.md): All Verbs /ai/usage, JSON, HTTP Basic with a
 * SystemAdministrator user (auth as the vendor's public CLI sends it).
 */
import type { IDataObject } from 'n8n-workflow';

import { compareDecimals, decimalToString, readDecimal, type Decimal } from '../shared/decimal';
import { toAmount } from '../shared/numbers';
import { Failure } from '../shared/outcome';
import { isJsonObject } from '../shared/records';
import type { PathRequest, PlatformRequest, PlatformResponse } from '../shared/request';

export const AI_USAGE_PATH = '/ai/usage';
export const CREDENTIALS_LOGIN_PATH = '/auth/credentials';

/** ServiceStack's credentials login, with the credential's user name and password only. */
export const credentialsLoginRequest = (userName: string, password: string): PathRequest => ({
	httpMethod: 'POST',
	path: CREDENTIALS_LOGIN_PATH,
	kind: 'authentication',
	body: { provider: 'credentials', userName, password, rememberMe: true },
	headers: { Accept: 'application/json' },
	withCredential: false,
});

/** What a 403 tells: GetAIUsage, which the pack reads first, requires this role. */
export const SYSTEM_ADMINISTRATOR_HINT =
	'The Evo Voice API needs a user with the SystemAdministrator role.';

export interface AiUsageQuery extends IDataObject {
	accountId?: string;
	customerId?: string;
	/** YYYY-MM-DD, as the vendor's own CLI sends dates. */
	startDate?: string;
	endDate?: string;
}

export const aiUsageRequest = (query: AiUsageQuery): PlatformRequest => ({
	httpMethod: 'GET',
	path: AI_USAGE_PATH,
	kind: 'read',
	qs: Object.fromEntries(
		Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
	),
	headers: { Accept: 'application/json' },
	refusalHints: { 403: SYSTEM_ADMINISTRATOR_HINT },
});

const USAGE_LISTS = ['accountUsage', 'customerUsage'] as const;

/**
 * The documented usage lists, with aiMinutes as numbers, each row of the account and customer
 * asked for, where one was asked (the trigger reads them as the node does); anything else is a
 * Failure naming the row and what was asked.
 */
export function readAiUsage(response: PlatformResponse, asked: AiUsageQuery) {
	const { body } = response;
	const lists = (body ?? {}) as Record<(typeof USAGE_LISTS)[number], unknown>;
	const given = USAGE_LISTS.filter((list) => lists[list] !== undefined && lists[list] !== null);
	// A 200 without either list would read as no usage at all: that is not the documented answer.
	const documented =
		isJsonObject(body) &&
		given.length > 0 &&
		given.every(
			(list) => Array.isArray(lists[list]) && (lists[list] as unknown[]).every(isJsonObject),
		);
	if (!documented)
		throw new Failure('answered with a body that is not the documented AIUsage.', response);
	const rows = (list: (typeof USAGE_LISTS)[number]) => {
		const listed = (lists[list] ?? []) as IDataObject[];
		listed.forEach((row) => checkAsked(row, list, asked, response));
		return listed;
	};
	return {
		accountUsage: onceEach(rows('accountUsage'), ['accountId'], response).map((row) => ({
			accountId: row.accountId ?? null,
			aiMinutes: toAmount(row.aiMinutes),
		})),
		customerUsage: onceEach(rows('customerUsage'), ['accountId', 'customerId'], response).map(
			(row) => ({
				accountId: row.accountId ?? null,
				customerId: row.customerId ?? null,
				aiMinutes: toAmount(row.aiMinutes),
			}),
		),
	};
}

/** The ids a row of `list` must have: the account asked, and in customerUsage the customer. */
function checkAsked(
	row: IDataObject,
	list: (typeof USAGE_LISTS)[number],
	asked: AiUsageQuery,
	response: PlatformResponse,
): void {
	const keys: ReadonlyArray<'accountId' | 'customerId'> =
		list === 'customerUsage' ? ['accountId', 'customerId'] : ['accountId'];
	for (const key of keys) {
		const wanted = asked[key];
		if (wanted === undefined || wanted === '' || String(row[key]) === wanted) continue;
		const sent = Object.entries(aiUsageRequest(asked).qs ?? {})
			.map(([name, value]) => `${name} ${String(value)}`)
			.join(', ');
		throw new Failure(
			`answered a row of ${list} with ${key} ${JSON.stringify(row[key] ?? null)} (${String(row.aiMinutes)} AI minutes), while the request asked for ${sent}: the answer holds what was not asked for, so it cannot be counted; nothing is returned.`,
			response,
		);
	}
}

/**
 * A list's rows, each account (or customer) once, ids compared as text (1 and "1" are one
 * account): a row listed again is counted once, again with other minutes a Failure naming it;
 * minutes that are no plain number ("1,234.5") are a Failure naming the row, where an absent
 * figure stays null.
 */
function onceEach(
	rows: IDataObject[],
	keys: ReadonlyArray<'accountId' | 'customerId'>,
	response: PlatformResponse,
): IDataObject[] {
	const seen = new Map<string, Decimal | undefined>();
	const name = (row: IDataObject) => keys.map((key) => `${key} ${String(row[key])}`).join(', ');
	return rows.filter((row) => {
		const given = row.aiMinutes;
		const minutes = given === undefined || given === null ? undefined : readDecimal(given);
		if (given !== undefined && given !== null && !minutes) {
			throw new Failure(
				`answered aiMinutes ${JSON.stringify(given)} for ${name(row)}, which is not a plain number, so the minutes cannot be read exactly; nothing is returned.`,
				response,
			);
		}
		const key = JSON.stringify(keys.map((field) => String(row[field] ?? '')));
		if (!seen.has(key)) {
			seen.set(key, minutes);
			return true;
		}
		const earlier = seen.get(key);
		const same =
			earlier === undefined || minutes === undefined
				? earlier === minutes
				: compareDecimals(earlier, minutes) === 0;
		if (same) return false;
		throw new Failure(
			`answered ${name(row)} twice, with ${earlier ? decimalToString(earlier) : 'no'} and ${minutes ? decimalToString(minutes) : 'no'} AI minutes, so which holds cannot be told; nothing is returned.`,
			response,
		);
	});
}

/** GetAIUsage of one account or customer filter, for any dates: each answer read as documented. */
export const aiUsageFetcher =
	(
		request: (request: PlatformRequest) => Promise<PlatformResponse>,
		filter: { accountId?: string; customerId?: string },
	) =>
	async (startDate: string, endDate: string) => {
		const query = { ...filter, startDate, endDate };
		const response = await request(aiUsageRequest(query));
		return { usage: readAiUsage(response, query), response };
	};
