// The IMIASSIST nodes, run as workflows through n8n's engine against the sandbox.
const { DateTime } = require('luxon');

const { runWorkflow } = require('../../harness/engine');
const { credentialTest } = require('../../harness/credentialTest');
const { runScanned, startScannedSandbox, useSandbox } = require('./engineRun');
const { parseCsv } = require('../../harness/extractFromFile');
const { chainWorkflow, singleNodeWorkflow } = require('../../harness/workflows');
const reportThenPoll = require('../../examples/report-then-poll.json');
const { appointmentsOfLastMonth } = require('../expectations');

let sandbox;
useSandbox({ imiassist: { pollsToComplete: 3 } }, (started) => {
	sandbox = started;
});

const imiRequests = (path = '') =>
	sandbox.requests.filter((entry) => entry.path.startsWith(`/imiassist/api/v1${path}`));

/** Runs a workflow with the sandbox's IMIASSIST credential unless told otherwise. */
async function run(
	workflow,
	{ credentials = sandbox.credentials.imiassist, inputItems, extraSecrets = [] } = {},
) {
	return await runScanned(workflow, {
		credentials: { commsBillingApi: { ...credentials } },
		inputItems,
		extraSecrets: [sandbox.credentials.imiassistIntegrationUser.userPassword, ...extraSecrets],
	});
}

/**
 * One node, On Error Continue (regular output) unless given, so that a refusal is a Failure item;
 * parameter errors are checked under n8n's default, Stop Workflow.
 */
const node = (name, type, parameters, options) =>
	singleNodeWorkflow(name, { type, parameters, onError: 'continueRegularOutput', ...options });
const STOP = { onError: 'stopWorkflow' };

describe('IMIASSIST Authentication', () => {
	test('Authenticate sends only the e-mail and password and returns access and refresh', async () => {
		const { userEmail, userPassword } = sandbox.credentials.imiassistIntegrationUser;
		const result = await run(
			node('Auth', 'imiassistAuthentication', {
				operation: 'authenticate',
				loginWith: 'parameters',
				userEmail,
				userPassword,
			}),
		);
		const [success, failure] = result.outputs('Auth');
		expect(failure).toEqual([]);
		expect(Object.keys(success[0].json)).toEqual([
			'access',
			'refresh',
			'response_body',
			'response_status_code',
		]);
		expect(success[0].json.access).toEqual(expect.any(String));
		expect(success[0].json.response_status_code).toBe(200);
		const [login] = imiRequests('/auth/login');
		expect(login.auth).toBeNull();
		expect(Object.keys(login.body).sort()).toEqual(['email', 'password']);
	});

	test('Authenticate with a wrong password goes to Failure with 401; the password appears nowhere', async () => {
		const wrong = 'not-the-password-123';
		const result = await run(
			node('Auth', 'imiassistAuthentication', {
				operation: 'authenticate',
				loginWith: 'parameters',
				userEmail: sandbox.credentials.imiassistIntegrationUser.userEmail,
				userPassword: wrong,
			}),
			{ extraSecrets: [wrong] },
		);
		const [success, failure] = result.outputs('Auth');
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(401);
		expect(failure[0].json.error_message).toMatch(/^IMIASSIST refused the request with HTTP 401/);
	});

	test("by default Authenticate logs in as the credential's integration user: no password in the workflow", async () => {
		const credentials = sandbox.credentials.imiassistIntegrationUser;
		const workflow = node('Auth', 'imiassistAuthentication', { operation: 'authenticate' });
		const [success, failure] = (await run(workflow, { credentials })).outputs('Auth');
		expect(failure).toEqual([]);
		expect(success[0].json.access).toEqual(expect.any(String));
		const [login] = imiRequests('/auth/login');
		expect(login.body.email).toBe(credentials.userEmail);
		expect(JSON.stringify(workflow)).not.toContain(credentials.userPassword);
	});

	test('a credential without an integration user: a parameter error naming Log In With, before any request', async () => {
		const result = await run(
			node('Auth', 'imiassistAuthentication', { operation: 'authenticate' }, STOP),
		);
		expect(result.nodeError('Auth').message).toBe(
			'Invalid parameter "loginWith" in item 0: the credential has no Integration User E-Mail and Password: fill them in, or choose Values Below',
		);
		expect(imiRequests()).toEqual([]);
	});

	test('Get New Token turns the access token of Authenticate into an API key and token, sending only the bearer', async () => {
		const { userEmail, userPassword } = sandbox.credentials.imiassistIntegrationUser;
		// Unscanned: its outputs are the API key and token the user asked for (n8n hides them).
		const result = await runWorkflow(
			chainWorkflow([
				{
					name: 'Login',
					type: 'imiassistAuthentication',
					parameters: {
						operation: 'authenticate',
						loginWith: 'parameters',
						userEmail,
						userPassword,
					},
				},
				{
					name: 'Keys',
					type: 'imiassistAuthentication',
					parameters: { operation: 'getNewToken', authorization: '={{ $json.access }}' },
				},
			]),
			{ credentials: { commsBillingApi: sandbox.credentials.imiassist } },
		);
		const access = result.outputs('Login')[0][0].json.access;
		const [success] = result.outputs('Keys');
		expect(Object.keys(success[0].json)).toEqual([
			'api_key',
			'token',
			'response_body',
			'response_status_code',
		]);
		expect(JSON.stringify(result.outputs('Keys'))).not.toContain(access);
		const [exchange] = imiRequests('/auth/token');
		expect(exchange.auth).toBe('bearer');
		expect(exchange.authenticated).toBe(true);
	});

	test('Get New Token with a wrong access token: Failure 401, the token nowhere', async () => {
		const wrong = 'no-such-access-token-42';
		const result = await run(
			node('Keys', 'imiassistAuthentication', { operation: 'getNewToken', authorization: wrong }),
			{ extraSecrets: [wrong] },
		);
		const [success, failure] = result.outputs('Keys');
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(401);
	});

	test('the node declares its token outputs as sensitive', () => {
		const { nodes } = require('../../harness/pack');
		const auth = nodes.find((type) => type.description.name === 'imiassistAuthentication');
		expect(auth.description.sensitiveOutputFields).toEqual(
			expect.arrayContaining(['access', 'refresh', 'api_key', 'token']),
		);
	});
});

