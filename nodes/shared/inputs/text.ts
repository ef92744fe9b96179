/** Text inputs: plain, checked (e-mail, E.164), an ID in a path, one-or-many, a JSON object. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CommsBillingCredentials } from '../platforms';
import { isJsonObject } from '../records';
import {
	checkE164,
	checkEmail,
	checkJsonObject,
	checkPathSegment,
	checkText,
	type Checked,
} from '../validation';
import { describe, isEmpty, readList, type InputVariable, type ParameterOptions } from './variable';

interface TextOptions extends ParameterOptions {
	required?: boolean;
	placeholder?: string;
	password?: boolean;
}

/** A text; undefined when left empty, unless required (then it is always a text). */
export function textInput(options: TextOptions & { required: true }): InputVariable<string>;
export function textInput(options: TextOptions): InputVariable<string | undefined>;
export function textInput(options: TextOptions): InputVariable<string | undefined> {
	return {
		...(options.password ? { secretsOf: (value) => (value ? [value] : []) } : {}),
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

/** A text checked by `check`; undefined when left empty, unless required. */
function checkedTextInput(
	options: TextOptions,
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

type CheckedTextOptions = ParameterOptions & { required?: boolean; placeholder?: string };

export function emailInput(options: CheckedTextOptions & { required: true }): InputVariable<string>;
export function emailInput(options: CheckedTextOptions): InputVariable<string | undefined>;
export function emailInput(options: CheckedTextOptions) {
	return checkedTextInput({ placeholder: 'name@email.com', ...options }, checkEmail);
}

/** A phone number in E.164: a +, the country code and digits only. */
export const phoneInput = (options: CheckedTextOptions) =>
	checkedTextInput({ placeholder: '+44123456789', ...options }, checkE164);

/**
 * An ID that becomes one segment of a request's path (encoded as one): required, and never one
 * that would change the path. Empty, it may default to a field of the item's credential; when
 * that is empty too, the error says to fill in the credential's field.
 */
export function pathIdInput(
	options: ParameterOptions & {
		placeholder?: string;
		fromCredential?: {
			/** The credential field's name as the editor shows it. */
			field: string;
			read(credentials: CommsBillingCredentials): string | undefined;
		};
		/** Shown as a resource locator: From List (this listSearch method, searchable) or By ID. */
		searchListMethod?: string;
	},
): InputVariable<string> {
	const text = textInput({ ...options, required: !options.fromCredential });
	const { searchListMethod } = options;
	const properties: INodeProperties[] = searchListMethod
		? [
				{
					...describe(options),
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					modes: [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list',
							typeOptions: { searchListMethod, searchable: true },
						},
						{
							displayName: 'By ID',
							name: 'id',
							type: 'string',
							...(options.placeholder ? { placeholder: options.placeholder } : {}),
						},
					],
				},
			]
		: text.properties;
	return {
		properties,
		read(context) {
			// A resource locator's value is { __rl, mode, value }; an expression may give the ID alone.
			const given = context.get(options.name);
			const id = isJsonObject(given) ? given.value : given;
			const value =
				text.read({
					...context,
					get: (name) => (name === options.name ? id : context.get(name)),
				}) ?? options.fromCredential?.read(context.credentials)?.trim();
			if (!value)
				return context.invalid(
					options.name,
					options.fromCredential
						? `a value is required (the credential has none either): enter the ${options.fromCredential.field} in the credential`
						: 'a value is required',
				);
			const checked = checkPathSegment(value);
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
 * "One or many", as the vendors' pages call it: one value, a comma-separated text or an array from an expression;
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
