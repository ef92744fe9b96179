import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { AI_USAGE_PATH } from '../nodes/EvoVoice/api';
import { IMIASSIST_PATHS } from '../nodes/Imiassist/api';
import { obtainIntegrationKeys } from '../nodes/Imiassist/integrationUser';
import { obtainEvoVoiceSession } from '../nodes/EvoVoice/sessionLogin';
import { API_VERSIONS } from '../nodes/Restcomm/api';
import { STRIPE_TEST_PATH } from '../nodes/Stripe/api';
import {
	ACCOUNT_SID_EXPRESSION,
	API_ROOT_EXPRESSION,
	apiRootOf,
	basicAuthUserOf,
} from '../nodes/shared/credentialRules';
import {
	insecureUrlReason,
	PLATFORM_LABELS,
	logsInItself,
	usesEvoVoiceLogin,
	usesIntegrationUser,
	type CommsBillingCredentials,
	type Platform,
} from '../nodes/shared/platforms';

/** What a credential that logs in by itself obtains and keeps (see preAuthentication). */
interface ObtainedKeys extends IDataObject {
	obtainedApiKey?: string;
	obtainedToken?: string;
}

const only = (...platforms: Platform[]) => ({ show: { platform: platforms } });

// Each platform's lightest authenticated read, on the paths of the vendors' own api.ts;
// IMIASSIST's is assumed like the rest of its contract.
const TEST_PATH_EXPRESSION = `({
	lumin: "",
	imiassist: "${IMIASSIST_PATHS.transactions}?limit=1",
	evoVoice: "${AI_USAGE_PATH}?startDate=" + $today.toISODate() + "&endDate=" + $today.toISODate(),
	restcomm: "/${API_VERSIONS.restcomm}/Accounts/" + ${ACCOUNT_SID_EXPRESSION} + "/Usage/Records/Today.json",
	twilio: "/${API_VERSIONS.twilio}/Accounts/" + ${ACCOUNT_SID_EXPRESSION} + "/Usage/Records/Today.json",
	stripe: "${STRIPE_TEST_PATH}",
})[$credentials.platform]`;

/**
 * One credential for the four usage platforms and Stripe, where priced lines are delivered
 * (README, "The credential"). Each platform authenticates
 * the way its wire contract says (docs/vendors.md); no secret goes over plain http except to
 * loopback.
 */
export class CommsBillingApi implements ICredentialType {
	name = 'commsBillingApi';

	displayName = 'Comms Billing API';

