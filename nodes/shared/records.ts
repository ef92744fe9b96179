/**
 * Reading the platforms' answers: a JSON object, the message of an error body, and the Success
 * record of a single-call method (the output variables read from the response body, named as the
 * vendor's page names them, plus `response_body` and `response_status_code`).
 */
import type { IDataObject } from 'n8n-workflow';

import { Failure } from './outcome';
import type { PlatformResponse } from './request';

export const isJsonObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** The message a platform put in its error body, in any of the shapes the four platforms use. */
export function errorDetail(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
	if (!isJsonObject(body)) return undefined;
	const { error, message, responseStatus } = body;
	if (typeof error === 'string') return error;
	if (isJsonObject(error) && typeof error.message === 'string') return error.message;
	if (isJsonObject(responseStatus) && typeof responseStatus.message === 'string')
		return responseStatus.message;
	return typeof message === 'string' ? message : undefined;
}

/** The response body as a JSON object; any other body is a Failure. */
export function documentedObject(response: PlatformResponse): IDataObject {
	const { body } = response;
	if (!isJsonObject(body)) {
		throw new Failure('answered with a body that is not the documented JSON object.', response);
	}
	return body;
}

export function responseRecord(
	response: PlatformResponse,
	fields: { required: readonly string[]; optional?: readonly string[] },
): IDataObject {
	const values = documentedObject(response);
	const missing = fields.required.filter(
		(field) => values[field] === undefined || values[field] === null,
	);
	if (missing.length) {
		throw new Failure(`answered HTTP ${response.statusCode} without ${missing.join(', ')}.`, {
			statusCode: response.statusCode,
			body: values,
		});
	}
	const record: IDataObject = {};
	for (const field of [...fields.required, ...(fields.optional ?? [])])
		record[field] = values[field] ?? null;
	return { ...record, response_body: values, response_status_code: response.statusCode };
}
