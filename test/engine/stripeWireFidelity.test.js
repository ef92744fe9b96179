// Wire fidelity (issue 47): the requests Deliver Invoice Lines sends to Stripe equal those Stripe's
// official Node client (`stripe`, a dev dependency) sends for the same calls, with the node's key,
// its pinned Stripe-Version and the Idempotency-Key the node used. Both go to the sandbox's Stripe
// and are read from its request log, so both sides are parsed alike. Compared: method, path,
// query (parsed), form body (parsed, as a set of name/value pairs), Stripe-Version,
// Idempotency-Key and the auth scheme. Not compared: user-agent and Stripe's X-Stripe-Client-*
// telemetry headers (the log does not keep them).
const Stripe = require('stripe');
const { invoiceLine } = require('../invoiceLine');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, startScannedSandbox } = require('./engineRun');
const { STRIPE_VERSION } = require('../../dist/nodes/Stripe/stripeRequests');

const CUSTOMER = 'cus_SandboxAcme001';
const MAPPING = `={{ ${JSON.stringify({ AC1: CUSTOMER, AC2: 'cus_SandboxGlobex02' })}[$json.customer] }}`;
const NOVEMBER = {
	start: Date.parse('2026-11-01T00:00:00Z') / 1000,
	end: Date.parse('2026-11-30T23:59:59Z') / 1000,
};

/** One priced line: 100 outbound SMS of November 2026, sold for 0.79 USD. */
const pricedLine = (fields = {}) =>
	invoiceLine({ sell_amount: 0.79, sell_currency: 'USD', ...fields });

/** The node alone on `lines`, under Continue (regular output): [success, failure]. */
async function runNode(sandbox, parameters, lines) {
	const result = await runScanned(
		singleNodeWorkflow('Stripe', {
			type: 'deliverInvoiceLines',
			parameters,
			onError: 'continueRegularOutput',
		}),
		{
			credentials: { commsBillingApi: sandbox.credentials.stripe },
			inputItems: lines.map((json) => ({ json })),
		},
	);
	return result.outputs('Stripe');
}

/**
 * Stripe's client for the sandbox, with the node's key and Stripe-Version. The client has no base
 * path setting (its paths start at /v1/), so its own Node transport is given the sandbox's /stripe
 * prefix; everything else of the request is the client's. No retries: one call, one request.
 */
function stripeClientFor(sandbox) {
	const { token, baseUrl } = sandbox.credentials.stripe;
	const url = new URL(baseUrl);
	const transport = Stripe.createNodeHttpClient();
	const httpClient = Object.create(transport);
	httpClient.makeRequest = (host, port, path, ...rest) =>
		transport.makeRequest(host, port, `${url.pathname}${path}`, ...rest);
	return new Stripe(token, {
		apiVersion: STRIPE_VERSION,
		host: url.hostname,
		port: url.port,
		protocol: url.protocol.replace(':', ''),
		httpClient,
		maxNetworkRetries: 0,
	});
}

/** Name/value pairs, sorted: equal for the same pairs in any order. */
const sortedPairs = (pairs) =>
	pairs
		.map(([name, value]) => [name, String(value)])
		.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));

/** The log's parsed query ({ name: value | [values] }) as pairs. */
const queryPairs = (query) =>
	sortedPairs(
		Object.entries(query ?? {}).flatMap(([name, value]) =>
			[].concat(value).map((one) => [name, one]),
		),
	);

/** A form body as pairs; no body is no pairs. Neither side may send anything but a form. */
function formPairs(body) {
	if (body === null || body === undefined || body === '') return [];
	if (typeof body !== 'string') throw new Error(`not a form body: ${JSON.stringify(body)}`);
	return sortedPairs([...new URLSearchParams(body)]);
}

/** What is compared of a logged request. */
const wireOf = ({ method, path, query, body, auth, headers }) => ({
	method,
	path,
	query: queryPairs(query),
	body: formPairs(body),
	stripeVersion: headers['stripe-version'] ?? null,
	idempotencyKey: headers['idempotency-key'] ?? null,
	auth,
});

/** The one request `call` adds to the sandbox's log; a refusal of it is left to the comparison. */
async function requestOf(sandbox, call) {
	const from = sandbox.requests.length;
	await call().catch((error) => {
		if (!(error instanceof Stripe.errors.StripeError)) throw error;
	});
	const sent = sandbox.requests.slice(from);
	expect(sent).toHaveLength(1);
	return sent[0];
}

/** The node's one logged request matching `method` and `path`. */
function nodeRequest(requests, method, path) {
	const matching = requests.filter((entry) => entry.method === method && entry.path === path);
	expect(matching).toHaveLength(1);
	return matching[0];
}

