'use strict';

const { STATUS_CODES } = require('http');
const { readForm, FormError } = require('./formBody');
const { listPage, readLimit, ListError } = require('./listPages');
const { SearchQueryError } = require('./searchIndex');
const { ClockError } = require('./clock');
const { LedgerError } = require('./ledger');
const {
	readInvoiceParameters,
	readInvoiceItemParameters,
	ParameterError,
} = require('./parameters');

// Stripe's invoice and invoice item endpoints under /stripe/v1, authenticated with the secret
// (or restricted) key as a Bearer token, form-encoded, every request through the idempotency
// layer (idempotency.js). Errors are Stripe's: { error: { type, message, code?, param? } }.

const BASE_PATH = '/stripe';
const API_PATH = `${BASE_PATH}/v1`;
const CLOCK_PATH = '/__sandbox/stripe/clock';
const API_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;
// Lines an invoice carries inline; the rest are read from its lines list.
const INLINE_LINES = 10;

function errorBody(status, message = STATUS_CODES[status] || `HTTP ${status}`) {
	return { error: { type: status >= 500 ? 'api_error' : 'invalid_request_error', message } };
}

/** A Stripe error answer: `fields` are the error's members (type defaults by status). */
function refuse(status, fields) {
	return { status, body: { error: { ...errorBody(status).error, ...fields } } };
}

/** The key in a Bearer header, or as the user name of Basic (`curl -u sk_test_...:`). */
function keyOf(authorization = '') {
	const [scheme, value = ''] = authorization.trim().split(/\s+/);
	if (/^bearer$/i.test(scheme)) return value;
	if (/^basic$/i.test(scheme)) return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
	return null;
}

