/**
 * The Failure outcome of a method (SPEC 3.2): the API answered but refused, the network failed
 * after retries, or the API misbehaved. The runtime turns it into one Failure item.
 */
export class FailureOutcome extends Error {
	constructor(
		message: string,
		readonly statusCode = 0,
		readonly body: unknown = null,
	) {
		super(message);
		this.name = 'FailureOutcome';
	}
}