	icon = { light: 'file:commsBilling.svg', dark: 'file:commsBilling.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-comms-billing#the-credential';

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
		// Each platform's fields in its own words; the stored names are shared, so saved credentials
		// keep working whichever platform they are for.
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://billing.example.lumin.ai/api/billing',
			description: 'The customer-specific URI of your Lumin.ai Billing API',
			displayOptions: only('lumin'),
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://healthcarecomms.imiassist.ai',
			description: 'Optional: overrides https://{subdomain}.{domain}',
			displayOptions: only('imiassist'),
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://evovoice.io',
			description:
				"Optional: the Evo Voice server (default https://evovoice.io; the vendor's staging host is https://team.evovoice.io)",
			displayOptions: only('evoVoice'),
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://cloud.restcomm.com/restcomm',
			description: "Your Restcomm server's API root",
			displayOptions: only('restcomm'),
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.twilio.com',
			description: 'Optional: the API root (default https://api.twilio.com)',
			displayOptions: only('twilio'),
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.stripe.com',
			description: 'Optional: the API root (default https://api.stripe.com)',
			displayOptions: only('stripe'),
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The API key from IMIASSIST Authentication (Get New Token); leave empty to use the integration user below',
			displayOptions: only('imiassist'),
		},
		{
			displayName: 'User Name',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'admin@example.com',
			description: 'The e-mail of an Evo Voice user with the SystemAdministrator role',
			displayOptions: only('evoVoice'),
		},
		{
			// An identifier, not a secret: shown as text. A Restcomm credential saved before it had
			// this field holds the SID in `apiKey` (the hidden field below).
			displayName: 'Account SID',
			name: 'accountSid',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'AC...',
			description: 'The account whose usage is read',
			displayOptions: only('restcomm', 'twilio'),
		},
		{
			// Restcomm's Account SID as credentials saved before Account SID had its own field hold
			// it (then labelled Account SID), read while Account SID is empty. n8n hands a run only
			// the fields shown for the platform, and its editor saves only those: shown to Restcomm,
			// hidden, the value is kept in both. A password, as every field named apiKey is: n8n
			// redacts a saved value by one property of its name.
			displayName: 'Account SID (Saved Before Its Own Field)',
			name: 'apiKey',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('restcomm'),
		},
		{
			displayName: 'Server Time Zone',
			name: 'serverTimeZone',
			type: 'string',
			default: 'UTC',
			placeholder: 'America/New_York',
			description:
				"The IANA time zone of the Restcomm server (its JVM's), whose days it reads Start and End Dates in: Today ... Last Month, offsets such as -30days and the usage trigger's days are its days. Checked against the offset the server writes in the account's date_created before usage is read.",
			displayOptions: only('restcomm'),
		},
		{
			displayName: 'API Key SID',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'SK...',
			description:
				'Optional: an API key of the account (SK...) to sign in with instead of the Account SID; its secret goes below',
			displayOptions: only('twilio'),
		},
		{
			displayName: 'Authentication',
			name: 'evoVoiceAuth',
			type: 'options',
			options: [
				{
					name: 'HTTP Basic',
					value: 'basic',
					description: 'The user name and password on every request',
				},
				{
					name: 'Credentials Login',
					value: 'credentialsLogin',
					description:
						"Sign in once (POST /auth/credentials, as Evo Voice's own CLI does) and send the session cookies; sign in again after a 401",
				},
			],
			default: 'basic',
			displayOptions: only('evoVoice'),
		},
		{
			displayName: 'End Date',
			name: 'evoVoiceEndDate',
			type: 'options',
			options: [
				{
					name: 'Counted (Send the Last Day)',
					value: 'inclusive',
					description: "The server counts endDate's own day: the period's last day is sent",
				},
				{
					name: 'Not Counted (Send the Day After)',
					value: 'exclusive',
					description:
						'The server counts up to the day before endDate: the day after the period is sent',
				},
			],
			default: 'inclusive',
			description:
				"Whether Evo Voice's server counts the usage of endDate's own day (not published). Each period is checked: a server that reads it the other way is a Failure that says so, never a lost or extra day.",
			displayOptions: only('evoVoice'),
		},
		{
			// No default reading: which one a server has is not published, and a wrong guess bills a
			// sub-customer's minutes twice or not at all.
			displayName: 'Customer Rows',
			name: 'evoVoiceCustomerRows',
			type: 'options',
			options: [
				{
					name: "Each Customer's Own Minutes",
					value: 'own',
					description: "A parent customer's row holds its own minutes only",
				},
				{
					name: "Include Sub-Customers' Minutes",
					value: 'includeSubCustomers',
					description:
						"A parent customer's row holds its sub-customers' minutes too: its invoice line is its row less its direct sub-customers' rows",
				},
				{
					name: 'Not Set',
					value: '',
					description:
						'Invoice Lines are a Failure where a customer with AI minutes has a parent (or grandparent) with AI minutes',
				},
			],
			default: '',
			description:
				"What Evo Voice's usage row of a parent customer holds (not published, so there is no default), for AI Usage's Invoice Lines. They read each customer's parent from the customer list (GET /customers) as it is today, not as it was in the period.",
			displayOptions: only('evoVoice'),
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The token from IMIASSIST Authentication (Get New Token); leave empty to use the integration user below',
			displayOptions: only('imiassist'),
		},
		{
			displayName: 'Bearer Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The bearer token of your Lumin.ai Billing API',
			displayOptions: only('lumin'),
		},
		{
			displayName: 'Password',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The password of the Evo Voice user',
			displayOptions: only('evoVoice'),
		},
		{
			displayName: 'Auth Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The auth token of the account',
			displayOptions: only('restcomm'),
		},
		{
			displayName: 'Auth Token or API Key Secret',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The auth token of the account, or the secret of the API key SID above',
			displayOptions: only('twilio'),
		},
		{
			displayName: 'Secret Key',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'sk_live_...',
			description:
				'A secret key (sk_...) or a restricted key (rk_...) with write access to invoices and invoice items; sk_test_/rk_test_ keys write to a sandbox, sk_live_/rk_live_ keys bill for real',
			displayOptions: only('stripe'),
		},
		{
			displayName: 'Integration User E-Mail',
			name: 'userEmail',
			type: 'string',
			default: '',
			placeholder: 'integration@example.com',
			description:
				'Optional. With the password below and API Key and Token left empty, the credential logs in as this user and obtains (and renews) the API key and token itself.',
			displayOptions: only('imiassist'),
		},
		{
			displayName: 'Integration User Password',
			name: 'userPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('imiassist'),
		},
		{
			displayName: 'Obtained API Key',
			name: 'obtainedApiKey',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			// Empty until obtained: IMIASSIST's token, or Evo Voice's session cookies. n8n obtains
			// it again when the API answers 401.
			displayName: 'Obtained Token',
			name: 'obtainedToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * A credential that logs in by itself: IMIASSIST's integration user (login, then Get New
	 * Token, as the Authentication node does) or Evo Voice's credentials login (session cookies).
	 * n8n runs this when the obtained token is empty, and again after a 401.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<ObtainedKeys> {
		const values = credentials as unknown as CommsBillingCredentials;
		if (!logsInItself(values)) return {};
		// n8n runs the login with the credential alone: its API root is derived from it here.
		const apiRoot = apiRootOf(values);
		const insecure = insecureUrlReason(apiRoot);
		if (insecure) throw new Error(`Comms Billing API credential: ${insecure}`);
		if (usesEvoVoiceLogin(values))
			return { obtainedToken: await obtainEvoVoiceSession(this, apiRoot, credentials) };
		const { apiKey, token } = await obtainIntegrationKeys(this, apiRoot, credentials);
		return { obtainedApiKey: apiKey, obtainedToken: token };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const values = credentials as unknown as CommsBillingCredentials;
		// Whoever sends it (the pack's transport, the credential's test, n8n's HTTP Request node), a
		// request this credential signs goes to https or loopback only.
		const { url, baseURL } = requestOptions;
		const insecure = insecureUrlReason(baseURL ? `${baseURL}${url}` : url);
		if (insecure) throw new Error(`Comms Billing API credential: ${insecure}`);

		const obtained = credentials as ObtainedKeys;
		const token = (usesIntegrationUser(values) ? obtained.obtainedToken : values.token) ?? '';
		const apiKey = (usesIntegrationUser(values) ? obtained.obtainedApiKey : values.apiKey) ?? '';
		if (usesEvoVoiceLogin(values)) {
			return {
				...requestOptions,
				headers: { ...requestOptions.headers, Cookie: obtained.obtainedToken ?? '' },
			};
		}
		switch (values.platform) {
			case 'lumin':
			case 'stripe':
				return {
					...requestOptions,
					headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
				};
			case 'imiassist':
				return { ...requestOptions, headers: { ...requestOptions.headers, apikey: apiKey, token } };
			default:
				return {
					...requestOptions,
					auth: { username: basicAuthUserOf(values), password: token },
				};
		}
	}

	// One light, read-only request per platform, chosen by expression (n8n resolves them).
	test: ICredentialTestRequest = {
		request: {
			method: '={{ $credentials.platform === "lumin" ? "POST" : "GET" }}' as IHttpRequestMethods,
			url: `={{ ${API_ROOT_EXPRESSION} + (${TEST_PATH_EXPRESSION}) }}`,
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
			{
				// n8n shows a rule's message as written, for every platform: IMIASSIST's test path is
				// an undocumented list (docs/vendors.md), so there a 404 says nothing about the keys.
				type: 'responseCode',
				properties: {
					value: 404,
					message: `Not found (HTTP 404): check the Base URL. On IMIASSIST this says nothing about the API key and token: the test reads the list of transactions (GET ${IMIASSIST_PATHS.transactions}), which no IMIASSIST document promises, so a server without that list answers 404; run Get a Transaction to check them.`,
				},
			},
		],
	};
}
