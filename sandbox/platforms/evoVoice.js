'use strict';

const { resolveSettings, describeSettings } = require('./evoVoice/settings');
const { createAccountDirectory } = require('./evoVoice/accounts');
const { createAiMinutesDataset } = require('./evoVoice/aiMinutes');
const {
	registerEvoVoiceRoutes,
	errorBody,
	BASE_PATH,
	REQUIRED_ROLE,
	credentialsMatch,
} = require('./evoVoice/routes');
const { formatDay } = require('../calendarDays');
const { createSessions } = require('./evoVoice/sessions');
const { readEvoVoiceRaise } = require('./evoVoice/usageRaise');

// Evo Voice (docs/vendors.md): AI minutes per account and customer, readable by a
// SystemAdministrator through GetAIUsage.

// The ids of otherAccount's and otherCustomer's rows: well-formed, and none of the sandbox's
// (accounts run from acct-1001 to acct-1026 at most).
const OTHER_ACCOUNT_ID = 'acct-9999';
const OTHER_CUSTOMER_ID = 'customer-not-asked';

/** An AIUsage answer with its first row of `list` that has minutes changed by `change(row)`. */
function withFirstRow(reply, list, change) {
	const rows = reply.body && reply.body[list];
	const index = Array.isArray(rows) ? rows.findIndex((row) => Number(row.aiMinutes) > 0) : -1;
	if (index === -1) return reply;
	const changed = [...rows.slice(0, index), ...change(rows[index]), ...rows.slice(index + 1)];
	return { ...reply, body: { ...reply.body, [list]: changed } };
}

function createEvoVoicePlatform(options) {
	const settings = resolveSettings(options);
	const directory = createAccountDirectory(settings.accountCount, settings.nestedCustomers);
	// Generated on first use, so that a sandbox started for another platform starts fast.
	let generated = null;
	const dataset = () => {
		generated = generated || createAiMinutesDataset(settings, directory);
		return generated;
	};
	const users = [
		{
			userName: settings.adminUserName,
			password: settings.adminPassword,
			roles: [REQUIRED_ROLE],
		},
		{ userName: settings.agentUserName, password: settings.agentPassword, roles: [] },
	];
	const sessions = createSessions(users, credentialsMatch);
	const credential = (url, { userName, password }) => ({
		platform: 'evoVoice',
		baseUrl: `${url}${BASE_PATH}`,
		apiKey: userName,
		token: password,
	});

	return {
		name: 'evoVoice',
		displayName: 'Evo Voice',
		pathPrefix: BASE_PATH,
		errorBody,
		registerRoutes(router) {
			registerEvoVoiceRoutes(router, {
				users,
				sessions,
				customers: directory.customers,
				dataset,
				settings,
			});
		},
		credentials: (url) => ({
			evoVoice: credential(url, users[0]),
			evoVoiceAgent: credential(url, users[1]),
			evoVoiceLogin: { ...credential(url, users[0]), evoVoiceAuth: 'credentialsLogin' },
		}),
		credentialTitles: {
			evoVoiceAgent: `or as an agent without the ${REQUIRED_ROLE} role (answers 403):`,
			evoVoiceLogin: 'or signing in with a credentials login and session cookies:',
		},
		/** One line for people: what data the sandbox serves. */
		describeData: () =>
			`${settings.dataSet === 'handTable' ? 'AI minutes of the hand table' : 'AI minutes per day'} ` +
			`from ${formatDay(settings.fromDay)} to ${formatDay(settings.toDay)}, ` +
			`accounts ${directory.accounts.join(', ')}, ${directory.customers.length} customers`,
		// No fault outlives its request here.
		resetFaults() {},
		answerFaults: {
			/** The first customer's row with minutes listed twice. */
			repeatRecord: (reply) => withFirstRow(reply, 'customerUsage', (row) => [row, { ...row }]),
			/** The first account's minutes, when it has any, written with a thousands separator. */
			unreadableFigure: (reply) =>
				withFirstRow(reply, 'accountUsage', (row) => [{ ...row, aiMinutes: '1,234.5' }]),
			/** An account no one asked for, with one customer: the first customer's row with minutes. */
			otherAccount: (reply) => {
				const rows = reply.body && reply.body.customerUsage;
				const row = Array.isArray(rows) && rows.find((one) => Number(one.aiMinutes) > 0);
				if (!row) return reply;
				const { accountUsage } = reply.body;
				const account = { accountId: OTHER_ACCOUNT_ID, aiMinutes: row.aiMinutes };
				return {
					...reply,
					body: {
						...reply.body,
						accountUsage: [...accountUsage, account],
						customerUsage: [...rows, { ...row, accountId: OTHER_ACCOUNT_ID }],
					},
				};
			},
			/** The first customer's row with minutes again, as a customer no one asked for. */
			otherCustomer: (reply) =>
				withFirstRow(reply, 'customerUsage', (row) => [
					row,
					{ ...row, customerId: OTHER_CUSTOMER_ID },
				]),
		},
		/** Adds AI minutes to a customer's day (the spec: evoVoice/usageRaise.js). */
		raiseUsage(spec) {
			const { customerIndex, day, tenths } = readEvoVoiceRaise(spec, {
				customers: directory.customers,
				accounts: directory.accounts,
				dataRange: settings,
			});
			dataset().addTenths(customerIndex, day, tenths);
			const { accountId, customerId } = directory.customers[customerIndex];
			return {
				platform: 'evoVoice',
				accountId,
				customerId,
				date: formatDay(day),
				aiMinutes: spec.aiMinutes,
			};
		},
		api: {
			settings: describeSettings(settings),
			accounts: Object.freeze([...directory.accounts]),
			customers: Object.freeze(
				directory.customers.map(({ accountId, customerId, parentId }) =>
					Object.freeze({ accountId, customerId, parentCustomerId: parentId }),
				),
			),
			/** Who used what: each customer's own minutes per day, and an account's no customer holds. */
			dailyUsage: () => dataset().dailyUsage(),
			/** Ends every login session, as a server restart or timeout would: the next request is a 401. */
			expireSessions: () => sessions.expireAll(),
		},
	};
}

module.exports = { createEvoVoicePlatform };
