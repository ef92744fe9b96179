// The holes an adversarial pass found, each run through n8n's engine against the sandbox (and,
// for redirects, a second sandbox on another port standing for another host).
const { startSandbox } = require('../../sandbox');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runWorkflow } = require('../../harness/engine');
const { runScanned, startScannedSandbox } = require('./engineRun');

// A short deadline, so that a stalled server fails a test in seconds (the product's is 30 s).
const TEST_DEADLINE_MS = 1000;

let sandbox;
let elsewhere;

beforeAll(async () => {
	sandbox = await startScannedSandbox();
	elsewhere = await startScannedSandbox();
});
afterAll(async () => {
	await Promise.all([sandbox.close(), elsewhere.close()]);
});
beforeEach(() => {
	for (const server of [sandbox, elsewhere]) {
		server.clearRequests();
		server.clearFaults();
	}
});

const requestsTo = (prefix) => sandbox.requests.filter((entry) => entry.path.startsWith(prefix));
/**
 * Runs one pack node; returns [success, failure, result]. On Error is Continue (regular output)
 * unless given, so that a refusal is a Failure item to look at; the product's attempt deadline
 * unless `deadlineMs` is given.
 */
async function run(
	type,
	parameters,
	credentials,
	{ onError = 'continueRegularOutput', deadlineMs } = {},
) {
	const result = await runScanned(singleNodeWorkflow('Node', { type, parameters, onError }), {
		credentials: { commsBillingApi: { ...credentials } },
		...(deadlineMs === undefined ? {} : { retryTimings: { attemptTimeoutMs: deadlineMs } }),
	});
	if (result.nodeError('Node')) return [[], [], result];
	const [success, failure] = result.outputs('Node');
	return [success, failure, result];
}

/** A parameter error: the node stops before any request, naming the parameter and the item. */
async function expectParameterError(type, parameters, credentials, parameter) {
	sandbox.clearRequests();
	const [, , result] = await run(type, parameters, credentials, { onError: 'stopWorkflow' });
	expect(result.nodeError('Node')?.message).toMatch(
		new RegExp(`^Invalid parameter "${parameter}" in item 0: `),
	);
	expect(sandbox.requests).toEqual([]);
}

const lumin = (parameters = {}) => [
	'luminBillingEvents',
	{
		operation: 'getBillingEvents',
		eventTypes: ['billing.scheduled'],
		period: 'lastMonth',
		timezone: 'UTC',
		returnAll: true,
		...parameters,
	},
	sandbox.credentials.lumin,
];
const twilio = (parameters = {}) => [
	'restcommUsageRecords',
	{ operation: 'daily', startDate: '2026-01-01', endDate: '2026-01-31', ...parameters },
	sandbox.credentials.twilio,
];
const restcomm = (parameters = {}) => [
	'restcommUsageRecords',
	{ operation: 'allTime', category: 'calls', ...parameters },
	sandbox.credentials.restcomm,
];
const evoVoice = () => [
	'evoVoiceAiUsage',
	{ operation: 'getAiUsage', startDate: '2026-10-01', endDate: '2026-10-31', timezone: 'UTC' },
	sandbox.credentials.evoVoice,
];
const transaction = (transactionId, credentials = sandbox.credentials.imiassist) => [
	'imiassistTransactions',
	{ operation: 'getTransaction', transactionId },
	credentials,
];
const appointment = (additionalFields = {}) => [
	'imiassistCreateAppointment',
	{ operation: 'scheduleAppointment', startTime: '2030-01-01T09:00:00Z', additionalFields },
	sandbox.credentials.imiassist,
];

