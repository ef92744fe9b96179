/**
 * Lumin.ai's Billing API (docs/vendors.md): one POST to the customer's URI with a bearer token,
 * answered page by page.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { PlatformFailure } from '../shared/outcome';
import { documentedObject } from '../shared/records';
import type { TokenPage } from '../shared/paging';
import type { PlatformRequest, PlatformResponse } from '../shared/request';
import { errorDetail } from '../shared/transport';

export const LUMIN_EVENT_TYPES: INodePropertyOptions[] = [
	{ name: 'Appointment Deleted', value: 'billing.delete' },
	{ name: 'Appointment Rescheduled', value: 'billing.rescheduled' },
	{ name: 'Appointment Scheduled', value: 'billing.scheduled' },
	{ name: 'Lead Received', value: 'billing.lead-received' },
];

/** Event types as the API takes them: no commas, no spaces. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z0-9._-]+$/;

export interface BillingEventsQuery extends IDataObject {
	type: string;
	start: string;
	end: string;
	host?: string;
}

export interface BillingEventsPage extends TokenPage {
	items: IDataObject[];
}

export function billingEventsRequest(
	baseUrl: string,
	query: BillingEventsQuery,
	startToken: string | undefined,
): PlatformRequest {
	return {
		httpMethod: 'POST',
		url: baseUrl,
		kind: 'read',
		body: startToken === undefined ? query : { ...query, start_token: startToken },
	};
}

/** `{"ok": true, "next_token"?, "items": [...]}`; any other answer is a Failure. */
export function readBillingEventsPage(response: PlatformResponse): BillingEventsPage {
	const body = documentedObject(response);
	if (body.ok !== true) {
		const detail = errorDetail(body) ? `: ${errorDetail(body)}` : '';
		throw new PlatformFailure(
			`did not answer ok: true${detail}.`,
			response.statusCode,
			response.body,
		);
	}
	if (!Array.isArray(body.items)) {
		throw new PlatformFailure(
			'answered without an items list.',
			response.statusCode,
			response.body,
		);
	}
	const nextToken = body.next_token;
	return {
		response,
		items: body.items as IDataObject[],
		nextToken: typeof nextToken === 'string' && nextToken !== '' ? nextToken : undefined,
	};
}
