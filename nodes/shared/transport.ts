/**
 * One request to a platform, through n8n's request helpers, with the retry rules of SPEC 3.3,
 * one deadline per attempt, and redirects followed only where the request's secrets may go.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { DeadlineExceeded, withDeadline } from './deadline';
import { isIntegrationLoginError, isLoggingIn, watchLogin } from './integrationUser';
import { FailureOutcome } from './outcome';
import { attemptTimeout, isNetworkErrorCode, nextStep, type RequestKind } from './retryPolicy';

export const CREDENTIAL_TYPE = 'commsBillingApi';

// Redirects one exchange may follow within its origin, as a loop guard.
const MAX_REDIRECTS = 5;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export interface PlatformRequest {
	method: IHttpRequestMethods;
	url: string;
	kind: RequestKind;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	/**
	 * False for calls that must carry only what they are given: IMIASSIST's own login (which
	 * still carries secrets of its own), and a report file on another host (which carries none).
	 */
	withCredential?: boolean;
	/** For a create: what to check before sending it again, named in the Failure message. */
	mayExistHint?: string;
	/** `text` for files such as CSV reports; JSON otherwise. */
	responseType?: 'text';
	/** What to tell the user when the platform refuses with this status, e.g. a role needed. */
	refusalHints?: Partial<Record<number, string>>;
}

export interface RequestOptions {
	platformLabel: string;
	/** The credential's origin: a request carrying secrets is never redirected off it. */
	credentialOrigin: string;
	/**
	 * Let a 401 reach n8n, which then runs the credential's preAuthentication again (a new
	 * IMIASSIST token for the integration user) and repeats the request once.
	 */
	renewCredentialOn401: boolean;
}

export interface PlatformResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

type AttemptOutcome =
	| { response: PlatformResponse }
	| { networkError: string }
	| { redirectedOffOrigin: string; response: PlatformResponse }
	| { loginFailed: { statusCode: number; body: unknown; networkError?: string; detail: string } }
	| { unexpectedError: string };

/** The message a platform put in its error body, in any of the shapes the four platforms use. */
export function errorDetail(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
	if (body === null || typeof body !== 'object') return undefined;
	const { error, message, responseStatus } = body as IDataObject;
	if (typeof error === 'string') return error;
	if (error && typeof error === 'object' && typeof (error as IDataObject).message === 'string') {
		return (error as IDataObject).message as string;
	}
	if (responseStatus && typeof (responseStatus as IDataObject).message === 'string') {
		return (responseStatus as IDataObject).message as string;
	}
	return typeof message === 'string' ? message : undefined;
}

function networkErrorCode(error: IDataObject): string {
	const cause = (error.cause ?? {}) as IDataObject;
	const code = cause.code ?? error.code;
	return typeof code === 'string' ? code : 'UNKNOWN';
}

/** Only a file on another host, fetched without the credential, carries nothing secret. */
const carriesSecrets = (request: PlatformRequest) =>
	!(request.withCredential === false && request.kind === 'read');

/** The response that n8n's helpers put in an error for a status they did not ignore. */
function answeredResponse(error: IDataObject): PlatformResponse | undefined {
	const answered = ((error.cause as IDataObject | undefined)?.response ?? error.response) as
		| IDataObject
		| undefined;
	return answered?.status === undefined
		? undefined
		: {
				statusCode: answered.status as number,
				body: answered.data,
				headers: (answered.headers as IDataObject) ?? {},
			};
}

/** One HTTP exchange, redirects not followed; the caller's signal ends it. */
async function exchange(
	fx: IExecuteFunctions,
	request: PlatformRequest,
	signal: AbortSignal,
	{ renewCredentialOn401 }: RequestOptions,
	onCredentialsRead: (credentials: object) => void,
): Promise<{ response: PlatformResponse } | { error: IDataObject }> {
	const viaCredential = request.withCredential !== false;
	// n8n's helpers drop an empty object body; a JSON API may still want `{}`.
	const emptyJson = request.body !== undefined && Object.keys(request.body).length === 0;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		body: emptyJson ? '{}' : request.body,
		headers: emptyJson
			? { ...request.headers, 'Content-Type': 'application/json' }
			: request.headers,
		...(request.responseType === 'text' ? { encoding: 'text' } : { json: true }),
		returnFullResponse: true,
		disableFollowRedirect: true,
		ignoreHttpStatusErrors:
			viaCredential && renewCredentialOn401 ? { ignore: true, except: [401] } : true,
		timeout: attemptTimeout(),
		abortSignal: signal,
	};
	try {
		const response = viaCredential
			? // n8n replaces the abortSignal of a request with the execution's cancel signal when
				// its `this` offers one; the attempt's deadline must hold, so the call gets a context
				// without it, and `signal` already combines both.
				await fx.helpers.httpRequestWithAuthentication.call(
					{
						helpers: fx.helpers,
						logger: fx.logger,
						getNode: () => fx.getNode(),
						getCredentials: async (type: string) => {
							const credentials = await fx.getCredentials(type);
							onCredentialsRead(credentials);
							return credentials;
						},
					} as unknown as IExecuteFunctions,
					CREDENTIAL_TYPE,
					options,
				)
			: await fx.helpers.httpRequest(options);
		return {
			response: {
				statusCode: response.statusCode,
				body: response.body,
				headers: response.headers ?? {},
			},
		};
	} catch (error) {
		const response = answeredResponse(error);
		return response ? { response } : { error };
	}
}

