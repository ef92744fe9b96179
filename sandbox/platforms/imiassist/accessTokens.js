'use strict';

const crypto = require('crypto');

// Who may call IMIASSIST: the integration user signs in for an access token, trades it for an
// API key and token pair, and every other call carries such a pair. The static pair from the
// options always works, so tests and people can skip the sign-in.

function createAccessTokens({ apiKey, token, userEmail, userPassword }) {
	const accessTokens = new Set();
	// api_key -> token of the pairs issued through POST /api/v1/auth/token.
	const issuedPairs = new Map();

	/** Whether this is the integration user; e-mail addresses are compared without case. */
	function isIntegrationUser(email, password) {
		return (
			typeof email === 'string' &&
			email.toLowerCase() === userEmail.toLowerCase() &&
			password === userPassword
		);
	}

	/** A fresh { access, refresh }; the refresh token is issued for realism, never accepted. */
	function signIn() {
		const access = crypto.randomBytes(32).toString('base64url');
		accessTokens.add(access);
		return { access, refresh: crypto.randomBytes(32).toString('base64url') };
	}

	/** The access token of an `Authorization: Bearer` header, when it is one we issued. */
	function isAccessTokenHeader(authorization) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization || '');
		return Boolean(match && accessTokens.has(match[1]));
	}

	/** A new pair, valid until revoked; shaped like the vendor's examples. */
	function issuePair() {
		const pair = { api_key: crypto.randomUUID(), token: crypto.randomBytes(32).toString('hex') };
		issuedPairs.set(pair.api_key, pair.token);
		return pair;
	}

	function isValidPair(givenApiKey, givenToken) {
		if (typeof givenApiKey !== 'string' || typeof givenToken !== 'string') return false;
		if (givenApiKey === apiKey && givenToken === token) return true;
		return issuedPairs.has(givenApiKey) && issuedPairs.get(givenApiKey) === givenToken;
	}

	return {
		isIntegrationUser,
		signIn,
		isAccessTokenHeader,
		issuePair,
		isValidPair,
		revokeIssuedPairs: () => issuedPairs.clear(),
	};
}

module.exports = { createAccessTokens };
