/** Inputs chosen from fixed values: one option, a flag, a pick list with free-form extras. */
import type { INodePropertyOptions } from 'n8n-workflow';

import { checkOneOf } from '../validation';
import { describe, isEmpty, readList, type InputVariable, type ParameterOptions } from './variable';

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
