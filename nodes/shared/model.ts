/**
 * The documents' node model as data: a node has methods; a method has input variables, output
 * variables and two outcomes, Success and Failure.
 */
import type { DateTime } from 'luxon';
import type {
	IBinaryData,
	IBinaryKeyData,
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptionsOf, type InputVariable, type LoadOptionsMethod } from './inputs';
import type { Failure } from './outcome';
import type { ListSearchMethod } from './listSearch';
import { MOST_PARALLEL_REQUESTS, PARALLEL_REQUESTS } from './lanes';
import {
	PLATFORM_LABELS,
	SOURCE_PLATFORM_LABELS,
	type EvoVoiceCustomerRows,
	type EvoVoiceEndDate,
	type Platform,
} from './platforms';
import { CREDENTIAL_TYPE, type PlatformRequest, type PlatformResponse } from './request';

export type InputVariables = Record<string, InputVariable<unknown>>;

export type InputValues<Inputs extends InputVariables> = {
	[Name in keyof Inputs]: Inputs[Name] extends InputVariable<infer Value> ? Value : never;
};

/** What a method hands back on Success: one item per output record. */
export interface SuccessRecord {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * A part of one item's call that succeeds or fails on its own (an account that Usage Records
 * bills): all its records on Success, or its one Failure.
 */
export type Whole = { records: SuccessRecord[] } | { refusal: Failure };

/** What a method gives for one item: its records, or its wholes in output order. */
export type MethodResult = SuccessRecord[] | { wholes: Whole[] };

/**
 * What a call of a method may use, in a node or in the usage trigger: its checked inputs, what the
 * credential tells that is neither secret nor a URL, and a way to send requests.
 */
export interface Call<Values> {
	values: Values;
	itemIndex: number;
	/** The credential's platform. */
	platform: Platform;
	/** Restcomm and Twilio-compatible: the credential's account (its Account SID). */
	accountSid?: string;
	/** Evo Voice: whether its server counts endDate's own day (the credential's End Date). */
	evoVoiceEndDate: EvoVoiceEndDate;
	/** Evo Voice: what a parent customer's usage row holds (the credential's Customer Rows), if set. */
	evoVoiceCustomerRows?: EvoVoiceCustomerRows;
	/** Restcomm and Twilio-compatible: the zone whose days the server reads dates in. */
	usageDaysZone: string;
	/** The instant of this run of the node (or poll), the same for all its items. */
	now(): DateTime;
	/**
	 * Sends one request (a path under the platform's API root) with the retry rules of
	 * retryPolicy.ts; a refusal throws a Failure.
	 */
	request(request: PlatformRequest): Promise<PlatformResponse>;
}

/** What a node's method may use while it runs for one input item. */
export interface MethodCall<Values> extends Call<Values> {
	/**
	 * What `compute` gives, computed once per run of the node for `key` (e.g. an account's name,
	 * fetched once for every item that bills it).
	 */
	once<T>(key: string, compute: () => Promise<T>): Promise<T>;
	/** A file for the item's binary data, stored the way n8n stores binary data. */
	binaryFile(data: Buffer, fileName: string, mimeType: string): Promise<IBinaryData>;
	/** The input item's JSON, for a method whose input is the items themselves (priced lines). */
	json: IDataObject;
}

export interface MethodDefinition<Inputs extends InputVariables = InputVariables> {
	value: string;
	name: string;
	action: string;
	description: string;
	inputs: Inputs;
	/**
	 * The output variables, named exactly as the vendor's document names them; keyed by output
	 * mode where the method has several.
	 */
	outputVariables: readonly string[] | Readonly<Record<string, readonly string[]>>;
	execute(call: MethodCall<InputValues<Inputs>>): Promise<MethodResult>;
	/**
	 * For a method whose decision spans items (lines of several items make one Stripe invoice):
	 * every item's call at once, each item's result in item order. When set, the runtime calls it
	 * instead of `execute`.
	 */
	executeTogether?(calls: ReadonlyArray<MethodCall<InputValues<Inputs>>>): Promise<MethodResult[]>;
	/** What one call is about, for a refusal that stops the workflow: e.g. "2026-11-01 to 2026-11-30". */
	subject?(values: InputValues<Inputs>): string;
	/**
	 * A create's output variable holding the id of what it made: a refusal that stops the
	 * workflow names those its earlier items made, and Retry On Fail is refused (n8n would run
	 * the node again and send every create again).
	 */
	createdId?: string;
	/** Output variables that hold credentials the user asked for: n8n hides them, we do not redact them. */
	sensitiveOutputs?: readonly string[];
}

export interface NodeDefinition {
	/** The node type's name, e.g. `luminBillingEvents`. */
	name: string;
	/** The node type's version in n8n. */
	version: number;
	displayName: string;
	description: string;
	/** The credential platforms this node talks to. */
	platforms: readonly Platform[];
	methods: readonly MethodDefinition[];
	/** The lists of the editor's resource locators (From List), by searchListMethod name. */
	listSearch?: Record<string, ListSearchMethod>;
	/** Whether the user may set how many of its reads are in flight at once (lanes.ts). */
	requestsInParallel?: true;
}

