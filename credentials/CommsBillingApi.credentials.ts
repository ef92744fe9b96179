import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	DEFAULT_BASE_URLS,
	insecureUrlReason,
	platformBaseUrl,
	PLATFORM_LABELS,
	type CommsBillingCredentials,
	type Platform,
} from '../nodes/shared/platforms';

const only = (...platforms: Platform[]) => ({ show: { platform: platforms } });

// platformBaseUrl(), written as an n8n expression for the credential test.
const BASE_URL_EXPRESSION = `($credentials.baseUrl || ${JSON.stringify(DEFAULT_BASE_URLS)}[$credentials.platform] || ("https://" + $credentials.subdomain + "." + $credentials.domain)).replace(/\\/+$/, "")`;

// Each platform's lightest authenticated read; IMIASSIST's is assumed like the rest of its contract.
const TEST_PATH_EXPRESSION = `({
	lumin: "",
	imiassist: "/api/v1/transactions?limit=1",
	evoVoice: "/ai/usage?startDate=" + $today.toISODate() + "&endDate=" + $today.toISODate(),
	restcomm: "/2012-04-24/Accounts/" + $credentials.apiKey + "/Usage/Records/Today.json",
	twilio: "/2010-04-01/Accounts/" + $credentials.apiKey + "/Usage/Records/Today.json",
})[$credentials.platform]`;

/**
 * One credential for the four platforms (SPEC 3.5). Each platform authenticates the way its wire
 * contract says; no secret goes over plain http except to loopback.
 */
export class CommsBillingApi implements ICredentialType {
	name = 'commsBillingApi';

	displayName = 'Comms Billing API';

	icon = { light: 'file:commsBilling.svg', dark: 'file:commsBilling.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-comms-billing';

	properties: INodeProperties[] = [
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			options: (Object.keys(PLATFORM_LABELS) as Platform[]).map((value) => ({
				name: PLATFORM_LABELS[value],
				value,
			})),
			default: 'lumin',
		},
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			placeholder: 'healthcarecomms',
			description: "Your company's subdomain; the API is at https://{subdomain}.{domain}",
			displayOptions: only('imiassist'),
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: 'imiassist.ai',
			placeholder: 'imiassist.ai',
			displayOptions: only('imiassist'),
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://billing.example.lumin.ai/api/billing',
			description:
				"The API's base URL. Lumin.ai: the customer-specific URI. Evo Voice: default https://evovoice.io. Restcomm: e.g. https://cloud.restcomm.com/restcomm. Twilio: default https://api.twilio.com. IMIASSIST: overrides subdomain and domain.",
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'IMIASSIST: the API key. Evo Voice: the user name (e-mail). Restcomm / Twilio: the Account SID.',
			displayOptions: only('imiassist', 'evoVoice', 'restcomm', 'twilio'),
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'IMIASSIST: the token. Lumin.ai: the bearer token. Evo Voice: the password. Restcomm / Twilio: the auth token.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const values = credentials as unknown as CommsBillingCredentials;
		const target = new URL(requestOptions.url, requestOptions.baseURL ?? platformBaseUrl(values))
			.href;
		const insecure = insecureUrlReason(target);
		if (insecure) throw new Error(`Comms Billing API credential: ${insecure}`);

		const token = values.token ?? '';
		const apiKey = values.apiKey ?? '';
		switch (values.platform) {
			case 'lumin':
				return {
					...requestOptions,
					headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
				};
			case 'imiassist':
				return { ...requestOptions, headers: { ...requestOptions.headers, apikey: apiKey, token } };
			default:
				return { ...requestOptions, auth: { username: apiKey, password: token } };
		}
	}

	// One light, read-only request per platform, chosen by expression (n8n resolves them).
	test: ICredentialTestRequest = {
		request: {
			method: '={{ $credentials.platform === "lumin" ? "POST" : "GET" }}' as IHttpRequestMethods,
			url: `={{ (${BASE_URL_EXPRESSION}) + (${TEST_PATH_EXPRESSION}) }}`,
			headers: { Accept: 'application/json' },
			body: `={{ $credentials.platform === "lumin" ? { type: "billing.scheduled", start: $now.minus({ hours: 1 }).toISO(), end: $now.toISO() } : undefined }}`,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The platform refused these credentials (HTTP 401): check the token.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: "The platform refused access (HTTP 403): check the user's role and the account.",
				},
			},
		],
	};
}
