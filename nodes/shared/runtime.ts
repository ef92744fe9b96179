/**
 * The one place that does the n8n plumbing for every node: reads and checks every item's inputs
 * before any request, checks the credential, runs the chosen method, and shapes the Success and
 * Failure items (docs/nodes.md, "Reference") with secrets redacted.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MethodDefinition, NodeDefinition, SuccessRecord } from './model';
import { callOf, prepare, type MethodSource, type Prepared } from './call';
import { inParallel, laneLimit, MOST_PARALLEL_REQUESTS, RequestLanes } from './lanes';
import { Failure, refusalError, stoppingRefusal } from './outcome';
import { PLATFORM_LABELS } from './platforms';
import { parameterError } from './reading';
import { createRedactor, type Redactor } from './redaction';
import type { PlatformResponse, RequestOptions } from './request';
import { PRODUCT_TIMINGS, type RunTimings } from './runTimings';
import { requestOptionsFor, sendRequest } from './transport';

const SUCCESS = 0;
const FAILURE = 1;

/**
 * One look at an answer for secrets: its text as sent, where it has one. JSON's \u escapes can
 * spell a secret that the text does not show, so such a text is looked at as parsed too.
 */
function answerMayHoldSecret(redact: Redactor, response: PlatformResponse): boolean {
	if (response.text === undefined) return redact.mayHold(response.body);
	return (
		redact.mayHold(response.text) ||
		(response.text.includes('\\u') && redact.mayHold(response.body))
	);
}

/** The ids that earlier items' creates made, as `<id> (item <n>)`. */
const createdIds = (field: string | undefined, made: INodeExecutionData[]) =>
	field === undefined
		? []
		: made
				.filter(({ json }) => json[field] !== undefined && json[field] !== null)
				.map(({ json, pairedItem }) => {
					const item = (pairedItem as { item: number }).item;
					return `${field} ${String(json[field])} (item ${item})`;
				});

