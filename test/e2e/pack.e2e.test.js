// The pack in a real n8n 2.41.1: loaded from a folder, credentials from n8n's own store,
// workflows run by n8n's server from their triggers (its REST API), the credential test, the editor.
const path = require('node:path');
const { DateTime } = require('luxon');

const { startSandbox } = require('../../sandbox');
const pack = require('../../harness/pack');
const { Editor } = require('./editor');
const { exampleSources } = require('../screenshots');
const { N8nInstance, N8N_TIMEZONE } = require('../../harness/n8nInstance');
const {
	readWorkflows,
	exampleWorkflows,
	sandboxCredentials,
	OWNER,
} = require('../../harness/fixtures');

const e2eWorkflows = () => readWorkflows(path.join(__dirname, 'workflows'));

/** Two examples as they were saved with version 1 (test/fixtures/version1), under ids of their own. */
const version1Workflows = () =>
	readWorkflows(path.join(__dirname, '..', 'fixtures', 'version1'))
		.filter((workflow) =>
			['exampleMonthlyBilling', 'exampleLuminBillingSummary'].includes(workflow.id),
		)
		.map((workflow) => ({
			...workflow,
			id: workflow.id.replace(/^example/, 'version1'),
			name: `${workflow.name} (version 1)`,
		}));

/** The monthly billing example as a Twilio-compatible customer runs it: same nodes, that credential. */
function monthlyBillingOnTwilio() {
	const example = exampleWorkflows().find((workflow) => workflow.id === 'exampleMonthlyBilling');
	const workflow = JSON.parse(JSON.stringify(example));
	workflow.id = 'e2eMonthlyBillingTwilio';
	workflow.name = `${example.name} (Twilio-compatible)`;
	workflow.nodes.find((node) => node.name === 'Usage Records').credentials.commsBillingApi = {
		id: 'commsBillingSandboxTwilio',
		name: 'Comms Billing sandbox (Twilio-compatible)',
	};
	return workflow;
}

const { PLATFORM_LABELS } = require('../../dist/nodes/shared/platforms');

const { EVENT_FIELDS } = require('../expectations');
const {
	expectLuminSummary,
	expectReportThenPoll,
	expectMonthlyBilling,
	expectCustomersPriced,
	monthlyBillingLines,
	sum,
} = require('../exampleChecks');
const { credentialSecrets, expectNoSecretsIn } = require('../secretScan');
const {
	onWebhook,
	ERROR_WORKFLOW,
	executionIds,
	activate,
	newExecutions,
	triggerAndWait,
} = require('../../harness/productionRuns');

// The monthly billing example as production runs it: from a webhook, an error workflow set.
const watchedMonthlyBilling = () =>
	onWebhook(
		exampleWorkflows().find((workflow) => workflow.id === 'exampleMonthlyBilling'),
		'e2e-monthly-billing',
		11,
		{ errorWorkflow: ERROR_WORKFLOW.id },
	);

let sandbox;
let n8n;
// Every secret of every credential n8n holds, the wrong ones included.
let secrets;

beforeAll(async () => {
	sandbox = await startSandbox({ logResponses: true });
	n8n = new N8nInstance({ port: 15678 });
	const credentials = sandboxCredentials(sandbox);
	secrets = credentials.flatMap((credential) => credentialSecrets(credential.data));
	await n8n.importCredentials(credentials);
	await n8n.importWorkflows([
		...exampleWorkflows(),
		...e2eWorkflows(),
		...version1Workflows(),
		monthlyBillingOnTwilio(),
		watchedMonthlyBilling(),
		ERROR_WORKFLOW,
	]);
	await n8n.start();
	await n8n.setupOwner(OWNER);
	await activate(n8n, [watchedMonthlyBilling(), ERROR_WORKFLOW]);
});

// The suite's secret scan: what the sandbox received and answered in each test, then every
// execution n8n stored and everything the server printed.
afterEach(() => expectNoSecretsIn([JSON.stringify(sandbox.requests)], secrets));

afterAll(async () => {
	try {
		const executions = n8n?.server ? await n8n.storedExecutions() : [];
		await n8n?.stop();
		expectNoSecretsIn([n8n.log, ...executions.map((execution) => execution.data)], secrets);
	} finally {
		await n8n?.stop();
		await sandbox?.close();
	}
});

