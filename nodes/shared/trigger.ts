/**
 * The usage trigger as data, and the one place that does its n8n plumbing: a watch measures one
 * series over the current period; a poll emits one item the first time the value reaches the
 * threshold, and n8n's workflow static data remembers that period, so that neither the next
 * polls nor a restart fire again before the next period. Fetch Test Event (manual mode) gives
 * the current value and remembers nothing.
 */
import type { DateTime } from 'luxon';
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { now } from './clock';
import { choiceInput, thresholdInput, timezoneInput } from './inputs';
import type { InputValues, InputVariables } from './model';
import { FailureOutcome, failureMessage, refusalError } from './outcome';
import { credentialSecrets, type CommsBillingCredentials, type Platform } from './platforms';
import { parameterError, readCredentials, readInputs } from './reading';
import { createRedactor } from './redaction';
import type { PlatformRequest, PlatformResponse } from './request';
import { requestOptionsFor, sendRequest } from './transport';
import { currentPeriod, type Recurrence, type UsagePeriod } from './usagePeriods';

/** What a watch may use while it measures. */
export interface WatchCall<Values> {
	values: Values;
	/** The instant of this poll, and the period of the recurrence that holds it. */
	now: DateTime;
	period: UsagePeriod;
	credentials: CommsBillingCredentials;
	baseUrl: string;
	request(request: PlatformRequest): Promise<PlatformResponse>;
}

export interface WatchDefinition<Inputs extends InputVariables = InputVariables> {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The credential platforms this watch reads. */
	platforms: readonly Platform[];
	inputs: Inputs;
	/** Recurrences this watch cannot measure, each with the reason a parameter error gives. */
	refusedRecurrences?: Partial<Record<Recurrence, string>>;
	/** The time zone whose days, months and years the periods follow. */
	zone(values: InputValues<Inputs>): string;
	/** What is watched, in words, for the item: e.g. "usage of calls". */
	watched(values: InputValues<Inputs>): string;
	/** The watched value over the period. */
	measure(call: WatchCall<InputValues<Inputs>>): Promise<number>;
}

export interface TriggerDefinition {
	name: string;
	version: number;
	displayName: string;
	description: string;
	watches: readonly WatchDefinition[];
}

/** Declares a watch with its input types inferred from its input variables. */
export function defineWatch<Inputs extends InputVariables>(
	watch: WatchDefinition<Inputs>,
): WatchDefinition<Inputs> {
	return watch;
}

/** The inputs every watch has: when to fire, and how often the count starts again. */
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
};

/** For a watch whose platform has no days of its own: the zone its periods follow. */
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

/** A watch's own inputs and the trigger's, as the editor shows them and a poll reads them. */
export const watchInputs = (watch: WatchDefinition) => ({ ...watch.inputs, ...TRIGGER_INPUTS });

interface TriggerState {
	/** The period the trigger last fired in. */
	firedIn?: string;
}

export async function runPoll(
	fx: IPollFunctions,
	trigger: TriggerDefinition,
): Promise<INodeExecutionData[][] | null> {
	const operation = fx.getNodeParameter('operation') as string;
	const watch = trigger.watches.find((candidate) => candidate.value === operation);
	if (!watch)
		throw parameterError(fx, 0, 'operation', `"${operation}" is not a watch of this node`);
	const { credentials, baseUrl } = await readCredentials(fx, watch.platforms, 0);
	const values = readInputs(
		fx,
		watchInputs(watch),
		0,
		credentials,
		(name) => fx.getNodeParameter(name, null) as unknown,
	);
	const threshold = values.threshold as number;
	const recurrence = values.recurrence as Recurrence;
	const refused = watch.refusedRecurrences?.[recurrence];
	if (refused) throw parameterError(fx, 0, 'recurrence', refused);
	const zone = watch.zone(values);
	const at = now();
	const period = currentPeriod(recurrence, zone, at);

	const testEvent = fx.getMode() === 'manual';
	const state = fx.getWorkflowStaticData('node') as TriggerState;
	if (!testEvent && state.firedIn === period.key) return null;

	const requestOptions = requestOptionsFor(credentials, baseUrl);
	let value: number;
	try {
		value = await watch.measure({
			values,
			now: at,
			period,
			credentials,
			baseUrl,
			request: async (request) => await sendRequest(fx, request, requestOptions),
		});
	} catch (error) {
		const redact = createRedactor(credentialSecrets(credentials));
		if (!(error instanceof FailureOutcome))
			throw new NodeOperationError(fx.getNode(), redact.text(String(error.message ?? error)));
		const message = redact.text(failureMessage(error, requestOptions.platformLabel));
		throw refusalError(fx.getNode(), message, error.statusCode);
	}

	const reached = value >= threshold;
	if (!testEvent && !reached) return null;
	if (!testEvent) state.firedIn = period.key;
	return [
		[
			{
				json: {
					platform: requestOptions.platformLabel,
					watched: watch.watched(values),
					value,
					threshold,
					reached,
					recurrence,
					period_start: period.start?.toISO() ?? null,
					period_end: period.end?.toISO() ?? null,
					timezone: zone,
				},
			},
		],
	];
}
