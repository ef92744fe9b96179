// Deliver Invoice Lines in real n8n 2.41.1 (one user folder): the monthly billing example, its
// Rate Lines 'What Each Customer Pays' with Output Invoices, followed by Deliver Invoice Lines
// into the sandbox's Stripe. Delivered (1) once, (2) again right after, (3) with Stripe's clock 4
// days later (every idempotency key forgotten), (5) with n8n killed (SIGKILL) once half of the
// item creates are in the sandbox's log, the last of them committed but its answer dropped, then
// run again; (6) with one figure corrected, (7) with a rate card that changes one customer's
// amounts, (8) after (6), its draft deleted, within 24 h of sandbox time. Each case asserts what
// Stripe holds and what was sent (the sandbox's request log), and records both.
//
// Two mappings of the same customers: cases (1)-(3) deliver to `cus_<customer>`; (5)-(8) to
// `cus_rerun<customer>`, units Stripe holds nothing of before (5), so that (5) starts from an
// empty Stripe for its units and (8) runs within 24 h of (5)'s creates (after (3)'s 4 days, the
// keys of (1) are forgotten and generation 1 would be new to Stripe again).
const { N8nInstance } = require('../../harness/n8nInstance');
const { sandboxCredentials, OWNER } = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');
const { expectNoSecretsIn, sandboxSecrets } = require('../secretScan');
const { invoiceIdempotencyKey } = require('../../dist/nodes/Stripe/idempotencyKeys');
const {
	RATE,
	DELIVER,
	baseCard,
	stripeIdOf,
	delivering,
	probeMonth,
	centsOf,
	byEndpoint,
	heldFor: heldUnder,
	amountsByLineId,
} = require('../deliveryWorkflow');

const DAY = 24 * 60 * 60;
const PORT = 15778;

/** The two mappings: each customer's Stripe customer is the prefix and its id's letters and digits. */
const FIRST = 'cus_';
const RERUN = 'cus_rerun';

const usd = (cents) => `${(cents / 100).toFixed(2)} USD`;
const posts = (requests) => requests.filter(({ method }) => method === 'POST');
const itemCreates = (requests) =>
	posts(requests).filter(({ path }) => path === '/stripe/v1/invoiceitems');
const invoiceCreates = (requests) =>
	posts(requests).filter(({ path }) => path === '/stripe/v1/invoices');
const lineIdSent = ({ body }) => new URLSearchParams(body).get('metadata[cb_line_id]');

/** Waits until `condition()` gives something, checking every millisecond, up to a deadline. */
async function until(condition, what, timeoutMs = 5 * 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = condition();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
}

let sandbox;
let n8n;
let customers;
let probeLines;
let WORKFLOWS;
/** Each case's figures: lines handed to Deliver, items created and held, requests by endpoint. */
const figures = {};
let lastRun;

/**
 * The rate cards of (6) and (7): a Restcomm line's markup (one figure of one customer), and every
 * price of a customer with Evo Voice minutes above the minimum and Lumin.ai events (all of its
 * lines), each by a rule for that customer before the example's own.
 */
function changedCards() {
	const corrected = probeLines.find(
		(line) => line.platform === 'Restcomm' && Number(line.cost_amount) >= 1,
	);
	const linesOf = (customer) => probeLines.filter((line) => line.customer === customer);
	const changedCustomer = customers.find(
		(customer) =>
			customer !== corrected?.customer &&
			linesOf(customer).some(
				(line) => line.category === 'ai-minutes' && Number(line.sell_amount) >= 50,
			) &&
			linesOf(customer).some((line) => line.platform === 'Lumin.ai') &&
			!linesOf(customer).some((line) => line.category === 'minimum'),
	);
	if (!corrected || !changedCustomer) throw new Error('the month has no such lines to change');
	const ruleOf = (platform) => baseCard.find((rule) => rule.platform === platform);
	return {
		corrected: { customer: corrected.customer, category: corrected.category },
		changedCustomer,
		correctedCard: [
			{
				...ruleOf('restcomm'),
				category: corrected.category,
				customer: corrected.customer,
				markup: '0.30',
			},
			...baseCard,
		],
		changedCard: [
			{ ...ruleOf('evoVoice'), customer: changedCustomer, unit_price: '0.07' },
			{
				...ruleOf('lumin'),
				customer: changedCustomer,
				tiers: [
					{ up_to: 100, unit_price: '1.10' },
					{ up_to: 250, unit_price: '0.80' },
					{ up_to: null, unit_price: '0.55' },
				],
			},
			...baseCard,
		],
	};
}

