/**
 * Input variables: each is its n8n parameters plus how one item's value is read and checked.
 * Reading happens for every item before any request is sent.
 */
import type { DateTime } from 'luxon';
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	BILLING_PERIODS,
	isValidTimeZone,
	presetRange,
	toDateTime,
	type BillingPeriod,
	type DateRange,
} from './billingPeriod';
import { checkOneOf, checkPositiveInteger, toList } from './validation';

export interface InputContext {
	/** The parameter's value for this item, expressions resolved; null when hidden. */
	get(name: string): unknown;
	/** Stops with a parameter error that names the parameter and the item. */
	invalid(parameter: string, reason: string): never;
	/** The workflow's time zone. */
	workflowTimezone: string;
	now(): DateTime;
}

export interface InputVariable<T> {
	properties: INodeProperties[];
	read(context: InputContext): T;
	/** Values of this input that must be redacted like credential secrets. */
	secret?: boolean;
}

interface ParameterOptions {
	name: string;
	displayName: string;
	description: string;
	show?: IDisplayOptions['show'];
	hint?: string;
}

const describe = ({ name, displayName, description, show, hint }: ParameterOptions) => ({
	name,
	displayName,
	description,
	...(show ? { displayOptions: { show } } : {}),
	...(hint ? { hint } : {}),
});

const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A text; undefined when left empty, unless required. */
export function textInput(
	options: ParameterOptions & { required?: boolean; placeholder?: string; password?: boolean },
): InputVariable<string | undefined> {
	return {
		secret: options.password,
		properties: [
			{
				...describe(options),
				type: 'string',
				default: '',
				...(options.required ? { required: true } : {}),
				...(options.placeholder ? { placeholder: options.placeholder } : {}),
				...(options.password ? { typeOptions: { password: true } } : {}),
			},
		],
		read(context) {
			const value = context.get(options.name);
			if (isEmpty(value)) {
				if (options.required) context.invalid(options.name, 'a value is required');
				return undefined;
			}
			return String(value).trim();
		},
	};
}

/** One of a fixed list of values. */
export function choiceInput<T extends string>(
	options: ParameterOptions & { choices: Array<INodePropertyOptions & { value: T }>; default: T },
): InputVariable<T> {
	const allowed = options.choices.map((choice) => choice.value);
	return {
		properties: [
			{ ...describe(options), type: 'options', options: options.choices, default: options.default },
		],
		read(context) {
			const checked = checkOneOf(context.get(options.name) ?? options.default, allowed);
			return checked.ok ? checked.value : context.invalid(options.name, checked.reason);
		},
	};
}

export function flagInput(
	options: ParameterOptions & { default: boolean },
): InputVariable<boolean> {
	return {
		properties: [{ ...describe(options), type: 'boolean', default: options.default }],
		read(context) {
			const value = context.get(options.name) ?? options.default;
			if (typeof value !== 'boolean')
				context.invalid(options.name, `${JSON.stringify(value)} is not true or false`);
			return value as boolean;
		},
	};
}

/**
 * A list chosen from known values plus free-form extras (comma-separated or an array),
 * for vendor values that the pick list does not know yet.
 */
export function listWithExtrasInput(options: {
	list: ParameterOptions & { choices: INodePropertyOptions[]; default: string[] };
	extras: ParameterOptions & { placeholder: string };
	valuePattern: RegExp;
}): InputVariable<string[]> {
	const { list, extras, valuePattern } = options;
	return {
		properties: [
			{ ...describe(list), type: 'multiOptions', options: list.choices, default: list.default },
			{ ...describe(extras), type: 'string', default: '', placeholder: extras.placeholder },
		],
		read(context) {
			const chosen = toList(context.get(list.name) ?? list.default);
			const added = toList(context.get(extras.name));
			const wrong = added.find((value) => !valuePattern.test(value));
			if (wrong !== undefined) context.invalid(extras.name, `"${wrong}" is not a valid value`);
			const all = [...new Set([...chosen, ...added])];
			if (all.length === 0) context.invalid(list.name, 'choose at least one value');
			return all;
		},
	};
}

