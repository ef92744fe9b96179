/**
 * Evo Voice's GetAIUsage service (docs/vendors.md): All Verbs /ai/usage, JSON, HTTP Basic with a
 * SystemAdministrator user (auth as the vendor's public CLI sends it).
 */
import type { IDataObject } from 'n8n-workflow';

import { toAmount } from '../shared/numbers';
import { PlatformFailure } from '../shared/outcome';
import type { PlatformRequest } from '../shared/request';

export const AI_USAGE_PATH = '/ai/usage';

export interface AiUsageQuery extends IDataObject {
	accountId?: string;
	customerId?: string;
	/** YYYY-MM-DD, as the vendor's own CLI sends dates. */
	startDate?: string;
	endDate?: string;
}

export const aiUsageRequest = (baseUrl: string, query: AiUsageQuery): PlatformRequest => ({
	httpMethod: 'GET',
	url: `${baseUrl}${AI_USAGE_PATH}`,
	kind: 'read',
	qs: Object.fromEntries(
		Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
	),
	headers: { Accept: 'application/json' },
	refusalHints: { 403: 'The Evo Voice API needs a user with the SystemAdministrator role.' },
});

const USAGE_LISTS = ['accountUsage', 'customerUsage'] as const;

/** The documented usage lists, with aiMinutes as numbers; anything else is a Failure. */
export function readAiUsage(body: unknown, statusCode: number) {
	const lists = body as Record<(typeof USAGE_LISTS)[number], unknown>;
	if (
		body === null ||
		typeof body !== 'object' ||
		USAGE_LISTS.some((list) => !Array.isArray(lists[list] ?? []))
	) {
		throw new PlatformFailure(
			'answered with a body that is not the documented AIUsage.',
			statusCode,
			body,
		);
	}
	const rows = (list: (typeof USAGE_LISTS)[number]) => (lists[list] ?? []) as IDataObject[];
	return {
		accountUsage: rows('accountUsage').map((row) => ({
			accountId: row.accountId ?? null,
			aiMinutes: toAmount(row.aiMinutes),
		})),
		customerUsage: rows('customerUsage').map((row) => ({
			accountId: row.accountId ?? null,
			customerId: row.customerId ?? null,
			aiMinutes: toAmount(row.aiMinutes),
		})),
	};
}
