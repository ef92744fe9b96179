/**
 * The Failure outcome of a method: the API answered but refused, the network failed after
 * retries, or the API misbehaved. The runtime turns it into one Failure item (README, "Outputs").
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export class FailureOutcome extends Error {
	constructor(
		message: string,
		readonly statusCode = 0,
		readonly body: unknown = null,
		/** Output variables that still mean something on Failure, e.g. a transaction's status. */
		readonly outputVariables: IDataObject = {},
	) {
		super(message);
		this.name = 'FailureOutcome';
	}
}

/**
 * A Failure told with the platform as its subject: the method says what happened ("answered
 * HTTP 200 without access."), the runtime puts the platform's name in front.
 */
export class PlatformFailure extends FailureOutcome {
	sentence(platformLabel: string): string {
		return `${platformLabel} ${this.message}`;
	}
}

/** A Failure's one sentence, with the platform in front where the method left it out. */
export const failureMessage = (failure: FailureOutcome, platformLabel: string): string =>
	failure instanceof PlatformFailure ? failure.sentence(platformLabel) : failure.message;

/**
 * A refusal thrown rather than put on Failure (an AI agent's tool, a trigger's poll): n8n shows
 * its message, and the platform's status as the HTTP code.
 */
export const refusalError = (node: INode, message: string, statusCode: unknown) =>
	new NodeApiError(
		node,
		{ message },
		{ message, ...(statusCode ? { httpCode: String(statusCode) } : {}) },
	);

/**
 * A refusal that stops the workflow (n8n's On Error: Stop Workflow): its message names the vendor,
 * the method and what the call was about; its description carries the answer's status and body,
 * redacted, and the ids of what earlier items created, so that none is lost or sent again.
 */
export function stoppingRefusal(
	node: INode,
	refusal: {
		sentence: string;
		method: string;
		about: string;
		statusCode: number;
		body: unknown;
		itemIndex: number;
		created: string[];
	},
) {
	const message = `${refusal.sentence} (${refusal.method}, ${refusal.about})`;
	const description = [
		`response_status_code: ${refusal.statusCode}`,
		`response_body: ${refusal.body === null || refusal.body === undefined ? 'null' : JSON.stringify(refusal.body)}`,
		...(refusal.created.length
			? [`Created before this refusal, not to be sent again: ${refusal.created.join(', ')}.`]
			: []),
	].join('\n');
	return new NodeApiError(
		node,
		{ message },
		{
			message,
			description,
			itemIndex: refusal.itemIndex,
			...(refusal.statusCode ? { httpCode: String(refusal.statusCode) } : {}),
		},
	);
}
