'use strict';

// The Stripe flavour over real HTTP on loopback: what a billing node that must deliver each line
// exactly once meets in Stripe (idempotency keys, drafts, limits, lists, a lagging search) and
// the faults that test it (a request held with its key in flight, a commit whose answer is lost).

const { readReply } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

const VERSION = '2026-09-30.endive';
const DAY = 24 * 60 * 60;
const [ACME, GLOBEX] = ['cus_SandboxAcme001', 'cus_SandboxGlobex02'];

let sandbox;
beforeEach(async () => {
	sandbox = await startSandbox();
});
afterEach(() => sandbox.close());

/** Stripe's form encoding: nested objects as `name[key]=value`. */
function form(params, prefix = '') {
	const pairs = [];
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined) continue;
		const whole = prefix ? `${prefix}[${name}]` : name;
		if (value !== null && typeof value === 'object') pairs.push(...form(value, whole));
		else pairs.push([whole, String(value)]);
	}
	return pairs;
}

/** A request as a Stripe client sends it: Bearer key, Stripe-Version, form body or query. */
async function stripe(method, path, params = {}, { key, idempotencyKey, token } = {}) {
	const credential = sandbox.credentials.stripe;
	const headers = { 'stripe-version': VERSION };
	const secret = token === undefined ? credential.token : token;
	if (secret !== null) headers.authorization = `Bearer ${secret}`;
	if (idempotencyKey ?? key) headers['idempotency-key'] = idempotencyKey ?? key;
	const encoded = new URLSearchParams(form(params)).toString();
	let url = `${credential.baseUrl}/v1${path}`;
	let body;
	if (method === 'POST') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = encoded;
	} else if (encoded) {
		url += `?${encoded}`;
	}
	return await readReply(await fetch(url, { method, headers, body }));
}

const createInvoice = (params = {}, options) =>
	stripe('POST', '/invoices', { customer: ACME, currency: 'eur', ...params }, options);
const createItem = (invoice, params = {}, options) =>
	stripe(
		'POST',
		'/invoiceitems',
		{ customer: invoice.customer, invoice: invoice.id, amount: 1250, ...params },
		options,
	);

function clock(body) {
	return fetch(`${sandbox.url}/__sandbox/stripe/clock`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	}).then(readReply);
}

