/**
 * The one place that does the usage trigger's n8n plumbing: a poll emits one item the first time
 * the value reaches the threshold in a period, and n8n's static data remembers that period
 * (triggerState.ts: which periods a poll checks, within the grace window too, and which it may
 * fire in). Fetch Test Event (manual mode) gives the current value and remembers nothing.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
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
} from './trigger';
import {
	forgetStale,
	hasFired,
	isClaimed,
	periodId,
	periodsToCheck,
	readTriggerState,
	watchKey,
	writeTriggerState,
} from './triggerState';
import { currentPeriod, type UsagePeriod } from './usagePeriods';

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
	const call = callOf(prepared, async (request) => await sendRequest(fx, request, requestOptions));
	const zone = method.zone(values, call);
	const platformLabel = PLATFORM_LABELS[credentials.platform];
	const measure = async (period: UsagePeriod) => {
		try {
			return await method.measure({
				...call,
				period,
				maxPages: options.maxPages ?? TRIGGER_MAX_PAGES,
			});
		} catch (error) {
			const message = refusalMessage(error, credentials.platform, createRedactor(prepared.secrets));
			throw error instanceof Failure
				? refusalError(fx.getNode(), message, error.statusCode)
				: new NodeOperationError(fx.getNode(), message);
		}
	};
	const item = (period: UsagePeriod, value: number) => ({
		json: {
			platform: platformLabel,
			watched: method.watched(values),
			value,
			threshold,
			reached: value >= threshold,
			recurrence,
			period_start: period.start?.toISO() ?? null,
			period_end: period.end?.toISO() ?? null,
			timezone: zone,
		},
	});

	if (fx.getMode() === 'manual') {
		const period = currentPeriod(recurrence, zone, at);
		return [[item(period, await measure(period))]];
	}

	// Read, checked and claimed with no await in between: an overlapping poll, which shares the
	// static data object, sees the claim before it could send a request of its own.
	const stored = fx.getWorkflowStaticData('node');
	const state = readTriggerState(stored, recurrence, zone);
	forgetStale(state, at);
	const key = watchKey(method.value, values);
	const mine = periodsToCheck(recurrence, zone, at, options.graceMinutes).filter((period) => {
		const id = periodId(period);
		return !hasFired(state, id, key) && !isClaimed(state, id, key);
	});
	const claimed = new Set(mine.map(periodId));
	for (const id of claimed) state.claims.push({ period: id, watch: key, at: at.toUTC().toISO()! });
	writeTriggerState(stored, state);

	const fired: INodeExecutionData[] = [];
	try {
		for (const period of mine) {
			const value = await measure(period);
			if (value < threshold) continue;
			fired.push(item(period, value));
			state.fired.push({ period: periodId(period), watch: key, end: period.end?.toISO() ?? null });
		}
	} finally {
		// The stored state may have changed while this poll measured: only this poll's part is
		// written back.
		const latest = readTriggerState(stored, recurrence, zone);
		latest.claims = latest.claims.filter(
			(claim) => !(claim.watch === key && claimed.has(claim.period)),
		);
		for (const entry of state.fired) {
			if (!hasFired(latest, entry.period, entry.watch ?? key)) latest.fired.push(entry);
		}
		writeTriggerState(stored, latest);
	}
	return fired.length > 0 ? [fired] : null;
}
