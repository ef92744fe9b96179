// Deliver Invoice Lines through n8n's engine against the sandbox's Stripe: Rate Lines' Invoices
// delivered once, again, days later, after a dropped connection, with a corrected figure and a
// changed rate card, after the draft was deleted, and by two runs at once. Each case asserts what
// Stripe holds and what was sent (the sandbox's request log).
const { invoiceLine } = require('../invoiceLine');
const { chainWorkflow, singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, startScannedSandbox } = require('./engineRun');
const { invoiceIdempotencyKey } = require('../../dist/nodes/Stripe/idempotencyKeys');
const { STRIPE_VERSION } = require('../../dist/nodes/Stripe/stripeRequests');

const DAY = 24 * 60 * 60;
const STRIPE_OF = {
	AC1: 'cus_SandboxAcme001',
	AC2: 'cus_SandboxGlobex02',
	AC3: 'cus_SandboxInitech3',
};
const MAPPING = `={{ ${JSON.stringify(STRIPE_OF)}[$json.customer] }}`;
const CARD = [{ platform: 'twilio', model: 'cost_plus', markup: '0.2' }];
const CATEGORIES = [
	['sms-outbound', 0.79],
	['calls-outbound', 12.34],
	['sms-inbound', 1.05],
	['mms-outbound', 3.3],
];

/** Four priced-to-be lines per customer, November 2026, USD. */
const monthLines = (changes = {}) =>
	Object.keys(STRIPE_OF).flatMap((customer) =>
		CATEGORIES.map(([category, amount]) =>
			invoiceLine({
				customer,
				category,
				description: category,
				amount: changes[`${customer} ${category}`] ?? amount,
			}),
		),
	);

/** Rate Lines (Invoices) -> Deliver, under Continue (regular output). */
async function rateAndDeliver(
	sandbox,
	{ lines = monthLines(), card = CARD, parameters = {} } = {},
) {
	const result = await runScanned(
		chainWorkflow([
			{
				name: 'Rate',
				type: 'rateLines',
				typeVersion: 2,
				parameters: { rateCardMode: 'json', rateCard: JSON.stringify(card), output: 'invoices' },
			},
			{
				name: 'Deliver',
				type: 'deliverInvoiceLines',
				parameters: { operation: 'deliver', customerMapping: MAPPING, ...parameters },
				onError: 'continueRegularOutput',
			},
		]),
		{
			credentials: { commsBillingApi: sandbox.credentials.stripe },
			inputItems: lines.map((json) => ({ json })),
		},
	);
	const [invoices] = result.outputs('Rate');
	const [success, failure] = result.outputs('Deliver');
	return { result, invoices, success, failure };
}

/** The node alone on `items`, under Continue (regular output). */
async function runNode(sandbox, parameters, items) {
	const result = await runScanned(
		singleNodeWorkflow('Stripe', {
			type: 'deliverInvoiceLines',
			parameters,
			onError: 'continueRegularOutput',
		}),
		{
			credentials: { commsBillingApi: sandbox.credentials.stripe },
			inputItems: items.map((json) => ({ json })),
		},
	);
	return result.outputs('Stripe');
}

/** Requests by endpoint, ids written as :id, e.g. { 'POST /v1/invoiceitems': 12 }. */
const byEndpoint = (requests) =>
	requests.reduce((counts, { method, path }) => {
		const endpoint = `${method} ${path.replace(/^\/stripe/, '').replace(/\/in_[A-Za-z0-9]+/, '/:id')}`;
		return { ...counts, [endpoint]: (counts[endpoint] ?? 0) + 1 };
	}, {});
const posts = (requests) => requests.filter(({ method }) => method === 'POST');

/** Each Stripe item by line id, and the lines Rate Lines priced in Stripe's cents. */
const heldByLine = (sandbox) =>
	Object.fromEntries(
		sandbox.stripe.invoiceItems().map((item) => [item.metadata.cb_line_id, item.amount]),
	);
const centsOf = (invoices) =>
	invoices.flatMap(({ json }) => json.lines).map((line) => Math.round(line.sell_amount * 100));

