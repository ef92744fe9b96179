'use strict';

const { STATUS_CODES } = require('http');
const { isPlainObject } = require('./fieldChecks');
const { parseAppointmentRequest } = require('./appointmentRequest');
const { parseUsageReportRequest } = require('./usageReportRequest');
const { REPORT_FILES } = require('./usageCsv');

// IMIASSIST's wire contract is assumed, not documented by the vendor (docs/vendors.md): this
// table is the one place to correct it. Paths are relative to the platform's base path.

const BASE_PATH = '/imiassist';
const ROUTES = {
	signIn: { method: 'POST', path: '/api/v1/auth/login', auth: 'user' },
	issueKeyPair: { method: 'POST', path: '/api/v1/auth/token', auth: 'access token' },
	scheduleAppointment: { method: 'POST', path: '/api/v1/appointments', auth: 'key pair' },
	createUsageReport: { method: 'POST', path: '/api/v1/reports/usage', auth: 'key pair' },
	getTransaction: { method: 'GET', path: '/api/v1/transactions/:transactionId', auth: 'key pair' },
	listTransactions: { method: 'GET', path: '/api/v1/transactions', auth: 'key pair' },
	summaryReport: {
		method: 'GET',
		path: '/api/v1/reports/:transactionId/summary.csv',
		auth: 'key pair',
	},
	detailedReport: {
		method: 'GET',
		path: '/api/v1/reports/:transactionId/detailed.csv',
		auth: 'key pair',
	},
};
const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 100;

/** `Service Unavailable` -> `SERVICE_UNAVAILABLE`: a code for statuses the API has no own for. */
function codeForStatus(status) {
	return (STATUS_CODES[status] || `HTTP ${status}`).toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function errorBody(status, message = STATUS_CODES[status] || `HTTP ${status}`) {
	return { error: { code: codeForStatus(status), message } };
}

function refuse(status, code, message) {
	return { status, body: { error: { code, message } } };
}

function refuseInvalid({ field, message }) {
	const error = { code: 'VALIDATION_ERROR', message };
	if (field) error.field = field;
	return { status: 400, body: { error } };
}

function reportFileName(kind, transaction) {
	return `usage-${kind}-${transaction.transaction_id}.csv`;
}

const refuseKeyPair = () => refuse(401, 'UNAUTHORIZED', 'invalid api key or token');

/** The absolute URL of a route path with its parameters filled in. */
function absoluteUrl(request, path, params) {
	const filled = path.replace(/:(\w+)/g, (_, name) => encodeURIComponent(params[name]));
	// The Host the client used: the URL then works from wherever the client reached us.
	return `http://${request.headers.host || '127.0.0.1'}${BASE_PATH}${filled}`;
}

function createHandlers({ accessTokens, organisation, appointmentBook, usageReports }) {
	const reportUrl = (request) => (transaction, kind) =>
		absoluteUrl(request, ROUTES[`${kind}Report`].path, {
			transactionId: transaction.transaction_id,
		});

	function answerReportFile(kind) {
		return (request) => {
			if (!request.authenticated) return refuseKeyPair();
			const transaction = usageReports.find(request.params.transactionId);
			if (!transaction) return refuse(404, 'NOT_FOUND', 'no such report');
			if (!usageReports.isGenerated(transaction)) {
				return refuse(
					404,
					'NOT_FOUND',
					`the report is not available: its transaction is ${usageReports.statusOf(transaction)}`,
				);
			}
			return {
				status: 200,
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': `attachment; filename="${reportFileName(kind, transaction)}"`,
				},
				body: REPORT_FILES[kind](transaction),
			};
		};
	}

	return {
		signIn(request) {
			const { body } = request;
			if (!isPlainObject(body)) return refuseInvalid({ message: 'the body must be a JSON object' });
			const unknown = Object.keys(body).find((key) => key !== 'email' && key !== 'password');
			if (unknown) return refuseInvalid({ field: unknown, message: `unknown field ${unknown}` });
			for (const field of ['email', 'password']) {
				if (typeof body[field] !== 'string' || body[field] === '') {
					return refuseInvalid({ field, message: `${field} is required` });
				}
			}
			if (!request.authenticated) return refuse(401, 'UNAUTHORIZED', 'invalid e-mail or password');
			return { status: 200, body: accessTokens.signIn() };
		},

		issueKeyPair(request) {
			if (!request.authenticated) {
				return refuse(401, 'UNAUTHORIZED', 'invalid or expired access token');
			}
			return { status: 200, body: accessTokens.issuePair() };
		},

		scheduleAppointment(request) {
			if (!request.authenticated) return refuseKeyPair();
			const parsed = parseAppointmentRequest(request.body, organisation);
			if (parsed.message) return refuseInvalid(parsed);
			const appointment = appointmentBook.schedule(parsed);
			return {
				status: 201,
				body: {
					appointment_id: appointment.appointment_id,
					appointment_uid: appointment.appointment_uid,
					participants: structuredClone(appointment.participants),
				},
			};
		},

		createUsageReport(request) {
			if (!request.authenticated) return refuseKeyPair();
			const parsed = parseUsageReportRequest(request.body, organisation);
			if (parsed.message) return refuseInvalid(parsed);
			const transaction = usageReports.create(parsed, appointmentBook.all());
			return { status: 202, body: { transaction_id: transaction.transaction_id } };
		},

		getTransaction(request) {
			if (!request.authenticated) return refuseKeyPair();
			const transaction = usageReports.poll(request.params.transactionId);
			if (!transaction) return refuse(404, 'NOT_FOUND', 'no such transaction');
			return { status: 200, body: usageReports.describe(transaction, reportUrl(request)) };
		},

		listTransactions(request) {
			if (!request.authenticated) return refuseKeyPair();
			const { limit = String(DEFAULT_LIST_LIMIT) } = request.query;
			const count = /^\d+$/.test(limit) ? Number(limit) : NaN;
			if (!(count >= 1 && count <= MAX_LIST_LIMIT)) {
				return refuseInvalid({
					field: 'limit',
					message: `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}`,
				});
			}
			const items = usageReports
				.latest(count)
				.map((transaction) => usageReports.describe(transaction, reportUrl(request)));
			return { status: 200, body: { items } };
		},

		summaryReport: answerReportFile('summary'),
		detailedReport: answerReportFile('detailed'),
	};
}

/**
 * Registers every route of the table, each with the check its `auth` names; without
 * `transactionList` the list is left out, so that it answers 404 as an unknown path.
 */
function registerImiassistRoutes(router, { accessTokens, transactionList = true, ...stores }) {
	const handlers = createHandlers({ accessTokens, ...stores });
	const authenticators = {
		user: ({ body }) =>
			isPlainObject(body) && accessTokens.isIntegrationUser(body.email, body.password),
		'access token': ({ headers }) => accessTokens.isAccessTokenHeader(headers.authorization),
		'key pair': ({ headers }) => accessTokens.isValidPair(headers.apikey, headers.token),
	};
	for (const [name, { method, path, auth }] of Object.entries(ROUTES)) {
		if (name === 'listTransactions' && !transactionList) continue;
		router.add({
			method,
			path: `${BASE_PATH}${path}`,
			platform: 'imiassist',
			authenticate: authenticators[auth],
			handle: handlers[name],
		});
	}
}

module.exports = { registerImiassistRoutes, errorBody, ROUTES, BASE_PATH };