/** An attempt: one exchange and the redirects it may follow, all within one deadline. */
async function attempt(
	fx: IExecuteFunctions,
	request: PlatformRequest,
	options: RequestOptions,
): Promise<AttemptOutcome> {
	const cancelled = fx.getExecutionCancelSignal?.();
	let failed: IDataObject;
	// The credential object n8n reads for this attempt, which the integration user's login uses.
	let credentials: object | undefined;
	try {
		return await withDeadline(attemptTimeout(), async (deadline) => {
			const signal = cancelled ? AbortSignal.any([deadline, cancelled]) : deadline;
			let current = request;
			for (let redirects = 0; ; redirects++) {
				const exchanged = await exchange(fx, current, signal, options, (read) => {
					credentials = read;
					watchLogin(read, signal);
				});
				if ('error' in exchanged) return failedAttempt(exchanged.error);
				const { response } = exchanged;
				const location = response.headers.location;
				if (!REDIRECT_STATUS.has(response.statusCode) || typeof location !== 'string') {
					return { response };
				}
				const target = new URL(location, current.url);
				if (carriesSecrets(request) && target.origin !== options.credentialOrigin) {
					return { redirectedOffOrigin: target.origin, response };
				}
				if (redirects === MAX_REDIRECTS) return { response };
				// As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
				const asGet =
					response.statusCode === 303 ||
					(request.method === 'POST' && [301, 302].includes(response.statusCode));
				current = {
					...current,
					url: target.href,
					qs: undefined,
					...(asGet ? { method: 'GET', body: undefined } : {}),
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
	if (isIntegrationLoginError(error.cause)) return { loginFailed: error.cause };
	const code = networkErrorCode(error);
	return isNetworkErrorCode(code)
		? { networkError: code }
		: { unexpectedError: String(error.message ?? error) };
}

/**
 * Sends `request` until it is accepted (2xx) or the retry rules give up; a refusal, a network
 * failure or a create that may have reached the server throws a FailureOutcome.
 */
export async function sendRequest(
	fx: IExecuteFunctions,
	request: PlatformRequest,
	options: RequestOptions,
): Promise<PlatformResponse> {
	const { platformLabel } = options;
	const mayExist = (what: string, statusCode = 0, body: unknown = null) =>
		new FailureOutcome(
			`${platformLabel} did not confirm the request (${what}), so it may have been carried out: check ${request.mayExistHint ?? 'the platform'} before sending it again.`,
			statusCode,
			body,
		);
	for (let attemptNumber = 1; ; attemptNumber++) {
		const outcome = await attempt(fx, request, options);
		if ('unexpectedError' in outcome) {
			throw new FailureOutcome(
				`The request to ${platformLabel} failed: ${outcome.unexpectedError}`,
			);
		}
		if ('redirectedOffOrigin' in outcome) {
			throw new FailureOutcome(
				`${platformLabel} redirected the request to ${outcome.redirectedOffOrigin}, another origin than the credential's; it was not followed, so nothing was sent there.`,
				outcome.response.statusCode,
				outcome.response.body,
			);
		}
		if ('loginFailed' in outcome) {
			const { networkError, statusCode, body, detail } = outcome.loginFailed;
			// Only a login that cannot have reached the server is sent again (SPEC 3.3).
			const step = nextStep(
				{ kind: 'authentication', attempt: attemptNumber, statusCode, networkError },
				new Date(),
				Math.random,
			);
			if (step.action === 'retry') {
				await sleep(step.waitMs);
				continue;
			}
			throw new FailureOutcome(
				`The credential's integration user could not log in to ${platformLabel} (${detail}), so the request itself was not carried out.`,
				statusCode,
				body,
			);
		}
		const response = 'response' in outcome ? outcome.response : undefined;
		const networkError = 'networkError' in outcome ? outcome.networkError : undefined;
		const retryAfter = response?.headers['retry-after'];
		const step = nextStep(
			{
				kind: request.kind,
				attempt: attemptNumber,
				statusCode: response?.statusCode,
				networkError,
				retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
			},
			new Date(),
			Math.random,
		);
		if (step.action === 'accept') {
			const accepted = response as PlatformResponse;
			// A create's answer is its only receipt: one that cannot be read leaves it unconfirmed.
			const { body } = accepted;
			if (request.kind === 'create' && (body === null || typeof body !== 'object')) {
				throw mayExist(
					`HTTP ${accepted.statusCode} with a body that is not JSON`,
					accepted.statusCode,
					body ?? null,
				);
			}
			return accepted;
		}
		if (step.action === 'retry') {
			await sleep(step.waitMs);
			continue;
		}

		const statusCode = response?.statusCode ?? 0;
		const body = response?.body ?? null;
		const what = response ? `HTTP ${statusCode}` : networkError!;
		const detail = response ? errorDetail(body) : undefined;
		const hint = request.refusalHints?.[statusCode];
		switch (step.reason) {
			case 'mayExist':
				throw mayExist(what, statusCode, body);
			case 'retryAfterTooLong':
				throw new FailureOutcome(
					`${platformLabel} asked to wait until ${step.retryAt?.toISOString()} (Retry-After over 60 s): run the workflow again after that.`,
					statusCode,
					body,
				);
			case 'network':
				throw new FailureOutcome(
					`Could not reach ${platformLabel} (${networkError}) after ${attemptNumber} attempts.`,
				);
			default:
				throw new FailureOutcome(
					`${platformLabel} refused the request with ${what}${detail ? `: ${detail}` : ''}${attemptNumber > 1 ? ` (after ${attemptNumber} attempts)` : ''}.${hint ? ` ${hint}` : ''}`,
					statusCode,
					body,
				);
		}
	}
}