beforeEach(() => sandbox.clearRequests());

const luminRequests = () => sandbox.requests.filter((entry) => entry.path.startsWith('/lumin'));

describe('workflows run by n8n', () => {
	test('the example: last month in Los Angeles, summarised per host and type', async () => {
		expectLuminSummary(await n8n.execute('exampleLuminBillingSummary'), sandbox);
	});

	test('dates from n8n expressions, Limit, and the documented event fields', async () => {
		const [success, failure] = (await n8n.execute('e2eLuminEvents')).outputs('Billing Events');
		expect(failure).toEqual([]);
		expect(success).toHaveLength(5);
		for (const item of success) {
			expect(Object.keys(item.json)).toEqual(EVENT_FIELDS);
			expect(['billing.scheduled', 'billing.rescheduled']).toContain(item.json.type);
		}
		const [request] = luminRequests();
		const sixtyDaysAgo = DateTime.now().setZone('Europe/London').minus({ days: 60 });
		expect(
			Math.abs(DateTime.fromISO(request.body.start).diff(sixtyDaysAgo, 'minutes').minutes),
		).toBeLessThan(5);
		expect(request.authenticated).toBe(true);
	});

	test("a wrong token from n8n's credential store: Failure with 401, the token nowhere", async () => {
		const result = await n8n.execute('e2eLuminWrongToken');
		const [success, failure] = result.outputs('Billing Events');
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.response_status_code).toBe(401);
		expect(failure[0].json.error_message).toMatch(/^Lumin\.ai refused the request with HTTP 401/);
		expect(JSON.stringify(result.run)).not.toContain('not-the-sandbox-token');
		expect(result.log).not.toContain('not-the-sandbox-token');
	});

	test('On Error: Continue: a refusal, a parameter error and a credential error give one Failure shape', async () => {
		const result = await n8n.execute('e2eOneFailureShape');
		for (const [name, status] of [
			['Refused', 401],
			['Invalid Date', 0],
			['Other Platform', 0],
		]) {
			const [success, [failure]] = result.outputs(name);
			expect(success).toEqual([]);
			expect(Object.keys(failure.json).sort()).toEqual([
				'error_message',
				'response_body',
				'response_status_code',
			]);
			expect(failure.json.response_status_code).toBe(status);
			expect(failure.error).toBeUndefined();
		}
	});

	test('an invalid date with On Error: Continue comes out on Failure in the shape of every Failure, with no request', async () => {
		const [success, failure] = (await n8n.execute('e2eLuminContinueOnFail')).outputs(
			'Billing Events',
		);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json).toEqual({
			error_message:
				'Invalid parameter "start" in item 0: "the first of March" is not an ISO 8601 date or a date value',
			response_status_code: 0,
			response_body: null,
		});
		expect(failure[0].error).toBeUndefined();
		expect(luminRequests()).toEqual([]);
	});

	test('Restcomm: a Start Date that leaves no day of Last Month is a parameter error naming both, with no request', async () => {
		const [success, failure] = (await n8n.execute('e2eRestcommDatesOutsidePeriod')).outputs(
			'Usage Records',
		);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.error_message).toMatch(
			/^Invalid parameter "startDate" in item 0: 2099-01-01 to no end leaves no day of LastMonth \(\d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2} in the server's days, UTC\), so nothing would be read$/,
		);
		expect(sandbox.requests.filter((entry) => entry.path.startsWith('/restcomm'))).toEqual([]);
	});
});