describe('delivering a month into Stripe, again and again', () => {
	let sandbox;
	beforeAll(async () => (sandbox = await startScannedSandbox()));
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.clearRequests());

	test('(1) delivered once: one draft per customer, one item per line, amounts as Rate Lines priced them', async () => {
		const { invoices, success, failure } = await rateAndDeliver(sandbox);
		expect(failure).toEqual([]);
		expect(success).toHaveLength(12);
		expect(
			success.every(({ json }) => json.status === 'delivered' && json.livemode === false),
		).toBe(true);
		const held = sandbox.stripe.invoiceItems();
		expect(held).toHaveLength(12);
		expect(new Set(held.map((item) => item.metadata.cb_line_id)).size).toBe(12);
		expect(held.map(({ amount }) => amount).sort()).toEqual(centsOf(invoices).sort());
		expect(success.map(({ json }) => json.amount_sent).sort()).toEqual(centsOf(invoices).sort());
		const drafts = sandbox.stripe.invoices();
		expect(drafts).toHaveLength(3);
		for (const draft of drafts) {
			expect(draft).toMatchObject({
				status: 'draft',
				auto_advance: false,
				collection_method: 'charge_automatically',
			});
			expect(draft.metadata).toMatchObject({ cb_part: '1', cb_part_lines: '4' });
			expect(draft.metadata.cb_part_total).toBe(String(draft.total));
		}
		const invoiceCreates = posts(sandbox.requests).filter(
			({ path }) => path === '/stripe/v1/invoices',
		);
		for (const { body } of invoiceCreates)
			expect(new URLSearchParams(body).get('pending_invoice_items_behavior')).toBe('exclude');
		const [item] = held;
		expect(item.period).toEqual({
			start: Date.parse('2026-11-01T00:00:00Z') / 1000,
			end: Date.parse('2026-11-30T23:59:59Z') / 1000,
		});
		expect(item.description).toMatch(/\(100 messages\)$/);
		expect(byEndpoint(sandbox.requests)).toEqual({
			'GET /v1/invoices': 3,
			'GET /v1/invoiceitems': 3,
			'POST /v1/invoices': 3,
			'POST /v1/invoiceitems': 12,
		});
		// Every request pins the Stripe-Version; every create carries a key.
		expect(
			sandbox.requests.every(({ headers }) => headers['stripe-version'] === STRIPE_VERSION),
		).toBe(true);
		expect(
			posts(sandbox.requests).every(({ headers }) =>
				/^cb1-(inv|ii)-/.test(headers['idempotency-key']),
			),
		).toBe(true);
	});

	test('(2) again right after: 0 POSTs, every line already delivered', async () => {
		const { success, failure } = await rateAndDeliver(sandbox);
		expect(failure).toEqual([]);
		expect(success.map(({ json }) => json.status)).toEqual(Array(12).fill('already delivered'));
		expect(posts(sandbox.requests)).toEqual([]);
		expect(sandbox.stripe.invoiceItems()).toHaveLength(12);
	});

	test('(3) four days later, every idempotency key forgotten: still 0 POSTs (read before writing)', async () => {
		sandbox.stripe.clock.advance(4 * DAY);
		expect(sandbox.stripe.idempotencyKeys()).toEqual([]);
		const { success } = await rateAndDeliver(sandbox);
		expect(success.map(({ json }) => json.status)).toEqual(Array(12).fill('already delivered'));
		expect(posts(sandbox.requests)).toEqual([]);
		expect(sandbox.stripe.invoices()).toHaveLength(3);
		expect(sandbox.stripe.invoiceItems()).toHaveLength(12);
	});

	test('Reconcile: one item per invoice, lines and totals equal, nothing written', async () => {
		const { invoices } = await rateAndDeliver(sandbox);
		sandbox.clearRequests();
		const [success, failure] = await runNode(
			sandbox,
			{ operation: 'reconcile', customerMapping: MAPPING },
			invoices.map(({ json }) => json),
		);
		expect(failure).toEqual([]);
		expect(
			success.map(({ json }) => [
				json.lines_expected,
				json.lines_found,
				json.total_expected === json.total_found,
			]),
		).toEqual([
			[4, 4, true],
			[4, 4, true],
			[4, 4, true],
		]);
		expect(posts(sandbox.requests)).toEqual([]);
	});

	let before6;
	test('(6) one figure corrected: nothing written for that customer, its lines to Failure with the amount held and now; the others untouched', async () => {
		before6 = heldByLine(sandbox);
		const { success, failure } = await rateAndDeliver(sandbox, {
			lines: monthLines({ 'AC2 calls-outbound': 15 }),
		});
		expect(posts(sandbox.requests)).toEqual([]);
		expect(heldByLine(sandbox)).toEqual(before6);
		expect(failure).toHaveLength(4);
		expect(
			failure.every(({ json }) => json.customer === 'AC2' && json.status === 'not delivered'),
		).toBe(true);
		const message = failure[0].json.error_message;
		expect(message).toMatch(/Stripe holds 14\.81 USD .* the line now says 18\.00 USD/);
		expect(message).toMatch(/delete the draft in_\w+ in Stripe, then run again/);
		expect(success.map(({ json }) => json.customer).sort()).toEqual([
			...Array(4).fill('AC1'),
			...Array(4).fill('AC3'),
		]);
	});

	test('(7) a rate card that changes one customer: that customer to Failure, nothing written', async () => {
		const { success, failure } = await rateAndDeliver(sandbox, {
			card: [{ platform: 'twilio', customer: 'AC3', model: 'cost_plus', markup: '0.5' }, ...CARD],
		});
		expect(posts(sandbox.requests)).toEqual([]);
		expect(heldByLine(sandbox)).toEqual(before6);
		expect(failure.filter(({ json }) => json.customer === 'AC3')).toHaveLength(4);
		expect(failure.find(({ json }) => json.customer === 'AC3').json.error_message).toMatch(
			/Stripe holds 1\.26 USD .* now says 1\.58 USD/,
		);
		expect(success.filter(({ json }) => json.customer === 'AC1')).toHaveLength(4);
	});

	test('(8) after (6), 4 days after (1) (its keys forgotten), the draft deleted: one new invoice with the corrected lines, no second invoice', async () => {
		const unitKey = JSON.stringify([STRIPE_OF.AC2, '2026-11-01', '2026-11-30', 'usd']);
		const [draft] = sandbox.stripe
			.invoices()
			.filter((invoice) => invoice.customer === STRIPE_OF.AC2);
		const { token, baseUrl } = sandbox.credentials.stripe;
		const deleted = await fetch(`${baseUrl}/v1/invoices/${draft.id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${token}` },
		});
		expect(deleted.status).toBe(200);
		sandbox.clearRequests();
		const { success, failure } = await rateAndDeliver(sandbox, {
			lines: monthLines({ 'AC2 calls-outbound': 15 }),
		});
		expect(failure).toEqual([]);
		expect(
			success.filter(({ json }) => json.customer === 'AC2').map(({ json }) => json.status),
		).toEqual(Array(4).fill('delivered'));
		const ac2 = sandbox.stripe.invoices().filter((invoice) => invoice.customer === STRIPE_OF.AC2);
		expect(ac2).toHaveLength(1);
		expect(
			sandbox.stripe
				.invoiceItems()
				.filter((item) => item.invoice === ac2[0].id)
				.map(({ amount }) => amount)
				.sort(),
		).toEqual([126, 1800, 396, 95].sort());
		const invoiceKeys = posts(sandbox.requests)
			.filter(({ path }) => path === '/stripe/v1/invoices')
			.map(({ headers, status }) => [headers['idempotency-key'], status]);
		// The keys of (1) were forgotten in (3): generation 1 is new to Stripe here.
		expect(invoiceKeys).toEqual([[invoiceIdempotencyKey(unitKey, 1, 1), 200]]);
		expect(sandbox.stripe.invoices()).toHaveLength(3);
	});
});

