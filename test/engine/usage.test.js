// Evo Voice AI Usage, run as workflows through n8n's engine against the sandbox.
const { DateTime } = require('luxon');

const { runScanned, startScannedSandbox, useSandbox } = require('./engineRun');
const { singleNodeWorkflow } = require('../../harness/workflows');

let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

const requestsTo = (prefix) => sandbox.requests.filter((entry) => entry.path.startsWith(prefix));
/**
 * Runs one node, On Error Continue (regular output): a refusal is a Failure item. `now`: the
 * node's clock (default: the real one).
 */
async function run(type, parameters, credentials, now) {
	return await runScanned(
		singleNodeWorkflow('Usage', { type, parameters, onError: 'continueRegularOutput' }),
		{ credentials: { commsBillingApi: credentials }, now },
	);
}

const round1 = (value) => Math.round(value * 10) / 10;

describe('Evo Voice AI Usage', () => {
	const days = (from, to) => (row) => row.date >= from && row.date <= to;

	test('the documented response: per account and per customer, aiMinutes as numbers', async () => {
		const result = await run(
			'evoVoiceAiUsage',
			{ operation: 'getAiUsage', startDate: '2026-10-01', endDate: '2026-10-31', timezone: 'UTC' },
			sandbox.credentials.evoVoice,
		);
		const [[item], failure] = result.outputs('Usage');
		expect(failure).toEqual([]);
		expect(Object.keys(item.json)).toEqual([
			'accountUsage',
			'customerUsage',
			'response_body',
			'response_status_code',
		]);
		const inRange = sandbox.evoVoice.dailyUsage().filter(days('2026-10-01', '2026-10-31'));
		for (const row of item.json.customerUsage) {
			const expected = inRange
				.filter((day) => day.customerId === row.customerId && day.accountId === row.accountId)
				.reduce((sum, day) => sum + day.aiMinutes, 0);
			expect(row.aiMinutes).toBeCloseTo(round1(expected), 5);
		}
		expect(item.json.accountUsage.map((row) => row.accountId).sort()).toEqual(
			[...sandbox.evoVoice.accounts].sort(),
		);
		const [request] = requestsTo('/evovoice');
		expect(request.query).toEqual({ startDate: '2026-10-01', endDate: '2026-10-31' });
		expect(request.auth).toBe('basic');
	});

	test('rows: one item per account and customer, with a level; filters sent only when given', async () => {
		const customer = sandbox.evoVoice.customers[0];
		const result = await run(
			'evoVoiceAiUsage',
			{
				operation: 'getAiUsage',
				accountId: customer.accountId,
				customerId: customer.customerId,
				outputMode: 'rows',
				period: 'lastMonth',
			},
			sandbox.credentials.evoVoice,
		);
		const [rows] = result.outputs('Usage');
		expect(rows.map((row) => Object.keys(row.json))).toEqual(
			rows.map(() => ['level', 'accountId', 'customerId', 'aiMinutes']),
		);
		expect(rows.map((row) => row.json.level).sort()).toEqual(['account', 'customer']);
		expect(rows.every((row) => typeof row.json.aiMinutes === 'number')).toBe(true);
		expect(requestsTo('/evovoice')[0].query).toEqual({
			accountId: customer.accountId,
			customerId: customer.customerId,
			startDate: expect.stringMatching(/^\d{4}-\d{2}-01$/),
			endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
		});
	});

	test('aiMinutes sent as text come out as numbers', async () => {
		const textual = await startScannedSandbox({ evoVoice: { numbersAsStrings: true } });
		try {
			const result = await runScanned(
				singleNodeWorkflow('Usage', {
					type: 'evoVoiceAiUsage',
					parameters: { operation: 'getAiUsage', outputMode: 'rows', period: 'lastMonth' },
				}),
				{ credentials: { commsBillingApi: textual.credentials.evoVoice } },
			);
			const [rows] = result.outputs('Usage');
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.every((row) => typeof row.json.aiMinutes === 'number')).toBe(true);
		} finally {
			await textual.close();
		}
	});

	test('a 403 goes to Failure with the vendor message and the SystemAdministrator hint', async () => {
		const result = await run(
			'evoVoiceAiUsage',
			{ operation: 'getAiUsage', period: 'lastMonth' },
			sandbox.credentials.evoVoiceAgent,
		);
		const [success, failure] = result.outputs('Usage');
		expect(success).toEqual([]);
		expect(failure[0].json).toMatchObject({
			response_status_code: 403,
			error_message:
				'Evo Voice refused the request with HTTP 403: Invalid Role. The Evo Voice API needs a user with the SystemAdministrator role.',
		});
		expect(JSON.stringify(result.run)).not.toContain(sandbox.credentials.evoVoiceAgent.token);
	});

	test.each([
		// A fixed clock: the evening of Dec 31 in New York is already Jan 1 in UTC.
		['across a year boundary', '2027-01-01T03:00:00Z', '2026-11-01', '2026-11-30'],
		// March 2026 starts in EST and ends in EDT.
		['across a DST change', '2026-04-01T02:00:00Z', '2026-02-01', '2026-02-28'],
		['at the start of a month in UTC', '2026-04-01T05:00:00Z', '2026-03-01', '2026-03-31'],
	])('last month in America/New_York %s', async (_name, now, startDate, endDate) => {
		await run(
			'evoVoiceAiUsage',
			{ operation: 'getAiUsage', period: 'lastMonth', timezone: 'America/New_York' },
			sandbox.credentials.evoVoice,
			DateTime.fromISO(now),
		);
		// The period, and the checks of its last day's reading (endDateReading.ts).
		expect(requestsTo('/evovoice').map((entry) => entry.query)).toContainEqual({
			startDate,
			endDate,
		});
	});
});

