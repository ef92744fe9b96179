'use strict';

const http = require('http');
const { setTimeout: wait } = require('timers/promises');
const { createRouter, normalizePath } = require('./router');
const { createRequestLog, redactSecrets } = require('./requestLog');
const {
	createFaultStore,
	normalizeFault,
	describeFault,
	faultReply,
	malformReply,
	defaultErrorBody,
} = require('./faults');
const {
	readBody,
	parseBody,
	parseQuery,
	sendReply,
	sendTruncated,
	sendDripping,
	BodyTooLargeError,
} = require('./httpMessages');
const { registerControlRoutes } = require('./controlRoutes');
const { platformOfSpec } = require('./usageRaises');
const { createLuminPlatform } = require('./platforms/lumin');
const { createImiassistPlatform } = require('./platforms/imiassist');
const { createEvoVoicePlatform } = require('./platforms/evoVoice');
const { createScriptedModelPlatform } = require('./platforms/scriptedModel');
const { createStripePlatform } = require('./platforms/stripe');
const {
	createRestcommPlatform,
	createRestcommAllCategoriesPlatform,
	createTwilioPlatform,
} = require('./platforms/usageRecords');

// One entry per platform: its options key in startSandbox() and its factory. A factory returns
// { name, displayName, pathPrefix, errorBody(status, message?), registerRoutes(router),
//   credentials(url) -> { [credentialName]: values }, credentialTitles?, describeData(),
//   resetFaults(), raiseUsage?(spec) -> what it added, api }; `api` becomes sandbox[name].
const PLATFORM_FACTORIES = {
	lumin: createLuminPlatform,
	imiassist: createImiassistPlatform,
	evoVoice: createEvoVoicePlatform,
	restcomm: createRestcommPlatform,
	restcommAllCategories: createRestcommAllCategoriesPlatform,
	twilio: createTwilioPlatform,
	openai: createScriptedModelPlatform,
	stripe: createStripePlatform,
};
// logResponses: keep each answer's body in the request log too (redacted), for tests that scan it.
// cacheAnswers: answer a request made before from what was sent then, encoded once; for
// benchmarks of read-only runs, so that they time the client rather than the data's generation.
const SERVER_OPTIONS = ['host', 'port', 'logResponses', 'cacheAnswers', 'latencyMs'];

// Faults that change the route's own answer, each done by the platform's answerFaults.
const ANSWER_FAULTS = [
	'repeatRecord',
	'unreadableFigure',
	'excludedRow',
	'otherDay',
	'otherAccount',
	'otherCustomer',
	'accountWithoutSid',
];
// Faults that change how a route reads its request, each done by the route itself from
// `request.fault`: a route names those it does in `requestFaults`; on any other route they are a
// 400 saying what it lacks.
const REQUEST_FAULTS = {
	ignoreCategory: 'has no Category to ignore',
	unreadStartDate: 'has no StartDate to misread',
	replayPage: 'has no pages',
	holdMs: 'holds no requests',
};

/** A JSON answer with its body already encoded, so that serving it again costs no encoding. */
function encodedOnce(reply) {
	if (reply.body === undefined || typeof reply.body === 'string') return reply;
	return {
		...reply,
		headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers },
		body: JSON.stringify(reply.body),
	};
}

/**
 * Starts the sandbox: a local server speaking the platforms' wire contracts with generated data.
 * Resolves to the Sandbox object once it listens.
 */