describe('(8) within 24 hours of the first delivery', () => {
	let sandbox;
	beforeAll(async () => (sandbox = await startScannedSandbox()));
	afterAll(async () => await sandbox.close());

	test('a corrected figure after the draft is deleted: the generation-1 key refused, generation 2 makes one new invoice', async () => {
		await rateAndDeliver(sandbox);
		const corrected = monthLines({ 'AC2 calls-outbound': 15 });
		const refused = await rateAndDeliver(sandbox, { lines: corrected });
		expect(refused.failure).toHaveLength(4);
		const [draft] = sandbox.stripe
			.invoices()
			.filter((invoice) => invoice.customer === STRIPE_OF.AC2);
		const { token, baseUrl } = sandbox.credentials.stripe;
		await fetch(`${baseUrl}/v1/invoices/${draft.id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${token}` },
		});
		sandbox.stripe.clock.advance(2 * 60 * 60);
		sandbox.clearRequests();
		const { success, failure } = await rateAndDeliver(sandbox, { lines: corrected });
		expect(failure).toEqual([]);
		expect(success).toHaveLength(12);
		const unitKey = JSON.stringify([STRIPE_OF.AC2, '2026-11-01', '2026-11-30', 'usd']);
		const invoiceKeys = posts(sandbox.requests)
			.filter(({ path }) => path === '/stripe/v1/invoices')
			.map(({ headers, status }) => [headers['idempotency-key'], status]);
		expect(invoiceKeys).toEqual([
			[invoiceIdempotencyKey(unitKey, 1, 1), 400],
			[invoiceIdempotencyKey(unitKey, 1, 2), 200],
		]);
		const ac2 = sandbox.stripe.invoices().filter((invoice) => invoice.customer === STRIPE_OF.AC2);
		expect(ac2).toHaveLength(1);
		expect(ac2[0].metadata.cb_generation).toBe('2');
		expect(sandbox.stripe.invoiceItems().filter((item) => item.invoice === ac2[0].id)).toHaveLength(
			4,
		);
		expect(byEndpoint(sandbox.requests)['POST /v1/invoiceitems']).toBe(4);
	});

	test('the same lines after that draft is deleted too: generation 1 refused, generation 2 replays a deleted invoice, generation 3 makes it', async () => {
		const lines = monthLines({ 'AC2 calls-outbound': 15 });
		const [draft] = sandbox.stripe
			.invoices()
			.filter((invoice) => invoice.customer === STRIPE_OF.AC2);
		const { token, baseUrl } = sandbox.credentials.stripe;
		await fetch(`${baseUrl}/v1/invoices/${draft.id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${token}` },
		});
		sandbox.clearRequests();
		const { success, failure } = await rateAndDeliver(sandbox, { lines });
		expect(failure).toEqual([]);
		expect(success).toHaveLength(12);
		const invoicePosts = posts(sandbox.requests).filter(
			({ path }) => path === '/stripe/v1/invoices',
		);
		// Generation 1 was first used with the uncorrected lines (refused), generation 2 made the
		// invoice just deleted (replayed, gone), generation 3 makes the new one.
		const unitKey = JSON.stringify([STRIPE_OF.AC2, '2026-11-01', '2026-11-30', 'usd']);
		expect(
			invoicePosts.map(({ headers, replayed, status }) => [
				headers['idempotency-key'],
				status,
				!!replayed,
			]),
		).toEqual([
			[invoiceIdempotencyKey(unitKey, 1, 1), 400, false],
			[invoiceIdempotencyKey(unitKey, 1, 2), 200, true],
			[invoiceIdempotencyKey(unitKey, 1, 3), 200, false],
		]);
		expect(
			sandbox.stripe.invoices().filter((invoice) => invoice.customer === STRIPE_OF.AC2),
		).toHaveLength(1);
	});
});

