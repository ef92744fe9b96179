'use strict';

const { resolveSettings, describeSettings } = require('./stripe/settings');
const { createClock } = require('./stripe/clock');
const { createSearchIndex } = require('./stripe/searchIndex');
const { createLedger } = require('./stripe/ledger');
const { createIdempotencyLayer } = require('./stripe/idempotency');
const { registerStripeRoutes, errorBody, BASE_PATH } = require('./stripe/routes');

// Stripe as the Deliver Invoice Lines node meets it (docs/vendors.md, "Stripe"): draft invoices
// and invoice items, lists, a lagging search, the idempotency layer, on a clock of its own.

function createStripePlatform(options) {
	const settings = resolveSettings(options);
	const clock = createClock(settings.startSeconds);
	let searchLagSeconds = settings.searchLagSeconds;
	const searchIndex = createSearchIndex({ now: clock.now, lagSeconds: () => searchLagSeconds });
	const ledger = createLedger({
		now: clock.now,
		livemode: settings.livemode,
		customers: settings.customers,
		searchIndex,
	});
	const idempotency = createIdempotencyLayer({
		now: clock.now,
		refuse: (status, fields) => ({
			status,
			body: { error: { ...errorBody(status).error, ...fields } },
		}),
	});

	return {
		name: 'stripe',
		displayName: 'Stripe',
		pathPrefix: BASE_PATH,
		errorBody,
		registerRoutes(router) {
			registerStripeRoutes(router, { settings, clock, ledger, searchIndex, idempotency });
		},
		credentials: (url) => ({
			stripe: { platform: 'stripe', baseUrl: `${url}${BASE_PATH}`, token: settings.secretKey },
			stripeRestricted: {
				platform: 'stripe',
				baseUrl: `${url}${BASE_PATH}`,
				token: settings.restrictedKey,
			},
		}),
		credentialTitles: { stripeRestricted: 'or with a restricted key:' },
		describeData: () =>
			`invoices and invoice items (empty at start), customers ${settings.customers.join(', ')}, ` +
			`Stripe-Version ${settings.apiVersion}, clock at ${clock.describe().now}`,
		resetFaults() {},
		api: {
			settings: describeSettings(settings),
			/** The sandbox clock: { now, unix }; set({ to }) or advance(seconds). */
			clock: {
				now: clock.describe,
				set: (to) => clock.change({ to }),
				advance: (advanceSeconds) => clock.change({ advanceSeconds }),
			},
			setSearchLag(seconds) {
				if (!Number.isSafeInteger(seconds) || seconds < 0) {
					throw new TypeError('The search lag is a whole number of seconds, 0 or more');
				}
				searchLagSeconds = seconds;
			},
			/** What Stripe holds: invoices (oldest first, deleted ones gone) and invoice items. */
			invoices: () => structuredClone(ledger.invoices()),
			invoiceItems: () => structuredClone(ledger.items()),
			/** The idempotency keys remembered now: { key, endpoint, savedAt, inFlight }. */
			idempotencyKeys: idempotency.describe,
		},
	};
}

module.exports = { createStripePlatform };
