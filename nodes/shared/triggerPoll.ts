/**
 * The one place that does the usage trigger's n8n plumbing: a poll emits one item the first time
 * the value reaches the threshold in a period, and n8n's static data remembers that period
 * (triggerState.ts: which periods a poll checks, within the grace window too, and which it may
 * fire in). A watch of several accounts measures each on its own, side by side within the
 * vendor's limit, and each fires once in a period. Fetch Test Event (manual mode) gives the
 * current value and remembers nothing.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callOf, prepare } from './call';
import type { InputValues } from './model';
import { Failure, refusalError, refusalMessage } from './outcome';
import { PLATFORM_LABELS } from './platforms';
import { parameterError } from './reading';
import { createRedactor } from './redaction';
import { PRODUCT_TIMINGS, type RunTimings } from './runTimings';
import { requestOptionsFor, sendRequest } from './transport';
import {
	TRIGGER_INPUTS,
	TRIGGER_MAX_PAGES,
	triggerMethodInputs,
	type TriggerDefinition,
	type WatchedAccount,
} from './trigger';
import {
	forgetStale,
	hasFired,
	isClaimed,
	markFired,
	periodId,
	periodsToCheck,
	readTriggerState,
	watchKey,
	writeTriggerState,
} from './triggerState';
import { currentPeriod, type UsagePeriod } from './usagePeriods';

/** One measure of a poll: a period, and the account where the watch has several. */
interface Reading {
	period: UsagePeriod;
	account?: WatchedAccount;
}

/** An item a reading gives, or undefined where it gives none (a value below the threshold). */
type ReadingItem = (reading: Reading) => Promise<INodeExecutionData | undefined>;

/**
 * Every reading side by side (each request waits for its place in the vendor's lane), what they
 * emit in reading order. A failure, the first in that order, fails the poll only where nothing
 * is emitted: an account refused holds back no other's item, and is measured again next poll.
 */
async function emittedBy(
	readings: Reading[],
	itemOf: ReadingItem,
	pollError: (error: unknown) => Error,
) {
	const settled = await Promise.allSettled(readings.map(itemOf));
	const emitted = settled.flatMap((result, index) =>
		result.status === 'fulfilled' && result.value
			? [{ reading: readings[index], item: result.value }]
			: [],
	);
	const failed = settled.find((result) => result.status === 'rejected');
	if (emitted.length === 0 && failed) throw pollError((failed as PromiseRejectedResult).reason);
	return emitted;
}

export async function runPoll(
	fx: IPollFunctions,
	trigger: TriggerDefinition,
	timings: RunTimings = PRODUCT_TIMINGS,
): Promise<INodeExecutionData[][] | null> {
	// One instant for the whole poll: its inputs' "today" and the periods it checks.
	const at = timings.now();
	const prepared = await prepare(
		fx,
		{
			methods: trigger.methods,
			platformsOf: (method) => method.platforms,
			inputsOf: triggerMethodInputs,
		},
		0,
		(name) => fx.getNodeParameter(name, null) as unknown,
		() => at,
	);
	const { method, credentials, apiRoot } = prepared;
	const values = prepared.values as InputValues<typeof TRIGGER_INPUTS>;
	const { threshold, recurrence, options } = values;
	const refused = method.refusedRecurrences?.[recurrence];
	if (refused) throw parameterError(fx, 0, 'recurrence', refused);
	const requestOptions = requestOptionsFor(credentials, apiRoot, timings);
	const call = {
		...callOf(prepared, async (request) => await sendRequest(fx, request, requestOptions)),
		maxPages: options.maxPages ?? TRIGGER_MAX_PAGES,
	};
	const zone = method.zone(values, call);
	const platformLabel = PLATFORM_LABELS[credentials.platform];
	// What n8n shows of a poll that fails: the nodes' wording, redacted.
	const pollError = (error: unknown) => {
		const message = refusalMessage(error, credentials.platform, createRedactor(prepared.secrets));
		return error instanceof Failure
			? refusalError(fx.getNode(), message, error.statusCode)
			: new NodeOperationError(fx.getNode(), message);
	};
	const listAccounts = method.watchedAccounts?.(values);
	const readingsOf = async (periods: UsagePeriod[], measuredIn: (reading: Reading) => boolean) => {
		if (!listAccounts || periods.length === 0) return periods.map((period) => ({ period }));
		const accounts = await listAccounts(call).catch((error: unknown) => {
			throw pollError(error);
		});
		return periods
			.flatMap((period) => accounts.map((account) => ({ period, account })))
			.filter(measuredIn);
	};
	const itemIf =
		(emits: (value: number) => boolean): ReadingItem =>
		async ({ period, account }) => {
			const value = await method.measure({ ...call, period, account: account?.sid });
			if (!emits(value)) return undefined;
			const json: IDataObject = {
				platform: platformLabel,
				watched: method.watched(values),
				value,
				threshold,
				reached: value >= threshold,
				recurrence,
				period_start: period.start?.toISO() ?? null,
				period_end: period.end?.toISO() ?? null,
				timezone: zone,
			};
			if (account)
				Object.assign(json, { account_sid: account.sid, friendly_name: await account.name() });
			return { json };
		};

	if (fx.getMode() === 'manual') {
		const readings = await readingsOf([currentPeriod(recurrence, zone, at)], () => true);
		const emitted = await emittedBy(
			readings,
			itemIf(() => true),
			pollError,
		);
		return [emitted.map(({ item }) => item)];
	}

	// Read, checked and claimed with no await in between: an overlapping poll, which shares the
	// static data object, sees the claim before it could send a request of its own. A watch of
	// several accounts claims its periods whole: which accounts fired is known once they are listed.
	const stored = fx.getWorkflowStaticData('node');
	const state = readTriggerState(stored, recurrence, zone);
	forgetStale(state, at);
	const key = watchKey(method.value, values);
	const mine = periodsToCheck(recurrence, zone, at, options.graceMinutes).filter((period) => {
		const id = periodId(period);
		return !isClaimed(state, id, key) && (listAccounts !== undefined || !hasFired(state, id, key));
	});
	const claimed = new Set(mine.map(periodId));
	for (const id of claimed) state.claims.push({ period: id, watch: key, at: at.toUTC().toISO()! });
	writeTriggerState(stored, state);

	const fired: Reading[] = [];
	try {
		const readings = await readingsOf(
			mine,
			({ period, account }) => !hasFired(state, periodId(period), key, account?.sid),
		);
		const emitted = await emittedBy(
			readings,
			itemIf((value) => value >= threshold),
			pollError,
		);
		fired.push(...emitted.map(({ reading }) => reading));
		return emitted.length > 0 ? [emitted.map(({ item }) => item)] : null;
	} finally {
		// The stored state may have changed while this poll measured: only this poll's part is
		// written back.
		const latest = readTriggerState(stored, recurrence, zone);
		latest.claims = latest.claims.filter(
			(claim) => !(claim.watch === key && claimed.has(claim.period)),
		);
		for (const { period, account } of fired) markFired(latest, period, key, account?.sid);
		writeTriggerState(stored, latest);
	}
}
