// Lumin.ai Billing Events, run as workflows through n8n's engine against the sandbox.
const { runScanned, startScannedSandbox, useSandbox } = require('./engineRun');
const { singleNodeWorkflow } = require('../../harness/workflows');

const NODE = 'Billing Events';
const FROM = '2026-08-01T00:00:00Z';
const TO = '2026-11-01T00:00:00Z';
const { EVENT_FIELDS } = require('../expectations');
const ALL_TYPES = [
	'billing.scheduled',
	'billing.rescheduled',
	'billing.lead-received',
	'billing.delete',
];

let sandbox;
useSandbox({ lumin: { eventCount: 10_000, from: FROM, to: TO, pageSize: 1000 } }, (started) => {
	sandbox = started;
});

const luminRequests = () => sandbox.requests.filter((entry) => entry.path.startsWith('/lumin'));

/** Every event of the sandbox in the node's range, as the sandbox itself holds them. */
function sandboxEvents({ types = ALL_TYPES, host, start = FROM, end = TO } = {}) {
	const from = Date.parse(start);
	const to = Date.parse(end);
	return [...sandbox.lumin.events()].filter((event) => {
		const at = Date.parse(event.timestamp);
		return (
			types.includes(event.type) && (!host || event.host_id === host) && at >= from && at <= to
		);
	});
}

function billingEvents(parameters, options = {}) {
	return singleNodeWorkflow(NODE, {
		type: 'luminBillingEvents',
		parameters: {
			operation: 'getBillingEvents',
			eventTypes: ALL_TYPES,
			period: 'custom',
			start: FROM,
			end: TO,
			timezone: 'UTC',
			returnAll: true,
			...parameters,
		},
		...options,
	});
}

/**
 * Runs the node; On Error is Continue (regular output) unless given, so that a refusal is a
 * Failure item. Parameter and credential errors are checked under n8n's default, Stop Workflow.
 */
async function run(
	parameters,
	{ credentials = sandbox.credentials.lumin, onError = 'continueRegularOutput', inputItems } = {},
) {
	return await runScanned(billingEvents(parameters, { onError }), {
		credentials: { commsBillingApi: credentials },
		inputItems,
	});
}

