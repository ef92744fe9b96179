'use strict';

const { formatInstant } = require('../instants');
const { resolveSettings, describeSettings } = require('./lumin/settings');
const { createEventDataset, EVENT_TYPE_WEIGHTS } = require('./lumin/eventDataset');
const { createEventLog } = require('./lumin/eventLog');
const { readLuminRaise } = require('./lumin/usageRaise');
const { parseBillingQuery } = require('./lumin/billingQuery');
const { createBillingPages } = require('./lumin/billingPages');
const { registerLuminRoutes, errorBody, BASE_PATH, BILLING_PATH } = require('./lumin/routes');

// Lumin.ai billing events (docs/vendors.md): one POST route answering every billable event in a
// date range, a page at a time.

/** A page's items changed by `change(items)`, when it has any. */
function withItems(reply, change) {
	const items = reply.body && reply.body.items;
	if (!Array.isArray(items) || items.length === 0) return reply;
	return { ...reply, body: { ...reply.body, items: change(items) } };
}

/** The Lumin.ai side of the sandbox: its data, its route and the credential that reaches it. */

function createLuminPlatform(options) {
	const settings = resolveSettings(options);
	const log = createEventLog(createEventDataset(settings));
	const pages = createBillingPages(settings, log);
	let endlessPages = 0;

	return {
		name: 'lumin',
		displayName: 'Lumin.ai',
		pathPrefix: BASE_PATH,
		errorBody,
		registerRoutes(router) {
			registerLuminRoutes(router, { token: settings.token, pages });
		},
		credentials: (url) => ({
			lumin: { platform: 'lumin', baseUrl: `${url}${BILLING_PATH}`, token: settings.token },
		}),
		/** One line for people: what data the sandbox serves. */
		describeData: () =>
			`${settings.eventCount} events from ${formatInstant(settings.fromMicros)} ` +
			`to ${formatInstant(settings.toMicros)}, hosts ${settings.hosts.join(', ')}`,
		/** An endlessPages fault: a page with no events and a token never seen before. */
		endlessPage: () => ({
			status: 200,
			body: { ok: true, next_token: `endless-${++endlessPages}`, items: [] },
		}),
		/** Forgets fault state that outlives a request. */
		resetFaults: pages.resetFaults,
		answerFaults: {
			/** The page's first event listed twice. */
			repeatRecord: (reply) => withItems(reply, (items) => [items[0], ...items]),
			/** The page's first event with a timestamp that is no time. */
			unreadableFigure: (reply) =>
				withItems(reply, ([first, ...rest]) => [{ ...first, timestamp: '1,700,000,000' }, ...rest]),
			/** The page's first event of a type no query asks for. */
			excludedRow: (reply) =>
				withItems(reply, ([first, ...rest]) => [{ ...first, type: 'billing.not-asked' }, ...rest]),
		},
		/** Adds billable events (the spec: lumin/usageRaise.js). */
		raiseUsage(spec) {
			const raise = readLuminRaise(spec, settings);
			const added = log.raise(raise);
			return {
				platform: 'lumin',
				type: raise.kind.type,
				host: raise.kind.host_id,
				count: raise.count,
				timestamp: formatInstant(raise.micros),
				ids: added.map((event) => event.id),
			};
		},
		api: {
			settings: describeSettings(settings),
			/** The events served, generated and raised, in timestamp order. */
			events: log.events,
			eventAt: log.eventIfAny,
		},
	};
}

module.exports = { createLuminPlatform, parseBillingQuery, BILLING_PATH, EVENT_TYPE_WEIGHTS };
