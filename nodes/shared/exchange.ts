/**
 * One HTTP exchange through n8n's request helpers, redirects not followed (attempt.ts follows
 * them), and its body read: as text kept beside its JSON, or streamed up to a size.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import {
	CREDENTIAL_TYPE,
	type Destination,
	type PlatformRequest,
	type PlatformResponse,
	type RequestContext,
	type RequestOptions,
} from './request';

/**
 * The body as text (kept, so that it can be looked at for secrets in one pass) and, unless text
 * was asked for, parsed as JSON; a body that is not JSON stays text, as n8n's HTTP client's own parsing does.
 */
function readBody(
	data: unknown,
	request: PlatformRequest,
): Pick<PlatformResponse, 'body' | 'text'> {
	if (typeof data !== 'string') return { body: data };
	if (request.responseType === 'text' || data === '') return { body: data, text: data };
	try {
		return { body: JSON.parse(data), text: data };
	} catch {
		return { body: data, text: data };
	}
}

/** The response that n8n's helpers put in an error for a status they did not ignore. */
function answeredResponse(
	error: IDataObject,
	request: PlatformRequest,
): PlatformResponse | undefined {
	const answered = ((error.cause as IDataObject | undefined)?.response ?? error.response) as
		| IDataObject
		| undefined;
	return answered?.status === undefined
		? undefined
		: {
				statusCode: answered.status as number,
				...readBody(answered.data, request),
				headers: (answered.headers as IDataObject) ?? {},
			};
}

/**
 * A body read as a stream, its bytes counted as they arrive (decompressed already by n8n's
 * helpers): its text, or undefined once it passes `maxBytes`, the rest left unread.
 */
async function readAtMost(body: unknown, maxBytes: number): Promise<string | undefined> {
	const stream = body as AsyncIterable<Uint8Array> & { destroy(): void };
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.length;
		if (size > maxBytes) {
			stream.destroy();
			return undefined;
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** One HTTP exchange with `url`, redirects not followed; the caller's signal ends it. */
export async function exchange(
	fx: RequestContext,
	request: PlatformRequest,
	{ url, withCredential }: Pick<Destination, 'url' | 'withCredential'>,
	signal: AbortSignal,
	{ renewCredentialOn401, credentials, timings }: RequestOptions,
): Promise<
	| { response: PlatformResponse }
	| { error: IDataObject }
	| { tooLarge: { maxBytes: number; statusCode: number } }
> {
	// n8n's helpers drop an empty object body; a JSON API may still want `{}`.
	const emptyJson = request.body !== undefined && Object.keys(request.body).length === 0;
	const form =
		request.form === undefined
			? undefined
			: new URLSearchParams(
					request.form.map(([name, value]): [string, string] => [name, value]),
				).toString();
	const options: IHttpRequestOptions = {
		method: request.httpMethod,
		url,
		qs: request.qs,
		body: form ?? (emptyJson ? '{}' : request.body),
		headers:
			form !== undefined
				? { ...request.headers, 'Content-Type': 'application/x-www-form-urlencoded' }
				: emptyJson
					? { ...request.headers, 'Content-Type': 'application/json' }
					: request.headers,
		// Text, parsed here: the text is kept for the look for secrets (readBody). A file is
		// streamed, so that its size is known before it is all in memory.
		encoding: request.maxBytes === undefined ? 'text' : 'stream',
		returnFullResponse: true,
		disableFollowRedirect: true,
		ignoreHttpStatusErrors:
			withCredential && renewCredentialOn401 ? { ignore: true, except: [401] } : true,
		timeout: timings.attemptTimeoutMs,
		abortSignal: signal,
	};
	try {
		const response = withCredential
			? // n8n replaces the abortSignal of a request with the execution's cancel signal when
				// its `this` offers one; the attempt's deadline must hold, so the call gets a context
				// without it, and `signal` already combines both.
				await fx.helpers.httpRequestWithAuthentication.call(
					{
						helpers: fx.helpers,
						logger: fx.logger,
						getNode: () => fx.getNode(),
					} as unknown as IExecuteFunctions,
					CREDENTIAL_TYPE,
					options,
					{
						credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: credentials },
					},
				)
			: await fx.helpers.httpRequest(options);
		let { body } = response;
		if (request.maxBytes !== undefined) {
			body = await readAtMost(body, request.maxBytes);
			if (body === undefined) {
				return { tooLarge: { maxBytes: request.maxBytes, statusCode: response.statusCode } };
			}
		}
		return {
			response: {
				statusCode: response.statusCode,
				...readBody(body, request),
				headers: response.headers ?? {},
			},
		};
	} catch (error) {
		const response = answeredResponse(error, request);
		return response ? { response } : { error };
	}
}