describe('IMIASSIST Create Appointment', () => {
	const everyField = (teamId) => ({
		customerId: 'NHSID_01',
		customerPhone: '+44123456789',
		customerEmail: 'guest@example.com',
		customerFirstName: 'Test',
		customerLastName: 'User',
		customAttributes: '{"age": 10, "gender": "female"}',
		teamId,
		appointmentType: 'testing',
		assigneeEmail: 'host@example.com',
		description: 'Test appointment',
		referenceCaseId: 'fn-6352',
		priority: 'HIGH',
		externalReferenceId: 'CRM-1001',
		title: 'Follow-up',
		duration: 30,
	});

	test('sends all sixteen variables in snake_case and returns the appointment', async () => {
		const teamId = sandbox.imiassist.teams[0].team_id;
		const result = await run(
			node('Schedule', 'imiassistCreateAppointment', {
				operation: 'scheduleAppointment',
				startTime: '2026-12-01T09:30:00Z',
				additionalFields: everyField(teamId),
			}),
		);
		const [success, failure] = result.outputs('Schedule');
		expect(failure).toEqual([]);
		expect(Object.keys(success[0].json)).toEqual([
			'appointment_id',
			'appointment_uid',
			'participants',
			'response_body',
			'response_status_code',
		]);
		expect(success[0].json.response_status_code).toBe(201);
		expect(success[0].json.participants.every((participant) => participant.meeting_link)).toBe(
			true,
		);
		const [post] = imiRequests('/appointments');
		expect(post.body).toEqual({
			customer_id: 'NHSID_01',
			customer_phone: '+44123456789',
			customer_email: 'guest@example.com',
			customer_first_name: 'Test',
			customer_last_name: 'User',
			custom_attributes: { age: 10, gender: 'female' },
			team_id: teamId,
			appointment_type: 'testing',
			start_time: '2026-12-01T09:30:00.000Z',
			assignee_email: 'host@example.com',
			description: 'Test appointment',
			reference_case_id: 'fn-6352',
			priority: 'HIGH',
			external_reference_id: 'CRM-1001',
			title: 'Follow-up',
			duration: 30,
		});
		expect(post.auth).toBe('headers');
		const stored = sandbox.imiassist
			.appointments()
			.find((appointment) => appointment.appointment_id === success[0].json.appointment_id);
		expect(stored.external_reference_id).toBe('CRM-1001');
	});

	test('only the variables given are sent', async () => {
		await run(
			node('Schedule', 'imiassistCreateAppointment', {
				operation: 'scheduleAppointment',
				startTime: '2026-12-02T10:00:00+01:00',
			}),
		);
		expect(imiRequests('/appointments')[0].body).toEqual({
			start_time: '2026-12-02T09:00:00.000Z',
		});
	});

	test.each([
		[
			'startTime',
			{ startTime: 'tomorrow morning' },
			'"startTime" in item 0: "tomorrow morning" is not an ISO 8601 date',
		],
		[
			'customerPhone',
			{ additionalFields: { customerPhone: '+44 1234 56789' } },
			'"customerPhone" in item 0: "+44 1234 56789" is not an E.164 phone number',
		],
		[
			'customerEmail',
			{ additionalFields: { customerEmail: 'guest(at)example.com' } },
			'"customerEmail" in item 0: "guest(at)example.com" is not a valid e-mail address',
		],
		[
			'assigneeEmail',
			{ additionalFields: { assigneeEmail: 'host@' } },
			'"assigneeEmail" in item 0',
		],
		[
			'priority',
			{ additionalFields: { priority: 'URGENT' } },
			'"priority" in item 0: "URGENT" is not one of LOW, MEDIUM, HIGH',
		],
		[
			'duration',
			{ additionalFields: { duration: 12.5 } },
			'"duration" in item 0: 12.5 is not a positive whole number',
		],
		[
			'customAttributes',
			{ additionalFields: { customAttributes: '["age"]' } },
			'"customAttributes" in item 0: is not a JSON object',
		],
	])(
		'an invalid %s stops the node, naming it, before any request',
		async (_name, parameters, message) => {
			const result = await run(
				node(
					'Schedule',
					'imiassistCreateAppointment',
					{
						operation: 'scheduleAppointment',
						startTime: '2026-12-01T09:30:00Z',
						...parameters,
					},
					STOP,
				),
			);
			expect(result.nodeError('Schedule').message).toContain(`Invalid parameter ${message}`);
			expect(imiRequests()).toEqual([]);
		},
	);

	test('a 503 to the create: exactly one POST, and Failure says the appointment may exist', async () => {
		sandbox.injectFault({
			platform: 'imiassist',
			method: 'POST',
			path: '/imiassist/api/v1/appointments',
			status: 503,
		});
		const before = sandbox.imiassist.appointments().length;
		const result = await run(
			node('Schedule', 'imiassistCreateAppointment', {
				operation: 'scheduleAppointment',
				startTime: '2026-12-01T09:30:00Z',
				additionalFields: { externalReferenceId: 'CRM-2002' },
			}),
		);
		const [success, failure] = result.outputs('Schedule');
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(503);
		expect(failure[0].json.error_message).toBe(
			'IMIASSIST did not confirm the request (HTTP 503), so it may have been carried out: check IMIASSIST for an appointment with externalReferenceId "CRM-2002" before sending it again.',
		);
		expect(imiRequests('/appointments')).toHaveLength(1);
		expect(sandbox.imiassist.appointments()).toHaveLength(before);
	});

	test('a reset connection on the create is not retried either', async () => {
		sandbox.injectFault({
			platform: 'imiassist',
			method: 'POST',
			path: '/imiassist/api/v1/appointments',
			reset: true,
		});
		const result = await run(
			node('Schedule', 'imiassistCreateAppointment', {
				operation: 'scheduleAppointment',
				startTime: '2026-12-01T09:30:00Z',
			}),
		);
		const [, failure] = result.outputs('Schedule');
		expect(failure[0].json.error_message).toMatch(
			/^IMIASSIST did not confirm the request \(ECONNRESET\), so it may have been carried out: check IMIASSIST for an appointment starting at 2026-12-01T09:30:00.000Z/,
		);
		expect(imiRequests('/appointments')).toHaveLength(1);
	});

	test('a 400 from the API goes to Failure with its message', async () => {
		const result = await run(
			node('Schedule', 'imiassistCreateAppointment', {
				operation: 'scheduleAppointment',
				startTime: '2026-12-01T09:30:00Z',
				additionalFields: { teamId: 'no-such-team' },
			}),
		);
		const [, failure] = result.outputs('Schedule');
		expect(failure[0].json.response_status_code).toBe(400);
		expect(failure[0].json.response_body.error.code).toBe('VALIDATION_ERROR');
		expect(failure[0].json.error_message).toMatch(/^IMIASSIST refused the request with HTTP 400: /);
	});
});

