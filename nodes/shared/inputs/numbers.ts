/** Number inputs: a positive or any whole number, a percentage, a threshold, and Return All or a Limit. */
import type { IDisplayOptions } from 'n8n-workflow';

import { compareDecimals, readDecimal, ZERO, type Decimal } from '../decimal';
import { checkPositiveInteger } from '../validation';
import { describe, isEmpty, type InputVariable, type ParameterOptions } from './variable';

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

/** A whole number, 0 or more; the default when not given. */
export function wholeNumberInput(
	options: ParameterOptions & { default: number },
): InputVariable<number> {
	return {
		properties: [
			{
				...describe(options),
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: options.default,
			},
		],
		read(context) {
			const value = context.get(options.name);
			if (isEmpty(value)) return options.default;
			const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			return typeof number === 'number' && Number.isInteger(number) && number >= 0
				? number
				: context.invalid(
						options.name,
						`${JSON.stringify(value)} is not a whole number, 0 or more`,
					);
		},
	};
}

// n8n's usual default for Limit.
const DEFAULT_LIMIT = 50;

/** Return All, or a Limit on the number of records; undefined means all. */
export function limitInput(options: {
	recordName: string;
	show?: IDisplayOptions['show'];
	/** A node dropped in returns every record, safe to sum. */
	returnAllByDefault?: boolean;
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
				default: options.returnAllByDefault ?? false,
			},
			{
				...describe({
					name: 'limit',
					displayName: 'Limit',
					description: 'Max number of results to return',
					show: { ...options.show, returnAll: [false] },
				}),
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_LIMIT,
			},
		],
		read(context) {
			if ((context.get('returnAll') ?? options.returnAllByDefault) === true) return undefined;
			const checked = checkPositiveInteger(context.get('limit') ?? DEFAULT_LIMIT);
			return checked.ok ? checked.value : context.invalid('limit', checked.reason);
		},
	};
}

/** A percentage from 0 to 100, read exactly (a number as the decimal that prints it). */
export function percentInput(
	options: ParameterOptions & { default: number },
): InputVariable<Decimal> {
	return {
		properties: [
			{
				...describe(options),
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 4 },
				default: options.default,
			},
		],
		read(context) {
			const value = context.get(options.name) ?? options.default;
			const percent = readDecimal(value);
			if (
				!percent ||
				compareDecimals(percent, ZERO) < 0 ||
				compareDecimals(percent, readDecimal(100)!) > 0
			)
				return context.invalid(
					options.name,
					`${JSON.stringify(value)} is not a percentage from 0 to 100`,
				);
			return percent;
		},
	};
}

/** A number of 0 or more, required: a threshold in the watched series' own units. */
export function thresholdInput(options: ParameterOptions): InputVariable<number> {
	return {
		properties: [
			{
				...describe(options),
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 100,
				required: true,
			},
		],
		read(context) {
			const value = context.get(options.name);
			const number =
				typeof value === 'number'
					? value
					: typeof value === 'string' && value.trim() !== ''
						? Number(value)
						: NaN;
			if (!Number.isFinite(number) || number < 0)
				context.invalid(options.name, `${JSON.stringify(value)} is not a number of 0 or more`);
			return number;
		},
	};
}
