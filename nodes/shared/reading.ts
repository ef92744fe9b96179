/**
 * What a call needs before it sends anything: the credential, checked against the node's
 * platforms, and its input variables, each read and checked. Errors name the parameter (or the
 * credential field) and the item. Used by call.ts's prepare.
 */
import type { DateTime } from 'luxon';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRootOf } from './credentialRules';
import type { InputContext } from './inputs';
import type { InputVariables } from './model';
import {
	credentialFieldProblem,
	insecureUrlReason,
	PLATFORM_LABELS,
	type CommsBillingCredentials,
	type Platform,
} from './platforms';
import { CREDENTIAL_TYPE } from './request';

/** What reading needs of n8n: a node's execute context, or a trigger's poll context. */
export interface ReadingContext {
	getNode(): INode;
	getTimezone(): string;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

export function parameterError(
	fx: ReadingContext,
	itemIndex: number,
	parameter: string,
	reason: string,
) {
	return new NodeOperationError(
		fx.getNode(),
		`Invalid parameter "${parameter}" in item ${itemIndex}: ${reason}`,
		{ itemIndex, description: `Check the value of "${parameter}" for item ${itemIndex}.` },
	);
}

function credentialError(fx: ReadingContext, itemIndex: number, field: string, reason: string) {
	return new NodeOperationError(
		fx.getNode(),
		`Credential field "${field}" does not fit this node (item ${itemIndex}): ${reason}`,
		{ itemIndex, description: 'Choose or fix the Comms Billing API credential of this node.' },
	);
}

export async function readCredentials(
	fx: ReadingContext,
	platforms: readonly Platform[],
	itemIndex: number,
): Promise<{ credentials: CommsBillingCredentials; apiRoot: string }> {
	const credentials = (await fx.getCredentials(
		CREDENTIAL_TYPE,
		itemIndex,
	)) as unknown as CommsBillingCredentials;
	if (!platforms.includes(credentials.platform)) {
		const expected = platforms.map((platform) => PLATFORM_LABELS[platform]).join(' or ');
		const actual = PLATFORM_LABELS[credentials.platform] ?? String(credentials.platform);
		throw credentialError(
			fx,
			itemIndex,
			'platform',
			`it is ${actual}; this node needs ${expected}`,
		);
	}
	const problem = credentialFieldProblem(credentials);
	if (problem) throw credentialError(fx, itemIndex, problem.field, problem.reason);
	const apiRoot = apiRootOf(credentials);
	if (!apiRoot) throw credentialError(fx, itemIndex, 'baseUrl', 'no base URL is set');
	const insecure = insecureUrlReason(apiRoot);
	if (insecure) throw credentialError(fx, itemIndex, 'baseUrl', insecure);
	return { credentials, apiRoot };
}

/**
 * Every input variable's value for one item. `parameter` gives a parameter's value, expressions
 * resolved, and null when it is hidden for the chosen options (so it does not apply); `now` the
 * run's instant.
 */
export function readInputs(
	fx: ReadingContext,
	inputs: InputVariables,
	itemIndex: number,
	credentials: CommsBillingCredentials,
	parameter: (name: string) => unknown,
	now: () => DateTime,
) {
	const context: InputContext = {
		credentials,
		get: parameter,
		invalid: (name, reason) => {
			throw parameterError(fx, itemIndex, name, reason);
		},
		workflowTimezone: fx.getTimezone(),
		now,
	};
	const values: Record<string, unknown> = {};
	for (const [name, input] of Object.entries(inputs)) values[name] = input.read(context);
	return values;
}