describe('IMIASSIST Create Usage Report', () => {
	test('one value, a comma-separated list or an array each become arrays; a preset period becomes ISO times', async () => {
		const [first, second] = sandbox.imiassist.departments;
		const teams = sandbox.imiassist.teams.map((team) => team.team_id);
		const result = await run(
			node('Report', 'imiassistCreateUsageReport', {
				operation: 'createUsageReport',
				departmentId: `${first}, ${second}`,
				teamId: `={{ ${JSON.stringify(teams.slice(0, 3))} }}`,
				sendEmail: 'finance@example.com',
				period: 'lastMonth',
				timezone: 'Europe/London',
				reportTitle: 'October',
			}),
		);
		const [success, failure] = result.outputs('Report');
		expect(failure).toEqual([]);
		expect(Object.keys(success[0].json)).toEqual([
			'transaction_id',
			'response_body',
			'response_status_code',
		]);
		expect(success[0].json.response_status_code).toBe(202);
		const lastMonth = DateTime.now().setZone('Europe/London').startOf('month').minus({ months: 1 });
		expect(imiRequests('/reports/usage')[0].body).toEqual({
			department_id: [first, second],
			team_id: teams.slice(0, 3),
			start_time: lastMonth.toUTC().toISO(),
			end_time: lastMonth.endOf('month').toUTC().toISO(),
			report_title: 'October',
			send_email: ['finance@example.com'],
		});
	});

	test('with nothing given, an empty body is sent', async () => {
		await run(node('Report', 'imiassistCreateUsageReport', { operation: 'createUsageReport' }));
		expect(imiRequests('/reports/usage')[0].body).toEqual({});
	});

	test("a refusal goes to Failure with the API's message", async () => {
		const result = await run(
			node('Report', 'imiassistCreateUsageReport', {
				operation: 'createUsageReport',
				departmentId: 'no-such-department',
			}),
		);
		const [success, failure] = result.outputs('Report');
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(400);
		expect(failure[0].json.error_message).toMatch(/^IMIASSIST refused the request with HTTP 400: /);
	});

	test('a 503 to the create: one POST, and Failure says the report may exist', async () => {
		sandbox.injectFault({
			platform: 'imiassist',
			method: 'POST',
			path: '/imiassist/api/v1/reports/usage',
			status: 503,
		});
		const result = await run(
			node('Report', 'imiassistCreateUsageReport', {
				operation: 'createUsageReport',
				reportTitle: 'November',
			}),
		);
		const [, failure] = result.outputs('Report');
		expect(failure[0].json.error_message).toBe(
			'IMIASSIST did not confirm the request (HTTP 503), so it may have been carried out: check IMIASSIST for a usage report titled "November" among its transactions before sending it again.',
		);
		expect(imiRequests('/reports/usage')).toHaveLength(1);
	});

	test('an invalid e-mail in Send Email stops the node before any request', async () => {
		const result = await run(
			node(
				'Report',
				'imiassistCreateUsageReport',
				{ operation: 'createUsageReport', sendEmail: 'ok@example.com, not-an-email' },
				STOP,
			),
		);
		expect(result.nodeError('Report').message).toBe(
			'Invalid parameter "sendEmail" in item 0: "not-an-email" is not a valid e-mail address',
		);
		expect(imiRequests()).toEqual([]);
	});
});

