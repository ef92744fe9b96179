/**
 * Stripe's API paths (docs/vendors.md, "Stripe"): invoices and invoice items, read from their
 * lists (never from search, whose index lags behind a write).
 */
export const STRIPE_PATHS = {
	invoices: '/v1/invoices',
	invoiceItems: '/v1/invoiceitems',
} as const;

/** The credential's test: the lightest authenticated read a key that delivers invoices may make. */
export const STRIPE_TEST_PATH = `${STRIPE_PATHS.invoices}?limit=1`;
