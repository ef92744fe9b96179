/**
 * An editor list filled from a platform (n8n's listSearch, for a resource locator's From List):
 * the credential read and checked as a node reads it, each request sent with the retry rules,
 * and a refusal shown as its Failure sentence, with the credential's secrets redacted.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { accountSidOf } from './credentialRules';
import { refusalMessage } from './outcome';
import { credentialSecrets, type Platform } from './platforms';
import { readCredentials } from './reading';
import { createRedactor } from './redaction';
import type { PlatformRequest, PlatformResponse } from './request';
import { PRODUCT_TIMINGS } from './runTimings';
import { requestOptionsFor, sendRequest } from './transport';

export interface ListCall {
	platform: Platform;
	/** Restcomm and Twilio-compatible: the credential's account (its Account SID). */
	accountSid?: string;
	request(request: PlatformRequest): Promise<PlatformResponse>;
}

export type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export function listSearchOf(
	platforms: readonly Platform[],
	list: (
		call: ListCall,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>,
): ListSearchMethod {
	return async function (this: ILoadOptionsFunctions, filter, paginationToken) {
		const { credentials, apiRoot } = await readCredentials(this, platforms, 0);
		const options = requestOptionsFor(credentials, apiRoot, PRODUCT_TIMINGS);
		const call: ListCall = {
			platform: credentials.platform,
			accountSid: accountSidOf(credentials),
			request: async (request) => await sendRequest(this, request, options),
		};
		try {
			return await list(call, filter, paginationToken);
		} catch (error) {
			const redact = createRedactor(credentialSecrets(credentials));
			throw new NodeOperationError(
				this.getNode(),
				refusalMessage(error, credentials.platform, redact),
			);
		}
	};
}