describe('IMIASSIST Transactions', () => {
	async function newReport(parameters = {}) {
		const result = await runScanned(
			node('Report', 'imiassistCreateUsageReport', {
				operation: 'createUsageReport',
				...parameters,
			}),
			{
				credentials: { commsBillingApi: sandbox.credentials.imiassist },
			},
		);
		sandbox.clearRequests();
		return result.outputs('Report')[0][0].json.transaction_id;
	}

	const transactionNode = (parameters) =>
		node('Transaction', 'imiassistTransactions', { operation: 'getTransaction', ...parameters });

	test('without waiting: the current status', async () => {
		const transactionId = await newReport();
		const [success] = (await run(transactionNode({ transactionId }))).outputs('Transaction');
		expect(success[0].json).toMatchObject({
			transaction_id: transactionId,
			status: 'QUEUED',
			response_status_code: 200,
		});
		expect(Object.keys(success[0].json)).toEqual([
			'status',
			'transaction_id',
			'output_log',
			'response_body',
			'response_status_code',
		]);
		expect(success[0].binary).toBeUndefined();
	});

	test('waits for completion, polling with back-off, and attaches both CSVs', async () => {
		const transactionId = await newReport();
		const [success, failure] = (
			await run(
				transactionNode({
					transactionId,
					waitForCompletion: true,
					maxWait: 60,
					downloadReports: true,
				}),
			)
		).outputs('Transaction');
		expect(failure).toEqual([]);
		expect(success[0].json.status).toBe('COMPLETED');
		expect(imiRequests('/transactions').map((entry) => entry.method)).toEqual([
			'GET',
			'GET',
			'GET',
		]);
		for (const property of ['summary', 'detailed']) {
			expect(success[0].binary[property]).toMatchObject({
				mimeType: 'text/csv',
				fileName: `${transactionId}-${property}.csv`,
			});
		}
	});

	test('a server that sends the status and report URLs only inside output_log: waited for, both CSVs attached', async () => {
		const flavour = await startScannedSandbox({
			imiassist: { pollsToComplete: 3, statusInOutputLog: true },
		});
		try {
			const credentials = { commsBillingApi: flavour.credentials.imiassist };
			const report = await runScanned(
				node('Report', 'imiassistCreateUsageReport', { operation: 'createUsageReport' }),
				{ credentials },
			);
			const transactionId = report.outputs('Report')[0][0].json.transaction_id;
			const result = await runScanned(
				transactionNode({
					transactionId,
					waitForCompletion: true,
					maxWait: 60,
					downloadReports: true,
				}),
				{ credentials },
			);
			const [success, failure] = result.outputs('Transaction');
			expect(failure).toEqual([]);
			expect(success[0].json.status).toBe('COMPLETED');
			expect(success[0].json.response_body.status).toBeUndefined();
			expect(success[0].json.output_log.status).toBe('COMPLETED');
			expect(Object.keys(success[0].binary).sort()).toEqual(['detailed', 'summary']);
		} finally {
			await flavour.close();
		}
	});

	test.each([
		['an HTML page', { html: true }, 'an HTML page'],
		['JSON', { status: 200, body: { error: 'not ready' } }, 'JSON'],
		['an empty body', { status: 200, body: '' }, 'empty'],
		['a cut-off body', { truncate: true, times: 0 }, null],
	])('a report download that is %s is not attached: Failure', async (_, fault, problem) => {
		const transactionId = await newReport();
		for (let poll = 0; poll < 3; poll++) await run(transactionNode({ transactionId }));
		sandbox.clearRequests();
		sandbox.injectFault({ platform: 'imiassist', path: '/imiassist/api/v1/reports/', ...fault });
		const [success, failure] = (
			await run(transactionNode({ transactionId, downloadReports: true }))
		).outputs('Transaction');
		expect(success).toEqual([]);
		expect(failure[0].json.status).toBe('COMPLETED');
		expect(failure[0].json.error_message).toMatch(
			problem === null
				? /^Could not reach IMIASSIST \(\w+\) after 4 attempts\.$/
				: new RegExp(
						`^The summary report of transaction ${transactionId} is ${problem}, not a CSV file; nothing is attached\\.$`,
					),
		);
	});

	test('a FAILED transaction goes to Failure with its status and output_log', async () => {
		sandbox.imiassist.failNextReport('Report generation failed: data warehouse unavailable');
		const transactionId = await newReport();
		const [success, failure] = (
			await run(transactionNode({ transactionId, waitForCompletion: true, maxWait: 60 }))
		).outputs('Transaction');
		expect(success).toEqual([]);
		expect(failure[0].json).toMatchObject({
			error_message: `Transaction ${transactionId} FAILED: Report generation failed: data warehouse unavailable.`,
			status: 'FAILED',
			output_log: { message: 'Report generation failed: data warehouse unavailable' },
		});
	});

	test('the maximum wait reached goes to Failure, saying so, with the last status', async () => {
		const slow = await startScannedSandbox({ imiassist: { pollsToComplete: 1000 } });
		try {
			const report = await runScanned(
				node('Report', 'imiassistCreateUsageReport', { operation: 'createUsageReport' }),
				{
					credentials: { commsBillingApi: slow.credentials.imiassist },
				},
			);
			const transactionId = report.outputs('Report')[0][0].json.transaction_id;
			const result = await runScanned(
				transactionNode({ transactionId, waitForCompletion: true, maxWait: 2 }),
				{
					credentials: { commsBillingApi: slow.credentials.imiassist },
				},
			);
			const [success, failure] = result.outputs('Transaction');
			expect(success).toEqual([]);
			expect(failure[0].json.status).toBe('IN_PROGRESS');
			expect(failure[0].json.error_message).toMatch(
				new RegExp(
					`^Transaction ${transactionId} was still IN_PROGRESS after waiting 2 s \\(\\d polls\\)`,
				),
			);
		} finally {
			await slow.close();
		}
	});

	test('downloading before completion, without waiting, goes to Failure explaining why', async () => {
		const transactionId = await newReport();
		const [, failure] = (
			await run(transactionNode({ transactionId, downloadReports: true }))
		).outputs('Transaction');
		expect(failure[0].json.error_message).toBe(
			`The reports of transaction ${transactionId} cannot be downloaded yet: it is QUEUED. Turn on Wait for Completion.`,
		);
	});

	test('an unknown transaction: Failure with 404', async () => {
		const [, failure] = (
			await run(transactionNode({ transactionId: 'ffffffffffffffffffffffff' }))
		).outputs('Transaction');
		expect(failure[0].json.response_status_code).toBe(404);
	});

	// The vendor's Transactions page publishes no status values and no example of output_log
	// (docs/vendors.md); the sandbox's settings play servers that differ where the page is silent.
	describe('from a server that writes its transactions otherwise (sandbox settings)', () => {
		const waitAndDownload = { waitForCompletion: true, maxWait: 20, downloadReports: true };

		/**
		 * Creates a usage report on a sandbox with these imiassist settings, polls it `pollsFirst`
		 * times, then runs Get a Transaction on it. `before(sandbox)` runs before the report.
		 */
		async function transactionOn(settings, parameters, { pollsFirst = 0, before } = {}) {
			const flavour = await startScannedSandbox({
				imiassist: {
					from: '2026-01-01T00:00:00Z',
					to: '2026-04-01T00:00:00Z',
					pollsToComplete: 3,
					...settings,
				},
			});
			try {
				before?.(flavour);
				const credentials = { commsBillingApi: flavour.credentials.imiassist };
				const report = await runScanned(
					node('Report', 'imiassistCreateUsageReport', { operation: 'createUsageReport' }),
					{ credentials },
				);
				const transactionId = report.outputs('Report')[0][0].json.transaction_id;
				for (let poll = 0; poll < pollsFirst; poll++) {
					await runScanned(transactionNode({ transactionId }), { credentials });
				}
				flavour.clearRequests();
				const result = await runScanned(transactionNode({ transactionId, ...parameters }), {
					credentials,
				});
				const [success, failure] = result.outputs('Transaction');
				const paths = flavour.requests.map((entry) => entry.path);
				return {
					transactionId,
					success,
					failure,
					polls: paths.filter((path) => path.startsWith('/imiassist/api/v1/transactions/')).length,
					downloads: paths.filter((path) => path.startsWith('/imiassist/api/v1/reports/')).length,
					host: new URL(flavour.url).host,
				};
			} finally {
				await flavour.close();
			}
		}

		/** A run's outputs with its sandbox's host and transaction id made comparable. */
		const comparable = (run, items) =>
			JSON.parse(
				JSON.stringify(items).replaceAll(run.host, 'HOST').replaceAll(run.transactionId, 'ID'),
			);
		const withoutBody = ({ response_body: _, ...json }) => json;
		const unknownStatus = (transactionId, status) =>
			`Transaction ${transactionId} has the status "${status}", which is none of QUEUED, IN_PROGRESS, COMPLETED, FAILED (in any case): whether it is done is not known, so it is not waited for and no report is downloaded.`;

		test.each([
			['lower', 'completed'],
			['title', 'Completed'],
		])(
			'statuses in %s case complete and download the reports exactly as upper case does',
			async (statusCase, completed) => {
				const upper = await transactionOn({}, waitAndDownload);
				const other = await transactionOn({ statusCase }, waitAndDownload);
				expect(other.failure).toEqual([]);
				// The status output keeps what the server sent.
				expect(other.success[0].json.status).toBe(completed);
				expect(upper.success[0].json.status).toBe('COMPLETED');
				expect([other.polls, other.downloads]).toEqual([3, 2]);
				expect([upper.polls, upper.downloads]).toEqual([3, 2]);
				expect(comparable(other, other.success[0].binary)).toEqual(
					comparable(upper, upper.success[0].binary),
				);
				expect(Object.keys(other.success[0].binary).sort()).toEqual(['detailed', 'summary']);
				expect(comparable(other, other.success[0].json.output_log)).toEqual(
					comparable(upper, upper.success[0].json.output_log),
				);
			},
		);

		test('a failed transaction in lower case is a Failure with its message, as soon as it fails', async () => {
			const run = await transactionOn(
				{ statusCase: 'lower' },
				{ waitForCompletion: true, maxWait: 20 },
				{ before: (sandbox) => sandbox.imiassist.failNextReport('Quota exceeded') },
			);
			expect(run.success).toEqual([]);
			expect(run.polls).toBe(3);
			expect(run.failure[0].json).toMatchObject({
				error_message: `Transaction ${run.transactionId} FAILED: Quota exceeded.`,
				status: 'failed',
				output_log: { message: 'Quota exceeded' },
			});
		});

		test.each([
			['at the top level', {}],
			['only inside it', { statusInOutputLog: true }],
		])(
			'output_log as JSON text, the status %s: the same outputs as an object',
			async (_where, settings) => {
				const asObject = await transactionOn(settings, waitAndDownload);
				const asText = await transactionOn({ ...settings, outputLogAsText: true }, waitAndDownload);
				expect(asText.failure).toEqual([]);
				expect(asText.success[0].json.status).toBe('COMPLETED');
				expect(typeof asText.success[0].json.response_body.output_log).toBe('string');
				expect(typeof asText.success[0].json.output_log).toBe('object');
				expect(Object.keys(asText.success[0].json)).toEqual(Object.keys(asObject.success[0].json));
				expect(comparable(asText, withoutBody(asText.success[0].json))).toEqual(
					comparable(asObject, withoutBody(asObject.success[0].json)),
				);
				expect(comparable(asText, asText.success[0].binary)).toEqual(
					comparable(asObject, asObject.success[0].binary),
				);
			},
		);

		test('output_log as JSON text of a FAILED transaction: its message in the Failure', async () => {
			const run = await transactionOn(
				{ outputLogAsText: true, statusInOutputLog: true },
				{ waitForCompletion: true, maxWait: 20 },
				{ before: (sandbox) => sandbox.imiassist.failNextReport('Quota exceeded') },
			);
			expect(run.success).toEqual([]);
			expect(run.failure[0].json).toMatchObject({
				error_message: `Transaction ${run.transactionId} FAILED: Quota exceeded.`,
				status: 'FAILED',
				output_log: { status: 'FAILED', message: 'Quota exceeded' },
			});
		});

		test.each([
			['ARCHIVED', {}, 'ARCHIVED'],
			['archived', { statusCase: 'lower' }, 'archived'],
		])(
			'an unknown final status %s while waiting: a Failure quoting it at once, nothing on Success, no download',
			async (_status, settings, wire) => {
				const run = await transactionOn({ finalStatus: 'ARCHIVED', ...settings }, waitAndDownload);
				expect(run.success).toEqual([]);
				expect(run.failure).toHaveLength(1);
				expect(run.failure[0].json).toMatchObject({
					error_message: unknownStatus(run.transactionId, wire),
					status: wire,
					transaction_id: run.transactionId,
				});
				expect([run.polls, run.downloads]).toEqual([3, 0]);
			},
		);

		test.each([
			['without downloading', {}],
			['downloading', { downloadReports: true }],
		])(
			'an unknown final status without waiting, %s: a Failure quoting it, nothing on Success',
			async (_name, parameters) => {
				const run = await transactionOn({ finalStatus: 'ARCHIVED' }, parameters, {
					pollsFirst: 2,
				});
				expect(run.success).toEqual([]);
				expect(run.failure[0].json).toMatchObject({
					error_message: unknownStatus(run.transactionId, 'ARCHIVED'),
					status: 'ARCHIVED',
					output_log: { message: 'Report generated' },
				});
				expect([run.polls, run.downloads]).toEqual([1, 0]);
			},
		);
	});
});

