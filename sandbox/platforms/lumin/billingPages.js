'use strict';

const { fingerprintQuery, encodePagingToken, decodePagingToken } = require('../../pagingToken');

// Lumin.ai's paging: pages of at most pageSize events, each naming the next by its next_token.

/**
 * Collects up to pageSize matching events from `position` on. It looks one match ahead, so the
 * last page never carries a token, and each page resumes where the previous one stopped.
 */
function scanPage(log, query, position, pageSize, inclusive) {
	const types = new Set(query.types);
	const items = [];
	let lastPosition = null;
	for (const entry of log.entriesFrom(position)) {
		if (entry.micros > query.endMicros) break;
		const kind = log.kindOf(entry);
		if (!types.has(kind.type) || (query.host !== null && kind.host_id !== query.host)) continue;
		if (items.length === pageSize) {
			return { items, nextPosition: inclusive ? lastPosition : entry.position };
		}
		items.push(log.eventOf(entry));
		lastPosition = entry.position;
	}
	return { items, nextPosition: null };
}

/** `log` (createEventLog) holds the events, generated and raised. */
function createBillingPages(settings, log) {
	// Tokens from another data set (other seed, count, range or hosts) must not be accepted.
	const datasetIdentity = [
		settings.seed,
		settings.eventCount,
		settings.fromMicros,
		settings.toMicros,
		settings.hosts,
	];
	// Set by a repeatToken fault on a first page: the following page then repeats its token.
	let repeatOnNextPage = false;
	// How many pages replayPage faults have replayed: each replay's token carries its number.
	let replays = 0;
	// With numericTokens, the document's unquoted `"next_token": <paging token>` read as a
	// number: each token is a number standing for the text token the sandbox would have sent.
	const numbered = [];
	const onTheWire = (token) => {
		if (!settings.numericTokens || token === undefined) return token;
		numbered.push(token);
		return numbered.length;
	};
	const fromTheWire = (token) =>
		settings.numericTokens && typeof token === 'number' ? numbered[token - 1] : token;

	/** The page a parsed query asks for: { items, nextToken } or { error } for a 400. */
	function pageOf(request, query) {
		const { types, startMicros, endMicros, host, startToken } = query;
		const fingerprint = fingerprintQuery([datasetIdentity, types, startMicros, endMicros, host]);
		const firstPosition = log.firstPositionAtOrAfter(startMicros);
		let position = firstPosition;
		if (startToken !== undefined) {
			const token = decodePagingToken(fromTheWire(startToken));
			if (!token || token.position > log.count()) return { error: 'invalid start_token' };
			if (token.fingerprint !== fingerprint) {
				return { error: 'start_token belongs to another query' };
			}
			position = token.position;
		}
		const scanFrom = (from) =>
			scanPage(log, query, from, settings.pageSize, settings.inclusiveTokens);
		// A replayPage fault: the query's first page again, under a fresh token to this request's.
		if (request.fault && request.fault.replayPage) {
			replays += 1;
			return {
				items: scanFrom(firstPosition).items,
				nextToken: onTheWire(encodePagingToken(position, fingerprint, replays)),
			};
		}
		const page = scanFrom(position);
		let nextToken =
			page.nextPosition === null ? undefined : encodePagingToken(page.nextPosition, fingerprint);
		const repeatRequested = Boolean(request.fault && request.fault.repeatToken);
		if (startToken === undefined) {
			if (repeatRequested && nextToken !== undefined) repeatOnNextPage = true;
		} else if (repeatRequested || repeatOnNextPage) {
			repeatOnNextPage = false;
			nextToken = startToken;
		}
		return {
			items: page.items,
			nextToken: nextToken === startToken ? nextToken : onTheWire(nextToken),
		};
	}

	return {
		pageOf,
		resetFaults() {
			repeatOnNextPage = false;
		},
	};
}

module.exports = { createBillingPages };
