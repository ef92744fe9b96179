/**
 * The Failure outcome of a method (SPEC 3.2): the API answered but refused, the network failed
 * after retries, or the API misbehaved. The runtime turns it into one Failure item.
 */
import type { IDataObject } from 'n8n-workflow';

export class FailureOutcome extends Error {
	constructor(
		message: string,
		readonly statusCode = 0,
		readonly body: unknown = null,
		/** Output variables that still mean something on Failure, e.g. a transaction's status. */
		readonly outputs: IDataObject = {},
	) {
		super(message);
		this.name = 'FailureOutcome';
	}
}