describe('Evo Voice as its CLI and ServiceStack behave', () => {
	const usage = (parameters = {}) => ({
		operation: 'getAiUsage',
		period: 'lastMonth',
		...parameters,
	});

	test('without a period (no dates, no preset) nothing is sent', async () => {
		const withEnd = (endDate) =>
			runScanned(
				singleNodeWorkflow('Usage', {
					type: 'evoVoiceAiUsage',
					parameters: {
						operation: 'getAiUsage',
						period: 'custom',
						startDate: '2026-10-01',
						endDate,
					},
				}),
				{ credentials: { commsBillingApi: sandbox.credentials.evoVoice } },
			);
		// Left empty, n8n itself refuses the workflow: the parameter is required.
		await expect(withEnd(undefined)).rejects.toThrow('Parameter "End Date" is required');
		// Empty from an expression, the node refuses it, naming it.
		const result = await withEnd('={{ "" }}');
		expect(result.nodeError('Usage').message).toBe(
			'Invalid parameter "endDate" in item 0: a date is required when Period is Custom',
		);
		expect(requestsTo('/evovoice')).toEqual([]);
	});

	test.each([
		['neither list', { total: 0 }],
		['a list that is not a list', { accountUsage: 'none' }],
		['entries that are not objects', { accountUsage: [null], customerUsage: [] }],
	])('a 200 with %s is a Failure, not zero usage', async (_, body) => {
		sandbox.injectFault({ platform: 'evoVoice', status: 200, body });
		const [success, failure] = (
			await run('evoVoiceAiUsage', usage({ outputMode: 'rows' }), sandbox.credentials.evoVoice)
		).outputs('Usage');
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toBe(
			'Evo Voice answered with a body that is not the documented AIUsage.',
		);
	});

	test('the credentials login: one sign-in, then the session cookies instead of Basic', async () => {
		const credentials = sandbox.credentials.evoVoiceLogin;
		const [rows, failure] = (
			await run('evoVoiceAiUsage', usage({ outputMode: 'rows' }), credentials)
		).outputs('Usage');
		expect(failure).toEqual([]);
		expect(rows.length).toBeGreaterThan(0);
		// The period, then its last day alone (endDateReading.ts), on the one session.
		expect(requestsTo('/evovoice').map(({ path, auth, status }) => [path, auth, status])).toEqual([
			['/evovoice/auth/credentials', null, 200],
			['/evovoice/ai/usage', 'session', 200],
			['/evovoice/ai/usage', 'session', 200],
		]);
		expect(requestsTo('/evovoice')[0].body).toMatchObject({
			provider: 'credentials',
			userName: credentials.apiKey,
			rememberMe: true,
		});
	});

	test('a session the server ended: one 401, one new sign-in, then the answer', async () => {
		const credentials = { ...sandbox.credentials.evoVoiceLogin };
		const first = await runScanned(
			singleNodeWorkflow('Usage', { type: 'evoVoiceAiUsage', parameters: usage() }),
			{ credentials: { commsBillingApi: credentials } },
		);
		const stored = first.credentialsHelper.stored.commsBillingApi;
		expect(stored.obtainedToken).toMatch(/ss-id=/);
		sandbox.evoVoice.expireSessions();
		sandbox.clearRequests();
		const second = await runScanned(
			singleNodeWorkflow('Usage', { type: 'evoVoiceAiUsage', parameters: usage() }),
			{ credentials: { commsBillingApi: stored }, extraSecrets: [stored.obtainedToken] },
		);
		expect(second.outputs('Usage')[1]).toEqual([]);
		expect(requestsTo('/evovoice').map(({ path, status }) => `${path} ${status}`)).toEqual([
			'/evovoice/ai/usage 401',
			'/evovoice/auth/credentials 200',
			'/evovoice/ai/usage 200',
			'/evovoice/ai/usage 200',
		]);
	});

	test('a wrong password: the sign-in answers 401 once, and the Failure says only the login was sent', async () => {
		const credentials = { ...sandbox.credentials.evoVoiceLogin, token: 'not-the-password-9' };
		const [success, failure] = (await run('evoVoiceAiUsage', usage(), credentials)).outputs(
			'Usage',
		);
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toBe(
			'The credential could not log in to Evo Voice (the login answered HTTP 401), so the request itself was not carried out.',
		);
		expect(requestsTo('/evovoice').map((entry) => entry.path)).toEqual([
			'/evovoice/auth/credentials',
		]);
	});
});
