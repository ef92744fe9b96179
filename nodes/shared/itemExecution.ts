/**
 * The items' calls run side by side, their requests within their vendor's limit (requestLimits.ts),
 * each method given what it may use for its item (model.ts, MethodCall).
 */
import { callOf, type Prepared } from './call';
import { inParallel } from './lanes';
import type { MethodCall, MethodDefinition, MethodResult, Whole } from './model';
import type { NodeRun } from './nodeRun';
import { Failure } from './outcome';
import type { RequestLimits } from './requestLimits';
import { sendRequest } from './transport';

/**
 * What an item's call came to: its wholes (one, its records, for most methods), and whether an
 * input or an answer held a secret, or what it threw.
 */
export type Outcome = { wholes: Whole[]; sawSecret: boolean } | { caught: Error };

/**
 * Every call's outcome, at its index. What comes out is taken in item order, as if they had run
 * one after another: the first item that stops the run stops it, and no item after it is started.
 */
export async function executeInParallel(
	run: NodeRun,
	prepared: ReadonlyArray<Prepared<MethodDefinition>>,
	limits: RequestLimits,
): Promise<Array<Outcome | undefined>> {
	const { fx, secrets } = run;
	// What methods compute once per run, by credential and key.
	const computed = new Map<string, Promise<unknown>>();
	const items = fx.getInputData();
	// A method's records are made of its inputs and the answers it was given. When none of
	// them holds a secret, neither can the records: each answer is looked at once, instead
	// of every value of every record.
	const methodCallOf = (call: Prepared<MethodDefinition>, sawSecret: { value: boolean }) => {
		const { sameCredential, options } = limits.optionsOf(call);
		sawSecret.value ||= secrets.redaction().mayHold(call.values);
		const methodCall: MethodCall<Record<string, unknown>> = {
			...callOf(call, async (request) => {
				const response = await sendRequest(fx, request, options);
				sawSecret.value ||= secrets.answerMayHold(response);
				return response;
			}),
			binaryFile: async (data, fileName, mimeType) =>
				await fx.helpers.prepareBinaryData(data, fileName, mimeType),
			once: async <T>(key: string, compute: () => Promise<T>) => {
				const known = JSON.stringify([sameCredential, key]);
				if (!computed.has(known)) computed.set(known, compute());
				return (await computed.get(known)) as T;
			},
			json: items[call.itemIndex]?.json ?? {},
		};
		return methodCall;
	};
	const wholesOf = (result: MethodResult): Whole[] =>
		Array.isArray(result) ? [{ records: result }] : result.wholes;
	const together = prepared[0]?.method.executeTogether;
	if (together) {
		const sawSecret = { value: false };
		const calls = prepared.map((call) => methodCallOf(call, sawSecret));
		try {
			const results = await together.call(prepared[0].method, calls);
			return results.map((result) => ({ wholes: wholesOf(result), sawSecret: sawSecret.value }));
		} catch (caught) {
			return prepared.map(() => ({ caught: caught as Error }));
		}
	}
	const execute = async (call: Prepared<MethodDefinition>): Promise<Outcome> => {
		const sawSecret = { value: false };
		try {
			const result = await call.method.execute(methodCallOf(call, sawSecret));
			return { wholes: wholesOf(result), sawSecret: sawSecret.value };
		} catch (caught) {
			return { caught: caught as Error };
		}
	};
	// A whole's refusal stops the run as an item's does.
	const stopsRun = (outcome: Outcome) =>
		'caught' in outcome
			? outcome.caught instanceof Failure
				? run.stopsOnRefusal
				: !fx.continueOnFail()
			: run.stopsOnRefusal && outcome.wholes.some((whole) => 'refusal' in whole);
	return await inParallel(prepared, limits.itemsAtOnce(prepared), execute, stopsRun);
}