describe('1. credentials never follow a redirect to another origin', () => {
	test.each([
		['Lumin.ai (Bearer)', 'lumin', lumin, 307],
		['IMIASSIST (apikey and token headers)', 'imiassist', () => transaction('tx-1'), 302],
		['Evo Voice (Basic)', 'evoVoice', evoVoice, 302],
		['Twilio (Basic)', 'twilio', twilio, 307],
	])(
		'%s: a Failure naming the origin, and nothing sent there',
		async (_, platform, node, status) => {
			sandbox.injectFault({
				platform,
				status,
				headers: { Location: `${elsewhere.url}/collect?stolen=1` },
				body: '',
			});
			const [success, failure] = await run(...node());
			expect(success).toEqual([]);
			expect(failure).toHaveLength(1);
			expect(failure[0].json.response_status_code).toBe(status);
			expect(failure[0].json.error_message).toContain(`redirected the request to ${elsewhere.url}`);
			expect(failure[0].json.error_message).not.toContain('stolen');
			expect(elsewhere.requests).toEqual([]);
		},
	);

	test('a redirect within the origin is followed, with the credential', async () => {
		const [, , credentials] = twilio();
		const path = `/twilio/2010-04-01/Accounts/${credentials.accountSid}/Usage/Records/Daily.json?StartDate=2026-01-01&EndDate=2026-01-01&PageSize=1000`;
		sandbox.injectFault({ platform: 'twilio', status: 302, headers: { Location: path }, body: '' });
		const [success, failure] = await run(...twilio());
		expect(failure).toEqual([]);
		expect(success.length).toBeGreaterThan(0);
		expect(requestsTo('/twilio').map((entry) => [entry.status, entry.authenticated])).toEqual([
			[302, true],
			[200, true],
		]);
	});

	test('a redirect loop within the origin ends', async () => {
		sandbox.injectFault({
			platform: 'lumin',
			status: 307,
			headers: { Location: '/lumin/billing' },
			body: '',
			times: 0,
		});
		const [success, failure] = await run(...lumin());
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(307);
		expect(requestsTo('/lumin')).toHaveLength(6);
	});
});

describe('2. one call reads at most Max Pages', () => {
	test.each([
		['Events', {}],
		['Summary', { outputMode: 'summary' }],
		['Limit', { returnAll: false, limit: 10 }],
	])(
		'Lumin.ai, %s mode: an endless token stream stops at Max Pages with a Failure',
		async (_, mode) => {
			sandbox.injectFault({ platform: 'lumin', endlessPages: true, times: 0 });
			const [success, failure] = await run(...lumin({ ...mode, options: { maxPages: 25 } }));
			expect(success).toEqual([]);
			expect(failure).toHaveLength(1);
			expect(failure[0].json.error_message).toMatch(/after 25 \(Max Pages\)/);
			expect(requestsTo('/lumin')).toHaveLength(25);
		},
	);

	test("Twilio's next_page_uri stream stops at Max Pages too", async () => {
		sandbox.injectFault({ platform: 'twilio', endlessPages: true, times: 0 });
		const [success, failure] = await run(...twilio({ options: { maxPages: 12 } }));
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(/after 12 \(Max Pages\)/);
		expect(requestsTo('/twilio')).toHaveLength(12);
	});

	test('Max Pages defaults to 10,000, on both list nodes, in every version', () => {
		const { nodeTypeOf } = require('../../harness/pack');
		for (const [name, version] of [
			['luminBillingEvents', 1],
			['luminBillingEvents', 2],
			['restcommUsageRecords', 1],
			['restcommUsageRecords', 2],
		]) {
			const { properties } = nodeTypeOf(name, version).description;
			const options = properties.find((property) => property.name === 'options');
			expect(options.options.find((option) => option.name === 'maxPages').default).toBe(10_000);
		}
	});
});

describe('3. a Twilio next_page_uri must be a URI or null', () => {
	test.each([[5], [{ uri: '/x' }], [''], [true]])('%j: Failure, nothing partial', async (next) => {
		sandbox.injectFault({
			platform: 'twilio',
			status: 200,
			body: { usage_records: [{ category: 'calls', usage: '1' }], next_page_uri: next },
		});
		const [success, failure] = await run(...twilio());
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(/next_page_uri that is neither a URI nor null/);
	});

	test('null is the last page', async () => {
		// A record as Twilio lists it: of the account and a day asked.
		const record = {
			category: 'calls',
			account_sid: sandbox.credentials.twilio.accountSid,
			start_date: '2026-01-05',
			end_date: '2026-01-05',
			usage: '1',
		};
		sandbox.injectFault({
			platform: 'twilio',
			status: 200,
			body: { usage_records: [record], next_page_uri: null },
		});
		const [success, failure] = await run(...twilio());
		expect(failure).toEqual([]);
		expect(success.map((item) => item.json.usage)).toEqual([1]);
	});
});