describe('(5) a create committed but its answer lost, then the run again', () => {
	let sandbox;
	beforeAll(async () => (sandbox = await startScannedSandbox()));
	afterAll(async () => await sandbox.close());

	test('the unit goes to Failure; the re-run creates exactly the missing items, none twice', async () => {
		sandbox.injectFault({
			platform: 'stripe',
			method: 'POST',
			path: '/stripe/v1/invoiceitems',
			skip: 5,
			commitThenDrop: true,
		});
		const first = await rateAndDeliver(sandbox);
		expect(first.failure.map(({ json }) => json.customer)).toEqual(Array(4).fill('AC2'));
		expect(first.failure[0].json.error_message).toMatch(/run the node again/);
		expect(sandbox.stripe.invoiceItems()).toHaveLength(10);
		sandbox.clearRequests();
		const again = await rateAndDeliver(sandbox);
		expect(again.failure).toEqual([]);
		expect(byEndpoint(posts(sandbox.requests))).toEqual({ 'POST /v1/invoiceitems': 2 });
		const held = sandbox.stripe.invoiceItems();
		expect(held).toHaveLength(12);
		expect(new Set(held.map((item) => item.metadata.cb_line_id)).size).toBe(12);
		expect(held.map(({ amount }) => amount).sort()).toEqual(centsOf(again.invoices).sort());
		expect(
			again.success
				.filter(({ json }) => json.customer === 'AC2')
				.map(({ json }) => json.status)
				.sort(),
		).toEqual(['already delivered', 'already delivered', 'delivered', 'delivered']);
	});
});

