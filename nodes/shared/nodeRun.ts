/**
 * What the steps of one run of a node share (runtime.ts): n8n's outputs as they fill, the secrets
 * the run has met, and how n8n's On Error and AI-tool mode have it end.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createRedactor, type Redactor } from './redaction';
import type { PlatformResponse } from './request';

export const SUCCESS = 0;
export const FAILURE = 1;

/**
 * The secrets a run has met (each item's credential and secret inputs), redacted by one redactor
 * that is built again only when a secret was added since.
 */
export class RunSecrets {
	private readonly secrets = new Set<string>();

	private built: { size: number; redact: Redactor } | undefined;

	add(secrets: readonly string[]): void {
		secrets.forEach((secret) => this.secrets.add(secret));
	}

	redaction(): Redactor {
		if (this.built?.size !== this.secrets.size)
			this.built = { size: this.secrets.size, redact: createRedactor([...this.secrets]) };
		return this.built.redact;
	}

	/**
	 * One look at an answer for secrets: its text as sent, where it has one. JSON's \u escapes can
	 * spell a secret that the text does not show, so such a text is looked at as parsed too.
	 */
	answerMayHold(response: PlatformResponse): boolean {
		const redact = this.redaction();
		if (response.text === undefined) return redact.mayHold(response.body);
		return (
			redact.mayHold(response.text) ||
			(response.text.includes('\\u') && redact.mayHold(response.body))
		);
	}
}

export interface NodeRun {
	fx: IExecuteFunctions;
	/** n8n's outputs of the node as the steps fill them: SUCCESS, then FAILURE. */
	outputs: INodeExecutionData[][];
	secrets: RunSecrets;
	/** As an AI agent's tool (n8n names the node `<type>Tool`). */
	asTool: boolean;
	/**
	 * n8n's On Error: Stop Workflow (its default) makes a refusal fail the execution; under either
	 * Continue a refusal is a Failure item, never thrown (n8n would put the node's input items on
	 * Success). An AI agent's tool keeps its own way (nodeOutputs.ts, toolModeRefusal).
	 */
	stopsOnRefusal: boolean;
}

export function startRun(fx: IExecuteFunctions): NodeRun {
	const asTool = fx.getNode().type.endsWith('Tool');
	return {
		fx,
		outputs: [[], []],
		secrets: new RunSecrets(),
		asTool,
		stopsOnRefusal: !fx.continueOnFail() && !asTool,
	};
}