describe('Lumin.ai Billing Events through the engine', () => {
	test('fetches 10,000 events at page size 1,000 in exactly 10 sequential requests, each page once, in order', async () => {
		const result = await run({});
		const [success, failure] = result.outputs(NODE);

		const expected = sandboxEvents();
		expect(expected).toHaveLength(10_000);
		expect(failure).toEqual([]);
		expect(success.map((item) => item.json)).toEqual(
			expected.map((event) =>
				Object.fromEntries(EVENT_FIELDS.map((field) => [field, event[field] ?? null])),
			),
		);
		for (const item of success) {
			expect(Object.keys(item.json)).toEqual(EVENT_FIELDS);
			expect(item.pairedItem).toEqual({ item: 0 });
		}

		// Each request carries the token of the page before it, so no page was asked for before
		// the previous one had answered; the chain is replayed here against the sandbox directly.
		const requests = luminRequests();
		expect(requests).toHaveLength(10);
		const replayedTokens = [];
		let token;
		do {
			const response = await fetch(sandbox.credentials.lumin.baseUrl, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${sandbox.credentials.lumin.token}`,
					'Content-Type': 'application/json',
				},
				body: JSON.stringify({ ...requests[0].body, ...(token ? { start_token: token } : {}) }),
			});
			const page = await response.json();
			replayedTokens.push(token);
			token = page.next_token;
		} while (token !== undefined);
		expect(requests.map((entry) => entry.body.start_token)).toEqual(replayedTokens);
		expect(requests[0].body).toEqual({
			type: ALL_TYPES.join(','),
			start: '2026-08-01T00:00:00Z',
			end: '2026-11-01T00:00:00Z',
		});
	});

	test('the credential is decrypted once per item, not once per page', async () => {
		const result = await run({}, { inputItems: [{ json: {} }, { json: {} }] });
		expect(result.outputs(NODE)[0]).toHaveLength(20_000);
		expect(luminRequests()).toHaveLength(20);
		expect(result.credentialsHelper.decryptions).toBe(2);
	});

	test('Limit counts events and stops paging early', async () => {
		const result = await run({ returnAll: false, limit: 1500 });
		const [success] = result.outputs(NODE);
		expect(success.map((item) => item.json.id)).toEqual(
			sandboxEvents()
				.slice(0, 1500)
				.map((event) => event.id),
		);
		expect(luminRequests()).toHaveLength(2);
	});

	test('summary totals equal counts computed from the sandbox data, per host and type, and per day', async () => {
		const expectedTotals = new Map();
		const expectedDaily = new Map();
		const zone = 'America/Los_Angeles';
		const dayIn = (timestamp) =>
			new Intl.DateTimeFormat('en-CA', {
				timeZone: zone,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
			}).format(new Date(timestamp));
		for (const event of sandboxEvents({ types: ['billing.scheduled', 'billing.rescheduled'] })) {
			const total = `${event.host_id}|${event.type}`;
			expectedTotals.set(total, (expectedTotals.get(total) ?? 0) + 1);
			const daily = `${total}|${dayIn(event.timestamp)}`;
			expectedDaily.set(daily, (expectedDaily.get(daily) ?? 0) + 1);
		}

		const totals = await run({
			eventTypes: ['billing.scheduled'],
			customEventTypes: 'billing.rescheduled',
			outputMode: 'summary',
		});
		const [totalRows] = totals.outputs(NODE);
		expect(
			new Map(totalRows.map(({ json }) => [`${json.host_id}|${json.type}`, json.count])),
		).toEqual(expectedTotals);
		expect(Object.keys(totalRows[0].json)).toEqual(['host_id', 'type', 'count']);

		const daily = await run({
			eventTypes: ['billing.scheduled', 'billing.rescheduled'],
			outputMode: 'summary',
			groupByDay: true,
			timezone: zone,
			start: '2026-08-01T00:00:00Z',
			end: '2026-11-01T00:00:00Z',
		});
		const [dailyRows] = daily.outputs(NODE);
		expect(
			new Map(
				dailyRows.map(({ json }) => [`${json.host_id}|${json.type}|${json.date}`, json.count]),
			),
		).toEqual(expectedDaily);
	});

	test('filters by host', async () => {
		const host = sandboxEvents()[0].host_id;
		const result = await run({ host, eventTypes: ['billing.scheduled'] });
		const [success] = result.outputs(NODE);
		expect(success.map((item) => item.json.id)).toEqual(
			sandboxEvents({ types: ['billing.scheduled'], host }).map((event) => event.id),
		);
		expect(luminRequests()[0].body.host).toBe(host);
	});

	test('a 429 with Retry-After: 1 is retried and succeeds', async () => {
		sandbox.injectFault({
			platform: 'lumin',
			status: 429,
			headers: { 'Retry-After': '1' },
			times: 1,
		});
		const result = await run({ returnAll: false, limit: 10 });
		const [success, failure] = result.outputs(NODE);
		expect(failure).toEqual([]);
		expect(success).toHaveLength(10);
		expect(luminRequests().map((entry) => entry.status)).toEqual([429, 200]);
	});

	test('a reset connection is retried and the list completes', async () => {
		sandbox.injectFault({ platform: 'lumin', skip: 1, reset: true, times: 1 });
		const [success, failure] = (await run({ returnAll: false, limit: 1500 })).outputs(NODE);
		expect(failure).toEqual([]);
		expect(success).toHaveLength(1500);
		expect(luminRequests().map((entry) => entry.status)).toEqual([200, 0, 200]);
	});

	test('a read still refused after 4 attempts goes to Failure, saying so', async () => {
		sandbox.injectFault({ platform: 'lumin', status: 503, times: 0 });
		const [success, failure] = (await run({})).outputs(NODE);
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(503);
		expect(failure[0].json.error_message).toMatch(
			/^Lumin\.ai refused the request with HTTP 503.*\(after 4 attempts\)\.$/,
		);
		expect(luminRequests()).toHaveLength(4);
	});

	test('a network failure on every attempt goes to Failure with status 0', async () => {
		sandbox.injectFault({ platform: 'lumin', reset: true, times: 0 });
		const [success, failure] = (await run({})).outputs(NODE);
		expect(success).toEqual([]);
		expect(failure[0].json).toEqual({
			error_message: 'Could not reach Lumin.ai (ECONNRESET) after 4 attempts.',
			response_status_code: 0,
			response_body: null,
		});
		expect(luminRequests()).toHaveLength(4);
	});

	test('a Retry-After over 60 s goes to Failure at once, saying when to retry', async () => {
		sandbox.injectFault({ platform: 'lumin', status: 429, headers: { 'Retry-After': '3600' } });
		const [success, failure] = (await run({})).outputs(NODE);
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(429);
		expect(failure[0].json.error_message).toMatch(
			/^Lumin\.ai asked to wait until \d{4}-\d{2}-\d{2}T[\d:.]+Z \(Retry-After over 60 s\): run the workflow again after that\.$/,
		);
		expect(luminRequests()).toHaveLength(1);
	});

	test('a repeated next_token ends in one Failure item, with the response body, and no Success items', async () => {
		sandbox.injectFault({ platform: 'lumin', repeatToken: true, times: 0 });
		const result = await run({});
		const [success, failure] = result.outputs(NODE);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.error_message).toMatch(/paging token it had already given/);
		expect(failure[0].json.response_status_code).toBe(200);
		expect(failure[0].json.response_body.ok).toBe(true);
		expect(failure[0].pairedItem).toEqual({ item: 0 });
		expect(failure[0].error).toBeUndefined();
	}, 5_000);

	test('a page refused part-way gives one Failure and no Success items', async () => {
		sandbox.injectFault({
			platform: 'lumin',
			skip: 2,
			status: 500,
			body: { ok: false, error: 'backend down' },
		});
		const result = await run({});
		const [success, failure] = result.outputs(NODE);
		expect(success).toEqual([]);
		expect(failure.map((item) => item.json)).toEqual([
			{
				error_message: 'Lumin.ai refused the request with HTTP 500: backend down.',
				response_status_code: 500,
				response_body: { ok: false, error: 'backend down' },
			},
		]);
		expect(luminRequests()).toHaveLength(3);
	});

	test.each([
		['html', { html: true }],
		['malformed JSON', { malformed: true }],
	])('a %s body goes to Failure as not the documented shape', async (_name, fault) => {
		sandbox.injectFault({ platform: 'lumin', ...fault });
		const result = await run({});
		const [success, failure] = result.outputs(NODE);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.error_message).toBe(
			'Lumin.ai answered with a body that is not the documented JSON object.',
		);
		expect(typeof failure[0].json.response_body).toBe('string');
	});

	test('ok: false goes to Failure with the body', async () => {
		sandbox.injectFault({
			platform: 'lumin',
			status: 200,
			body: { ok: false, error: 'quota exceeded' },
		});
		const [success, failure] = (await run({})).outputs(NODE);
		expect(success).toEqual([]);
		expect(failure[0].json).toEqual({
			error_message: 'Lumin.ai did not answer ok: true: quota exceeded.',
			response_status_code: 200,
			response_body: { ok: false, error: 'quota exceeded' },
		});
	});

	test('a wrong token gives a Failure with status 401, and the token appears nowhere', async () => {
		const wrongToken = 'wrong-token-0123456789';
		const result = await run(
			{},
			{ credentials: { ...sandbox.credentials.lumin, token: wrongToken } },
		);
		const [success, failure] = result.outputs(NODE);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.response_status_code).toBe(401);
		expect(failure[0].json.error_message).toMatch(/^Lumin\.ai refused the request with HTTP 401/);
		const everything = JSON.stringify(result.run);
		expect(everything).not.toContain(wrongToken);
		expect(everything).not.toContain(sandbox.credentials.lumin.token);
		expect(luminRequests()).toHaveLength(1);
	});

	test('an invalid date stops the node with an error naming the parameter and item, before any request', async () => {
		const result = await run({ start: 'the first of March' }, { onError: 'stopWorkflow' });
		const error = result.nodeError(NODE);
		expect(error.message).toBe(
			'Invalid parameter "start" in item 0: "the first of March" is not an ISO 8601 date or a date value',
		);
		expect(luminRequests()).toEqual([]);
	});

	test('with On Error: Continue (regular output), a parameter error comes out on Failure in the shape of every Failure', async () => {
		const result = await run(
			{ start: 'the first of March' },
			{ onError: 'continueRegularOutput', inputItems: [{ json: {} }, { json: {} }] },
		);
		const [success, failure] = result.outputs(NODE);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(2);
		failure.forEach((item, index) => {
			expect(item.json).toEqual({
				error_message: `Invalid parameter "start" in item ${index}: "the first of March" is not an ISO 8601 date or a date value`,
				response_status_code: 0,
				response_body: null,
			});
			expect(item.error).toBeUndefined();
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(luminRequests()).toEqual([]);
	});

	test('one Failure shape under Continue (regular output): a refusal, a parameter error and a credential error', async () => {
		const keysOf = async (parameters, credentials) => {
			const result = await run(parameters, { onError: 'continueRegularOutput', credentials });
			const [, [failure]] = result.outputs(NODE);
			expect(failure.error).toBeUndefined();
			return Object.keys(failure.json).sort();
		};
		const shape = ['error_message', 'response_body', 'response_status_code'];
		expect(await keysOf({}, { ...sandbox.credentials.lumin, token: 'wrong-token-000' })).toEqual(
			shape,
		);
		expect(await keysOf({ start: 'nope' })).toEqual(shape);
		expect(await keysOf({}, { ...sandbox.credentials.lumin, platform: 'evoVoice' })).toEqual(shape);
	});

	test('with On Error: error output, n8n moves that error item to its error output', async () => {
		const result = await run({ start: 'the first of March' }, { onError: 'continueErrorOutput' });
		const [success, failure, errors] = result.outputs(NODE);
		expect(success).toEqual([]);
		expect(failure).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toMatch(/^Invalid parameter "start" in item 0/);
	});

	test('API Failure items stay on Failure even with On Error: error output', async () => {
		const result = await run(
			{},
			{
				onError: 'continueErrorOutput',
				credentials: { ...sandbox.credentials.lumin, token: 'nope-nope' },
			},
		);
		const [success, failure, errors] = result.outputs(NODE);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.response_status_code).toBe(401);
		expect(errors).toEqual([]);
	});

	test('a credential of another platform gives a clear error and no request', async () => {
		const result = await run(
			{},
			{
				credentials: { ...sandbox.credentials.lumin, platform: 'evoVoice' },
				onError: 'stopWorkflow',
			},
		);
		expect(result.nodeError(NODE).message).toBe(
			'Credential field "platform" does not fit this node (item 0): it is Evo Voice; this node needs Lumin.ai',
		);
		expect(luminRequests()).toEqual([]);
	});

	test('a secret is never sent over plain http to a non-loopback host', async () => {
		const result = await run(
			{},
			{
				credentials: { ...sandbox.credentials.lumin, baseUrl: 'http://billing.example.com/api' },
				onError: 'stopWorkflow',
			},
		);
		expect(result.nodeError(NODE).message).toBe(
			'Credential field "baseUrl" does not fit this node (item 0): "http://billing.example.com" is not https: secrets are sent over plain http to loopback addresses only',
		);
		expect(luminRequests()).toEqual([]);
	});

	test('a preset period is sent with the zone offset', async () => {
		await run({ period: 'lastMonth', timezone: 'America/Los_Angeles', returnAll: false, limit: 1 });
		const { start, end } = luminRequests()[0].body;
		expect(start).toMatch(/^\d{4}-\d{2}-01T00:00:00-0[78]:00$/);
		expect(end).toMatch(/T23:59:59\.999-0[78]:00$/);
	});

	test('each input item is its own call, with its own outcome', async () => {
		const host = sandboxEvents()[0].host_id;
		const result = await run(
			{ host: '={{ $json.host }}', outputMode: 'summary', eventTypes: ['billing.scheduled'] },
			{ inputItems: [{ json: { host } }, { json: { host: 'no-such-host' } }] },
		);
		const [success] = result.outputs(NODE);
		expect(success.every((item) => item.json.host_id === host && item.pairedItem.item === 0)).toBe(
			true,
		);
		expect(success.reduce((sum, item) => sum + item.json.count, 0)).toBe(
			sandboxEvents({ types: ['billing.scheduled'], host }).length,
		);
		expect(luminRequests().map((entry) => entry.body.host)).toEqual([
			...Array(luminRequests().length - 1).fill(host),
			'no-such-host',
		]);
	});
});

describe('Lumin.ai as its document allows a server to answer', () => {
	test('a numeric next_token continues paging: the whole period, not its first page', async () => {
		const numeric = await startScannedSandbox({
			lumin: { eventCount: 3000, from: FROM, to: TO, pageSize: 1000, numericTokens: true },
		});
		try {
			const result = await runScanned(billingEvents({}), {
				credentials: { commsBillingApi: numeric.credentials.lumin },
			});
			const [success, failure] = result.outputs(NODE);
			expect(failure).toEqual([]);
			expect(success).toHaveLength(3000);
			const tokens = numeric.requests.map((entry) => entry.body.start_token);
			expect(tokens).toEqual([undefined, 1, 2]);
		} finally {
			await numeric.close();
		}
	});

	test.each([[{ page: 2 }], [['t']], ['']])(
		'a next_token of %j is a Failure, nothing partial',
		async (nextToken) => {
			sandbox.injectFault({
				platform: 'lumin',
				status: 200,
				body: { ok: true, next_token: nextToken, items: [sandboxEvents()[0]] },
			});
			const [success, failure] = (await run({})).outputs(NODE);
			expect(success).toEqual([]);
			expect(failure[0].json.error_message).toMatch(
				/^Lumin\.ai answered with a next_token that is neither a token nor the end/,
			);
		},
	);

	test('null next_token is the last page', async () => {
		sandbox.injectFault({
			platform: 'lumin',
			status: 200,
			body: { ok: true, next_token: null, items: [sandboxEvents()[0]] },
		});
		const [success, failure] = (await run({})).outputs(NODE);
		expect(failure).toEqual([]);
		expect(success).toHaveLength(1);
	});

	test.each([[[null]], [['x', 5]], [[[1]]]])(
		'items %j: a Failure item, not a crash',
		async (items) => {
			sandbox.injectFault({ platform: 'lumin', status: 200, body: { ok: true, items } });
			const [success, failure] = (await run({})).outputs(NODE);
			expect(success).toEqual([]);
			expect(failure[0].json.error_message).toBe(
				'Lumin.ai answered with items that are not JSON objects; nothing is returned.',
			);
		},
	);

	test('Summary counts every event of the period, whatever Limit says; Limit is shown for Events only', async () => {
		const result = await run({ outputMode: 'summary', returnAll: false, limit: 50 });
		const [success] = result.outputs(NODE);
		expect(success.reduce((total, item) => total + item.json.count, 0)).toBe(
			sandboxEvents().length,
		);
		const { nodeTypeOf } = require('../../harness/pack');
		const { properties } = nodeTypeOf('luminBillingEvents', 1).description;
		for (const name of ['returnAll', 'limit'])
			expect(
				properties.find((property) => property.name === name).displayOptions.show,
			).toMatchObject({ outputMode: ['events'] });
	});
});

describe('Lumin.ai Invoice Lines: Appointment Deleted events are never billed', () => {
	const DELETE = 'billing.delete';
	const BILLED_TYPES = ALL_TYPES.filter((type) => type !== DELETE);
	const leftOut = (count) =>
		`${count} Appointment Deleted event${count === 1 ? '' : 's'} of this host left out: ` +
		'deleted appointments are not billed';
	const countBy = (events, key) =>
		events.reduce(
			(counts, event) => counts.set(key(event), (counts.get(key(event)) ?? 0) + 1),
			new Map(),
		);
	const quantities = (lines) =>
		new Map(lines.map(({ json }) => [`${json.customer}|${json.category}`, json.quantity]));

	test("with Appointment Deleted chosen: no line of it, the others count the sandbox's events, each line saying how many of its host's deletes were left out", async () => {
		const [lines, failure] = (await run({ outputMode: 'invoiceLines' })).outputs(NODE);
		expect(failure).toEqual([]);
		const deletesByHost = countBy(sandboxEvents({ types: [DELETE] }), (event) => event.host_id);
		expect([...deletesByHost.keys()].sort()).toEqual(sandbox.lumin.settings.hosts);
		expect(lines.map(({ json }) => json.category)).not.toContain(DELETE);
		expect(quantities(lines)).toEqual(
			countBy(sandboxEvents({ types: BILLED_TYPES }), (event) => `${event.host_id}|${event.type}`),
		);
		for (const { json } of lines)
			expect(json.description).toBe(
				`Billable events of type ${json.category} (${leftOut(deletesByHost.get(json.customer))})`,
			);
		// The deletes are read to be counted, page by page like the rest.
		expect(luminRequests()).toHaveLength(10);
		expect(luminRequests()[0].body.type).toBe(ALL_TYPES.join(','));
	});

	test('Events and Summary with the same selection still give the deleted appointments', async () => {
		const deletes = sandboxEvents({ types: [DELETE] });
		const [events] = (await run({ outputMode: 'events' })).outputs(NODE);
		expect(events.filter(({ json }) => json.type === DELETE).map(({ json }) => json.id)).toEqual(
			deletes.map((event) => event.id),
		);
		const [groups] = (await run({ outputMode: 'summary' })).outputs(NODE);
		expect(
			new Map(
				groups
					.filter(({ json }) => json.type === DELETE)
					.map(({ json }) => [json.host_id, json.count]),
			),
		).toEqual(countBy(deletes, (event) => event.host_id));
	});

	/** One page of events of [host, type] pairs, as the sandbox would serve them. */
	const servePage = (kinds) => {
		const [template] = sandboxEvents();
		sandbox.injectFault({
			platform: 'lumin',
			status: 200,
			body: {
				ok: true,
				items: kinds.map(([host, type], index) => ({
					...template,
					id: `event-${index}`,
					host_id: host,
					type,
				})),
			},
		});
	};
	const PAGE = [
		['store-a', 'billing.scheduled'],
		['store-a', 'billing.rescheduled'],
		['store-a', 'billing.scheduled'],
		['store-b', 'billing.scheduled'],
		['store-b', DELETE],
		['store-c', DELETE],
		['store-c', DELETE],
	];
	const linesOf = async (parameters) => {
		const [lines, failure] = (await run({ outputMode: 'invoiceLines', ...parameters })).outputs(
			NODE,
		);
		expect(failure).toEqual([]);
		return lines.map(({ json }) => [json.customer, json.category, json.quantity, json.description]);
	};

	test.each([
		['in the list', { eventTypes: ALL_TYPES }],
		['as a custom type', { eventTypes: BILLED_TYPES, customEventTypes: DELETE }],
	])(
		'chosen %s: 0 and 1 said exactly, and a host with deletes only has no line',
		async (_how, parameters) => {
			servePage(PAGE);
			expect(await linesOf(parameters)).toEqual([
				[
					'store-a',
					'billing.rescheduled',
					1,
					`Billable events of type billing.rescheduled (${leftOut(0)})`,
				],
				[
					'store-a',
					'billing.scheduled',
					2,
					`Billable events of type billing.scheduled (${leftOut(0)})`,
				],
				[
					'store-b',
					'billing.scheduled',
					1,
					`Billable events of type billing.scheduled (${leftOut(1)})`,
				],
			]);
			expect(leftOut(1)).toBe(
				'1 Appointment Deleted event of this host left out: deleted appointments are not billed',
			);
		},
	);

	test('not chosen: nothing said; deletes the server sends anyway are a Failure, the query having excluded them', async () => {
		servePage(PAGE.filter(([, type]) => type !== DELETE));
		const plain = await linesOf({ eventTypes: BILLED_TYPES });
		expect(plain.map(([, , , description]) => description)).toEqual([
			'Billable events of type billing.rescheduled',
			'Billable events of type billing.scheduled',
			'Billable events of type billing.scheduled',
		]);
		servePage(PAGE);
		const [lines, failure] = (
			await run({ outputMode: 'invoiceLines', eventTypes: BILLED_TYPES })
		).outputs(NODE);
		expect(lines).toEqual([]);
		expect(failure[0].json.error_message).toMatch(
			/^Lumin\.ai answered the event "event-4" of type "billing\.delete", which the query did not ask for/,
		);
	});
});

describe('Lumin.ai: messy answers', () => {
	/** A page of events as given, with a next_token when more follow. */
	const page = (items, nextToken) => ({
		platform: 'lumin',
		status: 200,
		body: { ok: true, items, ...(nextToken ? { next_token: nextToken } : {}) },
	});
	let template;
	const event = (id, changes = {}) => {
		template ??= sandboxEvents()[0];
		return { ...template, id, ...changes };
	};
	const outcome = async (parameters) => {
		const [success, failure] = (await run(parameters)).outputs(NODE);
		return { success: success.map(({ json }) => json), failure: failure.map(({ json }) => json) };
	};

	test.each([['events'], ['invoiceLines']])(
		'every page with its first event listed twice: each counted once (%s)',
		async (outputMode) => {
			const parameters = { outputMode, end: '2026-08-20T00:00:00Z' };
			const clean = await outcome(parameters);
			expect(clean.success.length).toBeGreaterThan(0);
			sandbox.injectFault({ platform: 'lumin', repeatRecord: true, times: 0 });
			sandbox.clearRequests();
			expect(await outcome(parameters)).toEqual(clean);
			expect(luminRequests().every((entry) => entry.fault === 'repeatRecord')).toBe(true);
		},
	);

	test('a cursor that includes the last event of the page before: each counted once, nothing lost', async () => {
		const inclusive = await startScannedSandbox({
			lumin: { eventCount: 1000, from: FROM, to: TO, pageSize: 100, inclusiveTokens: true },
		});
		try {
			const credentials = inclusive.credentials.lumin;
			const [events, failure] = (await run({}, { credentials })).outputs(NODE);
			expect(failure).toEqual([]);
			const ids = events.map(({ json }) => json.id);
			expect(ids).toEqual([...inclusive.lumin.events()].map(({ id }) => id));
			// 1,000 events, each page after the first repeating one: 11 pages.
			expect(inclusive.requests.filter((entry) => entry.path.startsWith('/lumin'))).toHaveLength(
				11,
			);
			const [lines] = (await run({ outputMode: 'invoiceLines' }, { credentials })).outputs(NODE);
			expect(lines.reduce((total, { json }) => total + json.quantity, 0)).toBe(
				[...inclusive.lumin.events()].filter(({ type }) => type !== 'billing.delete').length,
			);
		} finally {
			await inclusive.close();
		}
	});

	test('an event listed again on the next page with other contents is a Failure naming it', async () => {
		sandbox.injectFault(page([event('e-1'), event('e-2')], 'next'));
		sandbox.injectFault(page([event('e-2', { host_id: 'store-9' })]));
		const { success, failure } = await outcome({ outputMode: 'invoiceLines' });
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			'Lumin.ai answered the event "e-2" twice with different contents, so which holds cannot be told; nothing is returned.',
		);
	});

	test.each([
		[
			'an event of a type not asked for',
			{ type: 'billing.other' },
			{},
			'the event "e-1" of type "billing.other", which the query did not ask for (it asked for billing.scheduled, billing.rescheduled, billing.lead-received, billing.delete)',
		],
		[
			'an event outside the period',
			{ timestamp: '2026-07-31T23:59:59Z' },
			{},
			`the event "e-1" at 2026-07-31T23:59:59Z, outside the period asked (${FROM} to ${TO})`,
		],
		[
			'an event whose timestamp cannot be read',
			{ timestamp: 'yesterday' },
			{},
			'the event "e-1" with the timestamp "yesterday", which cannot be read, so it cannot be placed in the period',
		],
		[
			'an event of another host',
			{ host_id: 'store-9' },
			{ host: 'store-001' },
			'the event "e-1" of host "store-9", while the query asked for host "store-001"',
		],
	])('%s: a Failure naming it, nothing on Success', async (_what, changes, parameters, what) => {
		for (const outputMode of ['events', 'summary', 'invoiceLines']) {
			sandbox.injectFault(page([event('e-0'), event('e-1', changes)]));
			const { success, failure } = await outcome({ ...parameters, outputMode });
			expect(success).toEqual([]);
			expect(failure[0].error_message).toBe(
				`Lumin.ai answered ${what}: the answer holds what the query excluded, so it cannot be counted; nothing is returned.`,
			);
		}
	});
});