describe("the node's Stripe requests equal those of Stripe's own Node client", () => {
	let sandbox;
	let stripe;
	let delivered;
	beforeAll(async () => {
		sandbox = await startScannedSandbox();
		stripe = stripeClientFor(sandbox);
		sandbox.clearRequests();
		const [success, failure] = await runNode(
			sandbox,
			{ operation: 'deliver', customerMapping: MAPPING },
			[pricedLine()],
		);
		expect(failure).toEqual([]);
		expect(success).toHaveLength(1);
		delivered = [...sandbox.requests];
	});
	afterAll(async () => await sandbox?.close());

	const heldInvoice = () => sandbox.stripe.invoices().find((one) => one.customer === CUSTOMER);
	const heldItem = () => sandbox.stripe.invoiceItems().find((one) => one.customer === CUSTOMER);

	test('invoice list: GET /v1/invoices, customer and page size', async () => {
		const node = nodeRequest(delivered, 'GET', '/stripe/v1/invoices');
		const client = await requestOf(sandbox, () =>
			stripe.invoices.list({ customer: CUSTOMER, limit: 100 }),
		);
		expect(wireOf(node)).toEqual(wireOf(client));
		expect(wireOf(node).stripeVersion).toBe(STRIPE_VERSION);
	});

	test('invoice create: POST /v1/invoices, the draft parameters and metadata, the same key', async () => {
		const node = nodeRequest(delivered, 'POST', '/stripe/v1/invoices');
		const invoice = heldInvoice();
		const client = await requestOf(sandbox, () =>
			stripe.invoices.create(
				{
					customer: CUSTOMER,
					currency: 'usd',
					auto_advance: false,
					collection_method: 'charge_automatically',
					pending_invoice_items_behavior: 'exclude',
					description: 'Usage 2026-11-01 to 2026-11-30',
					// Opaque strings of the node's (fingerprint, unit, part, its lines and total,
					// generation): taken as Stripe holds them.
					metadata: invoice.metadata,
				},
				{ idempotencyKey: node.headers['idempotency-key'] },
			),
		);
		expect(wireOf(node)).toEqual(wireOf(client));
		// Same key and parameters: Stripe answered the client with the node's invoice.
		expect(client).toMatchObject({ status: 200, replayed: true });
		expect(Object.keys(invoice.metadata).sort()).toEqual([
			'cb_fingerprint',
			'cb_generation',
			'cb_part',
			'cb_part_lines',
			'cb_part_total',
			'cb_unit',
		]);
	});

	test('invoice create with Send Invoice: collection method and days until due', async () => {
		sandbox.clearRequests();
		const [success, failure] = await runNode(
			sandbox,
			{
				operation: 'deliver',
				customerMapping: MAPPING,
				collectionMethod: 'send_invoice',
				daysUntilDue: 14,
			},
			[pricedLine({ customer: 'AC2' })],
		);
		expect(failure).toEqual([]);
		expect(success).toHaveLength(1);
		const node = nodeRequest(sandbox.requests, 'POST', '/stripe/v1/invoices');
		const invoice = sandbox.stripe.invoices().find((one) => one.customer === 'cus_SandboxGlobex02');
		const client = await requestOf(sandbox, () =>
			stripe.invoices.create(
				{
					customer: 'cus_SandboxGlobex02',
					currency: 'usd',
					auto_advance: false,
					collection_method: 'send_invoice',
					days_until_due: 14,
					pending_invoice_items_behavior: 'exclude',
					description: 'Usage 2026-11-01 to 2026-11-30',
					metadata: invoice.metadata,
				},
				{ idempotencyKey: node.headers['idempotency-key'] },
			),
		);
		expect(wireOf(node)).toEqual(wireOf(client));
		expect(client).toMatchObject({ status: 200, replayed: true });
	});

	test('invoice item create: POST /v1/invoiceitems, amount, period and line id, the same key', async () => {
		const node = nodeRequest(delivered, 'POST', '/stripe/v1/invoiceitems');
		const invoice = heldInvoice();
		const client = await requestOf(sandbox, () =>
			stripe.invoiceItems.create(
				{
					customer: CUSTOMER,
					invoice: invoice.id,
					amount: 79,
					currency: 'usd',
					description: 'Outbound SMS (100 messages)',
					period: NOVEMBER,
					// The line id (frozen in the unit tests), taken as Stripe holds it.
					metadata: { cb_line_id: heldItem().metadata.cb_line_id },
				},
				{ idempotencyKey: node.headers['idempotency-key'] },
			),
		);
		expect(wireOf(node)).toEqual(wireOf(client));
		expect(client).toMatchObject({ status: 200, replayed: true });
		expect(sandbox.stripe.invoiceItems()).toHaveLength(2);
	});

	test("invoice item list: GET /v1/invoiceitems, the invoice's items and page size", async () => {
		const node = nodeRequest(delivered, 'GET', '/stripe/v1/invoiceitems');
		const client = await requestOf(sandbox, () =>
			stripe.invoiceItems.list({ invoice: heldInvoice().id, limit: 100 }),
		);
		expect(wireOf(node)).toEqual(wireOf(client));
	});

	test('invoice finalize: POST /v1/invoices/:id/finalize, no parameters, the same key', async () => {
		const { id } = heldInvoice();
		sandbox.clearRequests();
		const [finalized, refused] = await runNode(
			sandbox,
			{ operation: 'finalize', invoiceId: '={{ $json.stripe_invoice_id }}' },
			[{ stripe_invoice_id: id }],
		);
		expect(refused).toEqual([]);
		expect(finalized.map(({ json }) => json.status)).toEqual(['open']);
		const node = nodeRequest(sandbox.requests, 'POST', `/stripe/v1/invoices/${id}/finalize`);
		const client = await requestOf(sandbox, () =>
			stripe.invoices.finalizeInvoice(id, {}, { idempotencyKey: node.headers['idempotency-key'] }),
		);
		expect(wireOf(node)).toEqual(wireOf(client));
		expect(wireOf(node).idempotencyKey).toMatch(/^cb1-fin-/);
		expect(client).toMatchObject({ status: 200, replayed: true });
	});
});
