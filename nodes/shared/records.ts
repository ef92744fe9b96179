/**
 * The Success record of a single-call method: the output variables read from the response body,
 * named as the vendor's page names them, plus `response_body` and `response_status_code`.
 */
import type { IDataObject } from 'n8n-workflow';

import { PlatformFailure } from './outcome';
import type { PlatformResponse } from './request';

/** The response body as a JSON object; any other body is a Failure. */
export function documentedObject(response: PlatformResponse): IDataObject {
	const { body } = response;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new PlatformFailure(
			'answered with a body that is not the documented JSON object.',
			response.statusCode,
			body,
		);
	}
	return body as IDataObject;
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
		throw new PlatformFailure(
			`answered HTTP ${response.statusCode} without ${missing.join(', ')}.`,
			response.statusCode,
			values,
		);
	}
	const record: IDataObject = {};
	for (const field of [...fields.required, ...(fields.optional ?? [])])
		record[field] = values[field] ?? null;
	return { ...record, response_body: values, response_status_code: response.statusCode };
}
