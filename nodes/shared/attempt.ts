/**
 * One attempt at a request: one HTTP exchange through n8n's request helpers and the redirects it
 * may follow, all within one deadline. Redirects are followed here, never by axios, so that a
 * request carrying secrets stays on the credential's origin.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import {
	isCredentialLoginError,
	isLoggingIn,
	watchLogin,
	type CredentialLoginFailure,
} from './credentialLogin';
import { DeadlineExceeded, withDeadline } from './deadline';
import { isNetworkErrorCode } from './retryPolicy';
import {
	CREDENTIAL_TYPE,
	type Destination,
	type PlatformRequest,
	type PlatformResponse,
	type RequestContext,
	type RequestOptions,
} from './request';

// Redirects one attempt may follow within its origin, as a loop guard.
const MAX_REDIRECTS = 5;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export type AttemptOutcome =
	| { response: PlatformResponse }
	| { networkError: string }
	| { redirectedOffOrigin: string; response: PlatformResponse }
	| { egressRefused: { origin: string; reason: string } }
	| { tooLarge: { maxBytes: number; statusCode: number } }
	| { loginFailed: CredentialLoginFailure }
	| { unexpectedError: string };

function networkErrorCode(error: IDataObject): string {
	const cause = (error.cause ?? {}) as IDataObject;
	const code = cause.code ?? error.code;
	return typeof code === 'string' ? code : 'UNKNOWN';
}

/** Why n8n's outbound network policy (SSRF protection) refuses `url`, if it does. */
async function egressRefusal(fx: RequestContext, url: string): Promise<string | undefined> {
	const checked = await fx.helpers.getSecureEgressFilter('safe').validateUrl(url);
	return checked.ok ? undefined : checked.error.message;
}

/**
 * The body as text (kept, so that it can be looked at for secrets in one pass) and, unless text
 * was asked for, parsed as JSON; a body that is not JSON stays text, as axios's own parsing does.
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
async function exchange(
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
	const options: IHttpRequestOptions = {
		method: request.httpMethod,
		url,
		qs: request.qs,
		body: emptyJson ? '{}' : request.body,
		headers: emptyJson
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

/** An attempt: one exchange and the redirects it may follow, all within one deadline. */
export async function attempt(
	fx: RequestContext,
	request: PlatformRequest,
	to: Destination,
	options: RequestOptions,
): Promise<AttemptOutcome> {
	const cancelled = fx.getExecutionCancelSignal?.();
	let failed: IDataObject;
	// The credential object n8n hands to the integration user's login.
	const { credentials } = options;
	try {
		const { attemptTimeoutMs } = options.timings;
		return await withDeadline(attemptTimeoutMs, async (deadline) => {
			const signal = cancelled ? AbortSignal.any([deadline, cancelled]) : deadline;
			let current = request;
			let currentUrl = to.url;
			for (let redirects = 0; ; redirects++) {
				if (to.handedBack) {
					const reason = await egressRefusal(fx, currentUrl);
					if (reason) return { egressRefused: { origin: new URL(currentUrl).origin, reason } };
				}
				if (to.withCredential) watchLogin(credentials, { signal, timeoutMs: attemptTimeoutMs });
				const exchanged = await exchange(
					fx,
					current,
					{ url: currentUrl, withCredential: to.withCredential },
					signal,
					options,
				);
				if ('error' in exchanged) return failedAttempt(exchanged.error);
				if ('tooLarge' in exchanged) return exchanged;
				const { response } = exchanged;
				const location = response.headers.location;
				if (!REDIRECT_STATUS.has(response.statusCode) || typeof location !== 'string') {
					return { response };
				}
				const target = new URL(location, currentUrl);
				if (!to.origins.includes(target.origin)) {
					return { redirectedOffOrigin: target.origin, response };
				}
				if (redirects === MAX_REDIRECTS) return { response };
				// As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
				const asGet =
					response.statusCode === 303 ||
					(request.httpMethod === 'POST' && [301, 302].includes(response.statusCode));
				currentUrl = target.href;
				current = {
					...current,
					qs: undefined,
					...(asGet ? { httpMethod: 'GET' as const, body: undefined } : {}),
				};
			}
		});
	} catch (error) {
		failed = error;
	}
	if (failed instanceof DeadlineExceeded && isLoggingIn(credentials)) {
		return {
			loginFailed: {
				statusCode: 0,
				body: null,
				networkError: 'ETIMEDOUT',
				detail: 'the login: ETIMEDOUT',
			},
		};
	}
	return failedAttempt(failed);
}

/** What an exchange that got no answer amounts to. */
function failedAttempt(error: IDataObject): AttemptOutcome {
	if (error instanceof DeadlineExceeded) return { networkError: 'ETIMEDOUT' };
	if (isCredentialLoginError(error.cause)) return { loginFailed: error.cause };
	const code = networkErrorCode(error);
	return isNetworkErrorCode(code)
		? { networkError: code }
		: { unexpectedError: String(error.message ?? error) };
}
