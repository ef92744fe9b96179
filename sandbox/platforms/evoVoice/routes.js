'use strict';

const { STATUS_CODES } = require('http');
const { readBasicCredentials } = require('../../basicAuth');
const { parseAiUsageRequest } = require('./aiUsageRequest');
const { buildAiUsageReport } = require('./aiUsageReport');
const { parseCustomersRequest, buildCustomerList } = require('./customerList');

// Evo Voice's GetAIUsage as the vendor documents it: `All Verbs /ai/usage`, role
// SystemAdministrator, and ListCustomers, `GET /customers`, roles SystemAdministrator, Manager or
// Customer; HTTP Basic or the session cookies of ServiceStack's credentials login (as the
// vendor's CLI signs in). Errors take ServiceStack's shape: { responseStatus: { errorCode } }.

const BASE_PATH = '/evovoice';
const AI_USAGE_PATH = '/ai/usage';
const CREDENTIALS_LOGIN_PATH = '/auth/credentials';
const CUSTOMERS_PATH = '/customers';
// ServiceStack's "All Verbs": every method a client may reasonably send.
const ALL_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REQUIRED_ROLE = 'SystemAdministrator';
const CUSTOMER_LIST_ROLES = [REQUIRED_ROLE, 'Manager', 'Customer'];
// ServiceStack names the realm after its Basic auth provider's path.
const BASIC_CHALLENGE = 'Basic realm="/auth/basic"';

/** `Too Many Requests` -> `TooManyRequests`: ServiceStack-like codes for plain statuses. */
function codeForStatus(status) {
	return (STATUS_CODES[status] || `Http${status}`).replace(/[^A-Za-z0-9]+/g, '');
}

function errorBody(status, message = STATUS_CODES[status] || `HTTP ${status}`, errorCode) {
	return { responseStatus: { errorCode: errorCode || codeForStatus(status), message, errors: [] } };
}

function refuse(status, errorCode, message, headers) {
	return { status, headers, body: errorBody(status, message, errorCode) };
}

/** User names compare without case, like e-mails. */
const credentialsMatch = (user, userName, password) =>
	user.userName.toLowerCase() === userName.toLowerCase() && user.password === password;

/** The user of a request: by its Basic credentials, or by the session cookies of a login. */
function createUserDirectory(users, sessions) {
	return function userFor(headers) {
		const credentials = readBasicCredentials(headers.authorization);
		if (credentials) {
			return (
				users.find((user) => credentialsMatch(user, credentials.userName, credentials.password)) ||
				null
			);
		}
		return sessions.userFor(headers.cookie);
	};
}

function registerEvoVoiceRoutes(router, { users, sessions, customers, dataset, settings }) {
	const userFor = createUserDirectory(users, sessions);

	function handleLogin(request) {
		const login = sessions.logIn(request.body);
		if (!login) return refuse(401, 'Unauthorized', 'Invalid Username or Password');
		return { status: 200, headers: { 'set-cookie': login.cookies }, body: login.response };
	}

	router.add({
		method: 'POST',
		path: `${BASE_PATH}${CREDENTIALS_LOGIN_PATH}`,
		platform: 'evoVoice',
		authenticate: () => false,
		handle: handleLogin,
	});

	/** A 401 or 403 for a request whose user does not hold one of `roles`; else null. */
	function refusal(request, roles) {
		const user = request.authenticated && userFor(request.headers);
		if (!user) {
			return refuse(401, 'Unauthorized', 'Invalid UserName or Password', {
				'www-authenticate': BASIC_CHALLENGE,
			});
		}
		if (!roles.some((role) => user.roles.includes(role)))
			return refuse(403, 'Forbidden', 'Invalid Role');
		return null;
	}

	function handleAiUsage(request) {
		const refused = refusal(request, [REQUIRED_ROLE]);
		if (refused) return refused;
		const parsed = parseAiUsageRequest(request);
		if (parsed.error) return refuse(400, parsed.error.errorCode, parsed.error.message);
		// ServiceStack's validation answer for a missing required field.
		const missing = [
			['startDay', 'Start Date'],
			['endDay', 'End Date'],
		].find(([key]) => settings.datesRequired && parsed[key] === null);
		if (missing) return refuse(400, 'NotEmpty', `'${missing[1]}' must not be empty.`);
		return { status: 200, body: buildAiUsageReport({ customers, dataset, settings }, parsed) };
	}

	function handleCustomers(request) {
		const refused = refusal(request, CUSTOMER_LIST_ROLES);
		if (refused) return refused;
		const parsed = parseCustomersRequest(request);
		if (parsed.error) return refuse(400, 'SerializationException', parsed.error);
		return { status: 200, body: buildCustomerList(customers, parsed, settings) };
	}

	router.add({
		method: 'GET',
		path: `${BASE_PATH}${CUSTOMERS_PATH}`,
		platform: 'evoVoice',
		authenticate: ({ headers }) => Boolean(userFor(headers)),
		handle: handleCustomers,
	});

	for (const method of ALL_VERBS) {
		router.add({
			method,
			path: `${BASE_PATH}${AI_USAGE_PATH}`,
			platform: 'evoVoice',
			authenticate: ({ headers }) => Boolean(userFor(headers)),
			handle: handleAiUsage,
		});
	}
}

module.exports = {
	registerEvoVoiceRoutes,
	errorBody,
	credentialsMatch,
	BASE_PATH,
	AI_USAGE_PATH,
	CUSTOMERS_PATH,
	REQUIRED_ROLE,
};
