/**
 * What a run of a node puts on its outputs (docs/nodes.md, "Reference"): Success items with the
 * records, Failure items (or the error n8n's On Error says to throw), secrets redacted.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Prepared } from './call';
import type { Outcome } from './itemExecution';
import type { MethodDefinition, SuccessRecord } from './model';
import { FAILURE, SUCCESS, type NodeRun } from './nodeRun';
import { Failure, refusalError, refusalMessage, stoppingRefusal } from './outcome';

/** The input item an output item came of (every output item pairs with one). */
const itemOf = ({ pairedItem }: INodeExecutionData) => (pairedItem as { item: number }).item;

/** The ids that earlier items' creates made, as `<id> (item <n>)`. */
const createdIds = (field: string | undefined, made: INodeExecutionData[]) =>
	field === undefined
		? []
		: made
				.filter(({ json }) => json[field] !== undefined && json[field] !== null)
				.map((item) => `${field} ${String(item.json[field])} (item ${itemOf(item)})`);

/** A parameter, credential or unexpected error: thrown, or (On Error: Continue) a Failure item. */
export function failWithError({ fx, outputs, secrets }: NodeRun, itemIndex: number, caught: Error) {
	const error =
		caught instanceof NodeOperationError
			? caught
			: new NodeOperationError(fx.getNode(), String(caught.message ?? caught), { itemIndex });
	const redact = secrets.redaction();
	error.message = redact.text(error.message);
	if (error.description) error.description = redact.text(error.description);
	// The stack was written with the message as it was, and n8n keeps it in the run data.
	if (error.stack) error.stack = redact.text(error.stack);
	if (!fx.continueOnFail()) throw error;
	outputs[FAILURE].push(failureItem(fx, error, itemIndex));
}

/**
 * The Failure item of an error that no answer came with (On Error: Continue): on n8n's error
 * output an item that carries `error` (n8n rewrites its json to { error }); on the regular
 * Failure output `json` with the fields every Failure has.
 */
export function failureItem(
	fx: IExecuteFunctions,
	error: NodeOperationError,
	itemIndex: number,
	json: IDataObject = {},
): INodeExecutionData {
	if (fx.getNode().onError === 'continueErrorOutput')
		return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
	return {
		json: { ...json, error_message: error.message, response_status_code: 0, response_body: null },
		pairedItem: { item: itemIndex },
	};
}

/** A method's refusal: a Failure item, or under Stop Workflow the error that stops the run. */
function refuse(run: NodeRun, call: Prepared<MethodDefinition>, error: Failure) {
	const { itemIndex, method, values, credentials } = call;
	const redact = run.secrets.redaction();
	const json: IDataObject = {
		error_message: refusalMessage(error, credentials.platform, redact),
		response_status_code: error.statusCode,
		response_body: redact.value(error.body) as IDataObject,
		...redact.value(error.outputs),
	};
	if (run.stopsOnRefusal) {
		throw stoppingRefusal(run.fx.getNode(), {
			sentence: json.error_message as string,
			method: method.name,
			about: [`item ${itemIndex}`, method.subject?.(values)]
				.filter(Boolean)
				.map((part) => redact.text(part!))
				.join(', '),
			statusCode: error.statusCode,
			body: json.response_body,
			itemIndex,
			created: createdIds(method.createdId, run.outputs[SUCCESS]),
		});
	}
	run.outputs[FAILURE].push({ json, pairedItem: { item: itemIndex } });
}

/** A method's records on Success, redacted when an input or an answer held a secret. */
function succeed(
	run: NodeRun,
	{ itemIndex, method }: Prepared<MethodDefinition>,
	records: SuccessRecord[],
	sawSecret: boolean,
) {
	const pairedItem = { item: itemIndex };
	if (!sawSecret) {
		// A record is most often its json alone: made as a literal, the cheapest for a million.
		for (const record of records)
			run.outputs[SUCCESS].push(
				record.binary === undefined ? { json: record.json, pairedItem } : { ...record, pairedItem },
			);
		return;
	}
	const redact = run.secrets.redaction();
	const revealed = new Set(method.sensitiveOutputs ?? []);
	for (const record of records) {
		const json: IDataObject = {};
		// What the user asked for (an Authentication node's tokens) is hidden by n8n instead.
		for (const [key, value] of Object.entries(record.json)) {
			json[key] = revealed.has(key) ? value : redact.value(value);
		}
		run.outputs[SUCCESS].push({ ...record, json, pairedItem });
	}
}

/** Each item's outcome on the outputs, in item order, and an item's wholes in their order. */
export function shapeOutputs(
	run: NodeRun,
	prepared: ReadonlyArray<Prepared<MethodDefinition>>,
	outcomes: ReadonlyArray<Outcome | undefined>,
): void {
	for (const [index, call] of prepared.entries()) {
		const outcome = outcomes[index]!;
		if ('caught' in outcome) {
			if (outcome.caught instanceof Failure) refuse(run, call, outcome.caught);
			else failWithError(run, call.itemIndex, outcome.caught);
			continue;
		}
		for (const whole of outcome.wholes) {
			if ('refusal' in whole) refuse(run, call, whole.refusal);
			else succeed(run, call, whole.records, outcome.sawSecret);
		}
	}
	// An item whose parameters failed went to Failure before any request (itemPreparation.ts):
	// put in its place among the others, keeping each item's own order (the sort is stable).
	run.outputs[FAILURE].sort((a, b) => itemOf(a) - itemOf(b));
}

/**
 * As an AI agent's tool, n8n hands the agent the first output only: a Failure would reach it as
 * no records at all. Thrown, its reason reaches the agent instead.
 */
export function toolModeRefusal({ asTool, outputs, fx }: NodeRun) {
	const [refusal] = outputs[FAILURE];
	if (!refusal || !asTool) return undefined;
	const message = String(refusal.json.error_message ?? refusal.json.error);
	return refusalError(fx.getNode(), message, refusal.json.response_status_code);
}