/** Waits until the sandbox has logged `count` requests (one of them still being answered). */
async function untilLogged(count) {
	while (sandbox.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('sandbox: Stripe authentication', () => {
	test('refuses a wrong or missing key with a 401 in Stripe error shape', async () => {
		const wrong = await createInvoice({}, { token: 'sk_test_51NotTheSandboxKey00001234' });
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({
			error: { type: 'invalid_request_error', message: expect.stringMatching(/Invalid API Key/) },
		});
		expect(wrong.text).not.toContain('NotTheSandboxKey');
		const missing = await stripe('GET', '/invoices', {}, { token: null });
		expect(missing.status).toBe(401);
		expect(missing.json.error.type).toBe('invalid_request_error');
		expect(sandbox.stripe.invoices()).toEqual([]);
	});

	test('takes the secret key and the restricted key; test keys make livemode false', async () => {
		const bySecret = await createInvoice();
		const byRestricted = await createInvoice(
			{},
			{ token: sandbox.credentials.stripeRestricted.token },
		);
		expect([bySecret.status, byRestricted.status]).toEqual([200, 200]);
		expect(sandbox.credentials.stripeRestricted.token).toMatch(/^rk_test_/);
		const item = await createItem(bySecret.json);
		for (const object of [bySecret.json, byRestricted.json, item.json]) {
			expect(object.livemode).toBe(false);
		}
		expect(bySecret.headers.get('stripe-version')).toBe(VERSION);
		expect(bySecret.headers.get('request-id')).toMatch(/^req_/);
	});
});

describe('sandbox: Stripe invoices and invoice items', () => {
	test('creates a draft from a form body and keeps its totals as the sum of its items', async () => {
		const { status, json: invoice } = await createInvoice({
			auto_advance: false,
			collection_method: 'send_invoice',
			days_until_due: 30,
			pending_invoice_items_behavior: 'exclude',
			description: 'November usage',
			metadata: { unit: 'acme-2026-11-eur', lines: '2' },
		});
		expect(status).toBe(200);
		expect(invoice).toMatchObject({
			id: expect.stringMatching(/^in_/),
			object: 'invoice',
			status: 'draft',
			customer: ACME,
			currency: 'eur',
			auto_advance: false,
			collection_method: 'send_invoice',
			days_until_due: 30,
			created: Date.parse('2026-12-01T09:00:00Z') / 1000,
			metadata: { unit: 'acme-2026-11-eur', lines: '2' },
			total: 0,
		});
		const first = await createItem(invoice, {
			amount: 1999,
			description: '1,999 minutes at 1 ct',
			period: { start: 1793491200, end: 1796083199 },
			metadata: { line: 'line-a' },
		});
		const second = await createItem(invoice, {
			amount: undefined,
			unit_amount_decimal: '0.5',
			quantity: 7,
		});
		expect(first.json).toMatchObject({
			id: expect.stringMatching(/^ii_/),
			object: 'invoiceitem',
			amount: 1999,
			currency: 'eur',
			invoice: invoice.id,
			period: { start: 1793491200, end: 1796083199 },
			metadata: { line: 'line-a' },
		});
		expect(second.json).toMatchObject({ amount: 4, quantity: 7 });
		const { json: read } = await stripe('GET', `/invoices/${invoice.id}`);
		expect(read).toMatchObject({ subtotal: 2003, total: 2003, amount_due: 2003 });
		expect(read.lines).toMatchObject({ object: 'list', total_count: 2, has_more: false });
		const lines = await stripe('GET', `/invoices/${invoice.id}/lines`, { limit: 1 });
		expect(lines.json).toMatchObject({ object: 'list', has_more: true });
		expect(lines.json.data[0].parent.invoice_item_details.invoice_item).toBe(first.json.id);
	});

	test('refuses an unknown customer with resource_missing', async () => {
		const { status, json } = await createInvoice({ customer: 'cus_Nobody' });
		expect(status).toBe(400);
		expect(json.error).toMatchObject({
			type: 'invalid_request_error',
			code: 'resource_missing',
			param: 'customer',
		});
	});

	test('adds items only to drafts, in the invoice currency; deletes drafts, voids open ones', async () => {
		const { json: invoice } = await createInvoice();
		const otherCurrency = await createItem(invoice, { currency: 'usd' });
		expect([otherCurrency.status, otherCurrency.json.error.param]).toEqual([400, 'currency']);
		await createItem(invoice);
		expect((await stripe('POST', `/invoices/${invoice.id}/void`)).status).toBe(400);
		const finalized = await stripe('POST', `/invoices/${invoice.id}/finalize`);
		expect(finalized.json).toMatchObject({
			status: 'open',
			number: expect.any(String),
			total: 1250,
		});
		const late = await createItem(invoice);
		expect(late.status).toBe(400);
		expect(late.json.error).toMatchObject({ code: 'invoice_not_editable' });
		expect((await stripe('POST', `/invoices/${invoice.id}/finalize`)).status).toBe(400);
		expect((await stripe('DELETE', `/invoices/${invoice.id}`)).status).toBe(400);
		const voided = await stripe('POST', `/invoices/${invoice.id}/void`);
		expect(voided.json).toMatchObject({ status: 'void', amount_remaining: 0 });

		const { json: draft } = await createInvoice();
		await createItem(draft);
		const deleted = await stripe('DELETE', `/invoices/${draft.id}`);
		expect(deleted.json).toEqual({ id: draft.id, object: 'invoice', deleted: true });
		expect((await stripe('GET', `/invoices/${draft.id}`)).status).toBe(404);
		expect(sandbox.stripe.invoiceItems().map((item) => item.invoice)).toEqual([invoice.id]);
	});

	test('holds at most 250 items on an invoice, as Stripe does', async () => {
		const { json: invoice } = await createInvoice();
		for (let index = 0; index < 250; index += 1) {
			const { status } = await createItem(invoice, { amount: 100 + index });
			expect(status).toBe(200);
		}
		const over = await createItem(invoice);
		expect(over.status).toBe(400);
		expect(over.json.error).toMatchObject({ type: 'invalid_request_error', param: 'invoice' });
		expect(over.json.error.message).toMatch(/250/);
		const { json: read } = await stripe('GET', `/invoices/${invoice.id}`);
		expect(read.total).toBe(250 * 100 + (249 * 250) / 2);
		expect(read.lines.total_count).toBe(250);
	});
});

describe('sandbox: Stripe lists and search', () => {
	test('lists newest first, 100 a page at most, with starting_after and ending_before', async () => {
		const created = [];
		for (let index = 0; index < 7; index += 1) {
			created.push((await createInvoice({ customer: index % 2 ? GLOBEX : ACME })).json.id);
		}
		const newestFirst = [...created].reverse();
		const first = await stripe('GET', '/invoices', { limit: 3 });
		expect(first.json).toMatchObject({ object: 'list', has_more: true, url: '/v1/invoices' });
		expect(first.json.data.map((invoice) => invoice.id)).toEqual(newestFirst.slice(0, 3));
		const seen = [];
		let startingAfter;
		let hasMore = true;
		while (hasMore) {
			const params = { limit: 3, ...(startingAfter ? { starting_after: startingAfter } : {}) };
			const { json } = await stripe('GET', '/invoices', params);
			seen.push(...json.data.map((invoice) => invoice.id));
			hasMore = json.has_more;
			startingAfter = json.data.at(-1).id;
		}
		expect(seen).toEqual(newestFirst);
		const before = await stripe('GET', '/invoices', { limit: 2, ending_before: newestFirst[4] });
		expect(before.json.data.map((invoice) => invoice.id)).toEqual(newestFirst.slice(2, 4));
		const globex = await stripe('GET', '/invoices', { customer: GLOBEX, limit: 100 });
		expect(globex.json.data.map((invoice) => invoice.id)).toEqual(
			newestFirst.filter((id) => created.indexOf(id) % 2 === 1),
		);
		const tooMany = await stripe('GET', '/invoices', { limit: 101 });
		expect([tooMany.status, tooMany.json.error.param]).toEqual([400, 'limit']);
	});

	test('lists invoice items newest first, by invoice', async () => {
		const { json: invoice } = await createInvoice();
		const { json: other } = await createInvoice();
		const ids = [];
		for (let index = 0; index < 4; index += 1) ids.push((await createItem(invoice)).json.id);
		await createItem(other);
		const { json } = await stripe('GET', '/invoiceitems', { invoice: invoice.id, limit: 3 });
		expect(json.data.map((item) => item.id)).toEqual(ids.reverse().slice(0, 3));
		expect(json.has_more).toBe(true);
		const rest = await stripe('GET', '/invoiceitems', {
			invoice: invoice.id,
			starting_after: json.data[2].id,
		});
		expect(rest.json).toMatchObject({ has_more: false, data: [{ id: ids[3] }] });
	});

	test('finds an invoice by search only once the settable lag of sandbox time has passed', async () => {
		sandbox.stripe.setSearchLag(300);
		const { json: invoice } = await createInvoice({ metadata: { unit: 'acme-nov' } });
		const query = { query: "metadata['unit']:'acme-nov'" };
		const ids = async () =>
			(await stripe('GET', '/invoices/search', query)).json.data.map((found) => found.id);
		expect(await ids()).toEqual([]);
		await clock({ advanceSeconds: 299 });
		expect(await ids()).toEqual([]);
		await clock({ advanceSeconds: 1 });
		const { json } = await stripe('GET', '/invoices/search', query);
		expect(json).toMatchObject({ object: 'search_result', has_more: false });
		expect(json.data.map((found) => found.id)).toEqual([invoice.id]);
		// A deletion shows in search only after the lag too.
		await stripe('DELETE', `/invoices/${invoice.id}`);
		expect(await ids()).toEqual([invoice.id]);
		await clock({ advanceSeconds: 300 });
		expect(await ids()).toEqual([]);
	});
});

describe('sandbox: Stripe idempotency keys', () => {
	test('answers a repeated key and parameters with the saved answer, marked replayed', async () => {
		const first = await createInvoice({ metadata: { unit: 'u1' } }, { key: 'cb1-inv-a' });
		const again = await createInvoice({ metadata: { unit: 'u1' } }, { key: 'cb1-inv-a' });
		expect(again.status).toBe(first.status);
		expect(again.json).toEqual(first.json);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		expect(again.headers.get('original-request')).toBe(first.headers.get('request-id'));
		expect(sandbox.stripe.invoices()).toHaveLength(1);
		expect(sandbox.requests.map((entry) => entry.replayed)).toEqual([undefined, true]);
	});

	test('refuses a key used again with other parameters or on another endpoint', async () => {
		const { json: invoice } = await createInvoice({}, { key: 'cb1-inv-b' });
		const changed = await createInvoice({ description: 'corrected' }, { key: 'cb1-inv-b' });
		expect(changed.status).toBe(400);
		expect(changed.json.error).toMatchObject({ type: 'idempotency_error' });
		const elsewhere = await createItem(invoice, {}, { key: 'cb1-inv-b' });
		expect([elsewhere.status, elsewhere.json.error.type]).toEqual([400, 'idempotency_error']);
		expect(sandbox.stripe.invoices()).toHaveLength(1);
		expect(sandbox.stripe.invoiceItems()).toHaveLength(0);
	});

	test('deduplicates nothing else: two keys, or none, make two invoices', async () => {
		await createInvoice({}, { key: 'one' });
		await createInvoice({}, { key: 'two' });
		await createInvoice();
		await createInvoice();
		expect(sandbox.stripe.invoices()).toHaveLength(4);
	});

	test('saves no answer for parameters that fail validation', async () => {
		const invalid = await createInvoice({ days_until_due: 'soon' }, { key: 'cb1-inv-c' });
		expect(invalid.status).toBe(400);
		const valid = await createInvoice({}, { key: 'cb1-inv-c' });
		expect(valid.status).toBe(200);
		expect(valid.headers.get('idempotent-replayed')).toBeNull();
	});

	test('answers 409 to a key whose first request is held, then replays it', async () => {
		sandbox.injectFault({
			platform: 'stripe',
			method: 'POST',
			path: '/stripe/v1/invoices',
			holdMs: 400,
		});
		const held = createInvoice({}, { key: 'cb1-inv-held' });
		await untilLogged(1);
		const concurrent = await createInvoice({}, { key: 'cb1-inv-held' });
		expect(concurrent.status).toBe(409);
		expect(concurrent.json.error).toMatchObject({
			type: 'idempotency_error',
			code: 'idempotency_key_in_use',
		});
		const first = await held;
		expect(first.status).toBe(200);
		const replay = await createInvoice({}, { key: 'cb1-inv-held' });
		expect(replay.json.id).toBe(first.json.id);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(sandbox.stripe.invoices()).toHaveLength(1);
		expect(sandbox.requests.map(({ status, fault }) => [status, fault])).toEqual([
			[200, 'hold 400ms'],
			[409, null],
			[200, null],
		]);
	});

	test('forgets a key 24 hours of sandbox time after its answer', async () => {
		const first = await createInvoice({}, { key: 'cb1-inv-day' });
		sandbox.stripe.clock.advance(DAY - 1);
		const within = await createInvoice({}, { key: 'cb1-inv-day' });
		expect(within.json.id).toBe(first.json.id);
		expect((await clock({ advanceSeconds: 1 })).json.unix).toBe(first.json.created + DAY);
		const after = await createInvoice({}, { key: 'cb1-inv-day' });
		expect(after.headers.get('idempotent-replayed')).toBeNull();
		expect(after.json.id).not.toBe(first.json.id);
		expect(after.json.created).toBe(first.json.created + DAY);
		expect(sandbox.stripe.invoices()).toHaveLength(2);
	});

	test('forgets keys when the clock jumps 4 days, as a month-close run again days later meets', async () => {
		await createInvoice({}, { key: 'cb1-inv-late' });
		expect(sandbox.stripe.idempotencyKeys()).toHaveLength(1);
		const { json } = await clock({ to: '2026-12-05T09:00:00Z' });
		expect(json.now).toBe('2026-12-05T09:00:00.000Z');
		expect(sandbox.stripe.idempotencyKeys()).toEqual([]);
		const bad = await clock({ advanceSeconds: -1 });
		expect(bad.status).toBe(400);
	});
});

describe('sandbox: Stripe faults', () => {
	test('commitThenDrop: the item exists though the connection dropped; its key replays it', async () => {
		const { json: invoice } = await createInvoice();
		sandbox.injectFault({
			platform: 'stripe',
			method: 'POST',
			path: '/stripe/v1/invoiceitems',
			commitThenDrop: true,
		});
		await expect(createItem(invoice, {}, { key: 'cb1-ii-drop' })).rejects.toThrow();
		const [item] = sandbox.stripe.invoiceItems();
		expect(item).toMatchObject({ invoice: invoice.id, amount: 1250 });
		expect(sandbox.requests.at(-1)).toMatchObject({
			status: 0,
			committedStatus: 200,
			fault: 'commitThenDrop',
		});
		const retry = await createItem(invoice, {}, { key: 'cb1-ii-drop' });
		expect(retry.status).toBe(200);
		expect(retry.json.id).toBe(item.id);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(sandbox.stripe.invoiceItems()).toHaveLength(1);
	});
});

describe('sandbox: Stripe request log', () => {
	test("logs every request's Idempotency-Key and Stripe-Version, and never the key", async () => {
		const { json: invoice } = await createInvoice({}, { key: 'cb1-inv-log' });
		await createItem(invoice, {}, { key: 'cb1-ii-log' });
		await stripe('GET', '/invoices', { limit: 1 });
		await createInvoice({}, { token: 'sk_test_51WrongKeyForTheLog000000' });
		expect(sandbox.requests.map((entry) => entry.headers)).toEqual([
			{ 'idempotency-key': 'cb1-inv-log', 'stripe-version': VERSION },
			{ 'idempotency-key': 'cb1-ii-log', 'stripe-version': VERSION },
			{ 'stripe-version': VERSION },
			{ 'stripe-version': VERSION },
		]);
		expect(sandbox.requests.map((entry) => [entry.auth, entry.status])).toEqual([
			['bearer', 200],
			['bearer', 200],
			['bearer', 200],
			['bearer', 401],
		]);
		const served = await (await fetch(`${sandbox.url}/__sandbox/requests`)).text();
		for (const logText of [JSON.stringify(sandbox.requests), served]) {
			expect(logText).not.toContain(sandbox.credentials.stripe.token);
			expect(logText).not.toContain('WrongKeyForTheLog');
		}
	});
});
