/**
 * Requests to a platform with the retry rules of retryPolicy.ts, worded for the user: each
 * attempt is attempt.ts's, each Failure one sentence that says what was and was not sent.
 */
import { sleep } from 'n8n-workflow';

import { attempt } from './attempt';
import { PARALLEL_REQUESTS, RequestLane } from './lanes';
import { Failure } from './outcome';
import { errorDetail } from './records';
import { logsInItself, type CommsBillingCredentials } from './platforms';
import type {
	Destination,
	PlatformRequest,
	PlatformResponse,
	RequestContext,
	RequestOptions,
} from './request';
import { nextStep, type RetryTimings } from './retryPolicy';

export const MEGABYTE = 1024 * 1024;
/**
 * The options of every request one call sends with `credentials` to `apiRoot`, within `timings`,
 * in `lane` (by default one of its own, at the platform's limit). They hold a copy of the
 * credential, so that a login's new token stays with the call's later requests.
 */
export function requestOptionsFor(
	credentials: CommsBillingCredentials,
	apiRoot: string,
	timings: RetryTimings,
	lane = new RequestLane(PARALLEL_REQUESTS[credentials.platform]),
): RequestOptions {
	return {
		apiRoot,
		credentials: { ...credentials } as unknown as RequestOptions['credentials'],
		renewCredentialOn401: logsInItself(credentials),
		timings,
		lane,
	};
}

/**
 * Where a request goes. A path is joined to the API root, or to its origin when the path already
 * begins with the root's own path (Twilio's next_page_uri is written from the server's root, which
 * a base URL such as https://host/restcomm includes); it never leaves the root's origin, where
 * the credential goes with it. A handed-back URL goes with the credential on the root's origin
 * only, without it on one of the other origins allowed, and nowhere else.
 */
export function destination(request: PlatformRequest, apiRoot: string): Destination {
	const root = new URL(apiRoot);
	if (request.handedBack) {
		const { url, within, named } = request.handedBack;
		const target = new URL(url, apiRoot);
		const refuse = (reason: string) =>
			new Failure(() => `${named} ${reason}; nothing was sent there.`);
		if (target.username || target.password)
			throw refuse('holds a user name or password, which would be sent as Basic auth');
		const origins = [root.origin, ...within];
		if (!origins.includes(target.origin))
			throw refuse(
				`is on ${target.origin}, neither the credential's origin nor one listed in Report Origins`,
			);
		return {
			url: target.href,
			withCredential: target.origin === root.origin,
			origins,
			handedBack: true,
		};
	}
	const withCredential = request.withCredential !== false;
	const origins = [root.origin];
	const { path } = request;
	const rootPath = root.pathname.replace(/\/+$/, '');
	if (path === '') return { url: apiRoot, withCredential, origins, handedBack: false };
	if (path.startsWith('/') && !path.startsWith('//')) {
		const fromRoot =
			rootPath !== '' &&
			(path === rootPath || path.startsWith(`${rootPath}/`) || path.startsWith(`${rootPath}?`));
		const url = fromRoot ? `${root.origin}${path}` : `${apiRoot}${path}`;
		return { url, withCredential, origins, handedBack: false };
	}
	const target = new URL(path, apiRoot);
	if (target.origin !== root.origin) {
		throw new Failure(
			`named ${target.origin} for the next request, another host than the credential's; it is not sent there with these credentials.`,
		);
	}
	return { url: target.href, withCredential, origins, handedBack: false };
}

/**
 * Waits `waitMs` before an attempt is sent again. A wait the vendor asked for (Retry-After) is
 * one for every request to it: the lane holds them all; a back-off is this request's own.
 */
async function waitToRetry(options: RequestOptions, waitMs: number, vendorAsked: boolean) {
	const wait = Math.min(waitMs, options.timings.longestWaitMs);
	if (vendorAsked) options.lane.holdOff(wait);
	else await sleep(wait);
}

/**
 * Sends `request` until it is accepted (2xx) or the retry rules give up; a refusal, a network
 * failure or a create that may have reached the server throws a Failure.
 */
export async function sendRequest(
	fx: RequestContext,
	request: PlatformRequest,
	options: RequestOptions,
): Promise<PlatformResponse> {
	// A credential that logs in itself does so on its first request: the requests beside it wait
	// for that one, so that an execution signs in once, not once per request in flight.
	if (!options.renewCredentialOn401) return await sendUntilAnswered(fx, request, options);
	if (options.signingIn) {
		await options.signingIn.catch(() => undefined);
		return await sendUntilAnswered(fx, request, options);
	}
	const first = sendUntilAnswered(fx, request, options);
	options.signingIn = first;
	return await first;
}

async function sendUntilAnswered(
	fx: RequestContext,
	request: PlatformRequest,
	options: RequestOptions,
): Promise<PlatformResponse> {
	const mayExist = (what: string, statusCode = 0, body: unknown = null) =>
		new Failure(
			(platform) =>
				`${platform} did not confirm the request (${what}), so it may have been carried out: check ${platform}${request.mayExistHint ? ` ${request.mayExistHint}` : ''} before sending it again.`,
			{ statusCode, body },
		);
	const to = destination(request, options.apiRoot);
	for (let attemptNumber = 1; ; attemptNumber++) {
		const outcome = await options.lane.send(async () => await attempt(fx, request, to, options));
		if ('unexpectedError' in outcome) {
			throw new Failure(
				(platform) => `The request to ${platform} failed: ${outcome.unexpectedError}`,
			);
		}
		if ('tooLarge' in outcome) {
			const megabytes = outcome.tooLarge.maxBytes / MEGABYTE;
			throw new Failure(
				`sent more than ${megabytes} MB, the limit, so reading stopped there; nothing is returned.`,
				{ statusCode: outcome.tooLarge.statusCode },
			);
		}
		if ('egressRefused' in outcome) {
			throw new Failure(
				() =>
					`n8n's outbound network policy refuses ${outcome.egressRefused.origin} (${outcome.egressRefused.reason}), so nothing was sent there.`,
			);
		}
		if ('redirectedOffOrigin' in outcome) {
			const allowed = request.handedBack ? 'the origins allowed' : "the credential's";
			throw new Failure(
				`redirected the request to ${outcome.redirectedOffOrigin}, another origin than ${allowed}; it was not followed, so nothing was sent there.`,
				outcome.response,
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
				await waitToRetry(options, step.waitMs, retryAfter !== undefined);
				continue;
			}
			throw new Failure(
				(platform) =>
					`The credential could not log in to ${platform} (${detail}), so the request itself was not carried out.`,
				{ statusCode, body },
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
			await waitToRetry(options, step.waitMs, retryAfter !== undefined);
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
				throw new Failure(
					`asked to wait until ${step.retryAt?.toISOString()} (Retry-After over 60 s): run the workflow again after that.`,
					{ statusCode, body },
				);
			case 'network':
				throw new Failure(
					(platform) =>
						`Could not reach ${platform} (${networkError}) after ${attemptNumber} attempts.`,
				);
			default:
				throw new Failure(
					`refused the request with ${what}${detail ? `: ${detail}` : ''}${attemptNumber > 1 ? ` (after ${attemptNumber} attempts)` : ''}.${hint ? ` ${hint}` : ''}`,
					{ statusCode, body },
				);
		}
	}
}