describe('4. a create whose answer is cut off, stalled or unreadable may exist', () => {
	test.each([
		['cut off', { truncate: true }],
		['unreadable', { malformed: true }],
		['stalled past the deadline', { dripMs: 400 }],
		['an HTML page', { html: true }],
	])('%s: one POST, and Failure says the appointment may exist', async (_, fault) => {
		sandbox.injectFault({ platform: 'imiassist', method: 'POST', ...fault });
		const [success, failure] = await run(...appointment({ externalReferenceId: 'crm-77' }), {
			deadlineMs: TEST_DEADLINE_MS,
		});
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(
			/may have been carried out: check IMIASSIST for an appointment with externalReferenceId "crm-77"/,
		);
		expect(requestsTo('/imiassist/api/v1/appointments')).toHaveLength(1);
	});
});

describe('5. usage records that are not objects', () => {
	test.each([
		['Restcomm', restcomm, [null]],
		['Twilio', twilio, { usage_records: ['x', 5], next_page_uri: null }],
	])('%s: a Failure item, not a crash or null records', async (_, node, body) => {
		const [, , credentials] = node();
		// The usage itself: a Restcomm run reads its account first, to check the server's zone.
		const version = credentials.platform === 'twilio' ? '2010-04-01' : '2012-04-24';
		const path = `/${credentials.platform}/${version}/Accounts/${credentials.accountSid}/Usage/`;
		sandbox.injectFault({ platform: credentials.platform, path, status: 200, body });
		const [success, failure] = await run(...node());
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(/usage records that are not JSON objects/);
	});
});

describe('6. an ID that goes into a path cannot change the path', () => {
	test.each(['..', '.', 'a/b', 'tx?x=1', 'tx#frag', ' '])('transactionId %j', async (id) => {
		await expectParameterError(...transaction(id), 'transactionId');
	});

	test.each(['..', '.', 'AC1/../x'])('accountSid %j', async (sid) => {
		await expectParameterError(...twilio({ accountSid: sid }), 'accountSid');
	});

	test('any other ID is encoded as one path segment', async () => {
		await run(...transaction('tx 1%2F'));
		expect(requestsTo('/imiassist')[0].path).toBe('/imiassist/api/v1/transactions/tx%201%252F');
	});
});

describe('7. a text input given an object or an array', () => {
	test.each([
		['customerId', '={{ { id: 1 } }}'],
		['customerId', "={{ ['a', 'b'] }}"],
		['teamId', '={{ { team: 2 } }}'],
	])('%s %s: a parameter error, no appointment', async (name, value) => {
		await expectParameterError(...appointment({ [name]: value }), name);
	});

	test('Lumin host and a transaction ID from an object', async () => {
		await expectParameterError(...lumin({ host: '={{ { host: 1 } }}' }), 'host');
		await expectParameterError(...transaction('={{ { id: 1 } }}'), 'transactionId');
	});

	test('"one or many" inputs keep taking arrays, but not arrays of objects', async () => {
		const report = (teamId) => [
			'imiassistCreateUsageReport',
			{ operation: 'createUsageReport', teamId },
			sandbox.credentials.imiassist,
		];
		await run(...report("={{ ['t1', 't2'] }}"));
		expect(requestsTo('/imiassist/api/v1/reports/usage')[0].body.team_id).toEqual(['t1', 't2']);
		await expectParameterError(...report('={{ [{ id: 1 }] }}'), 'teamId');
	});
});

describe('8. Authentication with an integration-user credential', () => {
	test('a 401 reaches the Failure item with its status and body', async () => {
		const credentials = sandbox.credentials.imiassistIntegrationUser;
		const [success, failure] = await run(
			'imiassistAuthentication',
			{
				operation: 'authenticate',
				loginWith: 'parameters',
				userEmail: credentials.userEmail,
				userPassword: 'wrong-password',
			},
			credentials,
		);
		expect(success).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(401);
		expect(failure[0].json.response_body).toEqual(
			expect.objectContaining({ error: expect.anything() }),
		);
	});
});

