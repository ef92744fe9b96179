// One secret scan for the whole suite: a secret must not show in any form the redaction rule
// (docs/requests-and-errors.md, "Requests, retries and secrets") names: as it is, JSON-escaped,
// URL-encoded (either case of escapes, + for spaces), or in base64, alone or inside
// `user:secret`, in either alphabet. Written apart from the pack's
// redactor, so that it checks it rather than repeats it.
const { expect } = require('@jest/globals');

/**
 * A Comms Billing API credential's values, with what a credential that logs in by itself obtains.
 * @typedef {import('../nodes/shared/platforms').CommsBillingCredentials & { obtainedApiKey?: string; obtainedToken?: string }} CredentialValues
 */

/**
 * The spellings of a secret that a plain search finds.
 * @param {string} secret
 */
function spellingsOf(secret) {
	const encoded = encodeURIComponent(secret);
	return [
		...new Set([
			secret,
			JSON.stringify(secret).slice(1, -1),
			// JSON-escaped within a text that is itself stringified for the scan.
			JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
			encoded,
			encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
			encoded.replace(/%20/g, '+'),
			...base64Cores(secret),
		]),
	];
}

/**
 * What every base64 text holding `secret` holds, whatever precedes it (`user:` or nothing): for
 * each of the three byte alignments, the characters made of the secret's bits alone, in both
 * alphabets.
 * @param {string} secret
 */
function base64Cores(secret) {
	const bytes = Buffer.from(secret, 'utf8');
	const cores = [];
	for (let before = 0; before < 3; before++) {
		const encoded = Buffer.concat([Buffer.alloc(before), bytes]).toString('base64');
		const core = encoded.slice(
			Math.ceil((8 * before) / 6),
			Math.floor((8 * (before + bytes.length)) / 6),
		);
		cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

/**
 * Each secret found in `texts`, with the form it was found in.
 * @param {readonly string[]} texts
 * @param {readonly unknown[]} secrets only non-empty texts are looked for
 */
function secretsIn(texts, secrets) {
	const text = texts.join('\n');
	const distinct = [
		...new Set(
			secrets.filter(
				/** @returns {secret is string} */ (secret) => typeof secret === 'string' && secret !== '',
			),
		),
	];
	/** @type {{ secret: string; form: string }[]} */
	const found = [];
	for (const secret of distinct) {
		const form = spellingsOf(secret).find((spelling) => text.includes(spelling));
		if (form !== undefined) found.push({ secret, form });
	}
	return found;
}

/** @param {string} text */
const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/**
 * The forms the scan finds a secret in, each as a way to write it (for the scan's own tests).
 * @type {Record<string, (secret: string) => string>}
 */
const FORMS = {
	'as is': (secret) => secret,
	'JSON-escaped': (secret) => JSON.stringify(secret).slice(1, -1),
	'URL-encoded': encodeURIComponent,
	'URL-encoded, lower-case escapes': (secret) =>
		encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
	'form-encoded': (secret) => encodeURIComponent(secret).replace(/%20/g, '+'),
	base64,
	'base64 of user:secret': (secret) => base64(`user:${secret}`),
	'base64 of a:secret': (secret) => base64(`a:${secret}`),
	'base64url of user:secret': (secret) => Buffer.from(`user:${secret}`).toString('base64url'),
};

/**
 * Fails the test when any of `secrets` shows in any of `texts`.
 * @param {readonly string[]} texts
 * @param {readonly unknown[]} secrets
 */
function expectNoSecretsIn(texts, secrets) {
	expect(secretsIn(texts, secrets)).toEqual([]);
}

/**
 * The secret fields of a Comms Billing API credential's values, as the node reference names them
 * (docs/nodes.md, "The Comms Billing API credential").
 * @param {CredentialValues} values
 */
const credentialSecrets = (values) =>
	[
		values.token,
		values.userPassword,
		values.obtainedToken,
		values.obtainedApiKey,
		values.platform === 'imiassist' ? values.apiKey : undefined,
	].filter(Boolean);

/**
 * The secrets of all of a sandbox's credentials, and the auth token of every account its Usage
 * Records flavours serve (their Accounts answers carry them, subaccounts' too).
 * @param {{ credentials: Record<string, CredentialValues> } & Record<string, any>} sandbox
 */
const sandboxSecrets = (sandbox) => [
	...Object.values(sandbox.credentials).flatMap(credentialSecrets),
	...['restcomm', 'restcommAllCategories', 'twilio'].flatMap(
		(flavour) => sandbox[flavour]?.authTokens ?? [],
	),
];

module.exports = { expectNoSecretsIn, secretsIn, credentialSecrets, sandboxSecrets, FORMS };
