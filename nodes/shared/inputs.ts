/**
 * Input variables: each is its n8n parameters plus how one item's value is read and checked.
 * Reading happens for every item before any request is sent.
 */
import type { DateTime } from 'luxon';
import type {
	IDataObject,
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { DEFAULT_MAX_PAGES } from './paging';
import type { CommsBillingCredentials } from './platforms';
import {
	BILLING_PERIODS,
	isValidTimeZone,
	presetRange,
	toDateTime,
	type BillingPeriod,
	type DateRange,
} from './billingPeriod';
import {
	checkE164,
	checkEmail,
	checkJsonObject,
	checkList,
	checkOneOf,
	checkPathSegment,
	checkPositiveInteger,
	checkText,
	type Checked,
} from './validation';

export interface InputContext {
	/** The parameter's value for this item, expressions resolved; null when hidden. */
	get(name: string): unknown;
	/** Stops with a parameter error that names the parameter and the item. */
	invalid(parameter: string, reason: string): never;
	/** The workflow's time zone. */
	workflowTimezone: string;
	now(): DateTime;
	/** The item's credential, for inputs whose default is one of its fields. */
	credentials: CommsBillingCredentials;
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
			const checked = checkText(value);
			return checked.ok ? checked.value : context.invalid(options.name, checked.reason);
		},
	};
}

/** A text read as a list: the whole of `checkList` or a parameter error. */
function readList(context: InputContext, name: string, value: unknown): string[] {
	const checked = checkList(value);
	return checked.ok ? checked.value : context.invalid(name, checked.reason);
}

/**
 * An ID that becomes one segment of a request's path (encoded as one): required, and never one
 * that would change the path. Empty, it may default to a field of the item's credential.
 */
export function pathIdInput(
	options: ParameterOptions & {
		placeholder?: string;
		fromCredential?: (credentials: CommsBillingCredentials) => string | undefined;
	},
): InputVariable<string> {
	const text = textInput({ ...options, required: !options.fromCredential });
	return {
		properties: text.properties,
		read(context) {
			const value = text.read(context) ?? options.fromCredential?.(context.credentials)?.trim();
			if (!value)
				return context.invalid(
					options.name,
					'a value is required (the credential has none either)',
				);
			const checked = checkPathSegment(value);
			return checked.ok ? checked.value : context.invalid(options.name, checked.reason);
		},
	};
}

/** One of a fixed list of values. */
export function choiceInput<T extends string>(
	options: ParameterOptions & { choices: Array<INodePropertyOptions & { value: T }>; default: T },
): InputVariable<T> {
	const optional = optionalChoiceInput(options);
	return {
		properties: optional.properties,
		read: (context) => optional.read(context) ?? options.default,
	};
}

/** One of a fixed list of values, or undefined when not given (inside a collection). */
export function optionalChoiceInput<T extends string>(
	options: ParameterOptions & { choices: Array<INodePropertyOptions & { value: T }>; default: T },
): InputVariable<T | undefined> {
	const allowed = options.choices.map((choice) => choice.value);
	return {
		properties: [
			{ ...describe(options), type: 'options', options: options.choices, default: options.default },
		],
		read(context) {
			const value = context.get(options.name);
			if (isEmpty(value)) return undefined;
			const checked = checkOneOf(value, allowed);
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
			// From an expression, the list may hold anything: it gets the pick list's own check.
			const known = list.choices.map((choice) => String(choice.value));
			const chosen = readList(context, list.name, context.get(list.name) ?? list.default);
			const unknown = chosen.find((value) => !known.includes(value));
			if (unknown !== undefined)
				context.invalid(
					list.name,
					`"${unknown}" is not one of ${known.join(', ')} (add other values under ${extras.displayName})`,
				);
			const added = readList(context, extras.name, context.get(extras.name));
			const wrong = added.find((value) => !valuePattern.test(value));
			if (wrong !== undefined) context.invalid(extras.name, `"${wrong}" is not a valid value`);
			const all = [...new Set([...chosen, ...added])];
			if (all.length === 0) context.invalid(list.name, 'choose at least one value');
			return all;
		},
	};
}