describe('9. one deadline per attempt, for the whole exchange', () => {
	test('a body dripping past the deadline is a network failure, retried as a read', async () => {
		sandbox.injectFault({ platform: 'lumin', dripMs: 300, times: 0 });
		const [success, failure] = await run(...lumin(), { deadlineMs: TEST_DEADLINE_MS });
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(/\(ETIMEDOUT\) after 4 attempts/);
		expect(requestsTo('/lumin')).toHaveLength(4);
	});

	test('a read cut off mid-body is retried, then the whole list comes out', async () => {
		sandbox.injectFault({ platform: 'evoVoice', truncate: true });
		const [success, failure] = await run(...evoVoice());
		expect(failure).toEqual([]);
		expect(success).toHaveLength(1);
		// The period cut off, then again; then its last day alone (endDateReading.ts).
		expect(requestsTo('/evovoice').map((entry) => [entry.fault, entry.query.startDate])).toEqual([
			['truncate', '2026-10-01'],
			[null, '2026-10-01'],
			[null, '2026-10-31'],
		]);
	});

	test("the credential's own login, delayed past the deadline, is given up once", async () => {
		sandbox.injectFault({
			platform: 'imiassist',
			path: '/imiassist/api/v1/auth/login',
			delayMs: 5000,
		});
		const [success, failure] = await run(
			...transaction('tx-1', sandbox.credentials.imiassistIntegrationUser),
			{ deadlineMs: TEST_DEADLINE_MS },
		);
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(
			/The credential could not log in to IMIASSIST \(the login: ETIMEDOUT\), so the request itself was not carried out/,
		);
		expect(requestsTo('/imiassist').map((entry) => entry.path)).toEqual([
			'/imiassist/api/v1/auth/login',
		]);
	});
});

describe('10. redaction', () => {
	const basic = (text) => Buffer.from(text).toString('base64');

	test('a secret echoed as a key, URL-encoded, and in base64 after a lower-case basic or none', async () => {
		const [, , credentials] = evoVoice();
		const secret = credentials.token;
		sandbox.injectFault({
			platform: 'evoVoice',
			status: 400,
			body: {
				[secret]: 'echoed as a key',
				query: `password=${encodeURIComponent(secret)}`,
				seen: `basic ${basic(`${credentials.apiKey}:${secret}`)}`,
				raw: basic(`${credentials.apiKey}:${secret}`),
			},
		});
		const [, failure] = await run(...evoVoice());
		const text = JSON.stringify(failure);
		for (const form of [
			secret,
			encodeURIComponent(secret),
			basic(`${credentials.apiKey}:${secret}`),
		])
			expect(text).not.toContain(form);
		expect(failure[0].json.response_body).toMatchObject({ '[redacted]': 'echoed as a key' });
	});

	test('a secret spelled with JSON \\u escapes in a Success answer is redacted too', async () => {
		const [type, parameters, credentials] = lumin({
			period: 'custom',
			start: '2026-08-01T00:00:00Z',
			end: '2026-09-01T00:00:00Z',
		});
		const escaped = [...credentials.token]
			.map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
			.join('');
		sandbox.injectFault({
			platform: 'lumin',
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body: `{"ok":true,"items":[{"id":"e1","host_id":"${escaped}","type":"billing.scheduled","timestamp":"2026-08-02T10:00:00Z"}]}`,
		});
		const [success] = await run(type, parameters, credentials);
		expect(success.map((item) => item.json.host_id)).toEqual(['[redacted]']);
	});

	test('a 40 KB token works and is redacted, with no regular expression built from it', async () => {
		const huge = `huge(${'x'.repeat(40_000)}[`;
		const server = await startScannedSandbox({ lumin: { token: huge } });
		try {
			server.injectFault({ platform: 'lumin', status: 400, body: { echoed: huge } });
			const result = await runScanned(
				singleNodeWorkflow('Node', {
					type: lumin()[0],
					parameters: lumin()[1],
					onError: 'continueRegularOutput',
				}),
				{
					credentials: { commsBillingApi: server.credentials.lumin },
				},
			);
			const [, failure] = result.outputs('Node');
			expect(failure[0].json.response_body).toEqual({ echoed: '[redacted]' });
			expect(JSON.stringify(result.run)).not.toContain('x'.repeat(100));
		} finally {
			await server.close();
		}
	});

	test('a short token that is a common word leaves ordinary output alone', async () => {
		// Unscanned sandbox too: its answers hold "store" in every host ID.
		const server = await startSandbox({
			lumin: { token: 'store', hosts: ['store-001', 'store-002'] },
		});
		try {
			// Unscanned: "store" is in every host ID, which is the point; the redactor's own tests
			// show that a whole value "store" goes.
			const result = await runWorkflow(
				singleNodeWorkflow('Node', { type: lumin()[0], parameters: lumin()[1] }),
				{
					credentials: { commsBillingApi: server.credentials.lumin },
				},
			);
			const [success] = result.outputs('Node');
			expect(success.length).toBeGreaterThan(0);
			expect(new Set(success.map((item) => item.json.host_id))).toEqual(
				new Set(['store-001', 'store-002']),
			);
		} finally {
			await server.close();
		}
	});
});

