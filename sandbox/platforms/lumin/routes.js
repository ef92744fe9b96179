'use strict';

const { STATUS_CODES } = require('http');
const { parseBillingQuery } = require('./billingQuery');

// Lumin.ai's one route: POST /lumin/billing with a Bearer token; errors are { ok: false, error }.

const BASE_PATH = '/lumin';
const BILLING_PATH = `${BASE_PATH}/billing`;

function errorBody(status, message = STATUS_CODES[status] || `HTTP ${status}`) {
	return { ok: false, error: message };
}

function refuse(status, message) {
	return { status, body: errorBody(status, message) };
}

/** `pages` (createBillingPages) serves the pages and keeps the paging fault state. */
function registerLuminRoutes(router, { token, pages }) {
	function authenticate(request) {
		return request.headers.authorization === `Bearer ${token}`;
	}

	function handleBillingQuery(request) {
		if (!request.authenticated) return refuse(401, 'invalid token');
		const query = parseBillingQuery(request.body);
		if (query.error) return refuse(400, query.error);
		const page = pages.pageOf(request, query);
		if (page.error) return refuse(400, page.error);
		const body =
			page.nextToken === undefined
				? { ok: true, items: page.items }
				: { ok: true, next_token: page.nextToken, items: page.items };
		return { status: 200, body };
	}

	router.add({
		method: 'POST',
		path: BILLING_PATH,
		platform: 'lumin',
		authenticate,
		handle: handleBillingQuery,
		requestFaults: ['replayPage'],
	});
}

module.exports = { registerLuminRoutes, errorBody, BASE_PATH, BILLING_PATH };
