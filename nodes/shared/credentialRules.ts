/**
 * The credential's derived values, each written once as data and read two ways: in code, by the
 * runtime and the credential's login, and as an n8n expression, by the credential's test, whose
 * request n8n resolves itself (README, "The credential").
 */
import type { CommsBillingCredentials, Platform } from './platforms';

type Field = 'baseUrl' | 'subdomain' | 'domain' | 'accountSid' | 'apiKey';

/** Text and credential fields, joined: given only when every field in it is filled in. */
type Candidate = ReadonlyArray<string | { field: Field }>;

/** A value's candidates, first given first, per platform; none given: the value is ''. */
type Rule = Partial<Record<Platform, readonly Candidate[]>>;

const field = (name: Field) => ({ field: name });
const BASE_URL: Candidate = [field('baseUrl')];

/** The platform's API root: its Base URL, else the vendor's (IMIASSIST's from the company's host). */
const API_ROOT: Rule = {
	lumin: [BASE_URL],
	imiassist: [BASE_URL, ['https://', field('subdomain'), '.', field('domain')]],
	evoVoice: [BASE_URL, ['https://evovoice.io']],
	restcomm: [BASE_URL],
	twilio: [BASE_URL, ['https://api.twilio.com']],
	stripe: [BASE_URL, ['https://api.stripe.com']],
};

/**
 * Restcomm's and Twilio's account: Account SID, else the API key field: on Restcomm the SID of a
 * credential saved before Account SID had its own field (a hidden field), on Twilio the SID
 * unless a key (SK..., which credentialFieldProblem refuses without Account SID).
 */
const ACCOUNT_SID: Rule = {
	restcomm: [[field('accountSid')], [field('apiKey')]],
	twilio: [[field('accountSid')], [field('apiKey')]],
};

/**
 * Who HTTP Basic signs in as: on Restcomm the account; on Twilio an API key when one is given,
 * else the account; on Evo Voice the user. On Restcomm the API key field is read only while
 * Account SID is empty (a credential saved when it held the SID); on Twilio it comes first.
 */
const BASIC_AUTH_USER: Rule = {
	evoVoice: [[field('apiKey')]],
	restcomm: [[field('accountSid')], [field('apiKey')]],
	twilio: [[field('apiKey')], [field('accountSid')]],
};

function valueOf(rule: Rule, credentials: CommsBillingCredentials): string {
	for (const candidate of rule[credentials.platform] ?? []) {
		const parts = candidate.map((part) =>
			typeof part === 'string' ? part : (credentials[part.field] ?? '').trim(),
		);
		if (candidate.every((part, index) => typeof part === 'string' || parts[index] !== ''))
			return parts.join('');
	}
	return '';
}

/** The same reading as `valueOf`, as an n8n expression over `$credentials`. */
function expressionOf(rule: Rule): string {
	const fieldText = (name: Field) => `($credentials.${name} || "").trim()`;
	const candidate = (parts: Candidate) => {
		const fields = parts.filter((part) => typeof part !== 'string');
		const joined = parts
			.map((part) => (typeof part === 'string' ? JSON.stringify(part) : fieldText(part.field)))
			.join(' + ');
		return fields.length === 0
			? joined
			: `(${fields.map((part) => fieldText(part.field)).join(' && ')} ? ${joined} : "")`;
	};
	const platforms = Object.entries(rule).map(
		([platform, candidates]) => `${platform}: ${candidates!.map(candidate).join(' || ') || '""'}`,
	);
	return `(({ ${platforms.join(', ')} })[$credentials.platform] || "")`;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/** The platform's API root, with no trailing slash; '' when the credential gives none. */
export const apiRootOf = (credentials: CommsBillingCredentials) =>
	withoutTrailingSlash(valueOf(API_ROOT, credentials));

/** Restcomm's and Twilio's account SID; undefined on the other platforms. */
export const accountSidOf = (credentials: CommsBillingCredentials) =>
	valueOf(ACCOUNT_SID, credentials) || undefined;

/** The user name of HTTP Basic; '' on the platforms that do not sign in with it. */
export const basicAuthUserOf = (credentials: CommsBillingCredentials) =>
	valueOf(BASIC_AUTH_USER, credentials);

/**
 * Twilio-compatible: the credential signs in with an API key (SK...) rather than as its account;
 * Twilio refuses a main account's keys on its subaccounts' resources (docs/vendors.md).
 */
export const signsInWithApiKey = (credentials: CommsBillingCredentials) =>
	credentials.platform === 'twilio' && basicAuthUserOf(credentials).startsWith('SK');

/** `apiRootOf`, as an n8n expression for the credential's test. */
export const API_ROOT_EXPRESSION = `${expressionOf(API_ROOT)}.replace(/\\/+$/, "")`;

/** `accountSidOf`, as an n8n expression for the credential's test. */
export const ACCOUNT_SID_EXPRESSION = expressionOf(ACCOUNT_SID);

/**
 * The zone whose days a Usage Records server reads StartDate and EndDate in: Restcomm-Connect's
 * JVM zone, the credential's Server Time Zone; Twilio's days are GMT days (its documents).
 */
export const usageDaysZoneOf = (credentials: CommsBillingCredentials) =>
	credentials.platform === 'restcomm' ? credentials.serverTimeZone?.trim() || 'UTC' : 'UTC';
