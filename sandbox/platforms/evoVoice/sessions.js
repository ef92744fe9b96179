'use strict';

const { randomBytes } = require('crypto');

// ServiceStack's CredentialsAuthProvider, as the vendor's CLI uses it (docs/vendors.md):
// POST /auth/credentials {provider, userName, password, rememberMe} answers an AuthenticateResponse
// and sets the session cookies ss-id and ss-pid (and ss-opt=perm with rememberMe), which later
// requests send back instead of HTTP Basic.

const SESSION_COOKIES = ['ss-id', 'ss-pid'];

function cookiesOf(header) {
	const cookies = {};
	for (const part of String(header || '').split(';')) {
		const at = part.indexOf('=');
		if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
	}
	return cookies;
}

/** `matches(user, userName, password)` is the directory's own check of a user's credentials. */
function createSessions(users, matches) {
	const sessions = new Map();

	/** { user, response, cookies } for the right credentials, or null. */
	function logIn(body) {
		const { userName, password, rememberMe } = body || {};
		if (typeof userName !== 'string' || typeof password !== 'string') return null;
		const user = users.find((candidate) => matches(candidate, userName, password));
		if (!user) return null;
		const id = randomBytes(15).toString('base64url');
		const permanentId = randomBytes(15).toString('base64url');
		sessions.set(id, user);
		sessions.set(permanentId, user);
		const cookie = (name, value) => `${name}=${value}; path=/; samesite=strict; httponly`;
		return {
			user,
			response: {
				userId: String(users.indexOf(user) + 1),
				sessionId: rememberMe ? permanentId : id,
				userName: user.userName,
				displayName: user.userName,
			},
			cookies: [
				cookie('ss-id', id),
				cookie('ss-pid', permanentId),
				...(rememberMe ? [cookie('ss-opt', 'perm')] : []),
			],
		};
	}

	/** The user whose session a Cookie header carries, or null. */
	function userFor(cookieHeader) {
		const cookies = cookiesOf(cookieHeader);
		for (const name of SESSION_COOKIES) {
			const user = cookies[name] && sessions.get(cookies[name]);
			if (user) return user;
		}
		return null;
	}

	return { logIn, userFor, expireAll: () => sessions.clear(), count: () => sessions.size / 2 };
}

module.exports = { createSessions };