export async function runNode(
	fx: IExecuteFunctions,
	node: NodeDefinition,
	timings: RunTimings = PRODUCT_TIMINGS,
): Promise<INodeExecutionData[][]> {
	const items = fx.getInputData();
	// One instant for every item: "today" cannot change between two items of one run.
	const at = timings.now();
	const now = () => at;
	// n8n's On Error: Stop Workflow (its default) makes a refusal fail the execution; under
	// either Continue a refusal is a Failure item, never thrown (n8n would put the node's input
	// items on Success). An AI agent's tool keeps its own way (below).
	const asTool = fx.getNode().type.endsWith('Tool');
	const stopsOnRefusal = !fx.continueOnFail() && !asTool;
	// n8n's outputs of the node: Success, then Failure.
	const branches: INodeExecutionData[][] = [[], []];
	const secrets = new Set<string>();
	// Built again only when a secret was added since (an item's own credential or input).
	let redactor: { size: number; redact: Redactor } | undefined;
	const redaction = (): Redactor => {
		if (redactor?.size !== secrets.size)
			redactor = { size: secrets.size, redact: createRedactor([...secrets]) };
		return redactor.redact;
	};

	/** A parameter, credential or unexpected error: thrown, or (On Error: Continue) a Failure item. */
	const failWithError = (itemIndex: number, caught: Error) => {
		const error =
			caught instanceof NodeOperationError
				? caught
				: new NodeOperationError(fx.getNode(), String(caught.message ?? caught), { itemIndex });
		const redact = redaction();
		error.message = redact.text(error.message);
		if (error.description) error.description = redact.text(error.description);
		// The stack was written with the message as it was, and n8n keeps it in the run data.
		if (error.stack) error.stack = redact.text(error.stack);
		if (!fx.continueOnFail()) throw error;
		// n8n's error output takes the items that carry `error` (and rewrites their json to
		// { error }); on the regular Failure output the item has the shape every Failure has.
		if (fx.getNode().onError === 'continueErrorOutput') {
			branches[FAILURE].push({
				json: { error: error.message },
				error,
				pairedItem: { item: itemIndex },
			});
			return;
		}
		branches[FAILURE].push({
			json: { error_message: error.message, response_status_code: 0, response_body: null },
			pairedItem: { item: itemIndex },
		});
	};

	// Every item is read and checked before the first request is sent.
	const source: MethodSource<MethodDefinition> = {
		methods: node.methods,
		platformsOf: () => node.platforms,
		inputsOf: (method) => method.inputs,
	};
	const prepared: Array<Prepared<MethodDefinition>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const call = await prepare(
				fx,
				source,
				itemIndex,
				(name) => fx.getNodeParameter(name, itemIndex, null) as unknown,
				now,
			);
			call.secrets.forEach((secret) => secrets.add(secret));
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
			failWithError(itemIndex, error);
		}
	}

	// Items whose credential reads the same share its request options, whose copy of the
	// credential n8n writes a login's token into: a credential that logs in does so once per
	// execution, not once per item.
	const optionsByCredential = new Map<string, RequestOptions>();
	// Every item's requests to one vendor share its limit of requests in flight (lanes.ts).
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
	// What methods compute once per run, by credential and key.
	const computed = new Map<string, Promise<unknown>>();
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

	type Outcome = { records: SuccessRecord[]; sawSecret: boolean } | { caught: Error };
	const execute = async (call: Prepared<MethodDefinition>): Promise<Outcome> => {
		const { sameCredential, options } = optionsOf(call);
		// A method's records are made of its inputs and the answers it was given. When none of
		// them holds a secret, neither can the records: each answer is looked at once, instead
		// of every value of every record.
		let sawSecret = redaction().mayHold(call.values);
		try {
			const records = await call.method.execute({
				...callOf(call, async (request) => {
					const response = await sendRequest(fx, request, options);
					sawSecret ||= answerMayHoldSecret(redaction(), response);
					return response;
				}),
				binaryFile: async (data, fileName, mimeType) =>
					await fx.helpers.prepareBinaryData(data, fileName, mimeType),
				once: async <T>(key: string, compute: () => Promise<T>) => {
					const known = JSON.stringify([sameCredential, key]);
					if (!computed.has(known)) computed.set(known, compute());
					return (await computed.get(known)) as T;
				},
			});
			return { records, sawSecret };
		} catch (caught) {
			return { caught: caught as Error };
		}
	};
	// Items run side by side, their requests within their vendor's limit; creates one at a time.
	// What comes out is taken in item order, as if they had run one after another: the first
	// item that stops the run stops it, and no item after it is started.
	const creates = prepared.some((call) => call.method.createdId !== undefined);
	const atOnce = creates
		? 1
		: Math.max(1, ...prepared.map((call) => optionsOf(call).options.lane.limit));
	const stopsRun = (outcome: Outcome) =>
		'caught' in outcome &&
		(outcome.caught instanceof Failure ? stopsOnRefusal : !fx.continueOnFail());
	const outcomes = await inParallel(prepared, atOnce, execute, stopsRun);

	for (const [index, call] of prepared.entries()) {
		const { itemIndex, method, values, credentials } = call;
		const pairedItem = { item: itemIndex };
		const outcome = outcomes[index]!;
		if ('caught' in outcome) {
			const error = outcome.caught;
			if (error instanceof Failure) {
				const redact = redaction();
				const json: IDataObject = {
					error_message: redact.text(error.sentence(PLATFORM_LABELS[credentials.platform])),
					response_status_code: error.statusCode,
					response_body: redact.value(error.body) as IDataObject,
					...redact.value(error.outputs),
				};
				if (stopsOnRefusal) {
					throw stoppingRefusal(fx.getNode(), {
						sentence: json.error_message as string,
						method: method.name,
						about: [`item ${itemIndex}`, method.subject?.(values)]
							.filter(Boolean)
							.map((part) => redact.text(part!))
							.join(', '),
						statusCode: error.statusCode,
						body: json.response_body,
						itemIndex,
						created: createdIds(method.createdId, branches[SUCCESS]),
					});
				}
				branches[FAILURE].push({ json, pairedItem });
				continue;
			}
			failWithError(itemIndex, error);
			continue;
		}
		const { records, sawSecret } = outcome;
		if (!sawSecret) {
			for (const record of records) branches[SUCCESS].push({ ...record, pairedItem });
			continue;
		}
		const redact = redaction();
		const revealed = new Set(method.sensitiveOutputs ?? []);
		for (const record of records) {
			const json: IDataObject = {};
			// What the user asked for (an Authentication node's tokens) is hidden by n8n instead.
			for (const [key, value] of Object.entries(record.json)) {
				json[key] = revealed.has(key) ? value : redact.value(value);
			}
			branches[SUCCESS].push({ ...record, json, pairedItem });
		}
	}
	// As an AI agent's tool, n8n hands the agent the first output only: a Failure would reach it
	// as no records at all. Thrown, its reason reaches the agent instead.
	const [refusal] = branches[FAILURE];
	if (refusal && asTool) {
		const message = String(refusal.json.error_message ?? refusal.json.error);
		throw refusalError(fx.getNode(), message, refusal.json.response_status_code);
	}
	return branches;
}
