/**
 * Evo Voice's GetAIUsage service (seed 003): All Verbs /ai/usage, JSON, HTTP Basic with a
 * SystemAdministrator user (auth as the vendor's public CLI sends it).
 */
import type { IDataObject } from 'n8n-workflow';

import type { PlatformRequest } from '../shared/transport';

export interface AiUsageQuery extends IDataObject {
	accountId?: string;
	customerId?: string;
	/** YYYY-MM-DD, as the vendor's own CLI sends dates. */
	startDate?: string;
	endDate?: string;
}

export const aiUsageRequest = (baseUrl: string, query: AiUsageQuery): PlatformRequest => ({
	method: 'GET',
	url: `${baseUrl}/ai/usage`,
	kind: 'read',
	qs: Object.fromEntries(
		Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
	),
	headers: { Accept: 'application/json' },
	refusalHints: { 403: 'The Evo Voice API needs a user with the SystemAdministrator role.' },
});
