/** Date inputs: one date, and a billing period (a preset or custom dates) in a time zone. */
import type { DateTime } from 'luxon';
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	BILLING_PERIODS,
	isValidTimeZone,
	presetRange,
	toDateTime,
	type BillingPeriod,
	type DateRange,
} from '../billingPeriod';
import { timeZoneChoices } from '../timeZoneChoices';
import { checkOneOf, checkText } from '../validation';
import { describe, isEmpty, type InputVariable, type ParameterOptions } from './variable';

type DateOptions = ParameterOptions & { required?: boolean };

/** A single date: ISO 8601 text (without an offset: in the workflow's time zone) or a date value. */
export function dateInput(options: DateOptions & { required: true }): InputVariable<DateTime>;
export function dateInput(options: DateOptions): InputVariable<DateTime | undefined>;
export function dateInput(options: DateOptions): InputVariable<DateTime | undefined> {
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
	/** What a node dropped in starts with (Custom, whose dates must then be filled in, if not given). */
	defaultPeriod?: BillingPeriod;
}

/**
 * A billing period: a preset (this month, last month, ...) or custom start and end, in an IANA
 * time zone that defaults to the workflow's.
 */
export function billingPeriodInput(options: PeriodOptions): InputVariable<PeriodValue> {
	const period = periodInput(options, true);
	return {
		properties: period.properties,
		loadOptions: period.loadOptions,
		read: (context) => period.read(context) as PeriodValue,
	};
}

/** A billing period whose custom start and end may each be left empty (then not sent). */
export function optionalBillingPeriodInput(
	options: PeriodOptions,
): InputVariable<OptionalPeriodValue> {
	return periodInput(options, false);
}

const FROM_THE_LIST =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/**
 * The Time Zone list, loaded when the panel opens (timeZoneChoices.ts). n8n's server gives the
 * load no workflow settings, so getTimezone() is n8n's default zone, which the first entry names.
 */
async function timeZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return timeZoneChoices({
		defaultZone: this.getTimezone(),
		saved: this.getCurrentNodeParameter('timezone'),
	});
}

/**
 * An IANA time zone (or a UTC offset), chosen from the list or given by an expression; empty: the
 * workflow's. A zone saved under an old name (Asia/Calcutta) is read as it was saved: Intl knows
 * both names. `description` says what it is for.
 */
export function timezoneInput(description: string): InputVariable<string> {
	return {
		properties: [
			{
				// Named and described as n8n names a list it loads (its lint asks it).
				...describe({
					name: 'timezone',
					displayName: 'Time Zone Name or ID',
					description: `${description} Empty: the workflow's time zone. ${FROM_THE_LIST}.`,
				}),
				type: 'options',
				typeOptions: { loadOptionsMethod: 'timeZones' },
				default: '',
			},
		],
		loadOptions: { timeZones },
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
			return timezone;
		},
	};
}

function periodInput(
	options: PeriodOptions,
	requireDates: boolean,
): InputVariable<OptionalPeriodValue> {
	const custom = { period: ['custom'] };
	const required = requireDates ? { required: true } : {};
	const zone = timezoneInput(
		'IANA time zone of the period and of dates given without an offset, e.g. America/Los_Angeles.',
	);
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
				default: options.defaultPeriod ?? 'custom',
			},
			{
				...describe({ ...options.start, show: custom }),
				type: 'dateTime',
				default: '',
				...required,
			},
			{ ...describe({ ...options.end, show: custom }), type: 'dateTime', default: '', ...required },
			...zone.properties,
		],
		loadOptions: zone.loadOptions,
		read(context) {
			const timezone = zone.read(context);

			const period = checkOneOf(
				context.get('period') ?? options.defaultPeriod ?? 'custom',
				BILLING_PERIODS,
			);
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
