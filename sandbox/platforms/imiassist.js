'use strict';

const { CONTROL_PREFIX } = require('../controlRoutes');
const { resolveSettings } = require('./imiassist/settings');
const { createOrganisation } = require('./imiassist/organisation');
const { createAppointmentBook } = require('./imiassist/appointmentBook');
const { createUsageReports, DEFAULT_FAILURE_MESSAGE } = require('./imiassist/usageReports');
const { createAccessTokens } = require('./imiassist/accessTokens');
const { registerImiassistRoutes, errorBody, BASE_PATH } = require('./imiassist/routes');
const { isPlainObject } = require('./imiassist/fieldChecks');

// IMIASSIST (docs/vendors.md; the wire contract is assumed, not documented by the vendor):
// sign-in and key pairs, scheduling appointments, and usage reports polled through transactions.

/** POST /__sandbox/imiassist/fail-next-report takes an optional { "message" }. */
function failureMessageFrom(body) {
	if (body === null) return { message: DEFAULT_FAILURE_MESSAGE };
	const unknown = isPlainObject(body) && Object.keys(body).find((key) => key !== 'message');
	if (!isPlainObject(body) || unknown) return { error: 'the body must be {"message": "..."}' };
	if (body.message === undefined) return { message: DEFAULT_FAILURE_MESSAGE };
	if (typeof body.message !== 'string' || body.message.trim() === '') {
		return { error: 'message must be a non-empty string' };
	}
	return { message: body.message };
}

function createImiassistPlatform(options) {
	const settings = resolveSettings(options);
	const organisation = createOrganisation(settings);
	const appointmentBook = createAppointmentBook(settings, organisation);
	const usageReports = createUsageReports(settings);
	const accessTokens = createAccessTokens(settings);

	function registerControlRoutes(router) {
		const control = (path, handle) =>
			router.add({
				method: 'POST',
				path: `${CONTROL_PREFIX}${BASE_PATH}${path}`,
				control: true,
				handle,
			});
		control('/revoke-tokens', () => {
			accessTokens.revokeIssuedPairs();
			return { status: 200, body: { ok: true } };
		});
		control('/fail-next-report', ({ body }) => {
			const { message, error } = failureMessageFrom(body);
			if (error) return { status: 400, body: { ok: false, error } };
			usageReports.failNext(message);
			return { status: 200, body: { ok: true, message } };
		});
	}

	return {
		name: 'imiassist',
		displayName: 'IMIASSIST',
		pathPrefix: BASE_PATH,
		errorBody,
		registerRoutes(router) {
			registerImiassistRoutes(router, {
				accessTokens,
				organisation,
				appointmentBook,
				usageReports,
				transactionList: settings.transactionList,
			});
			registerControlRoutes(router);
		},
		/** The static key pair, and the integration user for the Authentication node. */
		credentials: (url) => ({
			imiassist: {
				platform: 'imiassist',
				baseUrl: `${url}${BASE_PATH}`,
				apiKey: settings.apiKey,
				token: settings.token,
			},
			imiassistIntegrationUser: {
				platform: 'imiassist',
				baseUrl: `${url}${BASE_PATH}`,
				userEmail: settings.userEmail,
				userPassword: settings.userPassword,
			},
		}),
		credentialTitles: {
			imiassistIntegrationUser: 'or sign in as the integration user (Authentication node):',
		},
		/** One line for people: what data the sandbox serves. */
		describeData: () =>
			`${settings.appointmentCount} appointments from ${new Date(settings.fromMs).toISOString()} ` +
			`to ${new Date(settings.toMs).toISOString()}, ` +
			`${organisation.departments.length} departments, ` +
			`${organisation.teams.length} teams`,
		/** Forgets fault state that outlives a request: a report failure not yet used. */
		resetFaults: usageReports.clearPendingFailure,
		api: {
			settings: {
				apiKey: settings.apiKey,
				token: settings.token,
				userEmail: settings.userEmail,
				userPassword: settings.userPassword,
				seed: settings.seed,
				appointmentCount: settings.appointmentCount,
				pollsToComplete: settings.pollsToComplete,
				departmentCount: settings.departmentCount,
				teamsPerDepartment: settings.teamsPerDepartment,
				statusInOutputLog: settings.statusInOutputLog,
				statusCase: settings.statusCase,
				outputLogAsText: settings.outputLogAsText,
				finalStatus: settings.finalStatus,
				transactionList: settings.transactionList,
				from: new Date(settings.fromMs).toISOString(),
				to: new Date(settings.toMs).toISOString(),
			},
			departments: Object.freeze([...organisation.departments]),
			teams: Object.freeze(organisation.teams.map((team) => Object.freeze({ ...team }))),
			appointments: appointmentBook.copy,
			transactions: usageReports.copy,
			revokeIssuedTokens: accessTokens.revokeIssuedPairs,
			failNextReport: (message) => usageReports.failNext(message),
		},
	};
}

module.exports = { createImiassistPlatform };
