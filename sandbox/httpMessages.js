'use strict';

// Reading requests and writing replies: the only code that touches Node's message objects.

const { setTimeout: wait } = require('timers/promises');

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends Error {}

function readBody(request, limit = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		request.on('data', (chunk) => {
			size += chunk.length;
			// Past the limit the rest is drained unread, so that the 413 still reaches the client.
			if (size > limit) {
				reject(new BodyTooLargeError(`Request bodies are limited to ${limit} bytes`));
			} else {
				chunks.push(chunk);
			}
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/** Parsed JSON when the body is JSON, else its text; null when there is none. */
function parseBody(text) {
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The query string as an object; a repeated name gives an array of its values. */
function parseQuery(searchParams) {
	const query = {};
	for (const [name, value] of searchParams) {
		if (!(name in query)) query[name] = value;
		else query[name] = [].concat(query[name], value);
	}
	return query;
}

/** The head and payload of a reply { status, headers?, body }: objects as JSON, strings as they are. */
function encodeReply({ headers = {}, body }) {
	// A header given as a list (several Set-Cookie) goes out as several headers.
	const outgoing = Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [
			name.toLowerCase(),
			Array.isArray(value) ? value.map(String) : String(value),
		]),
	);
	let payload = '';
	if (typeof body === 'string') {
		payload = body;
		outgoing['content-type'] = outgoing['content-type'] || 'text/plain; charset=utf-8';
	} else if (body !== undefined) {
		payload = JSON.stringify(body);
		outgoing['content-type'] = outgoing['content-type'] || 'application/json; charset=utf-8';
	}
	outgoing['content-length'] = String(Buffer.byteLength(payload));
	return { outgoing, payload: Buffer.from(payload) };
}

function sendReply(response, reply) {
	const { outgoing, payload } = encodeReply(reply);
	response.writeHead(reply.status, outgoing);
	response.end(payload);
}

/** The whole Content-Length announced, half the body sent, then the connection dropped. */
function sendTruncated(response, reply) {
	const { outgoing, payload } = encodeReply(reply);
	response.writeHead(reply.status, outgoing);
	response.write(payload.subarray(0, Math.floor(payload.length / 2)));
	response.socket.destroy();
}

/** The body one byte every `ms`, until it is all sent or the client or sandbox gives up. */
async function sendDripping(response, reply, ms, signal) {
	const { outgoing, payload } = encodeReply(reply);
	response.writeHead(reply.status, outgoing);
	response.flushHeaders();
	for (const byte of payload) {
		if (response.destroyed) return;
		response.write(Buffer.from([byte]));
		try {
			await wait(ms, undefined, { signal });
		} catch {
			return;
		}
	}
	response.end();
}

module.exports = {
	readBody,
	parseBody,
	parseQuery,
	sendReply,
	sendTruncated,
	sendDripping,
	BodyTooLargeError,
};
