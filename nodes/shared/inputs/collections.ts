/** Optional inputs grouped in an n8n collection, and the list methods' Options. */
import { DEFAULT_MAX_PAGES } from '../paging';
import { positiveIntegerInput } from './numbers';
import {
	describe,
	loadOptionsOf,
	type InputContext,
	type InputVariable,
	type ParameterOptions,
} from './variable';

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
	type Values = { [Name in keyof Inputs]: Inputs[Name] extends InputVariable<infer T> ? T : never };
	return {
		// A password inside the collection is as secret as one outside it.
		secretsOf: (values: Values) =>
			Object.entries(options.inputs).flatMap(
				([name, input]) => input.secretsOf?.((values as Record<string, unknown>)[name]) ?? [],
			),
		loadOptions: loadOptionsOf(inner),
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
			return values as Values;
		},
	};
}

/**
 * Options of a list method: how many pages one call may read before it stops, so that a server
 * that never sends a last page cannot keep a workflow paging forever.
 */
export function pagingOptionsInput<More extends Record<string, InputVariable<unknown>>>(
	more: More = {} as More,
) {
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
			...more,
		},
	});
}