/** A text checked by `check`; undefined when left empty, unless required. */
function checkedTextInput(
	options: ParameterOptions & { required?: boolean; placeholder?: string },
	check: (value: string) => Checked<string>,
): InputVariable<string | undefined> {
	const text = textInput(options);
	return {
		properties: text.properties,
		read(context) {
			const value = text.read(context);
			if (value === undefined) return undefined;
			const checked = check(value);
			return checked.ok ? checked.value : context.invalid(options.name, checked.reason);
		},
	};
}

export const emailInput = (
	options: ParameterOptions & { required?: boolean; placeholder?: string },
) => checkedTextInput({ placeholder: 'name@email.com', ...options }, checkEmail);

/** A phone number in E.164: a +, the country code and digits only. */
export const phoneInput = (options: ParameterOptions & { required?: boolean }) =>
	checkedTextInput({ placeholder: '+44123456789', ...options }, checkE164);

/** A positive whole number; undefined when not given. */
export function positiveIntegerInput(
	options: ParameterOptions & { default?: number },
): InputVariable<number | undefined> {
	return {
		properties: [
			{
				...describe(options),
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: options.default ?? 1,
			},
		],
		read(context) {
			const value = context.get(options.name);
			if (isEmpty(value)) return undefined;
			const checked = checkPositiveInteger(value);
			return checked.ok ? checked.value : context.invalid(options.name, checked.reason);
		},
	};
}

/** A JSON object, given as an object from an expression or as its JSON text. */
export function jsonObjectInput(options: ParameterOptions): InputVariable<IDataObject | undefined> {
	return {
		properties: [{ ...describe(options), type: 'json', default: '{}' }],
		read(context) {
			const value = context.get(options.name);
			if (isEmpty(value)) return undefined;
			const checked = checkJsonObject(value);
			if (!checked.ok) return context.invalid(options.name, checked.reason);
			return Object.keys(checked.value).length ? (checked.value as IDataObject) : undefined;
		},
	};
}

/**
 * "One or many" (SPEC 3.1): one value, a comma-separated text or an array from an expression;
 * each value checked by `check` when given. Undefined when empty.
 */
export function oneOrManyInput(
	options: ParameterOptions & { placeholder?: string; check?: (value: string) => Checked<string> },
): InputVariable<string[] | undefined> {
	return {
		properties: [
			{
				...describe(options),
				type: 'string',
				default: '',
				...(options.placeholder ? { placeholder: options.placeholder } : {}),
			},
		],
		read(context) {
			const values = readList(context, options.name, context.get(options.name));
			if (values.length === 0) return undefined;
			for (const value of values) {
				const checked = options.check?.(value);
				if (checked && !checked.ok) context.invalid(options.name, checked.reason);
			}
			return values;
		},
	};
}

/** A single date: ISO 8601 text (without an offset: in the workflow's time zone) or a date value. */
export function dateInput(
	options: ParameterOptions & { required?: boolean },
): InputVariable<DateTime | undefined> {
	return {
		properties: [
			{
				...describe(options),
				type: 'dateTime',
				default: '',
				...(options.required ? { required: true } : {}),
			},
		],
		read(context) {
			const value = context.get(options.name);
			if (isEmpty(value)) {
				if (options.required) context.invalid(options.name, 'a date is required');
				return undefined;
			}
			return (
				toDateTime(value, context.workflowTimezone) ??
				context.invalid(
					options.name,
					`${JSON.stringify(value)} is not an ISO 8601 date or a date value`,
				)
			);
		},
	};
}

/**
 * Optional inputs grouped in one n8n collection ("Additional Fields"). Inside it they keep their
 * names, and a parameter error names them.
 */