describe('11. integration-user logins', () => {
	const integrationUser = () => sandbox.credentials.imiassistIntegrationUser;
	const report = () => [
		'imiassistCreateUsageReport',
		{ operation: 'createUsageReport', reportTitle: 'November' },
		integrationUser(),
	];

	test.each([
		['503', { status: 503 }, /the login answered HTTP 503/],
		['a reset', { reset: true }, /the login: ECONNRESET/],
	])(
		'a login answering %s is sent once, and the Failure says only the login was sent',
		async (_, fault, detail) => {
			sandbox.injectFault({
				platform: 'imiassist',
				path: '/imiassist/api/v1/auth/login',
				...fault,
			});
			const [success, failure] = await run(...report());
			expect(success).toEqual([]);
			expect(failure[0].json.error_message).toMatch(detail);
			expect(failure[0].json.error_message).toMatch(/so the request itself was not carried out/);
			expect(failure[0].json.error_message).not.toMatch(/may have been carried out/);
			expect(requestsTo('/imiassist').map((entry) => entry.path)).toEqual([
				'/imiassist/api/v1/auth/login',
			]);
		},
	);

	test('a login without an access token is a Failure naming it; no "Bearer undefined" is sent', async () => {
		sandbox.injectFault({
			platform: 'imiassist',
			path: '/imiassist/api/v1/auth/login',
			status: 200,
			body: { refresh: 'r-1' },
		});
		const [success, failure] = await run(...report());
		expect(success).toEqual([]);
		expect(failure[0].json.error_message).toMatch(/the login answered HTTP 200 without access/);
		expect(requestsTo('/imiassist').map((entry) => entry.path)).toEqual([
			'/imiassist/api/v1/auth/login',
		]);
	});
});

describe('12. usage dates', () => {
	test('an end before the start is a parameter error', async () => {
		await expectParameterError(
			...twilio({ startDate: '2026-02-01', endDate: '2026-01-31' }),
			'endDate',
		);
	});

	test('an invalid date value from an expression is a parameter error, not dropped', async () => {
		await expectParameterError(...twilio({ startDate: "={{ new Date('x') }}" }), 'startDate');
		await expectParameterError(
			...twilio({ endDate: "={{ DateTime.fromISO('not a date') }}" }),
			'endDate',
		);
	});
});

describe('13. smaller input gaps', () => {
	test.each(['UTC+25', 'Etc/GMT+15', 'Mars/Olympus', '={{ { zone: 1 } }}'])(
		'time zone %j',
		async (timezone) => {
			await expectParameterError(...lumin({ timezone }), 'timezone');
		},
	);

	test('UTC+14 is still a time zone', async () => {
		const [, failure] = await run(...lumin({ timezone: 'UTC+14' }));
		expect(failure).toEqual([]);
	});

	test.each(['bad type', 'x,y', "={{ ['billing.scheduled', 'bad type'] }}"])(
		'Lumin event types from an expression are checked like picked ones: %j',
		async (eventTypes) => {
			await expectParameterError(
				...lumin({
					eventTypes: eventTypes.startsWith('=')
						? eventTypes
						: `={{ ${JSON.stringify(eventTypes)} }}`,
				}),
				'eventTypes',
			);
		},
	);

	// A credential with no account cannot sign in whatever account the node names: the credential
	// is refused before the node's Account SID is read.
	test('no Account SID anywhere stops before any request, not /Accounts//Usage: the credential is asked for one', async () => {
		const [type, parameters, credentials] = twilio();
		sandbox.clearRequests();
		const [, , result] = await run(
			type,
			parameters,
			{ ...credentials, accountSid: '' },
			{ onError: 'stopWorkflow' },
		);
		expect(result.nodeError('Node')?.message).toBe(
			'Credential field "accountSid" does not fit this node (item 0): it is empty, so there is no account to sign in as: enter the Account SID in the credential',
		);
		expect(sandbox.requests).toEqual([]);
	});
});
