/**
 * The one place that does the n8n plumbing for every node: reads and checks every item's inputs
 * before any request, checks the credential, runs the chosen method, and shapes the Success and
 * Failure items (docs/nodes.md, "Reference") with secrets redacted. Each step has a file of its
 * own; this one says their order.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeInParallel } from './itemExecution';
import { prepareItems } from './itemPreparation';
import type { NodeDefinition } from './model';
import { shapeOutputs, toolModeRefusal } from './nodeOutputs';
import { startRun } from './nodeRun';
import { requestLimits } from './requestLimits';
import { PRODUCT_TIMINGS, type RunTimings } from './runTimings';

export async function runNode(
	fx: IExecuteFunctions,
	node: NodeDefinition,
	timings: RunTimings = PRODUCT_TIMINGS,
): Promise<INodeExecutionData[][]> {
	// One instant for every item: "today" cannot change between two items of one run.
	const at = timings.now();
	const run = startRun(fx);
	const prepared = await prepareItems(run, node, () => at);
	const limits = requestLimits(fx, node, timings);
	const outcomes = await executeInParallel(run, prepared, limits);
	shapeOutputs(run, prepared, outcomes);
	const refusal = toolModeRefusal(run);
	if (refusal) throw refusal;
	return run.outputs;
}
