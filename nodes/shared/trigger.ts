/**
 * The usage trigger as data, and the one place that does its n8n plumbing: a method measures one
 * series over a period; a poll emits one item the first time the value reaches the threshold in a
 * period, and n8n's static data remembers that period (triggerState.ts: which periods a poll
 * checks, within the grace window too, and which it may fire in). Fetch Test Event (manual mode)
 * gives the current value and remembers nothing.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	choiceInput,
	collectionInput,
	positiveIntegerInput,
	thresholdInput,
	timezoneInput,
	wholeNumberInput,
} from './inputs';
import { callOf, prepare } from './call';
import type { Call, InputValues, InputVariables } from './model';
import { Failure, refusalError, refusalMessage } from './outcome';
import { PLATFORM_LABELS, type Platform } from './platforms';
import { parameterError } from './reading';
import { createRedactor } from './redaction';
import { PRODUCT_TIMINGS, type RunTimings } from './runTimings';
import { requestOptionsFor, sendRequest } from './transport';
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
import { currentPeriod, type Recurrence, type UsagePeriod } from './usagePeriods';

/** What a trigger method may use while it measures. */
export interface TriggerCall<Values> extends Call<Values> {
	/** The period of the recurrence that holds the instant of this poll (`now()`). */
	period: UsagePeriod;
	/** The pages one measure may read (Options, Max Pages). */
	maxPages: number;
}

/** A method of the usage trigger: what it watches, measured over a period. */
export interface TriggerMethodDefinition<Inputs extends InputVariables = InputVariables> {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The credential platforms this method reads. */
	platforms: readonly Platform[];
	inputs: Inputs;
	/** Recurrences this method cannot measure, each with the reason a parameter error gives. */
	refusedRecurrences?: Partial<Record<Recurrence, string>>;
	/** The time zone whose days, months and years the periods follow. */
	zone(values: InputValues<Inputs>): string;
	/** What is watched, in words, for the item: e.g. "usage of calls". */
	watched(values: InputValues<Inputs>): string;
	/** The watched value over the period. */
	measure(call: TriggerCall<InputValues<Inputs>>): Promise<number>;
}

export interface TriggerDefinition {
	name: string;
	version: number;
	displayName: string;
	description: string;
	methods: readonly TriggerMethodDefinition[];
}

/** Declares a trigger method with its input types inferred from its input variables. */
export function defineTriggerMethod<Inputs extends InputVariables>(
	method: TriggerMethodDefinition<Inputs>,
): TriggerMethodDefinition<Inputs> {
	return method;
}

// Far above a day's or a month's pages, far below what a server that never ends could send.
const TRIGGER_MAX_PAGES = 100;

/** The inputs every trigger method has: when to fire, how often the count starts again, and limits. */
export const TRIGGER_INPUTS = {
	threshold: thresholdInput({
		name: 'threshold',
		displayName: 'Threshold',
		description: "Fire when the period's value first reaches this",
	}),
	recurrence: choiceInput<Recurrence>({
		name: 'recurrence',
		displayName: 'Recurrence',
		description: 'The period the value is counted over; the trigger fires at most once in each',
		choices: [
			{ name: 'Daily', value: 'daily', description: 'Today' },
			{ name: 'Monthly', value: 'monthly', description: 'This month' },
			{ name: 'Yearly', value: 'yearly', description: 'This year' },
			{ name: 'All Time', value: 'alltime', description: 'Ever: the trigger fires once' },
		],
		default: 'daily',
	}),
	options: collectionInput({
		name: 'options',
		displayName: 'Options',
		description: 'Further settings of the poll',
		placeholder: 'Add Option',
		inputs: {
			graceMinutes: wholeNumberInput({
				name: 'graceMinutes',
				displayName: 'Grace Window (Minutes)',
				description:
					'For this long after a period ends, each poll also checks that period, so that a crossing in its last poll interval still fires (0: never)',
				default: 60,
			}),
			maxPages: positiveIntegerInput({
				name: 'maxPages',
				displayName: 'Max Pages',
				description:
					'Fail the poll after reading this many pages of one period, in case the API never sends a last one',
				default: TRIGGER_MAX_PAGES,
			}),
		},
	}),
};

/** For a method whose platform has no days of its own: the zone its periods follow. */
export const periodZoneInput = timezoneInput(
	'IANA time zone whose days, months and years the periods follow, e.g. America/New_York.',
);

/** The output item's fields, in order. */
export const TRIGGER_FIELDS = [
	'platform',
	'watched',
	'value',
	'threshold',
	'reached',
	'recurrence',
	'period_start',
	'period_end',
	'timezone',
] as const;

/** A method's own inputs and the trigger's, as the editor shows them and a poll reads them. */
export const triggerMethodInputs = (method: TriggerMethodDefinition) => ({
	...method.inputs,
	...TRIGGER_INPUTS,
});

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
	const zone = method.zone(values);
	const requestOptions = requestOptionsFor(credentials, apiRoot, timings);
	const platformLabel = PLATFORM_LABELS[credentials.platform];
	const measure = async (period: UsagePeriod) => {
		try {
			return await method.measure({
				...callOf(prepared, async (request) => await sendRequest(fx, request, requestOptions)),
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