async function startSandbox(options = {}) {
	const unknown = Object.keys(options).filter(
		(key) => !SERVER_OPTIONS.includes(key) && !(key in PLATFORM_FACTORIES),
	);
	if (unknown.length > 0) throw new TypeError(`Unknown sandbox options: ${unknown.join(', ')}`);
	const {
		host = '127.0.0.1',
		port = 0,
		logResponses = false,
		cacheAnswers = false,
		// What a network between a user's n8n and a vendor adds to every answer.
		latencyMs = 0,
	} = options;
	// Each platform's requests being answered now: a request's log entry says how many were in
	// flight with it, its own included.
	const inFlight = new Map();
	const answered = new Map();

	const platforms = Object.entries(PLATFORM_FACTORIES).map(([key, create]) => create(options[key]));
	const platformsByName = new Map(platforms.map((platform) => [platform.name, platform]));
	const router = createRouter();
	const requestLog = createRequestLog();
	const faults = createFaultStore();
	// Aborts pending fault delays, so close() does not wait for them.
	const closing = new AbortController();

	function clearFaults() {
		faults.clear();
		platforms.forEach((platform) => platform.resetFaults());
	}

	/** Adds usage for a test to see (usageRaises.js); an invalid spec throws UsageSpecError. */
	function raiseUsage(spec) {
		const raised = platformOfSpec(spec, platforms).raiseUsage(spec);
		// Answers cached before the raise would hide it.
		answered.clear();
		return raised;
	}

	platforms.forEach((platform) => platform.registerRoutes(router));
	registerControlRoutes(router, {
		requests: requestLog.entries,
		clearRequests: requestLog.clear,
		listFaults: faults.list,
		validateFault: normalizeFault,
		injectFault: faults.add,
		clearFaults,
		raiseUsage,
	});

	// Unknown paths under a platform's prefix answer in that platform's error shape.
	function errorBodyForPath(path) {
		const owner = platforms.find(
			(platform) => path === platform.pathPrefix || path.startsWith(`${platform.pathPrefix}/`),
		);
		return owner ? owner.errorBody : defaultErrorBody;
	}

	async function answer(match, exchange) {
		if (!match) {
			const message = `no route for ${exchange.method} ${exchange.path}`;
			return { status: 404, body: errorBodyForPath(exchange.path)(404, message) };
		}
		if (!match.route) {
			return {
				status: 405,
				headers: { allow: match.allowedMethods.join(', ') },
				body: errorBodyForPath(exchange.path)(405),
			};
		}
		return match.route.handle(exchange);
	}

	async function handlePlatformRequest(request, response, exchange, match) {
		const route = match && match.route;
		const owner = route ? route.platform : undefined;
		inFlight.set(owner, (inFlight.get(owner) ?? 0) + 1);
		try {
			await answerPlatformRequest(request, response, exchange, match);
		} finally {
			inFlight.set(owner, inFlight.get(owner) - 1);
		}
	}

	async function answerPlatformRequest(request, response, exchange, match) {
		const route = match && match.route;
		exchange.authenticated = Boolean(route && route.authenticate && route.authenticate(exchange));
		const entry = requestLog.record(exchange);
		entry.inFlight = inFlight.get(route ? route.platform : undefined);
		if (latencyMs > 0) await wait(latencyMs, undefined, { signal: closing.signal });
		const platform = route && platformsByName.get(route.platform);
		const fault = faults.take({ platform: platform && platform.name, ...exchange });
		entry.fault = fault && describeFault(fault);
		if (fault && fault.delayMs) await wait(fault.delayMs, undefined, { signal: closing.signal });
		if (fault && fault.reset) {
			entry.status = 0;
			request.socket.resetAndDestroy();
			return;
		}
		let reply = fault && faultReply(fault, platform ? platform.errorBody : defaultErrorBody);
		const answerFault = fault && ANSWER_FAULTS.find((kind) => fault[kind]);
		if (answerFault && !(platform && platform.answerFaults && platform.answerFaults[answerFault])) {
			reply = {
				status: 400,
				body: defaultErrorBody(400, `${answerFault}: this route has no such records`),
			};
		}
		const requestFault = fault && Object.keys(REQUEST_FAULTS).find((kind) => fault[kind]);
		if (!reply && requestFault && !(route && (route.requestFaults || []).includes(requestFault))) {
			reply = {
				status: 400,
				body: defaultErrorBody(400, `${requestFault}: this route ${REQUEST_FAULTS[requestFault]}`),
			};
		}
		if (!reply && fault && fault.overlapPages && !(platform && platform.overlapsPages)) {
			reply = { status: 400, body: defaultErrorBody(400, 'overlapPages: this route has no pages') };
		}
		if (!reply && fault && fault.endlessPages) {
			if (!platform || !platform.endlessPage) {
				reply = {
					status: 400,
					body: defaultErrorBody(400, 'endlessPages: this route has no pages'),
				};
			} else {
				reply = platform.endlessPage(exchange);
			}
		}
		const cacheKey =
			cacheAnswers && !fault
				? JSON.stringify([
						exchange.method,
						exchange.path,
						exchange.query,
						exchange.body,
						request.headers.authorization,
					])
				: undefined;
		if (!reply && cacheKey !== undefined) reply = answered.get(cacheKey);
		if (!reply) {
			reply = await answer(match, { ...exchange, fault, signal: closing.signal }).catch(
				(error) => ({
					status: 500,
					body: defaultErrorBody(500, error.message),
				}),
			);
			if (fault && fault.malformed) reply = malformReply(reply);
			if (answerFault) reply = platform.answerFaults[answerFault](reply);
			if (cacheKey !== undefined && reply.status === 200) {
				reply = encodedOnce(reply);
				answered.set(cacheKey, reply);
			}
		}
		if (fault && fault.headers) {
			reply = { ...reply, headers: { ...reply.headers, ...fault.headers } };
		}
		entry.status = reply.status;
		// An answer given again for a repeated idempotency key (Stripe), as its header says.
		if (reply.headers && reply.headers['idempotent-replayed'] === 'true') entry.replayed = true;
		if (fault && fault.commitThenDrop) {
			// The route did its work; the client gets no answer, only a dropped connection.
			entry.status = 0;
			entry.committedStatus = reply.status;
			request.socket.destroy();
			return;
		}
		// A fault's scripted body is the test's own words (some echo a secret on purpose, to test
		// the pack's redactor), so only the server's own answers are logged.
		if (logResponses)
			entry.response =
				fault && fault.body !== undefined ? '[scripted by a fault]' : redactSecrets(reply.body);
		if (fault && fault.truncate) sendTruncated(response, reply);
		else if (fault && fault.dripMs !== undefined)
			await sendDripping(response, reply, fault.dripMs, closing.signal);
		else sendReply(response, reply);
	}

	async function handleRequest(request, response) {
		const time = new Date();
		const url = new URL(request.url, 'http://sandbox.invalid');
		const body = await readBody(request);
		const exchange = {
			time,
			method: request.method,
			path: normalizePath(url.pathname),
			query: parseQuery(url.searchParams),
			body: parseBody(body),
			headers: request.headers,
		};
		const match = router.match(exchange.method, exchange.path);
		exchange.params = (match && match.params) || {};
		if (match && match.route && match.route.control) {
			sendReply(response, await match.route.handle(exchange));
			return;
		}
		await handlePlatformRequest(request, response, exchange, match);
	}

	// Headers up to 128 KiB (Node's default is 16), so that tests can use very long tokens. Idle
	// keep-alive connections stay open a minute (Node's default is 5 s): a test that holds the
	// event loop for a few seconds (the sandbox shares its process) would otherwise find its next
	// request on a connection the server had just closed (ECONNRESET).
	const server = http.createServer(
		{ maxHeaderSize: 128 * 1024, keepAliveTimeout: 60_000 },
		(request, response) => {
			handleRequest(request, response).catch((error) => {
				if (closing.signal.aborted || response.headersSent || request.socket.destroyed) return;
				const tooLarge = error instanceof BodyTooLargeError;
				const status = tooLarge ? 413 : 500;
				sendReply(response, { status, body: defaultErrorBody(status, error.message) });
			});
		},
	);

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	const { port: boundPort } = server.address();
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
	let closed;

	function close() {
		closed =
			closed ||
			new Promise((resolve, reject) => {
				closing.abort();
				server.close((error) => (error ? reject(error) : resolve()));
				// Keep-alive connections would otherwise hold close() open.
				server.closeAllConnections();
			});
		return closed;
	}

	// Each platform names its credentials: the first is its main one, e.g. `lumin`.
	const credentialsByPlatform = platforms.map((platform) => platform.credentials(url));

	return {
		url,
		credentials: Object.assign({}, ...credentialsByPlatform),
		platforms: platforms.map(({ name, displayName, describeData, credentialTitles }, index) => ({
			name,
			displayName,
			data: describeData(),
			credentials: Object.keys(credentialsByPlatform[index]),
			credentialTitles: { ...credentialTitles },
		})),
		requests: requestLog.entries,
		clearRequests: requestLog.clear,
		injectFault: faults.add,
		listFaults: faults.list,
		clearFaults,
		raiseUsage,
		close,
		...Object.fromEntries(platforms.map((platform) => [platform.name, platform.api])),
	};
}

module.exports = { startSandbox };
