'use strict';

const crypto = require('crypto');

// A paging token names where the next page resumes scanning, plus a fingerprint of the query it
// belongs to, so that a token replayed with another query is refused rather than misread. A
// replayed page's token (a replayPage fault) also carries its replay's number, so that it reads
// unlike any token to the same position before it.

const TOKEN_TEXT = /^(\d{1,15})\.([0-9a-f]{16})(?:\.([1-9]\d{0,14}))?$/;

/** A short, stable digest of anything JSON-serialisable that identifies a query. */
function fingerprintQuery(queryIdentity) {
	const digest = crypto.createHash('sha256').update(JSON.stringify(queryIdentity)).digest('hex');
	return digest.slice(0, 16);
}

function encodePagingToken(position, fingerprint, replay = 0) {
	const text = `${position}.${fingerprint}${replay > 0 ? `.${replay}` : ''}`;
	return Buffer.from(text).toString('base64url');
}

/** Returns { position, fingerprint, replay }, or null when the token is not one of ours. */
function decodePagingToken(token) {
	if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
	const match = TOKEN_TEXT.exec(Buffer.from(token, 'base64url').toString('latin1'));
	if (!match) return null;
	const decoded = {
		position: Number(match[1]),
		fingerprint: match[2],
		replay: Number(match[3] || 0),
	};
	// base64 decoding forgives stray characters; only the canonical spelling is ours.
	const canonical = encodePagingToken(decoded.position, decoded.fingerprint, decoded.replay);
	return canonical === token ? decoded : null;
}

module.exports = { fingerprintQuery, encodePagingToken, decodePagingToken };