describe('guards against a misbehaving server, in n8n', () => {
	let elsewhere;
	beforeAll(async () => {
		elsewhere = await startSandbox({ logResponses: true });
	});
	afterAll(async () => await elsewhere?.close());
	beforeEach(() => {
		sandbox.clearFaults();
		elsewhere.clearRequests();
	});
	afterEach(() => {
		sandbox.clearFaults();
		expectNoSecretsIn([JSON.stringify(elsewhere.requests)], secrets);
	});

	test('a redirect to another origin: Failure naming it, and the Bearer token not sent there', async () => {
		sandbox.injectFault({
			platform: 'lumin',
			status: 307,
			headers: { Location: `${elsewhere.url}/collect?stolen=1` },
			body: '',
		});
		const result = await n8n.execute('e2eLuminMaxPages');
		const [success, failure] = result.outputs('Billing Events');
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toBe(
			`Lumin.ai redirected the request to ${elsewhere.url}, another origin than the credential's; it was not followed, so nothing was sent there.`,
		);
		expect(elsewhere.requests).toEqual([]);
	});

	test('a server that never sends a last page: Failure after Max Pages, nothing partial', async () => {
		sandbox.injectFault({ platform: 'lumin', endlessPages: true, times: 0 });
		const result = await n8n.execute('e2eLuminMaxPages');
		const [success, failure] = result.outputs('Billing Events');
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(
			/still sending further pages after 30 \(Max Pages\)/,
		);
		expect(luminRequests()).toHaveLength(30);
	});

	test('a token the server echoes in any form appears nowhere in the run or in what n8n printed', async () => {
		const { token } = sandbox.credentials.lumin;
		const forms = [
			token,
			encodeURIComponent(`${token}&`),
			Buffer.from(`user:${token}`).toString('base64'),
		];
		sandbox.injectFault({
			platform: 'lumin',
			status: 400,
			body: {
				[token]: 'as a key',
				query: `token=${forms[1]}`,
				header: `basic ${forms[2]}`,
				error: `bad token ${token}`,
			},
		});
		const result = await n8n.execute('e2eLuminMaxPages');
		const [, failure] = result.outputs('Billing Events');
		expect(failure[0].json.response_status_code).toBe(400);
		expect(failure[0].json.response_body).toMatchObject({ '[redacted]': 'as a key' });
		for (const text of [JSON.stringify(result.run), result.log])
			for (const form of [token, forms[2], Buffer.from(`user:${token}`).toString('base64url')])
				expect(text).not.toContain(form);
	});
});

describe("the pack as an AI agent's tools, in n8n", () => {
	beforeEach(() => sandbox.openai.clear());

	test('a Success and a refusal both reach the model, and no secret does', async () => {
		const result = await n8n.execute('e2eAgentTools');
		expect(result.outputs('AI Agent')[0][0].json.output).toBe('Here is what the tools said.');
		const byTool = new Map(sandbox.openai.toolResults.map((entry) => [entry.tool, entry.content]));
		expect(byTool.size).toBe(2);
		const [success, refusal] = ['Billing_Events', 'Billing_Events_Wrong_Token'].map(
			(name) => [...byTool].find(([tool]) => tool === name)?.[1],
		);
		// The Success records: one per host and event type, as the node outputs them.
		const records = JSON.parse(success);
		expect(records.length).toBeGreaterThan(0);
		expect(Object.keys(records[0])).toEqual(['host_id', 'type', 'count']);
		// The Failure: its reason, not an empty list.
		expect(refusal).toContain('Lumin.ai refused the request with HTTP 401');
		const everything = JSON.stringify(
			sandbox.requests.filter((entry) => entry.path.startsWith('/openai')),
		);
		for (const text of [everything, JSON.stringify(sandbox.openai.toolResults), result.log]) {
			expect(text).not.toContain(sandbox.credentials.lumin.token);
			expect(text).not.toContain('not-the-sandbox-token');
		}
	});

	test('the example agent workflow: the Success records reach the model', async () => {
		const result = await n8n.execute('exampleAgentBilling');
		expect(result.outputs('AI Agent')[0]).toHaveLength(1);
		const [entry] = sandbox.openai.toolResults;
		expect(JSON.parse(entry.content)[0]).toMatchObject({ host_id: expect.any(String) });
	});
});

describe('IMIASSIST in n8n', () => {
	const imiRequests = (path) =>
		sandbox.requests.filter((entry) => entry.path.startsWith(`/imiassist/api/v1${path}`));

	test("report-then-poll: the report, polled until COMPLETED, its CSV read by n8n's own Extract from File", async () => {
		expectReportThenPoll(await n8n.execute('exampleReportThenPoll'), sandbox);
	});

	test('the integration user: no key or token typed; after the sandbox revoked the token, n8n renews it', async () => {
		const first = await n8n.execute('e2eImiassistIntegrationUser');
		expect(first.outputs('Create Usage Report')[0][0].json.transaction_id).toEqual(
			expect.any(String),
		);
		expect(imiRequests('/auth/login')).toHaveLength(1);

		sandbox.imiassist.revokeIssuedTokens();
		sandbox.clearRequests();
		const second = await n8n.execute('e2eImiassistIntegrationUser');
		expect(second.outputs('Create Usage Report')[1]).toEqual([]);
		expect(second.outputs('Create Usage Report')[0][0].json.transaction_id).toEqual(
			expect.any(String),
		);
		expect(imiRequests('').map((entry) => `${entry.path} ${entry.status}`)).toEqual([
			'/imiassist/api/v1/reports/usage 401',
			'/imiassist/api/v1/auth/login 200',
			'/imiassist/api/v1/auth/token 200',
			'/imiassist/api/v1/reports/usage 202',
		]);
		for (const text of [JSON.stringify(second.run), second.log])
			expect(text).not.toContain(sandbox.credentials.imiassistIntegrationUser.userPassword);
	});
});

