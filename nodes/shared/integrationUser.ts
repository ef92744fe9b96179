/**
 * IMIASSIST's integration user (SPEC 3.5): the credential logs in, then exchanges the access
 * token for the API key and token, as the Authentication node does. Run by n8n as the
 * credential's preAuthentication; a failure is an IntegrationLoginError, which the transport
 * tells apart from a failure of the request itself.
 */
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { IMIASSIST_PATHS } from '../Imiassist/routes';
import { DeadlineExceeded, withDeadline } from './deadline';
import { attemptTimeout } from './retryPolicy';

export interface IntegrationLoginFailure {
	statusCode: number;
	body: unknown;
	/** The network error code when there was no answer. */
	networkError?: string;
	/** What went wrong, for the Failure message. */
	detail: string;
}

const LOGIN_ERROR = 'IntegrationLoginError';

export class IntegrationLoginError extends Error implements IntegrationLoginFailure {
	readonly statusCode: number;

	readonly body: unknown;

	readonly networkError?: string;

	readonly detail: string;

	constructor(failure: IntegrationLoginFailure) {
		super(`The integration user's login failed: ${failure.detail}`);
		this.name = LOGIN_ERROR;
		this.statusCode = failure.statusCode;
		this.body = failure.body;
		this.networkError = failure.networkError;
		this.detail = failure.detail;
	}
}

/**
 * The attempt a credential object was read for. n8n hands the very object the transport read
 * to preAuthentication, so the login can keep to the attempt's deadline, and the transport can
 * tell, when that deadline passes, that it passed during the login.
 */
interface LoginWatch {
	signal: AbortSignal;
	loggingIn: boolean;
}
const loginWatches = new WeakMap<object, LoginWatch>();

export function watchLogin(credentials: object, signal: AbortSignal): void {
	loginWatches.set(credentials, { signal, loggingIn: false });
}

export const isLoggingIn = (credentials: object | undefined) =>
	!!credentials && !!loginWatches.get(credentials)?.loggingIn;

/** By name: n8n hands the error back wrapped, as the `cause` of its own error. */
export const isIntegrationLoginError = (error: unknown): error is IntegrationLoginError =>
	error instanceof Error && error.name === LOGIN_ERROR;

/** One login request: answered 2xx with the named string fields, or an IntegrationLoginError. */
async function loginStep(
	http: IHttpRequestHelper,
	options: IHttpRequestOptions,
	step: string,
	fields: readonly string[],
	attempt: AbortSignal | undefined,
): Promise<Record<string, string>> {
	let response: { statusCode: number; body: unknown } | undefined;
	let failed: unknown;
	try {
		response = await withDeadline(
			attemptTimeout(),
			async (signal) =>
				await http.helpers.httpRequest({
					...options,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// Its body holds the password or the access token: no redirect takes it elsewhere.
					disableFollowRedirect: true,
					timeout: attemptTimeout(),
					abortSignal: attempt ? AbortSignal.any([signal, attempt]) : signal,
				}),
		);
	} catch (error) {
		failed = error;
	}
	if (!response) {
		const { code, cause } = failed as { code?: string; cause?: { code?: string } };
		const networkError =
			failed instanceof DeadlineExceeded ? 'ETIMEDOUT' : (cause?.code ?? code ?? 'UNKNOWN');
		throw new IntegrationLoginError({
			statusCode: 0,
			body: null,
			networkError,
			detail: `${step}: ${networkError}`,
		});
	}
	const { statusCode, body } = response;
	if (statusCode < 200 || statusCode >= 300) {
		throw new IntegrationLoginError({
			statusCode,
			body,
			detail: `${step} answered HTTP ${statusCode}`,
		});
	}
	const values = (body ?? {}) as IDataObject;
	const missing = fields.filter(
		(field) => typeof values[field] !== 'string' || values[field] === '',
	);
	if (missing.length) {
		throw new IntegrationLoginError({
			statusCode,
			body,
			detail: `${step} answered HTTP ${statusCode} without ${missing.join(', ')}`,
		});
	}
	return Object.fromEntries(fields.map((field) => [field, values[field] as string]));
}

/**
 * Logs in as the integration user and returns the API key and token it obtains, within the
 * deadline of the attempt that read `credentials` (and each step within one of its own).
 */
export async function obtainIntegrationKeys(
	http: IHttpRequestHelper,
	baseUrl: string,
	credentials: { userEmail?: string; userPassword?: string },
): Promise<{ apiKey: string; token: string }> {
	const watch = loginWatches.get(credentials);
	if (watch) watch.loggingIn = true;
	try {
		return await logIn(
			http,
			baseUrl,
			credentials.userEmail!,
			credentials.userPassword!,
			watch?.signal,
		);
	} finally {
		if (watch) watch.loggingIn = false;
	}
}

async function logIn(
	http: IHttpRequestHelper,
	baseUrl: string,
	email: string,
	password: string,
	attempt: AbortSignal | undefined,
) {
	const { access } = await loginStep(
		http,
		{ method: 'POST', url: `${baseUrl}${IMIASSIST_PATHS.login}`, body: { email, password } },
		'the login',
		['access'],
		attempt,
	);
	const keys = await loginStep(
		http,
		{
			method: 'POST',
			url: `${baseUrl}${IMIASSIST_PATHS.apiCredentials}`,
			headers: { Authorization: `Bearer ${access}` },
		},
		'Get New Token',
		['api_key', 'token'],
		attempt,
	);
	return { apiKey: keys.api_key, token: keys.token };
}