export function collectionInput<Inputs extends Record<string, InputVariable<unknown>>>(
	options: ParameterOptions & { placeholder: string; inputs: Inputs },
): InputVariable<{
	[Name in keyof Inputs]: Inputs[Name] extends InputVariable<infer T> ? T : never;
}> {
	const inner = Object.values(options.inputs);
	return {
		properties: [
			{
				...describe(options),
				type: 'collection',
				placeholder: options.placeholder,
				default: {},
				options: inner
					.flatMap((input) => input.properties)
					.sort((a, b) => a.displayName.localeCompare(b.displayName)),
			},
		],
		read(context) {
			const scoped: InputContext = {
				...context,
				get: (name) => context.get(`${options.name}.${name}`),
			};
			const values: Record<string, unknown> = {};
			for (const [name, input] of Object.entries(options.inputs)) values[name] = input.read(scoped);
			return values as {
				[Name in keyof Inputs]: Inputs[Name] extends InputVariable<infer T> ? T : never;
			};
		},
	};
}

/** Options of a list method: how many pages one call may read before it stops (SPEC 3.2). */
export function pagingOptionsInput() {
	return collectionInput({
		name: 'options',
		displayName: 'Options',
		description: 'Further settings of the call',
		placeholder: 'Add Option',
		inputs: {
			maxPages: positiveIntegerInput({
				name: 'maxPages',
				displayName: 'Max Pages',
				description: `Stop with a Failure after this many pages, in case the API never sends a last one (default ${DEFAULT_MAX_PAGES.toLocaleString('en')}, far above any real month)`,
				default: DEFAULT_MAX_PAGES,
			}),
		},
	});
}

// n8n's usual default for Limit.
const DEFAULT_LIMIT = 50;

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
				default: DEFAULT_LIMIT,
			},
		],
		read(context) {
			if (context.get('returnAll') === true) return undefined;
			const checked = checkPositiveInteger(context.get('limit') ?? DEFAULT_LIMIT);
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

export interface OptionalPeriodValue {
	start?: DateTime;
	end?: DateTime;
	timezone: string;
}

interface PeriodOptions {
	start: Omit<ParameterOptions, 'show'>;
	end: Omit<ParameterOptions, 'show'>;
}

/**
 * A billing period: a preset (this month, last month, ...) or custom start and end, in an IANA
 * time zone that defaults to the workflow's.
 */
export function billingPeriodInput(options: PeriodOptions): InputVariable<PeriodValue> {
	const period = periodInput(options, true);
	return { properties: period.properties, read: (context) => period.read(context) as PeriodValue };
}

/** A billing period whose custom start and end may each be left empty (then not sent). */
export function optionalBillingPeriodInput(
	options: PeriodOptions,
): InputVariable<OptionalPeriodValue> {
	return periodInput(options, false);
}

function periodInput(
	options: PeriodOptions,
	requireDates: boolean,
): InputVariable<OptionalPeriodValue> {
	const custom = { period: ['custom'] };
	const required = requireDates ? { required: true } : {};
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
				...required,
			},
			{ ...describe({ ...options.end, show: custom }), type: 'dateTime', default: '', ...required },
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
			const zoneText = isEmpty(zoneValue) ? { ok: true as const, value: '' } : checkText(zoneValue);
			if (!zoneText.ok) return context.invalid('timezone', zoneText.reason);
			const timezone = zoneText.value || context.workflowTimezone;
			if (!isValidTimeZone(timezone))
				context.invalid(
					'timezone',
					`"${timezone}" is not an IANA time zone (or a UTC offset within ±14:00)`,
				);

			const period = checkOneOf(context.get('period') ?? 'custom', BILLING_PERIODS);
			if (!period.ok) return context.invalid('period', period.reason);
			if (period.value !== 'custom') {
				return { ...presetRange(period.value, timezone, context.now()), timezone };
			}

			const readDate = (name: string) => {
				const value = context.get(name);
				if (isEmpty(value)) {
					return requireDates
						? context.invalid(name, 'a date is required when Period is Custom')
						: undefined;
				}
				return (
					toDateTime(value, timezone) ??
					context.invalid(name, `${JSON.stringify(value)} is not an ISO 8601 date or a date value`)
				);
			};
			const start = readDate(options.start.name);
			const end = readDate(options.end.name);
			if (start && end && end < start)
				context.invalid(options.end.name, 'the end is before the start');
			return { start, end, timezone };
		},
	};
}