describe('IMIASSIST Authentication and Create Appointment in n8n', () => {
	test('the authentication example: Authenticate, then Get New Token with the access token from an expression', async () => {
		const result = await n8n.execute('exampleImiassistAuthentication');
		const [[login]] = result.outputs('Authenticate');
		expect(Object.keys(login.json)).toEqual([
			'access',
			'refresh',
			'response_body',
			'response_status_code',
		]);
		const [[keys], failure] = result.outputs('Get New Token');
		expect(failure).toEqual([]);
		expect(Object.keys(keys.json)).toEqual([
			'api_key',
			'token',
			'response_body',
			'response_status_code',
		]);
		expect(JSON.stringify(keys.json)).not.toContain(login.json.access);
	});

	test('the appointment example: scheduled for tomorrow, stored by the sandbox', async () => {
		const result = await n8n.execute('exampleScheduleAppointment');
		const [[appointment], failure] = result.outputs('Schedule Appointment');
		expect(failure).toEqual([]);
		expect(appointment.json.response_status_code).toBe(201);
		const stored = sandbox.imiassist
			.appointments()
			.find((candidate) => candidate.appointment_id === appointment.json.appointment_id);
		expect(stored).toMatchObject({
			customer_phone: '+44123456789',
			priority: 'MEDIUM',
			duration: 30,
		});
		expect(stored.start_time).toBe(
			DateTime.now()
				.setZone(N8N_TIMEZONE)
				.plus({ days: 1 })
				.set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
				.toUTC()
				.toISO(),
		);
	});
});

