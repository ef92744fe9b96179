/**
 * The one way a call is prepared and made, for the nodes' methods and the usage trigger's alike:
 * `prepare` finds the chosen method and reads and checks the credential and the method's inputs,
 * before any request; `callOf` gives the method what it may use, and no secret or URL.
 */
import type { DateTime } from 'luxon';

import type { InputVariable } from './inputs';
import type { Call, InputVariables } from './model';
import { accountSidOf, usageDaysZoneOf } from './credentialRules';
import { credentialSecrets, type CommsBillingCredentials, type Platform } from './platforms';
import { parameterError, readCredentials, readInputs, type ReadingContext } from './reading';
import type { PlatformRequest, PlatformResponse } from './request';

/** The methods a node (or the usage trigger) offers, and what each reads. */
export interface MethodSource<Method> {
	methods: readonly Method[];
	/** The credential platforms a method talks to. */
	platformsOf(method: Method): readonly Platform[];
	/** Every input a method reads, as the editor shows them. */
	inputsOf(method: Method): InputVariables;
}

export interface Prepared<Method> {
	itemIndex: number;
	method: Method;
	values: Record<string, unknown>;
	/** For the transport only: the methods never see it. */
	credentials: CommsBillingCredentials;
	/** The platform's API root, the credential's base URL, derived once here. */
	apiRoot: string;
	/** What must never appear in an output, an error or a log: the credential's and the inputs'. */
	secrets: string[];
	/** The instant of the run, which the inputs were read at. */
	now(): DateTime;
}

/**
 * Reads and checks one item's call: the chosen method (the parameter `operation`), the
 * credential against the method's platforms, and every input of the method, "today" being
 * `now`'s. A parameter or credential error names the parameter and the item.
 */
export async function prepare<Method extends { value: string }>(
	fx: ReadingContext,
	source: MethodSource<Method>,
	itemIndex: number,
	parameter: (name: string) => unknown,
	now: () => DateTime,
): Promise<Prepared<Method>> {
	const operation = parameter('operation') as string;
	const method = source.methods.find((candidate) => candidate.value === operation);
	if (!method)
		throw parameterError(fx, itemIndex, 'operation', `"${operation}" is not a method of this node`);
	const { credentials, apiRoot } = await readCredentials(fx, source.platformsOf(method), itemIndex);
	const secrets = credentialSecrets(credentials);
	const inputs = source.inputsOf(method);
	const values = readInputs(fx, inputs, itemIndex, credentials, parameter, now);
	for (const [name, input] of Object.entries(inputs) as Array<[string, InputVariable<unknown>]>)
		secrets.push(...(input.secretsOf?.(values[name]) ?? []));
	return { itemIndex, method, values, credentials, apiRoot, secrets, now };
}

/** What a prepared call's method may use, its requests sent with `send`. */
export function callOf<Values>(
	prepared: {
		itemIndex: number;
		values: Values;
		credentials: CommsBillingCredentials;
		now(): DateTime;
	},
	send: (request: PlatformRequest) => Promise<PlatformResponse>,
): Call<Values> {
	const { credentials } = prepared;
	return {
		values: prepared.values,
		itemIndex: prepared.itemIndex,
		platform: credentials.platform,
		accountSid: accountSidOf(credentials),
		evoVoiceEndDate: credentials.evoVoiceEndDate ?? 'inclusive',
		evoVoiceCustomerRows: credentials.evoVoiceCustomerRows || undefined,
		usageDaysZone: usageDaysZoneOf(credentials),
		now: prepared.now,
		request: send,
	};
}
