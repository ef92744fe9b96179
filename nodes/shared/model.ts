/**
 * The documents' node model as data: a node has methods; a method has input variables, output
 * variables and two outcomes, Success and Failure.
 */
import type {
	IBinaryData,
	IBinaryKeyData,
	IDataObject,
	INodeProperties,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { InputVariable } from './inputs';
import type { CommsBillingCredentials, Platform } from './platforms';
import type { PlatformRequest, PlatformResponse } from './transport';

export type InputVariables = Record<string, InputVariable<unknown>>;

export type InputValues<Inputs extends InputVariables> = {
	[Name in keyof Inputs]: Inputs[Name] extends InputVariable<infer Value> ? Value : never;
};

/** What a method hands back on Success: one item per output record. */
export interface SuccessRecord {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/** What a method may use while it runs for one input item. */
export interface MethodCall<Values> {
	values: Values;
	itemIndex: number;
	credentials: CommsBillingCredentials;
	/** The platform's name for messages, e.g. "Lumin.ai". */
	platformLabel: string;
	baseUrl: string;
	/** Sends one request with the retry rules of SPEC 3.3; a refusal throws a FailureOutcome. */
	request(request: PlatformRequest): Promise<PlatformResponse>;
	/** A file for the item's binary data, stored the way n8n stores binary data. */
	binaryFile(data: Buffer, fileName: string, mimeType: string): Promise<IBinaryData>;
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
	outputs: readonly string[] | Readonly<Record<string, readonly string[]>>;
	execute(call: MethodCall<InputValues<Inputs>>): Promise<SuccessRecord[]>;
	/** Output variables that hold credentials the user asked for: n8n hides them, we do not redact them. */
	sensitiveOutputs?: readonly string[];
}

export interface NodeDefinition {
	/** The node type's name, e.g. `luminBillingEvents`. */
	name: string;
	displayName: string;
	description: string;
	/** The credential platforms this node talks to. */
	platforms: readonly Platform[];
	methods: readonly MethodDefinition[];
}

/** Declares a method with its input types inferred from its input variables. */
export function defineMethod<Inputs extends InputVariables>(
	method: MethodDefinition<Inputs>,
): MethodDefinition<Inputs> {
	return method;
}

/** The node's parameters: "Method" first, then each method's inputs, shown for that method. */
export function nodeProperties(node: NodeDefinition): INodeProperties[] {
	const methods = [...node.methods].sort((a, b) => a.name.localeCompare(b.name));
	const firstMethod = node.methods[0].value;
	const operation: INodeProperties = {
		displayName: 'Method',
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
	// An input variable shared by several methods is one parameter, shown for all of them.
	const methodsByInput = new Map<InputVariable<unknown>, string[]>();
	for (const method of node.methods) {
		for (const input of Object.values(method.inputs) as Array<InputVariable<unknown>>) {
			methodsByInput.set(input, [...(methodsByInput.get(input) ?? []), method.value]);
		}
	}
	const inputs = [...methodsByInput].flatMap(([input, operations]) =>
		input.properties.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...property.displayOptions?.show, operation: operations },
			},
		})),
	);
	return [operation, ...inputs];
}

/** The node's subtitle in the editor: the chosen method's name. */
export function nodeSubtitle(node: NodeDefinition): string {
	const names = Object.fromEntries(node.methods.map(({ value, name }) => [value, name]));
	return `={{ ${JSON.stringify(names)}[$parameter["operation"]] }}`;
}

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
		version: 1,
		description: node.description,
		defaults: { name: node.displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		credentials: [{ name: 'commsBillingApi', required: true }],
		properties: nodeProperties(node),
		...(sensitive.length ? { sensitiveOutputFields: sensitive } : {}),
	};
}
