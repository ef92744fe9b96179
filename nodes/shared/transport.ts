/**
 * Requests to a platform with the retry rules of retryPolicy.ts, worded for the user: each
 * attempt is attempt.ts's, each Failure one sentence that says what was and was not sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { attempt } from './attempt';
import { FailureOutcome } from './outcome';
import { logsInItself, PLATFORM_LABELS, type CommsBillingCredentials } from './platforms';
import type { PlatformRequest, PlatformResponse, RequestContext, RequestOptions } from './request';
import { nextStep } from './retryPolicy';

export const MEGABYTE = 1024 * 1024;
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

/**
 * The options of every request one call sends with `credentials`. They hold a copy of the
 * credential, so that a login's new token stays with the call's later requests.
 */
export function requestOptionsFor(
	credentials: CommsBillingCredentials,
	baseUrl: string,
): RequestOptions {
	return {
		platformLabel: PLATFORM_LABELS[credentials.platform],
		credentials: { ...credentials } as unknown as RequestOptions['credentials'],
		credentialOrigin: new URL(baseUrl).origin,
		renewCredentialOn401: logsInItself(credentials),
	};
}

/**
 * Sends `request` until it is accepted (2xx) or the retry rules give up; a refusal, a network
 * failure or a create that may have reached the server throws a FailureOutcome.
 */
export async function sendRequest(
	fx: RequestContext,
	request: PlatformRequest,
	options: RequestOptions,
): Promise<PlatformResponse> {
	const { platformLabel } = options;
	const mayExist = (what: string, statusCode = 0, body: unknown = null) =>
		new FailureOutcome(
			`${platformLabel} did not confirm the request (${what}), so it may have been carried out: check ${platformLabel}${request.mayExistHint ? ` ${request.mayExistHint}` : ''} before sending it again.`,
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
		if ('tooLarge' in outcome) {
			const megabytes = outcome.tooLarge.maxBytes / MEGABYTE;
			throw new FailureOutcome(
				`${platformLabel} sent more than ${megabytes} MB, the limit, so reading stopped there; nothing is returned.`,
				outcome.tooLarge.statusCode,
			);
		}
		if ('egressRefused' in outcome) {
			throw new FailureOutcome(
				`n8n's outbound network policy refuses ${outcome.egressRefused.origin} (${outcome.egressRefused.reason}), so nothing was sent there.`,
			);
		}
		if ('redirectedOffOrigin' in outcome) {
			const allowed = request.handedBackWithin ? 'the origins allowed' : "the credential's";
			throw new FailureOutcome(
				`${platformLabel} redirected the request to ${outcome.redirectedOffOrigin}, another origin than ${allowed}; it was not followed, so nothing was sent there.`,
				outcome.response.statusCode,
				outcome.response.body,
			);
		}
		if ('loginFailed' in outcome) {
			const { networkError, statusCode, body, detail, retryAfter } = outcome.loginFailed;
			// Only a login that cannot have been carried out is sent again (a refused connection, a
			// 429 after its Retry-After): a login is a create.
			const step = nextStep(
				{ kind: 'authentication', attempt: attemptNumber, statusCode, networkError, retryAfter },
				new Date(),
				Math.random,
			);
			if (step.action === 'retry') {
				await sleep(step.waitMs);
				continue;
			}
			throw new FailureOutcome(
				`The credential could not log in to ${platformLabel} (${detail}), so the request itself was not carried out.`,
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
