/**
 * IMIASSIST's integration user: the credential logs in with the user's e-mail and password, then
 * exchanges the access token for the API key and token (the Authentication node's two methods,
 * with the same requests). n8n runs it as the credential's preAuthentication.
 */
import type { IHttpRequestHelper } from 'n8n-workflow';

import { duringLogin, loginStep } from '../shared/credentialLogin';
import { loginRequest, newTokenRequest } from './api';

export async function obtainIntegrationKeys(
	http: IHttpRequestHelper,
	apiRoot: string,
	credentials: { userEmail?: string; userPassword?: string },
): Promise<{ apiKey: string; token: string }> {
	return await duringLogin(credentials, async (attempt) => {
		const login = loginRequest(credentials.userEmail!, credentials.userPassword!);
		const { access } = await loginStep(http, apiRoot, login, 'the login', ['access'], attempt);
		const exchange = newTokenRequest(access);
		const keys = await loginStep(
			http,
			apiRoot,
			exchange,
			'Get New Token',
			['api_key', 'token'],
			attempt,
		);
		return { apiKey: keys.api_key, token: keys.token };
	});
}