describe('(4) two runs at once', () => {
	let sandbox;
	beforeAll(async () => (sandbox = await startScannedSandbox()));
	afterAll(async () => await sandbox.close());

	test('the second meets the held invoice create with the same key: 409, then the replay; one invoice', async () => {
		sandbox.injectFault({
			platform: 'stripe',
			method: 'POST',
			path: '/stripe/v1/invoices',
			holdMs: 1500,
		});
		const lines = monthLines().filter((line) => line.customer === 'AC1');
		const [a, b] = await Promise.all([
			rateAndDeliver(sandbox, { lines }),
			rateAndDeliver(sandbox, { lines }),
		]);
		expect([...a.failure, ...b.failure]).toEqual([]);
		expect(sandbox.stripe.invoices()).toHaveLength(1);
		expect(sandbox.stripe.invoiceItems()).toHaveLength(4);
		const invoicePosts = posts(sandbox.requests).filter(
			({ path }) => path === '/stripe/v1/invoices',
		);
		const [key] = new Set(invoicePosts.map(({ headers }) => headers['idempotency-key']));
		expect(invoicePosts.every(({ headers }) => headers['idempotency-key'] === key)).toBe(true);
		expect(invoicePosts[0].fault).toBe('hold 1500ms');
		expect(invoicePosts.some(({ status }) => status === 409)).toBe(true);
		expect(invoicePosts.at(-1)).toMatchObject({ status: 200, replayed: true });
	});
});

describe('a create Stripe answers 429 (rate limited, not carried out)', () => {
	let sandbox;
	beforeAll(async () => (sandbox = await startScannedSandbox()));
	afterAll(async () => await sandbox.close());

	test('waited out and sent again with the same key: each line once, nothing on Failure', async () => {
		sandbox.injectFault({
			platform: 'stripe',
			method: 'POST',
			path: '/stripe/v1/invoiceitems',
			skip: 1,
			times: 2,
			status: 429,
			body: { error: { type: 'invalid_request_error', code: 'rate_limit' } },
		});
		const lines = monthLines().filter((line) => line.customer === 'AC1');
		const run = await rateAndDeliver(sandbox, { lines });
		expect(run.failure).toEqual([]);
		expect(run.success.map(({ json }) => json.status)).toEqual(Array(4).fill('delivered'));
		const itemPosts = posts(sandbox.requests).filter(
			({ path }) => path === '/stripe/v1/invoiceitems',
		);
		expect(itemPosts.map(({ status }) => status)).toEqual([200, 429, 429, 200, 200, 200]);
		const [, limited, again, after] = itemPosts.map(({ headers }) => headers['idempotency-key']);
		expect([limited, again]).toEqual([after, after]);
		const held = sandbox.stripe.invoiceItems();
		expect(held).toHaveLength(4);
		expect(new Set(held.map((item) => item.metadata.cb_line_id)).size).toBe(4);
	});
});