describe('report-then-poll (examples/report-then-poll.json)', () => {
	test('runs to the end: the two CSVs hold the sandbox appointments of last month', async () => {
		const result = await run(reportThenPoll);
		const [[transaction]] = result.outputs('Wait for the Report');
		expect(transaction.json.status).toBe('COMPLETED');
		const [rows] = result.outputs('Appointments in the Report');

		const expected = appointmentsOfLastMonth(sandbox, 'Europe/London');
		expect(expected.length).toBeGreaterThan(0);
		expect(rows.map((row) => row.json.appointment_id)).toEqual(
			expected.map((appointment) => appointment.appointment_id),
		);
		expect(rows[0].json).toEqual({
			appointment_id: expected[0].appointment_id,
			appointment_uid: expected[0].appointment_uid,
			department_id: expected[0].department_id,
			team_id: expected[0].team_id,
			start_time: expected[0].start_time,
			end_time: expected[0].end_time,
			status: expected[0].status,
			video_minutes: String(expected[0].video_minutes),
			translation_minutes: String(expected[0].translation_minutes),
			billable_sms: String(expected[0].billable_sms),
			billable_emails: String(expected[0].billable_emails),
		});

		const summaryBinary = transaction.binary.summary;
		const summaryText = Buffer.from(summaryBinary.data, 'base64').toString('utf8');
		const [header, totals] = parseCsv(summaryText);
		const summary = Object.fromEntries(header.map((name, index) => [name, totals[index]]));
		const sum = (field) => expected.reduce((total, appointment) => total + appointment[field], 0);
		expect(summary).toMatchObject({
			report_title: 'Usage last month',
			appointments: String(expected.length),
			video_minutes: String(sum('video_minutes')),
			translation_minutes: String(sum('translation_minutes')),
			billable_sms: String(sum('billable_sms')),
			billable_emails: String(sum('billable_emails')),
		});
	});
});

