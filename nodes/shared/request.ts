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

import type { RequestKind } from './retryPolicy';

export const CREDENTIAL_TYPE = 'commsBillingApi';

/** What sending needs of n8n: a node's execute context, or a trigger's poll context. */
export interface RequestContext {
	helpers: RequestHelperFunctions;
	logger: Logger;
	getNode(): INode;
	/** The execution's cancel signal; a poll has none. */
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

export interface PlatformRequest {
	httpMethod: IHttpRequestMethods;
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
	/**
	 * For a create: what to look for on the platform before sending it again, as the Failure
	 * words it ("check IMIASSIST <hint>"), e.g. `for an appointment with externalReferenceId "X"`.
	 */
	mayExistHint?: string;
	/** `text` for files such as CSV reports; JSON otherwise. */
	responseType?: 'text';
	/**
	 * For a URL a vendor's answer handed back (a report file): the origins it and any redirect may
	 * be on, each hop also checked with n8n's outbound network policy before any connection.
	 */
	handedBackWithin?: readonly string[];
	/** Read as a stream and stop past this many bytes (after decompression): for files. */
	maxBytes?: number;
	/** What to tell the user when the platform refuses with this status, e.g. a role needed. */
	refusalHints?: Partial<Record<number, string>>;
}

export interface RequestOptions {
	platformLabel: string;
	/**
	 * The item's credential, decrypted once for all its requests: n8n would decrypt it again for
	 * each (a key derivation each time). A login's new token is written into it by n8n.
	 */
	credentials: ICredentialDataDecryptedObject;
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
	/** JSON parsed; text as it came when it is not JSON or the request asked for text. */
	body: unknown;
	headers: IDataObject;
	/** The body as the server sent it, for a look for secrets that needs no walk of `body`. */
	text?: string;
}
