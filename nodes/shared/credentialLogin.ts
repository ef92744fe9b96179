/**
 * A credential that logs in by itself (n8n runs its preAuthentication before a request, and
 * again after a 401): how its login keeps to the attempt's deadline, and how its failure is told
 * apart from a failure of the request it was for. Only the login was sent then, and a login is
 * sent again only when the connection was refused.
 */
import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { DeadlineExceeded, withDeadline } from './deadline';
import { PRODUCT_TIMINGS } from './runTimings';
import type { PathRequest, PlatformResponse } from './request';

export interface CredentialLoginFailure {
	statusCode: number;
	body: unknown;
	/** The network error code when there was no answer. */
	networkError?: string;
	/** What went wrong, for the Failure message, e.g. "the login answered HTTP 503". */
	detail: string;
	/** The answer's Retry-After, when it had one. */
	retryAfter?: string;
}

const LOGIN_ERROR = 'CredentialLoginError';

export class CredentialLoginError extends Error implements CredentialLoginFailure {
	readonly statusCode: number;

	readonly body: unknown;

	readonly networkError?: string;

	readonly detail: string;

	readonly retryAfter?: string;

	constructor(failure: CredentialLoginFailure) {
		super(`The credential's login failed: ${failure.detail}`);
		this.name = LOGIN_ERROR;
		this.statusCode = failure.statusCode;
		this.body = failure.body;
		this.networkError = failure.networkError;
		this.detail = failure.detail;
		this.retryAfter = failure.retryAfter;
	}
}

/** By name: n8n hands the error back wrapped, as the `cause` of its own error. */
export const isCredentialLoginError = (error: unknown): error is CredentialLoginError =>
	error instanceof Error && error.name === LOGIN_ERROR;

/** The attempt a login runs within: it ends with the attempt, and has the attempt's deadline. */
export interface LoginAttempt {
	signal: AbortSignal;
	timeoutMs: number;
}

/**
 * The attempt a credential object was read for. n8n calls preAuthentication itself, so the
 * attempt cannot be handed to it: it is found by the credential object, which n8n hands to
 * preAuthentication as the transport gave it (CONTRIBUTING.md, "Compatibility"; pinned by
 * test/engine/logins.test.js). So the login keeps to the attempt's deadline, and the transport
 * can tell, when that deadline passes, that it passed during the login.
 */
interface LoginWatch extends LoginAttempt {
	loggingIn: boolean;
}
const loginWatches = new WeakMap<object, LoginWatch>();

export function watchLogin(credentials: object, attempt: LoginAttempt): void {
	loginWatches.set(credentials, { ...attempt, loggingIn: false });
}

export const isLoggingIn = (credentials: object | undefined) =>
	!!credentials && !!loginWatches.get(credentials)?.loggingIn;

/** Runs a credential's login: within the deadline of the attempt that read `credentials`, if any. */
export async function duringLogin<T>(
	credentials: object,
	login: (attempt: LoginAttempt | undefined) => Promise<T>,
): Promise<T> {
	const watch = loginWatches.get(credentials);
	if (watch) watch.loggingIn = true;
	try {
		return await login(watch && { signal: watch.signal, timeoutMs: watch.timeoutMs });
	} finally {
		if (watch) watch.loggingIn = false;
	}
}

/**
 * One request of a credential's login to the API at `apiRoot` (n8n runs a login with the
 * credential alone, so the root is derived from it there), carrying only what `request` holds:
 * its 2xx answer, or a CredentialLoginError. `step` names it in messages ("the login").
 */
export async function sendLoginRequest(
	http: IHttpRequestHelper,
	apiRoot: string,
	request: PathRequest,
	step: string,
	attempt: LoginAttempt | undefined,
): Promise<PlatformResponse> {
	// A login n8n runs outside an attempt (the credential test) has the product's deadline.
	const timeoutMs = attempt?.timeoutMs ?? PRODUCT_TIMINGS.attemptTimeoutMs;
	let response: PlatformResponse | undefined;
	let failed: unknown;
	try {
		response = await withDeadline(
			timeoutMs,
			async (signal) =>
				await http.helpers.httpRequest({
					method: request.httpMethod,
					url: `${apiRoot}${request.path}`,
					body: request.body,
					headers: request.headers,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// Its body holds the password or the access token: no redirect takes it elsewhere.
					disableFollowRedirect: true,
					timeout: timeoutMs,
					abortSignal: attempt ? AbortSignal.any([signal, attempt.signal]) : signal,
				}),
		);
	} catch (error) {
		failed = error;
	}
	if (!response) {
		const { code, cause } = failed as { code?: string; cause?: { code?: string } };
		const networkError =
			failed instanceof DeadlineExceeded ? 'ETIMEDOUT' : (cause?.code ?? code ?? 'UNKNOWN');
		throw new CredentialLoginError({
			statusCode: 0,
			body: null,
			networkError,
			detail: `${step}: ${networkError}`,
		});
	}
	const { statusCode, body } = response;
	if (statusCode < 200 || statusCode >= 300) {
		const retryAfter = (response.headers as IDataObject | undefined)?.['retry-after'];
		throw new CredentialLoginError({
			statusCode,
			body,
			detail: `${step} answered HTTP ${statusCode}`,
			...(retryAfter === undefined ? {} : { retryAfter: String(retryAfter) }),
		});
	}
	return { statusCode, body, headers: response.headers ?? {} };
}

/** A login's answer must hold what the next step needs; else it is a CredentialLoginError. */
export function loginFailure(response: PlatformResponse, step: string, missing: string[]) {
	return new CredentialLoginError({
		statusCode: response.statusCode,
		body: response.body,
		detail: `${step} answered HTTP ${response.statusCode} without ${missing.join(', ')}`,
	});
}

/** One login request whose JSON answer must hold the named text fields. */
export async function loginStep(
	http: IHttpRequestHelper,
	apiRoot: string,
	request: PathRequest,
	step: string,
	fields: readonly string[],
	attempt: LoginAttempt | undefined,
): Promise<Record<string, string>> {
	const response = await sendLoginRequest(http, apiRoot, request, step, attempt);
	const values = (response.body ?? {}) as IDataObject;
	const missing = fields.filter(
		(field) => typeof values[field] !== 'string' || values[field] === '',
	);
	if (missing.length) throw loginFailure(response, step, missing);
	return Object.fromEntries(fields.map((field) => [field, values[field] as string]));
}