let changes;

beforeAll(async () => {
	const invoices = await probeMonth();
	probeLines = invoices.flatMap((invoice) => invoice.lines);
	customers = invoices.map((invoice) => invoice.customer);
	const stripeCustomers = [FIRST, RERUN].flatMap((prefix) =>
		customers.map((customer) => stripeIdOf(prefix, customer)),
	);
	// Each customer its own Stripe customer.
	expect(new Set(stripeCustomers).size).toBe(2 * customers.length);
	changes = changedCards();
	WORKFLOWS = {
		first: delivering({ id: 'deliverMonthly', name: 'Monthly billing, delivered', prefix: FIRST }),
		rerun: delivering({
			id: 'deliverMonthlyRerun',
			name: 'Monthly billing, delivered (rerun mapping)',
			prefix: RERUN,
		}),
		corrected: delivering({
			id: 'deliverMonthlyCorrected',
			name: 'Monthly billing, one figure corrected',
			prefix: RERUN,
			rateCard: changes.correctedCard,
		}),
		rateCardChanged: delivering({
			id: 'deliverMonthlyRateCard',
			name: "Monthly billing, one customer's rate card changed",
			prefix: RERUN,
			rateCard: changes.changedCard,
		}),
	};
	sandbox = await startSandbox({ stripe: { customers: stripeCustomers } });
	n8n = new N8nInstance({ port: PORT });
	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows(Object.values(WORKFLOWS));
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterAll(async () => {
	// The figures of each case, for the closing note: counts only, nothing secret.
	if (Object.keys(figures).length)
		console.log(`Deliver Invoice Lines e2e figures:\n${JSON.stringify(figures, null, 2)}`);
	await n8n?.stop();
	await sandbox?.close();
});

beforeEach(() => {
	sandbox.clearRequests();
	lastRun = undefined;
});

afterEach(() =>
	expectNoSecretsIn(
		[n8n?.log ?? '', JSON.stringify(sandbox.requests), JSON.stringify(lastRun?.run ?? null)],
		sandboxSecrets(sandbox),
	),
);

/** The sandbox's Stripe requests since the test began. */
const stripeRequests = () => sandbox.requests.filter(({ path }) => path.startsWith('/stripe/'));

/** What Stripe holds for a mapping: its invoices and items. */
const heldFor = (prefix) => heldUnder(sandbox, customers, prefix);

/** Runs a workflow in n8n: Rate Lines' invoices and lines, Deliver's Success and Failure. */
async function deliver(workflowId) {
	const result = await n8n.execute(workflowId);
	lastRun = result;
	expect(result.status).toBe('success');
	const invoices = result.outputs(RATE)[0].map(({ json }) => json);
	const [success, failure] = result.outputs(DELIVER).map((items) => items.map(({ json }) => json));
	return { invoices, lines: invoices.flatMap((invoice) => invoice.lines), success, failure };
}

/** A case's figures, as the closing note gives them. */
function record(name, run, prefix, requests = stripeRequests()) {
	const statuses = [...run.success, ...run.failure].reduce(
		(counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
		{},
	);
	const held = heldFor(prefix);
	figures[name] = {
		linesHandedToDeliver: run.lines.length,
		outputs: statuses,
		itemsCreated: itemCreates(requests).filter(({ status }) => status === 200).length,
		stripeHolds: { invoices: held.invoices.length, items: held.items.length },
		requestsByEndpoint: byEndpoint(requests),
	};
}

/** Each output line is its Rate Lines line, in order, with the amount Rate Lines gave it. */
function expectLinesInOrder(run, outputs = run.success) {
	expect(
		outputs.map(({ customer, category, amount_sent }) => [customer, category, amount_sent]),
	).toEqual(
		run.lines.map(({ customer, category, sell_amount }) => [
			customer,
			category,
			centsOf(sell_amount),
		]),
	);
}

let first;
test('(1) delivered once: one draft per customer, exactly one item per line, amounts as Rate Lines gave them', async () => {
	const run = await deliver(WORKFLOWS.first.id);
	first = run;
	record('(1) delivered once', run, FIRST);
	expect(run.failure).toEqual([]);
	expect(run.lines.length).toBeGreaterThan(0);
	expect(run.lines.every((line) => line.sell_currency === 'USD')).toBe(true);
	expect(run.invoices.map((invoice) => invoice.customer)).toEqual(customers);
	expectLinesInOrder(run);
	expect(run.success.every(({ status, livemode }) => status === 'delivered' && !livemode)).toBe(
		true,
	);
	const held = heldFor(FIRST);
	expect(held.invoices).toHaveLength(customers.length);
	expect(
		held.invoices.every((invoice) => invoice.status === 'draft' && !invoice.auto_advance),
	).toBe(true);
	expect(held.items).toHaveLength(run.lines.length);
	// One item per line: each line id once, with the amount that line was sent with.
	expect(amountsByLineId(held.items)).toEqual(
		Object.fromEntries(run.success.map((line) => [line.line_id, line.amount_sent])),
	);
	expect(new Set(held.items.map((item) => item.metadata.cb_line_id)).size).toBe(run.lines.length);
	expect(byEndpoint(stripeRequests())).toEqual({
		'GET /v1/invoices': customers.length,
		'GET /v1/invoiceitems': customers.length,
		'POST /v1/invoices': customers.length,
		'POST /v1/invoiceitems': run.lines.length,
	});
	expect(posts(stripeRequests()).every(({ status }) => status === 200)).toBe(true);
});

test('(2) again right after: 0 POSTs, every line already delivered', async () => {
	const before = heldFor(FIRST);
	const run = await deliver(WORKFLOWS.first.id);
	record('(2) again right after', run, FIRST);
	expect(run.failure).toEqual([]);
	expectLinesInOrder(run);
	expect(run.success.every(({ status }) => status === 'already delivered')).toBe(true);
	expect(posts(stripeRequests())).toEqual([]);
	expect(heldFor(FIRST)).toEqual(before);
});

test("(3) Stripe's clock 4 days later, every idempotency key forgotten: 0 POSTs (read before writing)", async () => {
	sandbox.stripe.clock.advance(4 * DAY);
	expect(sandbox.stripe.idempotencyKeys()).toEqual([]);
	const before = heldFor(FIRST);
	const run = await deliver(WORKFLOWS.first.id);
	record('(3) clock +4 days', run, FIRST);
	expect(run.failure).toEqual([]);
	expect(run.success.every(({ status }) => status === 'already delivered')).toBe(true);
	expect(posts(stripeRequests())).toEqual([]);
	expect(heldFor(FIRST)).toEqual(before);
	expect(amountsByLineId(before.items)).toEqual(
		Object.fromEntries(first.success.map((line) => [line.line_id, line.amount_sent])),
	);
});

let deliveredAt5;
test('(5) n8n killed (SIGKILL) at half of the item creates, the last committed but unanswered; the run again creates exactly the missing items', async () => {
	const lineCount = first.lines.length;
	const half = Math.floor(lineCount / 2);
	expect(heldFor(RERUN).items).toEqual([]);
	sandbox.injectFault({
		platform: 'stripe',
		method: 'POST',
		path: '/stripe/v1/invoiceitems',
		skip: half - 1,
		commitThenDrop: true,
	});
	await n8n.startExecution(WORKFLOWS.rerun.id);
	// The half-th item create committed and its connection dropped: n8n is killed at once.
	await until(() => {
		const creates = itemCreates(stripeRequests());
		return creates.length >= half && creates[half - 1].status === 0;
	}, `${half} item creates, the last dropped`);
	const killed = n8n.kill('SIGKILL');
	const atKill = stripeRequests().map((request) => ({ ...request }));
	await killed;
	const heldAtKill = heldFor(RERUN);
	const killedRequests = stripeRequests().map((request) => ({ ...request }));
	const killedLog = n8n.log;
	// n8n again on the same user folder, before any assertion, so that a failing one here leaves
	// the later cases an n8n to run in.
	await n8n.start();
	await n8n.login(OWNER);
	figures['(5) killed run'] = {
		linesHandedToDeliver: lineCount,
		itemCreatesLogged: itemCreates(killedRequests).length,
		lastItemCreate: `${killedRequests.filter(({ method }) => method === 'POST').at(-1)?.fault}`,
		stripeHolds: { invoices: heldAtKill.invoices.length, items: heldAtKill.items.length },
		requestsByEndpoint: byEndpoint(killedRequests),
	};
	expectNoSecretsIn([killedLog], sandboxSecrets(sandbox));
	const createsAtKill = itemCreates(atKill);
	expect(createsAtKill).toHaveLength(half);
	expect(createsAtKill.at(-1)).toMatchObject({
		status: 0,
		committedStatus: 200,
		fault: 'commitThenDrop',
	});
	// Nothing was written after the dropped create, then or until n8n had exited.
	const dropped = createsAtKill.at(-1).seq;
	expect(posts(killedRequests).filter(({ seq }) => seq > dropped)).toEqual([]);
	expect(heldAtKill.items).toHaveLength(half);

	sandbox.clearRequests();
	const run = await deliver(WORKFLOWS.rerun.id);
	record('(5) run again after the kill', run, RERUN);
	deliveredAt5 = sandbox.stripe.clock.now().unix;
	expect(run.failure).toEqual([]);
	expectLinesInOrder(run);
	const requests = stripeRequests();
	// Exactly the missing items, none of those held at the kill, each line once.
	const heldLineIds = new Set(heldAtKill.items.map((item) => item.metadata.cb_line_id));
	const created = itemCreates(requests);
	expect(created).toHaveLength(lineCount - half);
	expect(created.every(({ status }) => status === 200)).toBe(true);
	expect(created.filter((request) => heldLineIds.has(lineIdSent(request)))).toEqual([]);
	expect(new Set(created.map(lineIdSent)).size).toBe(lineCount - half);
	expect(invoiceCreates(requests)).toHaveLength(customers.length - heldAtKill.invoices.length);
	const held = heldFor(RERUN);
	expect(held.invoices).toHaveLength(customers.length);
	expect(held.items).toHaveLength(lineCount);
	expect(amountsByLineId(held.items)).toEqual(
		Object.fromEntries(run.success.map((line) => [line.line_id, line.amount_sent])),
	);
	expect(run.success.filter(({ status }) => status === 'delivered')).toHaveLength(lineCount - half);
	expect(run.success.filter(({ status }) => status === 'already delivered')).toHaveLength(half);
	// The same lines and amounts as (1) delivered to the first mapping.
	expect(run.success.map((line) => [line.line_id, line.amount_sent])).toEqual(
		first.success.map((line) => [line.line_id, line.amount_sent]),
	);
});

/** The lines of `run` whose amounts differ from (1)'s, as [customer, category]. */
const changedLines = (run) =>
	run.lines
		.filter((line, index) => centsOf(line.sell_amount) !== centsOf(first.lines[index].sell_amount))
		.map(({ customer, category }) => [customer, category]);

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A changed unit's lines, all on Failure in their order, each naming every line whose amount
 * Stripe holds differs (the amount held and the amount now) and the way to redeliver. Returns the
 * lines whose amounts differ.
 */
function expectRefusedWithAmounts(run, customer, heldBefore) {
	const lines = run.lines.filter((line) => line.customer === customer);
	expect(run.failure.map((one) => [one.customer, one.category])).toEqual(
		lines.map((line) => [line.customer, line.category]),
	);
	const held = amountsByLineId(heldBefore.items);
	const differing = run.failure.filter((one) => held[one.line_id] !== one.amount_sent);
	expect(differing.length).toBeGreaterThan(0);
	for (const [index, one] of run.failure.entries()) {
		expect(one).toMatchObject({
			status: 'not delivered',
			amount_sent: centsOf(lines[index].sell_amount),
			stripe_invoice_item_id: null,
		});
		for (const line of differing)
			expect(one.error_message).toMatch(
				new RegExp(
					`Line ${escaped(line.line_id)}: Stripe holds ${escaped(usd(held[line.line_id]))} \\(item \\w+ on in_\\w+\\), the line now says ${escaped(usd(line.amount_sent))}\\.`,
				),
			);
		expect(one.error_message).toMatch(/delete the draft in_\w+ in Stripe, then run again/);
	}
	return differing;
}

let draftOf6;
test('(6) one figure corrected: nothing created for that invoice, its lines on Failure with the amount held and now; the other invoices untouched', async () => {
	const before = heldFor(RERUN);
	const run = await deliver(WORKFLOWS.corrected.id);
	record('(6) one figure corrected', run, RERUN);
	expect(changedLines(run)).toEqual([[changes.corrected.customer, changes.corrected.category]]);
	expect(posts(stripeRequests())).toEqual([]);
	expect(heldFor(RERUN)).toEqual(before);
	expect(expectRefusedWithAmounts(run, changes.corrected.customer, before)).toHaveLength(1);
	expect(run.success.every(({ status }) => status === 'already delivered')).toBe(true);
	expect(run.success).toHaveLength(run.lines.length - run.failure.length);
	const customerId = stripeIdOf(RERUN, changes.corrected.customer);
	[draftOf6] = before.invoices.filter((invoice) => invoice.customer === customerId);
});

test("(7) a rate card that changes one customer's amounts: nothing created for that invoice, its lines on Failure; the others untouched", async () => {
	const before = heldFor(RERUN);
	const run = await deliver(WORKFLOWS.rateCardChanged.id);
	record("(7) one customer's rate card changed", run, RERUN);
	const changed = changedLines(run);
	expect(changed.length).toBeGreaterThan(1);
	expect(changed.every(([customer]) => customer === changes.changedCustomer)).toBe(true);
	expect(posts(stripeRequests())).toEqual([]);
	expect(heldFor(RERUN)).toEqual(before);
	expect(expectRefusedWithAmounts(run, changes.changedCustomer, before)).toHaveLength(
		changed.length,
	);
	expect(run.success.every(({ status }) => status === 'already delivered')).toBe(true);
	expect(run.success).toHaveLength(run.lines.length - run.failure.length);
});

test("(8) after (6), its draft deleted, within 24 h of (5)'s creates: one new invoice with the corrected lines, generation-2 keys, no second invoice", async () => {
	expect(draftOf6).toBeDefined();
	expect(sandbox.stripe.clock.now().unix - deliveredAt5).toBeLessThan(DAY);
	const { token, baseUrl } = sandbox.credentials.stripe;
	const deleted = await fetch(`${baseUrl}/v1/invoices/${draftOf6.id}`, {
		method: 'DELETE',
		headers: { authorization: `Bearer ${token}` },
	});
	expect(deleted.status).toBe(200);
	sandbox.clearRequests();
	const others = heldFor(RERUN);
	const run = await deliver(WORKFLOWS.corrected.id);
	record('(8) draft deleted, run again', run, RERUN);
	expect(run.failure).toEqual([]);
	expectLinesInOrder(run);
	const customer = changes.corrected.customer;
	expect(
		run.success.filter((line) => line.customer === customer).map(({ status }) => status),
	).toEqual(run.lines.filter((line) => line.customer === customer).map(() => 'delivered'));
	expect(
		run.success
			.filter((line) => line.customer !== customer)
			.every(({ status }) => status === 'already delivered'),
	).toBe(true);
	const customerId = stripeIdOf(RERUN, customer);
	const held = heldFor(RERUN);
	const ofUnit = held.invoices.filter((invoice) => invoice.customer === customerId);
	expect(ofUnit).toHaveLength(1);
	expect(ofUnit[0].id).not.toBe(draftOf6.id);
	expect(ofUnit[0].metadata).toMatchObject({
		cb_unit: draftOf6.metadata.cb_unit,
		cb_generation: '2',
	});
	expect(held.invoices).toHaveLength(customers.length);
	// The new invoice holds the corrected lines; the other invoices are as they were.
	const newItems = held.items.filter((item) => item.invoice === ofUnit[0].id);
	expect(amountsByLineId(newItems)).toEqual(
		Object.fromEntries(
			run.success
				.filter((line) => line.customer === customer)
				.map((line) => [line.line_id, line.amount_sent]),
		),
	);
	expect(held.items.filter((item) => item.invoice !== ofUnit[0].id)).toEqual(others.items);
	const requests = stripeRequests();
	expect(
		invoiceCreates(requests).map(({ headers, status }) => [headers['idempotency-key'], status]),
	).toEqual([
		[invoiceIdempotencyKey(draftOf6.metadata.cb_unit, 1, 1), 400],
		[invoiceIdempotencyKey(draftOf6.metadata.cb_unit, 1, 2), 200],
	]);
	expect(itemCreates(requests)).toHaveLength(newItems.length);
	expect(itemCreates(requests).every(({ status }) => status === 200)).toBe(true);
});
