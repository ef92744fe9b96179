'use strict';

// HTTP Basic (RFC 7617), as Evo Voice, Restcomm and Twilio take it.

/** { userName, password } from an `Authorization: Basic ...` header, or null. */
function readBasicCredentials(authorization) {
	const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(authorization || '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return null;
	return { userName: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

module.exports = { readBasicCredentials };
