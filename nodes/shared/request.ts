/**
 * What a method asks of the transport, and what it gets back: a request to a platform as data.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	INode,
	Logger,
	RequestHelperFunctions,
} from 'n8n-workflow';

import type { RequestLane } from './lanes';
import type { RequestKind, RetryTimings } from './retryPolicy';

export const CREDENTIAL_TYPE = 'commsBillingApi';

/** What sending needs of n8n: a node's execute context, or a trigger's poll context. */
export interface RequestContext {
	helpers: RequestHelperFunctions;
	logger: Logger;
	getNode(): INode;
	/** The execution's cancel signal; a poll has none. */
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

/** What every request to a platform says, wherever it goes. */
interface RequestFields {
	httpMethod: IHttpRequestMethods;
	kind: RequestKind;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * A form-encoded body (Stripe's), its names already bracketed (`metadata[cb_line_id]`), sent
	 * instead of `body` in the order given.
	 */
	form?: ReadonlyArray<readonly [string, string]>;
	headers?: IDataObject;
	/**
	 * False for a login, which carries only the secrets it is given (a handed-back URL goes with
	 * the credential on the credential's origin only).
	 */
	withCredential?: false;
	/**
	 * For a create: what to look for on the platform before sending it again, as the Failure
	 * words it ("check IMIASSIST <hint>"), e.g. `for an appointment with externalReferenceId "X"`.
	 */
	mayExistHint?: string;
	/** `text` for files such as CSV reports; JSON otherwise. */
	responseType?: 'text';
	/** Read as a stream and stop past this many bytes (after decompression): for files. */
	maxBytes?: number;
	/** What to tell the user when the platform refuses with this status, e.g. a role needed. */
	refusalHints?: Partial<Record<number, string>>;
}

/**
 * A request to a path under the platform's API root (the credential's base URL), e.g.
 * `/2010-04-01/Accounts/AC1/Usage/Records/Daily.json`, or '' for the root itself: the transport
 * joins it.
 */
export type PathRequest = RequestFields & { path: string; handedBack?: undefined };

/**
 * A request to a URL a vendor's answer handed back (a report file), `named` for the Failure that
 * refuses it: fetched on the credential's origin with the credential, or on one of `within`
 * without it, nowhere else.
 */
export type HandedBackRequest = RequestFields & {
	handedBack: { url: string; within: readonly string[]; named: string };
	path?: undefined;
};

export type PlatformRequest = PathRequest | HandedBackRequest;

/** Where one request is sent (the transport's reading of its target), and where it may go. */
export interface Destination {
	url: string;
	withCredential: boolean;
	/** The origins the request and its redirects may reach. */
	origins: readonly string[];
	/** A URL a vendor handed back: each hop is checked with n8n's outbound network policy. */
	handedBack: boolean;
}

export interface RequestOptions {
	/** The platform's API root, the credential's base URL: derived once, where the credential is read. */
	apiRoot: string;
	/**
	 * The item's credential, decrypted once for all its requests: n8n would decrypt it again for
	 * each (a key derivation each time). A login's new token is written into it by n8n.
	 */
	credentials: ICredentialDataDecryptedObject;
	/**
	 * Let a 401 reach n8n, which then runs the credential's preAuthentication again (a new
	 * IMIASSIST token for the integration user) and repeats the request once.
	 */
	renewCredentialOn401: boolean;
	/** The deadline of an attempt and the longest wait between attempts. */
	timings: RetryTimings;
	/** The requests in flight to this vendor, shared by the execution's calls to it (lanes.ts). */
	lane: RequestLane;
	/** A credential that logs in itself: its first request, which the others wait for. */
	signingIn?: Promise<unknown>;
}

export interface PlatformResponse {
	statusCode: number;
	/** JSON parsed; text as it came when it is not JSON or the request asked for text. */
	body: unknown;
	headers: IDataObject;
	/** The body as the server sent it, for a look for secrets that needs no walk of `body`. */
	text?: string;
}
