/**
 * The first step of a run of a node: every item's call read and checked (call.ts), before the
 * first request is sent.
 */
import type { DateTime } from 'luxon';

import { prepare, type MethodSource, type Prepared } from './call';
import type { MethodDefinition, NodeDefinition } from './model';
import type { NodeRun } from './nodeRun';
import { failWithError } from './nodeOutputs';
import { parameterError } from './reading';

/** The items' calls; an item that cannot be made fails as n8n's On Error says. */
export async function prepareItems(
	run: NodeRun,
	node: NodeDefinition,
	now: () => DateTime,
): Promise<Array<Prepared<MethodDefinition>>> {
	const { fx } = run;
	const source: MethodSource<MethodDefinition> = {
		methods: node.methods,
		platformsOf: () => node.platforms,
		inputsOf: (method) => method.inputs,
	};
	const prepared: Array<Prepared<MethodDefinition>> = [];
	const items = fx.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const call = await prepare(
				fx,
				source,
				itemIndex,
				(name) => fx.getNodeParameter(name, itemIndex, null) as unknown,
				now,
			);
			run.secrets.add(call.secrets);
			if (call.method.createdId && fx.getNode().retryOnFail) {
				throw parameterError(
					fx,
					itemIndex,
					'retryOnFail',
					"Retry On Fail would run the whole node again and send every create again; the node already retries each call where that is safe. Turn Retry On Fail off in the node's settings",
				);
			}
			prepared.push(call);
		} catch (error) {
			failWithError(run, itemIndex, error);
		}
	}
	return prepared;
}
