/**
 * The Failure outcome, how a refusal is worded, and the errors it becomes when it is thrown.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { PLATFORM_LABELS, type Platform } from './platforms';
import type { Redactor } from './redaction';

/**
 * What the platform answered with a Failure (a PlatformResponse is one), and output variables
 * that still mean something then.
 */
export interface FailureAnswer {
	statusCode?: number;
	body?: unknown;
	/** E.g. a transaction's status and output_log. */
	outputs?: IDataObject;
}

/**
 * What happened, without its subject: the platform is named when the Failure is worded, so that
 * no part of the pack needs to know which platform it talks to in order to say so. Mostly a
 * predicate whose subject is the platform ("refused the request with HTTP 500."); a sentence that
 * reads better another way is worded around the platform's name.
 */
export type Wording = string | ((platformLabel: string) => string);

/**
 * The Failure outcome of a method: the API answered but refused, the network failed after
 * retries, or the API misbehaved. The runtime turns it into one Failure item (README, "Success
 * and Failure").
 */
export class Failure extends Error {
	readonly statusCode: number;

	readonly body: unknown;

	readonly outputs: IDataObject;

	constructor(
		private readonly wording: Wording,
		answer: FailureAnswer = {},
	) {
		super(typeof wording === 'string' ? `The platform ${wording}` : wording('the platform'));
		this.name = 'Failure';
		this.statusCode = answer.statusCode ?? 0;
		this.body = answer.body ?? null;
		this.outputs = answer.outputs ?? {};
	}

	/** The one sentence the user reads, with the platform's name. */
	sentence(platformLabel: string): string {
		return typeof this.wording === 'string'
			? `${platformLabel} ${this.wording}`
			: this.wording(platformLabel);
	}

	/** The same Failure with another answer, e.g. a download's with the transaction's outputs. */
	with(answer: FailureAnswer): Failure {
		return new Failure(this.wording, answer);
	}
}

/**
 * What the user reads of the error that ended a call to `platform`, secrets redacted: a Failure's
 * sentence with the platform's name, any other error's message. A node's Failure item, a poll's
 * error and an editor list's error are all worded here.
 */
export function refusalMessage(error: unknown, platform: Platform, redact: Redactor): string {
	const message =
		error instanceof Failure
			? error.sentence(PLATFORM_LABELS[platform])
			: String((error as Error).message ?? error);
	return redact.text(message);
}

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
