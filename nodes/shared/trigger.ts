/**
 * The usage trigger as data: a method measures one series over a period, or each of several
 * accounts on its own, with the inputs every method has (threshold, recurrence, options) and the
 * fields of the item a poll emits. The poll itself: triggerPoll.ts.
 */
import {
	choiceInput,
	collectionInput,
	positiveIntegerInput,
	thresholdInput,
	timezoneInput,
	wholeNumberInput,
} from './inputs';
import type { Call, InputValues, InputVariables } from './model';
import type { Platform } from './platforms';
import type { Recurrence, UsagePeriod } from './usagePeriods';

/** What a trigger method may use in a poll. */
export interface PollCall<Values> extends Call<Values> {
	/** The pages one reading may take (Options, Max Pages). */
	maxPages: number;
}

/** What a trigger method may use while it measures. */
export interface TriggerCall<Values> extends PollCall<Values> {
	/** The period of the recurrence that holds the instant of this poll (`now()`). */
	period: UsagePeriod;
	/** The account measured, where the watch measures several each on its own. */
	account?: string;
}

/** An account a watch of several measures on its own. */
export interface WatchedAccount {
	sid: string;
	/** Its friendly name, asked only for an item that names it. */
	name(): Promise<string | null>;
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
	zone(values: InputValues<Inputs>, call: Call<InputValues<Inputs>>): string;
	/** What is watched, in words, for the item: e.g. "usage of calls". */
	watched(values: InputValues<Inputs>): string;
	/**
	 * Where the inputs name several accounts (Usage Records' Accounts): how a poll lists them, once,
	 * before it measures each; undefined: the method measures one series.
	 */
	watchedAccounts?(
		values: InputValues<Inputs>,
	): ((call: PollCall<unknown>) => Promise<WatchedAccount[]>) | undefined;
	/** The watched value over the period (of `account`, where the watch has several). */
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
export const TRIGGER_MAX_PAGES = 100;

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

/** What an item of a watch of several accounts has besides: the account it is about. */
export const ACCOUNT_FIELDS = ['account_sid', 'friendly_name'] as const;

/** A method's own inputs and the trigger's, as the editor shows them and a poll reads them. */
export const triggerMethodInputs = (method: TriggerMethodDefinition) => ({
	...method.inputs,
	...TRIGGER_INPUTS,
});
