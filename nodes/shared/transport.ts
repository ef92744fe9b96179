/**
 * One request to a platform, through n8n's request helpers, with the retry rules of SPEC 3.3.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { FailureOutcome } from './outcome';
import { ATTEMPT_TIMEOUT_MS, isNetworkErrorCode, nextStep, type RequestKind } from './retryPolicy';

export const CREDENTIAL_TYPE = 'commsBillingApi';

export interface PlatformRequest {
	method: IHttpRequestMethods;
	url: string;
	kind: RequestKind;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	/** False for calls that must carry only what they are given (IMIASSIST's own login). */
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

async function attempt(
	fx: IExecuteFunctions,
	request: PlatformRequest,
	{ renewCredentialOn401 }: RequestOptions,
): Promise<AttemptOutcome> {
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
		ignoreHttpStatusErrors: renewCredentialOn401 ? { ignore: true, except: [401] } : true,
		timeout: ATTEMPT_TIMEOUT_MS,
	};
	try {
		const response =
			request.withCredential === false
				? await fx.helpers.httpRequest(options)
				: await fx.helpers.httpRequestWithAuthentication.call(fx, CREDENTIAL_TYPE, options);
		return {
			response: {
				statusCode: response.statusCode,
				body: response.body,
				headers: response.headers ?? {},
			},
		};
	} catch (error) {
		const answered = (error.cause as IDataObject | undefined)?.response as IDataObject | undefined;
		if (answered?.status !== undefined) {
			return {
				response: {
					statusCode: answered.status as number,
					body: answered.data,
					headers: (answered.headers as IDataObject) ?? {},
				},
			};
		}
		const code = networkErrorCode(error);
		return isNetworkErrorCode(code)
			? { networkError: code }
			: { unexpectedError: String(error.message ?? error) };
	}
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
	for (let attemptNumber = 1; ; attemptNumber++) {
		const outcome = await attempt(fx, request, options);
		if ('unexpectedError' in outcome) {
			throw new FailureOutcome(
				`The request to ${platformLabel} failed: ${outcome.unexpectedError}`,
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
		if (step.action === 'accept') return response as PlatformResponse;
		if (step.action === 'retry') {
			await sleep(step.waitMs);
			continue;
		}

		const statusCode = response?.statusCode ?? 0;
		const body = response?.body ?? null;
		const what = response ? `HTTP ${statusCode}` : networkError;
		const detail = response ? errorDetail(body) : undefined;
		const hint = request.refusalHints?.[statusCode];
		switch (step.reason) {
			case 'mayExist':
				throw new FailureOutcome(
					`${platformLabel} did not confirm the request (${what}), so it may have been carried out: check ${request.mayExistHint ?? 'the platform'} before sending it again.`,
					statusCode,
					body,
				);
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