/** Declares a method with its input types inferred from its input variables. */
export function defineMethod<Inputs extends InputVariables>(
	method: MethodDefinition<Inputs>,
): MethodDefinition<Inputs> {
	return method;
}

/** What the editor shows of a method, or of what a trigger watches. */
type Choosable = Pick<MethodDefinition, 'value' | 'name' | 'description' | 'action' | 'inputs'>;

/**
 * The node's parameters: the choice of method first ("Method", or `label`), then each method's
 * inputs, shown for that method.
 */
export function nodeProperties(
	node: { name: string; methods: readonly Choosable[] },
	label = 'Method',
): INodeProperties[] {
	const methods = [...node.methods].sort((a, b) => a.name.localeCompare(b.name));
	const firstMethod = node.methods[0].value;
	const operation: INodeProperties = {
		displayName: label,
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: methods.map(({ name, value, description, action }) => ({
			name,
			value,
			description,
			action,
		})),
		default: firstMethod,
	};
	// A parameter that several methods declare is one parameter, shown for all of them; it must
	// then be declared the same way by each.
	const parameters = new Map<string, { property: INodeProperties; operations: string[] }>();
	for (const method of node.methods) {
		for (const input of Object.values(method.inputs) as Array<InputVariable<unknown>>) {
			for (const property of input.properties) {
				const known = parameters.get(property.name);
				if (known && JSON.stringify(known.property) !== JSON.stringify(property)) {
					throw new Error(
						`${node.name}: parameter "${property.name}" is declared differently by two methods`,
					);
				}
				parameters.set(property.name, {
					property,
					operations: [...(known?.operations ?? []), method.value],
				});
			}
		}
	}
	const inputs = [...parameters.values()].map(({ property, operations }) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, operation: operations },
		},
	}));
	return [operation, ...inputs];
}

/**
 * The methods that fill the editor's lists of the node's parameters (n8n's loadOptions), by name:
 * those its methods' inputs declare (the Time Zone list, for one), so that every node with such an
 * input offers them.
 */
export function nodeLoadOptions(node: {
	methods: readonly Pick<Choosable, 'inputs'>[];
}): Record<string, LoadOptionsMethod> {
	return loadOptionsOf(
		node.methods.flatMap((method) => Object.values(method.inputs) as Array<InputVariable<unknown>>),
	);
}

/**
 * The node type's `methods`, where n8n looks up what fills the editor's lists: the node's list
 * searches and the lists its inputs load. None: undefined.
 */
export function nodeMethods(node: {
	methods: readonly Pick<Choosable, 'inputs'>[];
	listSearch?: NodeDefinition['listSearch'];
}): INodeType['methods'] {
	const loadOptions = nodeLoadOptions(node);
	const methods: INodeType['methods'] = {
		...(node.listSearch ? { listSearch: node.listSearch } : {}),
		...(Object.keys(loadOptions).length > 0 ? { loadOptions } : {}),
	};
	return Object.keys(methods).length > 0 ? methods : undefined;
}

/** The node's subtitle in the editor: the chosen method's name. */
export function nodeSubtitle(node: NodeDefinition): string {
	const names = Object.fromEntries(node.methods.map(({ value, name }) => [value, name]));
	return `={{ ${JSON.stringify(names)}[$parameter["operation"]] }}`;
}

/** One input, and two outputs: Success, then Failure (README, "Success and Failure"). */
export const SUCCESS_FAILURE = {
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
	outputNames: ['Success', 'Failure'],
} satisfies Pick<INodeTypeDescription, 'inputs' | 'outputs' | 'outputNames'>;

/** How many reads a node has in flight at once, across its items (lanes.ts). */
export const REQUESTS_IN_PARALLEL: INodeProperties = {
	displayName: 'Requests in Parallel',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MOST_PARALLEL_REQUESTS, numberPrecision: 0 },
	default: 0,
	description: `At most this many requests to the vendor at once, across the items; each item's output keeps its place. 0: the platform's default (${Object.entries(
		PARALLEL_REQUESTS,
	)
		// The usage nodes' platforms, which this parameter is for.
		.filter(([platform]) => platform in SOURCE_PLATFORM_LABELS && platform !== 'lumin')
		.map(([platform, limit]) => `${PLATFORM_LABELS[platform as Platform]} ${limit}`)
		.join(', ')}). Lumin.ai is always asked one request at a time.`,
};

/**
 * The n8n description of a node: every node of the pack looks and connects the same way.
 * The icon, subtitle and usableAsTool stay in the node file, where n8n's lint looks for them.
 */
export function nodeDescription(
	node: NodeDefinition,
): Omit<INodeTypeDescription, 'icon' | 'subtitle' | 'usableAsTool'> {
	const sensitive = [...new Set(node.methods.flatMap((method) => method.sensitiveOutputs ?? []))];
	return {
		displayName: node.displayName,
		name: node.name,
		group: ['input'],
		version: node.version,
		description: node.description,
		defaults: { name: node.displayName },
		...SUCCESS_FAILURE,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...nodeProperties(node),
			...(node.requestsInParallel ? [REQUESTS_IN_PARALLEL] : []),
		],
		...(sensitive.length ? { sensitiveOutputFields: sensitive } : {}),
	};
}
