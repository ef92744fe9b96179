/**
 * How a run of a node sends its requests: every item's requests to one vendor share its limit of
 * requests in flight (lanes.ts), and items whose credential reads the same share one set of
 * request options.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { Prepared } from './call';
import { laneLimit, MOST_PARALLEL_REQUESTS, RequestLanes } from './lanes';
import type { MethodDefinition, NodeDefinition } from './model';
import { parameterError } from './reading';
import type { RequestOptions } from './request';
import type { RetryTimings } from './retryPolicy';
import { requestOptionsFor } from './transport';

export interface RequestLimits {
	/**
	 * The request options of a call's credential (and `sameCredential`, the key it shares them
	 * by). n8n writes a login's token into their copy of the credential: a credential that logs in
	 * does so once per execution, not once per item.
	 */
	optionsOf(call: Prepared<MethodDefinition>): { sameCredential: string; options: RequestOptions };
	/** How many items run side by side: creates one at a time, others up to their vendor's limit. */
	itemsAtOnce(prepared: ReadonlyArray<Prepared<MethodDefinition>>): number;
}

/** The limits of one run, with the node's Requests in Parallel checked. */
export function requestLimits(
	fx: IExecuteFunctions,
	node: NodeDefinition,
	timings: RetryTimings,
): RequestLimits {
	const parallelRequests = node.requestsInParallel
		? (fx.getNodeParameter('parallelRequests', 0, 0) as number)
		: 0;
	if (
		!Number.isInteger(parallelRequests) ||
		parallelRequests < 0 ||
		parallelRequests > MOST_PARALLEL_REQUESTS
	)
		throw parameterError(
			fx,
			0,
			'parallelRequests',
			`must be a whole number from 0 to ${MOST_PARALLEL_REQUESTS}`,
		);
	const lanes = new RequestLanes((platform) => laneLimit(platform, parallelRequests));
	const optionsByCredential = new Map<string, RequestOptions>();
	const optionsOf = ({ credentials, apiRoot }: Prepared<MethodDefinition>) => {
		const sameCredential = JSON.stringify([credentials, apiRoot]);
		let options = optionsByCredential.get(sameCredential);
		if (!options) {
			const lane = lanes.laneFor(credentials.platform, apiRoot);
			options = requestOptionsFor(credentials, apiRoot, timings, lane);
			optionsByCredential.set(sameCredential, options);
		}
		return { sameCredential, options };
	};
	return {
		optionsOf,
		itemsAtOnce: (prepared) =>
			prepared.some((call) => call.method.createdId !== undefined)
				? 1
				: Math.max(1, ...prepared.map((call) => optionsOf(call).options.lane.limit)),
	};
}