describe('Evo Voice, Restcomm and the monthly billing example in n8n', () => {
	const invoiceLines = async (workflowId) => monthlyBillingLines(await n8n.execute(workflowId));

	test("monthly billing, run from its Schedule Trigger: the three usage nodes and n8n's own Merge give invoice lines adding up to each platform's month, and Rate Lines what each customer pays", async () => {
		const result = await n8n.execute('exampleMonthlyBilling');
		const lines = monthlyBillingLines(result);
		expectMonthlyBilling(lines, sandbox);
		expectCustomersPriced(result, lines);
	});

	test('workflows saved with version 1, as the examples were before version 2, run unchanged', async () => {
		expectMonthlyBilling(monthlyBillingLines(await n8n.execute('version1MonthlyBilling')), sandbox);
		sandbox.clearRequests();
		expectLuminSummary(await n8n.execute('version1LuminBillingSummary'), sandbox);
	});

	test("monthly billing with a Twilio-compatible credential: leaf lines whose amounts add up to the month's totalprice", async () => {
		const lines = (await invoiceLines('e2eMonthlyBillingTwilio')).filter(
			(line) => line.platform === 'Twilio-compatible API',
		);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.map((line) => line.category)).not.toContain('calls');
		expect(lines.map((line) => line.category)).not.toContain('totalprice');
		const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
		const response = await fetch(
			`${baseUrl}/2010-04-01/Accounts/${accountSid}/Usage/Records/LastMonth.json?Category=totalprice`,
			{
				headers: {
					Authorization: `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`,
				},
			},
		);
		const [total] = (await response.json()).usage_records;
		expect(Number(total.price)).toBeGreaterThan(0);
		expect(sum(lines, 'amount')).toBeCloseTo(Number(total.price), 2);
	});

	test("Evo Voice's credentials login: session cookies instead of Basic, and n8n signs in again after the session ends", async () => {
		const evoVoice = () =>
			sandbox.requests
				.filter((entry) => entry.path.startsWith('/evovoice/'))
				.map(({ path, auth, status }) => `${path} ${auth} ${status}`);
		const first = await n8n.execute('e2eEvoVoiceLogin');
		expect(first.outputs('AI Usage')[1]).toEqual([]);
		expect(first.outputs('AI Usage')[0].length).toBeGreaterThan(0);
		// The period, then its last day alone (endDateReading.ts), on the one session.
		expect(evoVoice()).toEqual([
			'/evovoice/auth/credentials null 200',
			'/evovoice/ai/usage session 200',
			'/evovoice/ai/usage session 200',
		]);

		sandbox.evoVoice.expireSessions();
		sandbox.clearRequests();
		const second = await n8n.execute('e2eEvoVoiceLogin');
		expect(second.outputs('AI Usage')[1]).toEqual([]);
		expect(evoVoice()).toEqual([
			'/evovoice/ai/usage session 401',
			'/evovoice/auth/credentials null 200',
			'/evovoice/ai/usage session 200',
			'/evovoice/ai/usage session 200',
		]);
		for (const text of [JSON.stringify(second.run), second.log])
			expect(text).not.toContain(sandbox.credentials.evoVoiceLogin.token);
	});

	test('Twilio with an API key, Leaf Categories, subaccounts left out: each unit once, adding up to totalprice', async () => {
		const result = await n8n.execute('e2eTwilioLeafCategories');
		const [records, failure] = result.outputs('Leaf Categories');
		expect(failure).toEqual([]);
		const [[total]] = result.outputs('Total Price');
		const { accountSid } = sandbox.credentials.twilioApiKey;
		expect(records.every(({ json }) => json.account_sid === accountSid)).toBe(true);
		expect(records.map(({ json }) => json.category)).not.toContain('calls');
		const priced = records.reduce((sum, { json }) => sum + json.price, 0);
		expect(priced).toBeCloseTo(total.json.price, 2);
		const twilio = sandbox.requests.filter((entry) => entry.path.startsWith('/twilio/'));
		expect(twilio.map((entry) => entry.query.IncludeSubaccounts)).toEqual(['false', 'false']);
		expect(twilio.every((entry) => entry.path.includes(`/Accounts/${accountSid}/`))).toBe(true);
		expect(twilio.every((entry) => entry.authenticated)).toBe(true);
	});
});

describe('a refused vendor fails the monthly billing run loudly, as production runs it', () => {
	afterEach(() => sandbox.clearFaults());

	test.each([
		['evoVoice', 'Evo Voice', 401],
		['evoVoice', 'Evo Voice', 500],
		['restcomm', 'Restcomm', 401],
		['restcomm', 'Restcomm', 500],
		['lumin', 'Lumin.ai', 401],
		['lumin', 'Lumin.ai', 500],
	])(
		'%s (%s) answering HTTP %i: the run ends in error, the error workflow runs once naming the vendor, no invoice lines',
		async (platform, label, status) => {
			const errorsBefore = new Set(await executionIds(n8n, ERROR_WORKFLOW.id));
			sandbox.injectFault({ platform, status, times: 0 });
			const [run] = await triggerAndWait(n8n, watchedMonthlyBilling());
			expect(run.status).toBe('error');
			expect(run.run.data.resultData.runData['Invoice Lines']).toBeUndefined();
			const errorRuns = await newExecutions(n8n, ERROR_WORKFLOW.id, errorsBefore);
			expect(errorRuns).toHaveLength(1);
			const { run: seen } = await n8n.finishedExecution(errorRuns[0]);
			const [[item]] = seen.data.resultData.runData['Error Trigger'][0].data.main;
			expect(item.json.execution.error.message).toMatch(
				new RegExp(`^${label.replace('.', '\\.')} .*HTTP ${status}`),
			);
			expect(item.json.execution.id).toBe(run.executionId);
		},
	);

	test('every vendor well: one success, the whole table, no error workflow run', async () => {
		const errorsBefore = new Set(await executionIds(n8n, ERROR_WORKFLOW.id));
		const [run] = await triggerAndWait(n8n, watchedMonthlyBilling());
		expect(run.status).toBe('success');
		expectMonthlyBilling(monthlyBillingLines(run), sandbox);
		expect(await executionIds(n8n, ERROR_WORKFLOW.id)).toHaveLength(errorsBefore.size);
	});
});

