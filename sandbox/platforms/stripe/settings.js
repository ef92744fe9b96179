'use strict';

// The options of startSandbox({ stripe }) with their defaults, checked once at start.

// The Stripe-Version the flavour models (docs/vendors.md, "Stripe"): answered in the
// Stripe-Version header of a request that sent none, as the account's default would be.
const MODELLED_API_VERSION = '2026-09-30.endive';

const DEFAULT_SETTINGS = {
	// A secret key and a restricted key of a test-mode account; livemode follows the key's mode.
	secretKey: 'sk_test_51SandboxCommsBillingSecretKey0000000000',
	restrictedKey: 'rk_test_51SandboxCommsBillingRestrictedKey00000',
	// The customers that exist; any other `cus_...` is a 400 resource_missing.
	customers: ['cus_SandboxAcme001', 'cus_SandboxGlobex02', 'cus_SandboxInitech3'],
	apiVersion: MODELLED_API_VERSION,
	// Where the sandbox clock starts (ISO 8601 with an offset); it moves only when told to.
	now: '2026-12-01T09:00:00Z',
	// Seconds of sandbox time before a created or changed invoice shows in search ("under normal
	// operating conditions, data is searchable in under 1 minute": docs.stripe.com/search).
	searchLagSeconds: 60,
};
const KEY_TEXT = /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/;
const CUSTOMER_ID = /^cus_[A-Za-z0-9]+$/;
const API_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Unix seconds of an ISO 8601 instant with an offset, or NaN. */
function unixSecondsOf(text) {
	if (typeof text !== 'string' || !ISO_WITH_OFFSET.test(text)) return NaN;
	return Math.floor(Date.parse(text) / 1000);
}

const isLive = (key) => key.includes('_live_');

function resolveSettings(options = {}) {
	const unknown = Object.keys(options).filter((key) => !(key in DEFAULT_SETTINGS));
	if (unknown.length > 0) throw new TypeError(`Unknown stripe options: ${unknown.join(', ')}`);
	const settings = { ...DEFAULT_SETTINGS, ...options };
	for (const key of ['secretKey', 'restrictedKey']) {
		if (typeof settings[key] !== 'string' || !KEY_TEXT.test(settings[key])) {
			throw new TypeError(`stripe.${key} must look like sk_test_... or rk_test_... (or _live_)`);
		}
	}
	if (!settings.secretKey.startsWith('sk_') || !settings.restrictedKey.startsWith('rk_')) {
		throw new TypeError('stripe.secretKey must start with sk_, stripe.restrictedKey with rk_');
	}
	// One account in one mode: both keys are test keys, or both live.
	if (isLive(settings.secretKey) !== isLive(settings.restrictedKey)) {
		throw new TypeError('stripe.secretKey and stripe.restrictedKey must be of the same mode');
	}
	const { customers } = settings;
	const validCustomers =
		Array.isArray(customers) &&
		customers.every((id) => typeof id === 'string' && CUSTOMER_ID.test(id)) &&
		new Set(customers).size === customers.length;
	if (!validCustomers)
		throw new TypeError('stripe.customers must be a list of distinct cus_... ids');
	if (typeof settings.apiVersion !== 'string' || !API_VERSION.test(settings.apiVersion)) {
		throw new TypeError('stripe.apiVersion must be a Stripe API version, e.g. 2026-09-30.endive');
	}
	const startSeconds = unixSecondsOf(settings.now);
	if (Number.isNaN(startSeconds)) {
		throw new TypeError('stripe.now must be an ISO 8601 instant with Z or an offset');
	}
	const lag = settings.searchLagSeconds;
	if (!Number.isSafeInteger(lag) || lag < 0) {
		throw new TypeError('stripe.searchLagSeconds must be a whole number of seconds, 0 or more');
	}
	return {
		...settings,
		customers: [...customers],
		startSeconds,
		livemode: isLive(settings.secretKey),
	};
}

/** The settings as `sandbox.stripe.settings` shows them (the keys are the credential's). */
function describeSettings({ startSeconds, livemode, ...settings }) {
	return { ...settings, customers: [...settings.customers] };
}

module.exports = { resolveSettings, describeSettings, unixSecondsOf, MODELLED_API_VERSION };
