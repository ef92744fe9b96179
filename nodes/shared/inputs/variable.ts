/**
 * An input variable: its n8n parameters plus how one item's value is read and checked. Every
 * item's inputs are read before any request is sent; an invalid value is a parameter error that
 * names the parameter and the item.
 */
import type { DateTime } from 'luxon';
import type { IDisplayOptions, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { CommsBillingCredentials } from '../platforms';
import { checkList } from '../validation';

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

/** What fills a list of the editor when the node's panel opens (n8n's loadOptions). */
export type LoadOptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

export interface InputVariable<T> {
	properties: import('n8n-workflow').INodeProperties[];
	read(context: InputContext): T;
	/** The values in `value` that must be redacted like credential secrets (a password). */
	secretsOf?(value: T): string[];
	/**
	 * The methods that fill its parameters' lists, by the name a parameter's loadOptionsMethod
	 * gives: the node that has the input offers them (model.ts).
	 */
	loadOptions?: Record<string, LoadOptionsMethod>;
}

/** The load-options methods of several inputs, together; one name is one method. */
export function loadOptionsOf(
	inputs: ReadonlyArray<InputVariable<unknown>>,
): Record<string, LoadOptionsMethod> {
	const methods: Record<string, LoadOptionsMethod> = {};
	for (const [name, method] of inputs.flatMap((input) => Object.entries(input.loadOptions ?? {}))) {
		if (methods[name] && methods[name] !== method)
			throw new Error(`Two inputs fill their lists with different methods named "${name}"`);
		methods[name] = method;
	}
	return methods;
}

export interface ParameterOptions {
	name: string;
	displayName: string;
	description: string;
	show?: IDisplayOptions['show'];
	hint?: string;
}

/** The parameter fields every kind of input shares. */
export const describe = ({ name, displayName, description, show, hint }: ParameterOptions) => ({
	name,
	displayName,
	description,
	...(show ? { displayOptions: { show } } : {}),
	...(hint ? { hint } : {}),
});

export const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A text read as a list: the whole of `checkList` or a parameter error. */
export function readList(context: InputContext, name: string, value: unknown): string[] {
	const checked = checkList(value);
	return checked.ok ? checked.value : context.invalid(name, checked.reason);
}

/** No parameter at all: what an input of a later version reads in a version without it. */
export const noInput: InputVariable<undefined> = { properties: [], read: () => undefined };
