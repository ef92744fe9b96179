/**
 * One attempt at a request: one HTTP exchange through n8n's request helpers (exchange.ts) and the
 * redirects it may follow, all within one deadline. Redirects are followed here, never by n8n's HTTP client, so that a
 * request carrying secrets stays on the credential's origin.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	isCredentialLoginError,
	isLoggingIn,
	watchLogin,
	type CredentialLoginFailure,
} from './credentialLogin';
import { DeadlineExceeded, withDeadline } from './deadline';
import { exchange } from './exchange';
import { isNetworkErrorCode } from './retryPolicy';
import type {
	Destination,
	PlatformRequest,
	PlatformResponse,
	RequestContext,
	RequestOptions,
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
