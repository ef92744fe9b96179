/**
 * The platforms of the shared credential: their names, fields and secrets (README, "The
 * credential"); the values derived from its fields are in credentialRules.ts.
 * Used by the credential and by the runtime; no n8n imports.
 */
import { isValidTimeZone } from './billingPeriod';
import { accountSidOf } from './credentialRules';

/** The platforms usage is read from: the source nodes', the usage trigger's, a rate card's. */
export const SOURCE_PLATFORM_LABELS = {
	imiassist: 'IMIASSIST',
	lumin: 'Lumin.ai',
	evoVoice: 'Evo Voice',
	restcomm: 'Restcomm',
	twilio: 'Twilio-compatible API',
} as const;

/** The platforms priced lines are delivered to: a billing system, never a source of usage. */
export const BILLING_PLATFORM_LABELS = {
	stripe: 'Stripe',
} as const;

/** Every platform of the shared credential; a node accepts only those it lists. */
export const PLATFORM_LABELS = { ...SOURCE_PLATFORM_LABELS, ...BILLING_PLATFORM_LABELS } as const;

export type SourcePlatform = keyof typeof SOURCE_PLATFORM_LABELS;

export type Platform = keyof typeof PLATFORM_LABELS;

/** Stripe's secret (sk_...) and restricted (rk_...) keys; a publishable key (pk_...) reads nothing. */
const STRIPE_SECRET_KEY = /^(sk|rk)_/;

export type EvoVoiceEndDate = 'inclusive' | 'exclusive';

/** Evo Voice: what a parent customer's usage row holds (not published; nodes/EvoVoice/aiUsageLines.ts). */
export type EvoVoiceCustomerRows = 'own' | 'includeSubCustomers';

export interface CommsBillingCredentials {
	platform: Platform;
	subdomain?: string;
	domain?: string;
	baseUrl?: string;
	apiKey?: string;
	token?: string;
	/** Evo Voice: HTTP Basic on every request, or a credentials login and its session cookies. */
	evoVoiceAuth?: 'basic' | 'credentialsLogin';
	/** Evo Voice: whether its server counts endDate's own day (nodes/EvoVoice/endDateReading.ts). */
	evoVoiceEndDate?: EvoVoiceEndDate;
	/** Evo Voice: what a parent's usage row holds; '' (the default): not set. */
	evoVoiceCustomerRows?: EvoVoiceCustomerRows | '';
	/** Restcomm and Twilio-compatible: the account, when the API key is not its SID (Twilio's SK... keys). */
	accountSid?: string;
	/** Restcomm: the IANA zone whose days its server reads dates in. */
	serverTimeZone?: string;
	userEmail?: string;
	userPassword?: string;
}

/**
 * A credential field that cannot work as it is filled in, and why; undefined when none. Restcomm
 * and Twilio sign in as an account (or a Twilio API key): with none, every request is refused,
 * whatever account a node names (a Restcomm credential saved before Account SID had its own field
 * and saved again without the SID it held is one). Twilio's path names the account (AC...), which
 * an API key (SK...) is not: the key needs Account SID.
 */
export function credentialFieldProblem(
	credentials: CommsBillingCredentials,
): { field: string; reason: string } | undefined {
	const { platform, apiKey, accountSid, serverTimeZone } = credentials;
	if ((platform === 'restcomm' || platform === 'twilio') && !accountSidOf(credentials)) {
		return {
			field: 'accountSid',
			reason:
				'it is empty, so there is no account to sign in as: enter the Account SID in the credential',
		};
	}
	if (platform === 'twilio' && apiKey?.trim().startsWith('SK') && !accountSid?.trim()) {
		return {
			field: 'accountSid',
			reason:
				'the API key (SK...) signs the requests, so Account SID must name the account (AC...) whose usage is read',
		};
	}
	if (platform === 'stripe' && !STRIPE_SECRET_KEY.test(credentials.token?.trim() ?? '')) {
		return {
			field: 'token',
			reason:
				'it is not a Stripe secret key (sk_...) or restricted key (rk_...): a publishable key (pk_...) cannot create or read invoices',
		};
	}
	if (platform === 'restcomm' && !isValidTimeZone(serverTimeZone?.trim() || 'UTC')) {
		return {
			field: 'serverTimeZone',
			reason: `${JSON.stringify(serverTimeZone)} is not an IANA time zone (e.g. America/New_York)`,
		};
	}
	return undefined;
}

/** Evo Voice's credentials login: the credential signs in and sends the session cookies. */
export const usesEvoVoiceLogin = (credentials: CommsBillingCredentials) =>
	credentials.platform === 'evoVoice' && credentials.evoVoiceAuth === 'credentialsLogin';

/**
 * A credential that obtains what it sends by logging in (n8n's preAuthentication), and logs in
 * again when the API answers 401.
 */
export const logsInItself = (credentials: CommsBillingCredentials) =>
	usesIntegrationUser(credentials) || usesEvoVoiceLogin(credentials);

/** IMIASSIST's integration-user mode: the credential obtains the API key and token itself. */
export function usesIntegrationUser(credentials: CommsBillingCredentials): boolean {
	return (
		credentials.platform === 'imiassist' &&
		!!credentials.userEmail &&
		!!credentials.userPassword &&
		!credentials.apiKey &&
		!credentials.token
	);
}

/**
 * The credential values that must never appear in an output, an error or a log. A Restcomm
 * Account SID or an Evo Voice user name is not secret: it names an account, like an e-mail.
 */
export function credentialSecrets(
	credentials: CommsBillingCredentials & { obtainedApiKey?: string; obtainedToken?: string },
): string[] {
	const secrets = [credentials.token, credentials.userPassword, credentials.obtainedToken];
	if (credentials.platform === 'imiassist')
		secrets.push(credentials.apiKey, credentials.obtainedApiKey);
	// Evo Voice's obtained token is a Cookie header: each session's value is a secret of its own.
	if (credentials.platform === 'evoVoice' && credentials.obtainedToken)
		secrets.push(...credentials.obtainedToken.split(';').map((cookie) => cookie.split('=')[1]));
	return secrets.filter((secret): secret is string => !!secret);
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a secret may not be sent to this URL, or undefined when it may:
 * plain http is allowed to loopback only, where nothing crosses a network.
 */
export function insecureUrlReason(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `"${url}" is not a valid URL`;
	}
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.test(parsed.hostname)) return undefined;
	return `"${parsed.origin}" is not https: secrets are sent over plain http to loopback addresses only`;
}
