/**
 * Evo Voice's credentials login, as the vendor's CLI signs in: ServiceStack's credentials provider
 * answers POST /auth/credentials with session cookies (ss-id, ss-pid, and ss-opt with
 * rememberMe), which later requests send instead of HTTP Basic (docs/vendors.md). n8n runs it as
 * the credential's preAuthentication, and again after a 401.
 */
import type { IHttpRequestHelper } from 'n8n-workflow';

import { duringLogin, loginFailure, sendLoginRequest } from '../shared/credentialLogin';
import { credentialsLoginRequest } from './api';

const SESSION_COOKIES = ['ss-id', 'ss-pid', 'ss-opt'];

/** `name=value` of each session cookie a Set-Cookie header list holds. */
function sessionCookies(setCookie: unknown): string[] {
	const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
	return headers
		.map((header) => String(header).split(';')[0].trim())
		.filter((pair) => SESSION_COOKIES.includes(pair.split('=')[0]));
}

/** Signs in and returns the Cookie header that carries the session. */
export async function obtainEvoVoiceSession(
	http: IHttpRequestHelper,
	apiRoot: string,
	credentials: { apiKey?: string; token?: string },
): Promise<string> {
	return await duringLogin(credentials, async (attempt) => {
		const login = credentialsLoginRequest(credentials.apiKey ?? '', credentials.token ?? '');
		const response = await sendLoginRequest(http, apiRoot, login, 'the login', attempt);
		const cookies = sessionCookies(response.headers['set-cookie']);
		if (!cookies.some((cookie) => /^ss-p?id=./.test(cookie)))
			throw loginFailure(response, 'the login', ['the ss-id or ss-pid session cookie']);
		return cookies.join('; ');
	});
}