/** A key as Stripe's refusal names it: its prefix and last four characters only. */
function maskKey(key) {
	return key.length > 12
		? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`
		: '****';
}

function registerStripeRoutes(router, { settings, clock, ledger, searchIndex, idempotency }) {
	let requestCount = 0;
	const keys = [settings.secretKey, settings.restrictedKey];
	const authenticate = ({ headers }) => keys.includes(keyOf(headers.authorization));

	const lineOf = (item) => ({
		id: `il_${item.id.slice(3)}`,
		object: 'line_item',
		amount: item.amount,
		currency: item.currency,
		description: item.description,
		invoice: item.invoice,
		livemode: item.livemode,
		metadata: item.metadata,
		parent: {
			type: 'invoice_item_details',
			invoice_item_details: { invoice_item: item.id },
		},
		period: item.period,
		pricing: item.pricing,
		quantity: item.quantity,
	});

	/** An invoice as the API answers it, with its first lines inline (in the order added). */
	function presentInvoice(invoice) {
		const lines = ledger.itemsOf(invoice).map(lineOf);
		return {
			...structuredClone(invoice),
			lines: {
				object: 'list',
				data: lines.slice(0, INLINE_LINES),
				has_more: lines.length > INLINE_LINES,
				total_count: lines.length,
				url: `/v1/invoices/${invoice.id}/lines`,
			},
		};
	}

	/** Form parameters of the body (POST) or query (GET, DELETE), or a refusal. */
	function parametersOf(request) {
		const source = request.method === 'POST' ? request.body : request.query;
		if (request.method === 'POST' && source !== null && typeof source === 'object') {
			return { refusal: refuse(400, { message: 'Stripe takes form-encoded bodies, not JSON.' }) };
		}
		try {
			return {
				params: readForm(
					source === null ? '' : typeof source === 'object' ? source : String(source),
				),
			};
		} catch (error) {
			if (error instanceof FormError) return { refusal: refuse(400, { message: error.message }) };
			throw error;
		}
	}

	/** Turns the errors of the modules below into Stripe's answers; others propagate. */
	function answering(work) {
		try {
			return work();
		} catch (error) {
			const refusals = [ParameterError, ListError, LedgerError];
			if (refusals.some((kind) => error instanceof kind)) {
				return refuse(error.status, error.fields);
			}
			if (error instanceof SearchQueryError) {
				return refuse(400, { param: 'query', message: error.message });
			}
			throw error;
		}
	}

	/**
	 * One endpoint: `read(params)` checks parameters (its refusal is not saved), `run(read)`
	 * answers { status, body }.
	 */
	function endpoint(method, path, read, run) {
		router.add({
			method,
			path: `${API_PATH}${path}`,
			platform: 'stripe',
			authenticate,
			requestFaults: ['holdMs'],
			async handle(request) {
				const requestId = `req_sbx${String(++requestCount).padStart(14, '0')}`;
				const version = request.headers['stripe-version'] ?? settings.apiVersion;
				const reply = await answer(request, requestId, version);
				return {
					...reply,
					headers: { ...reply.headers, 'request-id': requestId, 'stripe-version': version },
				};
			},
		});

		async function answer(request, requestId, version) {
			const key = keyOf(request.headers.authorization);
			if (!request.authenticated) {
				return refuse(401, {
					message: key
						? `Invalid API Key provided: ${maskKey(key)}`
						: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
				});
			}
			if (!API_VERSION.test(version)) {
				return refuse(400, { message: `Invalid Stripe API version: ${version}` });
			}
			const { params, refusal } = parametersOf(request);
			if (refusal) return refusal;
			let checked;
			return await idempotency.run(
				{
					method,
					path: request.path.slice(BASE_PATH.length),
					key: request.headers['idempotency-key'],
					parameters: { params: request.params, form: params },
					requestId,
					holdMs: request.fault && request.fault.holdMs,
					signal: request.signal,
				},
				() =>
					answering(() => {
						checked = read(params, request.params);
						return null;
					}),
				() => answering(() => ({ status: 200, body: run(checked, request.params) })),
			);
		}
	}

	const none = () => null;
	const url = (path) => `/v1${path}`;
	const newestFirst = (objects) => [...objects].reverse();
	const listParameters = (params, known) => {
		const unknown = Object.keys(params).find(
			(name) => ![...known, 'limit', 'starting_after', 'ending_before'].includes(name),
		);
		if (unknown !== undefined) {
			throw new ParameterError({
				code: 'parameter_unknown',
				param: unknown,
				message: `Received unknown parameter: ${unknown}`,
			});
		}
		readLimit(params.limit);
		return params;
	};

	endpoint('POST', '/invoices', readInvoiceParameters, (params) =>
		presentInvoice(ledger.createInvoice(params)),
	);
	endpoint(
		'GET',
		'/invoices',
		(params) => listParameters(params, ['customer', 'status']),
		(params) => {
			const invoices = newestFirst(ledger.invoices()).filter(
				(invoice) =>
					(params.customer === undefined || invoice.customer === params.customer) &&
					(params.status === undefined || invoice.status === params.status),
			);
			const page = listPage(invoices, params, { url: url('/invoices'), noun: 'invoice' });
			return { ...page, data: page.data.map(presentInvoice) };
		},
	);
	endpoint(
		'GET',
		'/invoices/search',
		(params) => {
			readLimit(params.limit);
			return params;
		},
		(params) => {
			const found = searchIndex.search(params.query);
			const offset =
				params.page === undefined ? 0 : Number(/^sbx_page_(\d+)$/.exec(params.page)?.[1]);
			if (!Number.isSafeInteger(offset)) {
				throw new ParameterError({ param: 'page', message: `Invalid page: ${params.page}` });
			}
			const limit = readLimit(params.limit);
			const hasMore = found.length > offset + limit;
			return {
				object: 'search_result',
				url: url('/invoices/search'),
				has_more: hasMore,
				next_page: hasMore ? `sbx_page_${offset + limit}` : null,
				data: found.slice(offset, offset + limit),
			};
		},
	);
	endpoint('GET', '/invoices/:id', none, (_, { id }) => presentInvoice(ledger.invoiceOf(id)));
	endpoint(
		'GET',
		'/invoices/:id/lines',
		(params) => listParameters(params, []),
		(params, { id }) => {
			const lines = ledger.itemsOf(ledger.invoiceOf(id)).map(lineOf);
			return listPage(lines, params, { url: url(`/invoices/${id}/lines`), noun: 'line item' });
		},
	);
	endpoint('POST', '/invoices/:id/finalize', none, (_, { id }) =>
		presentInvoice(ledger.finalizeInvoice(id)),
	);
	endpoint('POST', '/invoices/:id/void', none, (_, { id }) =>
		presentInvoice(ledger.voidInvoice(id)),
	);
	endpoint('DELETE', '/invoices/:id', none, (_, { id }) => ledger.deleteInvoice(id));
	endpoint('POST', '/invoiceitems', readInvoiceItemParameters, (params) =>
		structuredClone(ledger.createInvoiceItem(params)),
	);
	endpoint(
		'GET',
		'/invoiceitems',
		(params) => listParameters(params, ['invoice', 'customer', 'pending']),
		(params) => {
			const items = newestFirst(ledger.items()).filter(
				(item) =>
					(params.invoice === undefined || item.invoice === params.invoice) &&
					(params.customer === undefined || item.customer === params.customer) &&
					(params.pending === undefined || (item.invoice === null) === (params.pending === 'true')),
			);
			const page = listPage(items, params, { url: url('/invoiceitems'), noun: 'invoiceitem' });
			return structuredClone(page);
		},
	);

	// The sandbox clock, for people and for tests that drive n8n: GET it, or POST
	// { "to": ISO 8601 } or { "advanceSeconds": n }. Not logged, never faulted.
	router.add({
		method: 'GET',
		path: CLOCK_PATH,
		control: true,
		handle: () => ({ status: 200, body: clock.describe() }),
	});
	router.add({
		method: 'POST',
		path: CLOCK_PATH,
		control: true,
		handle({ body }) {
			try {
				return { status: 200, body: clock.change(body || {}) };
			} catch (error) {
				if (error instanceof ClockError)
					return { status: 400, body: { ok: false, error: error.message } };
				throw error;
			}
		},
	});
}

module.exports = { registerStripeRoutes, errorBody, BASE_PATH, CLOCK_PATH };
