'use strict';

const { STATUS_CODES } = require('http');
const { readBasicCredentials } = require('../../basicAuth');
const { parseAiUsageRequest } = require('./aiUsageRequest');
const { buildAiUsageReport } = require('./aiUsageReport');

// Evo Voice's GetAIUsage as the vendor documents it: `All Verbs /ai/usage`, HTTP Basic, role
// SystemAdministrator. Errors take ServiceStack's shape: { responseStatus: { errorCode, ... } }.

const BASE_PATH = '/evovoice';
const AI_USAGE_PATH = '/ai/usage';
// ServiceStack's "All Verbs": every method a client may reasonably send.
const ALL_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REQUIRED_ROLE = 'SystemAdministrator';
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

/** Looks users up by their Basic credentials; user names compare without case, like e-mails. */
function createUserDirectory(users) {
	return function userFor(authorization) {
		const credentials = readBasicCredentials(authorization);
		if (!credentials) return null;
		const userName = credentials.userName.toLowerCase();
		return (
			users.find(
				(user) =>
					user.userName.toLowerCase() === userName && user.password === credentials.password,
			) || null
		);
	};
}

function registerEvoVoiceRoutes(router, { users, customers, dataset, numbersAsStrings }) {
	const userFor = createUserDirectory(users);

	function handleAiUsage(request) {
		const user = request.authenticated && userFor(request.headers.authorization);
		if (!user) {
			return refuse(401, 'Unauthorized', 'Invalid UserName or Password', {
				'www-authenticate': BASIC_CHALLENGE,
			});
		}
		if (!user.roles.includes(REQUIRED_ROLE)) return refuse(403, 'Forbidden', 'Invalid Role');
		const parsed = parseAiUsageRequest(request);
		if (parsed.error) return refuse(400, parsed.error.errorCode, parsed.error.message);
		return {
			status: 200,
			body: buildAiUsageReport({ customers, dataset, numbersAsStrings }, parsed),
		};
	}

	for (const method of ALL_VERBS) {
		router.add({
			method,
			path: `${BASE_PATH}${AI_USAGE_PATH}`,
			platform: 'evoVoice',
			authenticate: ({ headers }) => Boolean(userFor(headers.authorization)),
			handle: handleAiUsage,
		});
	}
}

module.exports = { registerEvoVoiceRoutes, errorBody, BASE_PATH, AI_USAGE_PATH, REQUIRED_ROLE };
