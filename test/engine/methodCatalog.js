// The pack's node methods as the engine tests run them one by one: each with parameters that work
// against the sandbox, the platform it talks to, whether it is a read, a create or a login, and
// whether it returns a list and pages through it. `context()` gives the running sandbox and the
// fixtures that methodFixtures() made in it.
const MAX_PAGES = 5;

/** The catalog; `context()` is read when a method runs, after the sandbox has started. */
function methodCatalog(context) {
	/** Usage Records: one request for calls; Twilio's Daily over two days, every category, pages. */
	const usageRecords = (platform, operation, range = {}) => {
		const paged = platform === 'twilio' && operation === 'daily';
		return {
			name: `${platform} ${operation}`,
			platform,
			operation,
			kind: 'read',
			paged,
			list: true,
			type: 'restcommUsageRecords',
			parameters: () => ({
				operation,
				category: paged ? '' : 'calls',
				options: { maxPages: paged ? 50 : MAX_PAGES },
				...range,
			}),
			credentials: () => context().sandbox.credentials[platform],
			// The usage itself: a Restcomm run reads its account first, to check the server's zone.
			usagePath: () => {
				const version = platform === 'twilio' ? '2010-04-01' : '2012-04-24';
				const { accountSid } = context().sandbox.credentials[platform];
				return `/${platform}/${version}/Accounts/${accountSid}/Usage/`;
			},
		};
	};
	const RANGE = { startDate: '2025-01-01', endDate: '2026-12-31' };
	// Two days of Twilio's 643 categories: 1,286 records, two of Twilio's pages of 1,000.
	const TWO_PAGES = { startDate: '2025-01-01', endDate: '2025-01-02' };

	return [
		{
			name: 'Lumin.ai getBillingEvents',
			platform: 'lumin',
			kind: 'read',
			paged: true,
			list: true,
			type: 'luminBillingEvents',
			parameters: () => ({
				operation: 'getBillingEvents',
				eventTypes: [
					'billing.scheduled',
					'billing.rescheduled',
					'billing.lead-received',
					'billing.delete',
				],
				period: 'custom',
				start: context().sandbox.lumin.settings.from,
				end: context().sandbox.lumin.settings.to,
				returnAll: true,
				options: { maxPages: MAX_PAGES * 10 },
			}),
			credentials: () => context().sandbox.credentials.lumin,
		},
		{
			name: 'Evo Voice getAiUsage',
			platform: 'evoVoice',
			kind: 'read',
			list: true,
			type: 'evoVoiceAiUsage',
			// One account and customer, so that a row of any other was not asked for.
			parameters: () => ({
				operation: 'getAiUsage',
				period: 'lastMonth',
				outputMode: 'rows',
				accountId: 'acct-1001',
				customerId: 'store-001',
			}),
			credentials: () => context().sandbox.credentials.evoVoice,
		},
		...['allTime', 'daily', 'monthly', 'yearly'].flatMap((operation) => [
			usageRecords('restcomm', operation, RANGE),
			usageRecords('twilio', operation, operation === 'daily' ? TWO_PAGES : RANGE),
		]),
		...['today', 'yesterday', 'thisMonth', 'lastMonth'].flatMap((operation) => [
			usageRecords('restcomm', operation),
			usageRecords('twilio', operation),
		]),
		{
			name: 'IMIASSIST getTransaction',
			platform: 'imiassist',
			kind: 'read',
			type: 'imiassistTransactions',
			parameters: () => ({
				operation: 'getTransaction',
				transactionId: context().fixtures.transactionId,
			}),
			credentials: () => context().sandbox.credentials.imiassist,
		},
		{
			name: 'IMIASSIST scheduleAppointment',
			platform: 'imiassist',
			kind: 'create',
			type: 'imiassistCreateAppointment',
			parameters: () => ({
				operation: 'scheduleAppointment',
				startTime: '2030-01-01T09:00:00Z',
				additionalFields: { externalReferenceId: 'matrix-1' },
			}),
			credentials: () => context().sandbox.credentials.imiassist,
		},
		{
			name: 'IMIASSIST createUsageReport',
			platform: 'imiassist',
			kind: 'create',
			type: 'imiassistCreateUsageReport',
			parameters: () => ({ operation: 'createUsageReport', reportTitle: 'Matrix' }),
			credentials: () => context().sandbox.credentials.imiassist,
		},
		{
			name: 'IMIASSIST authenticate',
			platform: 'imiassist',
			kind: 'authentication',
			type: 'imiassistAuthentication',
			parameters: () => ({ operation: 'authenticate' }),
			credentials: () => context().sandbox.credentials.imiassistIntegrationUser,
			// Its outputs are the tokens the user asked for (n8n hides them).
			outputsSecrets: true,
		},
		{
			name: 'IMIASSIST getNewToken',
			platform: 'imiassist',
			kind: 'authentication',
			type: 'imiassistAuthentication',
			parameters: () => ({ operation: 'getNewToken', authorization: context().fixtures.access }),
			credentials: () => context().sandbox.credentials.imiassist,
			outputsSecrets: true,
		},
	];
}

/** What the methods need from the sandbox: a usage report's transaction, a user's access token. */
async function methodFixtures(sandbox) {
	const { imiassist, imiassistIntegrationUser } = sandbox.credentials;
	const report = await fetch(`${imiassist.baseUrl}/api/v1/reports/usage`, {
		method: 'POST',
		headers: {
			apikey: imiassist.apiKey,
			token: imiassist.token,
			'content-type': 'application/json',
		},
		body: '{}',
	});
	const transactionId = (await report.json()).transaction_id;
	const login = await fetch(`${imiassist.baseUrl}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			email: imiassistIntegrationUser.userEmail,
			password: imiassistIntegrationUser.userPassword,
		}),
	});
	const access = (await login.json()).access;
	return { transactionId, access };
}

module.exports = { methodCatalog, methodFixtures, MAX_PAGES };