describe('lines refused before any request', () => {
	let sandbox;
	beforeAll(async () => (sandbox = await startScannedSandbox()));
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.clearRequests());

	const priced = (fields) => invoiceLine({ sell_amount: 1.5, sell_currency: 'USD', ...fields });

	test('duplicate line ids, an unmapped customer and an inexact amount: all to Failure, nothing sent', async () => {
		const [success, failure] = await runNode(
			sandbox,
			{ operation: 'deliver', customerMapping: MAPPING },
			[
				priced({}),
				priced({ sell_amount: 2 }),
				priced({ customer: 'AC9' }),
				priced({ customer: 'AC8' }),
				priced({ customer: 'AC3', sell_amount: 10.5, sell_currency: 'JPY' }),
			],
		);
		expect(success).toEqual([]);
		expect(sandbox.requests).toEqual([]);
		const reasons = failure.map(({ json, pairedItem }) => [pairedItem.item, json.error_message]);
		expect(reasons).toEqual([
			[0, expect.stringMatching(/^2 input lines share line id/)],
			[1, expect.stringMatching(/^2 input lines share line id/)],
			[
				2,
				expect.stringMatching(
					/^Customer AC9 maps to no Stripe customer.*Customers without a Stripe customer in this run: AC9, AC8\.$/,
				),
			],
			[3, expect.stringMatching(/^Customer AC8 maps to no Stripe customer/)],
			[4, expect.stringMatching(/10\.5 JPY does not convert exactly/)],
		]);
	});

	test('Finalize: a draft whose items match its metadata is finalized; one that does not is left alone', async () => {
		const { success } = await rateAndDeliver(sandbox, {
			lines: monthLines().filter((line) => line.customer !== 'AC3'),
		});
		const ids = [...new Set(success.map(({ json }) => json.stripe_invoice_id))];
		expect(ids).toHaveLength(2);
		// One draft gains an item no line delivered.
		const { token, baseUrl } = sandbox.credentials.stripe;
		await fetch(`${baseUrl}/v1/invoiceitems`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${token}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams({
				customer: STRIPE_OF.AC2,
				invoice: ids[1],
				amount: '100',
				currency: 'usd',
			}),
		});
		sandbox.clearRequests();
		const [finalized, refused] = await runNode(
			sandbox,
			{ operation: 'finalize', invoiceId: '={{ $json.stripe_invoice_id }}' },
			success.map(({ json }) => json),
		);
		expect(finalized.map(({ json }) => [json.stripe_invoice_id, json.status])).toEqual([
			[ids[0], 'open'],
		]);
		expect(refused.map(({ json }) => json.stripe_invoice_id)).toEqual([ids[1]]);
		expect(refused[0].json.error_message).toMatch(/holds 5 items .* drafted for 4/);
		expect(byEndpoint(posts(sandbox.requests))).toEqual({ 'POST /v1/invoices/:id/finalize': 1 });
	});
});

describe('a unit over 250 lines, and Vendor Amount', () => {
	let sandbox;
	beforeAll(async () => (sandbox = await startScannedSandbox()));
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.clearRequests());

	// 260 lines of one customer and month: more than Stripe's 250 items on one invoice.
	const manyLines = () =>
		Array.from({ length: 260 }, (_, index) =>
			invoiceLine({
				customer: 'AC1',
				category: `sms-outbound-${String(index).padStart(3, '0')}`,
				description: 'sms',
				amount: 0.01 * (index + 1),
			}),
		);

	test('two consecutive parts by line id, 250 and 10 items, each line once; run again, nothing sent', async () => {
		const { invoices, success, failure } = await rateAndDeliver(sandbox, { lines: manyLines() });
		expect(failure).toEqual([]);
		expect(success).toHaveLength(260);
		const drafts = sandbox.stripe.invoices();
		expect(
			drafts.map((draft) => [draft.metadata.cb_part, draft.metadata.cb_part_lines]).sort(),
		).toEqual([
			['1', '250'],
			['2', '10'],
		]);
		// Parts are consecutive by line id: every id of part 1 sorts before every id of part 2.
		const idsOf = (part) =>
			success
				.filter(({ json }) => String(json.part) === part)
				.map(({ json }) => json.line_id)
				.sort();
		expect(idsOf('1').at(-1) < idsOf('2')[0]).toBe(true);
		expect(Object.values(heldByLine(sandbox)).sort((a, b) => a - b)).toEqual(
			centsOf(invoices).sort((a, b) => a - b),
		);
		sandbox.clearRequests();
		const again = await rateAndDeliver(sandbox, { lines: manyLines() });
		expect(again.failure).toEqual([]);
		expect(posts(sandbox.requests)).toEqual([]);
		expect(sandbox.stripe.invoiceItems()).toHaveLength(260);
	});

	test("Vendor Amount sends the line's own amount, not Rate Lines' sell amount", async () => {
		const lines = monthLines().filter((line) => line.customer === 'AC3');
		const { success, failure } = await rateAndDeliver(sandbox, {
			lines,
			parameters: { amountField: 'vendor' },
		});
		expect(failure).toEqual([]);
		expect(success.map(({ json }) => json.amount_sent).sort((a, b) => a - b)).toEqual(
			lines.map((line) => Math.round(line.amount * 100)).sort((a, b) => a - b),
		);
	});
});