/** Return All, or a Limit on the number of records; undefined means all. */
export function limitInput(options: {
	recordName: string;
	show?: IDisplayOptions['show'];
}): InputVariable<number | undefined> {
	return {
		properties: [
			{
				...describe({
					name: 'returnAll',
					displayName: 'Return All',
					description: 'Whether to return all results or only up to a given limit',
					show: options.show,
				}),
				type: 'boolean',
				default: false,
			},
			{
				...describe({
					name: 'limit',
					displayName: 'Limit',
					description: `Max number of ${options.recordName} to return`,
					show: { ...options.show, returnAll: [false] },
				}),
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
			},
		],
		read(context) {
			if (context.get('returnAll') === true) return undefined;
			const checked = checkPositiveInteger(context.get('limit') ?? 50);
			return checked.ok ? checked.value : context.invalid('limit', checked.reason);
		},
	};
}

export interface PeriodValue extends DateRange {
	timezone: string;
}

const PERIOD_CHOICES: Array<INodePropertyOptions & { value: BillingPeriod }> = [
	{ name: 'Custom (Start and End)', value: 'custom' },
	{ name: 'Last 30 Days', value: 'last30Days', description: 'The 30 whole days ending with today' },
	{ name: 'Last 7 Days', value: 'last7Days', description: 'The 7 whole days ending with today' },
	{ name: 'Last Month', value: 'lastMonth' },
	{ name: 'This Month', value: 'thisMonth' },
];

/**
 * A billing period: a preset (this month, last month, ...) or custom start and end, in an IANA
 * time zone that defaults to the workflow's.
 */
export function billingPeriodInput(options: {
	start: Omit<ParameterOptions, 'show'>;
	end: Omit<ParameterOptions, 'show'>;
}): InputVariable<PeriodValue> {
	const custom = { period: ['custom'] };
	return {
		properties: [
			{
				...describe({
					name: 'period',
					displayName: 'Period',
					description: 'The billing period, computed in the time zone below',
				}),
				type: 'options',
				options: PERIOD_CHOICES,
				default: 'custom',
			},
			{
				...describe({ ...options.start, show: custom }),
				type: 'dateTime',
				default: '',
				required: true,
			},
			{
				...describe({ ...options.end, show: custom }),
				type: 'dateTime',
				default: '',
				required: true,
			},
			{
				...describe({
					name: 'timezone',
					displayName: 'Time Zone',
					description:
						"IANA time zone of the period and of dates given without an offset, e.g. America/Los_Angeles. Empty: the workflow's time zone.",
				}),
				type: 'string',
				default: '',
				placeholder: 'Europe/London',
			},
		],
		read(context) {
			const zoneValue = context.get('timezone');
			const timezone = isEmpty(zoneValue) ? context.workflowTimezone : String(zoneValue).trim();
			if (!isValidTimeZone(timezone))
				context.invalid('timezone', `"${timezone}" is not an IANA time zone`);

			const period = checkOneOf(context.get('period') ?? 'custom', BILLING_PERIODS);
			if (!period.ok) return context.invalid('period', period.reason);
			if (period.value !== 'custom') {
				return { ...presetRange(period.value, timezone, context.now()), timezone };
			}

			const readDate = (name: string) => {
				const value = context.get(name);
				if (isEmpty(value))
					return context.invalid(name, 'a date is required when Period is Custom');
				return (
					toDateTime(value, timezone) ??
					context.invalid(name, `${JSON.stringify(value)} is not an ISO 8601 date or a date value`)
				);
			};
			const start = readDate(options.start.name);
			const end = readDate(options.end.name);
			if (end < start) context.invalid(options.end.name, 'the end is before the start');
			return { start, end, timezone };
		},
	};
}