describe("the credential's test", () => {
	test('OK with the sandbox key pair, 401 with a wrong token; on a server without the (undocumented) transaction list, the 404 says the key and token may be right', async () => {
		await expect(credentialTest(sandbox.credentials.imiassist)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		await expect(
			credentialTest({ ...sandbox.credentials.imiassist, token: 'wrong-imiassist-token' }),
		).resolves.toEqual({
			status: 'Error',
			message: 'The platform refused these credentials (HTTP 401): check the token.',
		});
		expect(new Set(imiRequests().map((entry) => entry.path))).toEqual(
			new Set(['/imiassist/api/v1/transactions']),
		);

		const withoutList = await startScannedSandbox({ imiassist: { transactionList: false } });
		try {
			await expect(credentialTest(withoutList.credentials.imiassist)).resolves.toEqual({
				status: 'Error',
				message:
					'Not found (HTTP 404): check the Base URL. On IMIASSIST this says nothing about the API key and token: the test reads the list of transactions (GET /api/v1/transactions), which no IMIASSIST document promises, so a server without that list answers 404; run Get a Transaction to check them.',
			});
			expect(withoutList.requests.map((entry) => entry.status)).toEqual([404]);
		} finally {
			await withoutList.close();
		}
	});
});

// The test's URL is the credential's API root and account SID as n8n expressions
// (nodes/shared/credentialRules.ts): here n8n resolves them, and the sandbox shows where they led.
describe("the credential's test on every platform goes where the nodes' requests go", () => {
	test.each([
		['lumin', {}, '/lumin/billing'],
		['evoVoice', {}, '/evovoice/ai/usage'],
		[
			'restcomm',
			{},
			'/restcomm/2012-04-24/Accounts/ACrc0000000000000000000000000001/Usage/Records/Today.json',
		],
		[
			'twilio',
			{},
			'/twilio/2010-04-01/Accounts/ACtw0000000000000000000000000001/Usage/Records/Today.json',
		],
		[
			'twilioApiKey',
			{},
			'/twilio/2010-04-01/Accounts/ACtw0000000000000000000000000001/Usage/Records/Today.json',
		],
		// A blank Account SID (a credential saved with the SID in the API Key field) and a Base URL
		// with spaces and a trailing slash, read as the code reads them: the SID from the API key,
		// the URL trimmed and without the slash.
		[
			'restcomm',
			{ accountSid: '  ', apiKey: 'ACrc0000000000000000000000000001' },
			'/restcomm/2012-04-24/Accounts/ACrc0000000000000000000000000001/Usage/Records/Today.json',
		],
		['lumin', { trailingSlash: true }, '/lumin/billing'],
	])('%s %j', async (name, { trailingSlash, ...changes }, path) => {
		const values = { ...sandbox.credentials[name], ...changes };
		if (trailingSlash) values.baseUrl = ` ${values.baseUrl}/ `;
		const before = sandbox.requests.length;
		await expect(credentialTest(values)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.requests.slice(before).map((entry) => entry.path)).toEqual([path]);
	});
});

describe('the credential in integration-user mode', () => {
	test('Create Usage Report runs with no API key or token typed anywhere, and again after the sandbox revoked the token', async () => {
		const credentials = { ...sandbox.credentials.imiassistIntegrationUser };
		const workflow = node('Report', 'imiassistCreateUsageReport', {
			operation: 'createUsageReport',
			reportTitle: 'integration',
		});

		const first = await runScanned(workflow, { credentials: { commsBillingApi: credentials } });
		expect(first.outputs('Report')[1]).toEqual([]);
		expect(first.outputs('Report')[0][0].json.transaction_id).toEqual(expect.any(String));
		expect(imiRequests().map((entry) => entry.path)).toEqual([
			'/imiassist/api/v1/auth/login',
			'/imiassist/api/v1/auth/token',
			'/imiassist/api/v1/reports/usage',
		]);
		const stored = first.credentialsHelper.stored.commsBillingApi;
		expect(stored.obtainedToken).toEqual(expect.any(String));

		sandbox.imiassist.revokeIssuedTokens();
		sandbox.clearRequests();
		const second = await runScanned(workflow, {
			credentials: { commsBillingApi: stored },
			extraSecrets: [stored.obtainedToken],
		});
		expect(second.outputs('Report')[1]).toEqual([]);
		expect(second.outputs('Report')[0][0].json.transaction_id).toEqual(expect.any(String));
		expect(imiRequests().map((entry) => `${entry.path} ${entry.status}`)).toEqual([
			'/imiassist/api/v1/reports/usage 401',
			'/imiassist/api/v1/auth/login 200',
			'/imiassist/api/v1/auth/token 200',
			'/imiassist/api/v1/reports/usage 202',
		]);
		const renewed = second.credentialsHelper.stored.commsBillingApi;
		expect(renewed.obtainedToken).not.toBe(stored.obtainedToken);
	});
});