describe('the server', () => {
	test("lists the pack's node types and credential", async () => {
		const response = await fetch(`${n8n.url}/types/nodes.json`, {
			headers: { Cookie: n8n.cookie },
		});
		const types = await response.json();
		expect(types.map((type) => type.name)).toContain('CUSTOM.luminBillingEvents');
		// As n8n serves it to the editor: Limit belongs to the Events mode only.
		const lumin = types.find((type) => type.name === 'CUSTOM.luminBillingEvents');
		for (const name of ['returnAll', 'limit']) {
			const parameter = lumin.properties.find((property) => property.name === name);
			expect(parameter.displayOptions.show.outputMode).toEqual(['events']);
		}
	});

	test("n8n's own credential test passes with the sandbox values and fails clearly with a wrong token", async () => {
		const credential = (id) => sandboxCredentials(sandbox).find((candidate) => candidate.id === id);
		const test = async (credentials) =>
			await n8n.rest('POST', '/credentials/test', { credentials });
		const ok = { status: 'OK', message: 'Connection successful!' };
		const refused = {
			status: 'Error',
			message: 'The platform refused these credentials (HTTP 401): check the token.',
		};

		sandbox.clearRequests();
		await expect(test(credential('commsBillingSandboxLumin'))).resolves.toEqual(ok);
		expect(luminRequests()).toHaveLength(1);
		expect(luminRequests()[0].authenticated).toBe(true);
		await expect(test(credential('commsBillingWrongToken'))).resolves.toEqual(refused);

		for (const id of [
			'commsBillingSandboxImiassist',
			'commsBillingSandboxImiassistUser',
			'commsBillingSandboxEvoVoice',
			'commsBillingSandboxRestcomm',
			'commsBillingSandboxTwilio',
			'commsBillingSandboxTwilioApiKey',
			'commsBillingSandboxEvoVoiceLogin',
		]) {
			await expect(test(credential(id))).resolves.toEqual(ok);
		}
		const imiassist = credential('commsBillingSandboxImiassist');
		await expect(
			test({ ...imiassist, data: { ...imiassist.data, token: 'wrong-imiassist-token' } }),
		).resolves.toEqual(refused);
	});

	describe('the editor in a browser', () => {
		let editor;
		beforeAll(async () => {
			editor = await Editor.open(n8n.url, OWNER);
		});
		afterAll(async () => await editor?.close());

		const packNodeTypes = new Map(
			pack.nodes.map((node) => [`CUSTOM.${node.description.name}`, node]),
		);

		test('the node panel lists Usage Records for "Twilio usage" as for "Restcomm usage"', async () => {
			await editor.openWorkflow('exampleMonthlyBilling');
			expect(
				await editor.searchNodes('Twilio usage', {
					name: 'search-twilio-usage',
					sources: { nodes: ['restcommUsageRecords'] },
				}),
			).toContain('Restcomm / Twilio Usage Records');
			await editor.openWorkflow('exampleMonthlyBilling');
			expect(await editor.searchNodes('Restcomm usage')).toContain(
				'Restcomm / Twilio Usage Records',
			);
		});

		test('Time Zone: "Kolkata", "Kyiv" and "Ho Chi Minh" typed into its list each find their zone, under its current and old name', async () => {
			await editor.openWorkflow('exampleLuminBillingSummary');
			const { shown, found } = await editor.searchOptions('Lumin.ai Billing Events', 'timezone', [
				'Kolkata',
				'Kyiv',
				'Ho Chi Minh',
			]);
			// The example's saved zone, shown by its label once the list has loaded.
			expect(shown).toBe('America/Los Angeles (PST8PDT, US/Pacific)');
			expect(found).toEqual({
				Kolkata: ['Asia/Kolkata (Asia/Calcutta)'],
				Kyiv: ['Europe/Kyiv (Europe/Kiev, Europe/Uzhgorod, Europe/Zaporozhye)'],
				'Ho Chi Minh': ['Asia/Ho Chi Minh (Asia/Saigon)'],
			});
			await editor.openWorkflow('exampleLuminBillingSummary');
		});

		// The usage trigger's example has a suite of its own (usageTrigger.e2e.test.js): polled by
		// n8n, it has no Success and Failure and nothing to run from the editor.
		const withoutTrigger = exampleWorkflows().filter(
			(workflow) => !workflow.nodes.some((node) => node.type.endsWith('.commsUsageTrigger')),
		);
		test.each(withoutTrigger.map((workflow) => [workflow.name, workflow]))(
			'%s: every pack node drawn with its icon, Success and Failure, its methods and the credential platforms',
			async (_name, workflow) => {
				await editor.openWorkflow(workflow.id);
				const canvas = await editor.canvasNodes();
				const drawn = canvas.filter((node) => packNodeTypes.has(node.type));
				const ours = workflow.nodes.filter((node) => node.type.startsWith(`${pack.packageName}.`));
				const isTool = (node) => node.type.endsWith('Tool');
				expect(drawn.map((node) => node.name).sort()).toEqual(
					ours
						.filter((node) => !isTool(node))
						.map((node) => node.name)
						.sort(),
				);
				// As an agent's tools, the nodes are drawn with their own icon and a tool's connector.
				const tools = canvas.filter((node) => packNodeTypes.has(node.type.replace(/Tool$/, '')));
				expect(
					tools
						.filter(isTool)
						.map((node) => node.name)
						.sort(),
				).toEqual(
					ours
						.filter(isTool)
						.map((node) => node.name)
						.sort(),
				);
				for (const tool of tools.filter(isTool)) expect(tool.iconLoaded).toBe(true);
				await editor.screenshot(`workflow-${workflow.id}`, exampleSources(workflow));

				for (const node of drawn) {
					// The version the workflow saved, as n8n draws it.
					const saved = workflow.nodes.find((candidate) => candidate.name === node.name);
					const { description } = pack.nodeTypeOf(
						node.type.replace(/^CUSTOM\./, ''),
						saved.typeVersion,
					);
					const iconFile = path.posix.basename(description.icon.light.replace(/^file:/, ''));
					expect(node.icon.endsWith(`/${iconFile}`)).toBe(true);
					expect(node.iconLoaded).toBe(true);
					expect(node.outputs).toEqual(['Success', 'Failure']);

					// Rate Lines has no method to choose and no credential: its Output is the choice.
					const choice =
						description.properties.find((property) => property.name === 'operation') ??
						description.properties.find((property) => property.name === 'output');
					const methods = choice.options;
					const panel = await editor.openNode(
						node.name,
						{ name: `node-${description.name}`, sources: { nodes: [description.name] } },
						choice.name,
					);
					expect(methods.map((method) => method.name)).toContain(panel.shown);
					for (const method of methods) {
						expect(panel.offered.some((text) => text.startsWith(method.name))).toBe(true);
					}
					if (!description.credentials) {
						await editor.openWorkflow(workflow.id);
						continue;
					}

					const credential = await editor.openCredential({
						name: `credential-${description.name}`,
						sources: { credential: true },
					});
					const { commsBillingApi } = workflow.nodes.find(
						(candidate) => candidate.name === node.name,
					).credentials;
					const { data } = sandboxCredentials(sandbox).find(
						(candidate) => candidate.name === commsBillingApi.name,
					);
					expect(credential.shown).toBe(PLATFORM_LABELS[data.platform]);
					// A fresh page for the next node: no panel or menu left open.
					await editor.openWorkflow(workflow.id);
					expect(credential.offered).toEqual(
						expect.arrayContaining([
							'IMIASSIST',
							'Lumin.ai',
							'Evo Voice',
							'Restcomm',
							'Twilio-compatible API',
						]),
					);
				}

				await editor.openWorkflow(workflow.id);
				await editor.executeWorkflow();
				// An agent's tools have no output panel of their own: the agent's run is the result.
				for (const agent of workflow.nodes.filter((node) => node.type.endsWith('.agent')))
					await editor.waitForNodeSuccess(agent.name);
				// The example's result, shot: its last node of the pack.
				const result = ours.filter((node) => !isTool(node)).at(-1)?.name;
				for (const node of drawn) {
					const output = await editor.openNodeOutput(
						node.name,
						node.name === result
							? { name: `output-${workflow.id}`, sources: exampleSources(workflow) }
							: undefined,
					);
					expect(output).toMatch(/Success Branch \(\d+ items?\)/);
					expect(output).toMatch(/Failure Branch/);
				}
				await editor.screenshot(`workflow-${workflow.id}-executed`, exampleSources(workflow));
			},
		);
	});
});
