'use strict';

const { readReply } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

const FROM = '2026-01-01T00:00:00Z';
const TO = '2026-04-01T00:00:00Z';
const UNAUTHORIZED = { error: { code: 'UNAUTHORIZED', message: 'invalid api key or token' } };
const DETAILED_HEADER =
	'appointment_id,appointment_uid,department_id,team_id,start_time,end_time,status,' +
	'video_minutes,translation_minutes,billable_sms,billable_emails';
const SUMMARY_HEADER =
	'report_title,start_time,end_time,appointments,video_minutes,translation_minutes,' +
	'billable_sms,billable_emails';
const USAGE_FIELDS = ['video_minutes', 'translation_minutes', 'billable_sms', 'billable_emails'];

// The three ways a server may write a status (the setting statusCase), by hand.
const STATUS_CASE_OF = {
	upper: (status) => status.toUpperCase(),
	lower: (status) => status.toLowerCase(),
	title: (status) => ({ QUEUED: 'Queued', IN_PROGRESS: 'In_Progress', FAILED: 'Failed' })[status],
};

function keyPairHeaders({ apiKey, token }) {
	return { apikey: apiKey, token };
}

/** A request to the IMIASSIST base URL; `pair` is { apiKey, token } or null for none. */
async function imiassist(
	sandbox,
	method,
	path,
	{ body, pair = staticPair(sandbox), headers } = {},
) {
	const response = await fetch(`${sandbox.credentials.imiassist.baseUrl}${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			...(pair ? keyPairHeaders(pair) : {}),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await readReply(response);
}

function staticPair(sandbox) {
	const { apiKey, token } = sandbox.credentials.imiassist;
	return { apiKey, token };
}

async function signIn(sandbox) {
	const { userEmail, userPassword } = sandbox.credentials.imiassistIntegrationUser;
	const { status, json } = await imiassist(sandbox, 'POST', '/api/v1/auth/login', {
		body: { email: userEmail, password: userPassword },
		pair: null,
	});
	expect(status).toBe(200);
	return json;
}

async function issuePair(sandbox, access) {
	const { status, json } = await imiassist(sandbox, 'POST', '/api/v1/auth/token', {
		pair: null,
		headers: { authorization: `Bearer ${access}` },
	});
	expect(status).toBe(200);
	return { apiKey: json.api_key, token: json.token };
}

function control(sandbox, path, body) {
	return fetch(`${sandbox.url}/__sandbox${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

async function createReport(sandbox, body = {}) {
	const { status, json } = await imiassist(sandbox, 'POST', '/api/v1/reports/usage', { body });
	expect(status).toBe(202);
	return json.transaction_id;
}

async function pollTransaction(sandbox, transactionId) {
	const { status, json } = await imiassist(sandbox, 'GET', `/api/v1/transactions/${transactionId}`);
	expect(status).toBe(200);
	return json;
}

async function pollUntilDone(sandbox, transactionId) {
	for (let poll = 0; poll < 20; poll += 1) {
		const transaction = await pollTransaction(sandbox, transactionId);
		if (transaction.status === 'COMPLETED' || transaction.status === 'FAILED') return transaction;
	}
	throw new Error(`transaction ${transactionId} never finished`);
}

/** GET an absolute report URL with the static key pair. */
async function download(sandbox, url, pair = staticPair(sandbox)) {
	const response = await fetch(url, { headers: pair ? keyPairHeaders(pair) : {} });
	return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The report's appointments, chosen by the filter rules of docs/vendors.md, not the sandbox. */
function expectedRows(appointments, { department_id, team_id, start_time, end_time }) {
	return appointments
		.filter(
			(appointment) =>
				(!department_id || department_id.includes(appointment.department_id)) &&
				(!team_id || team_id.includes(appointment.team_id)) &&
				(!start_time || Date.parse(appointment.start_time) >= Date.parse(start_time)) &&
				(!end_time || Date.parse(appointment.end_time) <= Date.parse(end_time)),
		)
		.sort(
			(a, b) =>
				Date.parse(a.start_time) - Date.parse(b.start_time) ||
				a.appointment_id.localeCompare(b.appointment_id),
		);
}

function detailedText(rows) {
	const lines = rows.map((row) =>
		[
			row.appointment_id,
			row.appointment_uid,
			row.department_id,
			row.team_id,
			row.start_time,
			row.end_time,
			row.status,
			...USAGE_FIELDS.map((field) => row[field]),
		].join(','),
	);
	return [DETAILED_HEADER, ...lines].join('\r\n');
}

function totals(rows) {
	return USAGE_FIELDS.map((field) => rows.reduce((sum, row) => sum + row[field], 0));
}

describe('sandbox: IMIASSIST sign-in and key pairs', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ imiassist: { from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearRequests());

	test('gives the static key pair and the integration user as credentials', () => {
		const baseUrl = `${sandbox.url}/imiassist`;
		expect(sandbox.credentials.imiassist).toEqual({
			platform: 'imiassist',
			baseUrl,
			apiKey: 'imi-sandbox-api-key',
			token: 'imi-sandbox-token',
		});
		expect(sandbox.credentials.imiassistIntegrationUser).toEqual({
			platform: 'imiassist',
			baseUrl,
			userEmail: 'integration@imiassist.test',
			userPassword: 'imi-sandbox-password',
		});
		expect(sandbox.credentials.lumin.platform).toBe('lumin');
	});

	test('signs the integration user in and trades the access token for key pairs', async () => {
		const { access, refresh } = await signIn(sandbox);
		expect(typeof access).toBe('string');
		expect(typeof refresh).toBe('string');
		expect(access).not.toBe(refresh);
		const first = await issuePair(sandbox, access);
		const second = await issuePair(sandbox, access);
		expect(second.apiKey).not.toBe(first.apiKey);
		expect(second.token).not.toBe(first.token);
		for (const pair of [first, second]) {
			const { status, json } = await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1', {
				pair,
			});
			expect(status).toBe(200);
			expect(json).toEqual({ items: [] });
		}
		const [login, tokenCall] = sandbox.requests;
		expect(login).toMatchObject({ path: '/imiassist/api/v1/auth/login', auth: null, status: 200 });
		expect(login.authenticated).toBe(true);
		expect(tokenCall).toMatchObject({ auth: 'bearer', authenticated: true, status: 200 });
		expect(sandbox.requests[3]).toMatchObject({ auth: 'headers', authenticated: true });
	});

	test('accepts the e-mail address in any case', async () => {
		const { status } = await imiassist(sandbox, 'POST', '/api/v1/auth/login', {
			body: { email: 'Integration@IMIASSIST.test', password: 'imi-sandbox-password' },
			pair: null,
		});
		expect(status).toBe(200);
	});

	test.each([
		['a wrong password', { email: 'integration@imiassist.test', password: 'guess' }],
		['an unknown e-mail', { email: 'someone@imiassist.test', password: 'imi-sandbox-password' }],
	])('refuses %s with 401', async (_, body) => {
		const { status, json } = await imiassist(sandbox, 'POST', '/api/v1/auth/login', {
			body,
			pair: null,
		});
		expect(status).toBe(401);
		expect(json).toEqual({
			error: { code: 'UNAUTHORIZED', message: 'invalid e-mail or password' },
		});
		expect(sandbox.requests[0].authenticated).toBe(false);
	});

	test.each([
		['no password', { email: 'integration@imiassist.test' }, 'password'],
		['no e-mail', { password: 'imi-sandbox-password' }, 'email'],
		['no body', undefined, null],
	])('refuses a sign-in with %s with 400', async (_, body, field) => {
		const { status, json } = await imiassist(sandbox, 'POST', '/api/v1/auth/login', {
			body,
			pair: null,
		});
		expect(status).toBe(400);
		expect(json.error.code).toBe('VALIDATION_ERROR');
		if (field) expect(json.error.message).toContain(field);
	});

	test('refuses an unknown or missing access token with 401', async () => {
		const unknown = await imiassist(sandbox, 'POST', '/api/v1/auth/token', {
			pair: null,
			headers: { authorization: 'Bearer not-an-access-token' },
		});
		expect(unknown.status).toBe(401);
		expect(unknown.json.error.code).toBe('UNAUTHORIZED');
		const missing = await imiassist(sandbox, 'POST', '/api/v1/auth/token', { pair: null });
		expect(missing.status).toBe(401);
		const keyPairInstead = await imiassist(sandbox, 'POST', '/api/v1/auth/token');
		expect(keyPairInstead.status).toBe(401);
	});

	test('revokes every issued pair, keeping the static pair and the access token', async () => {
		const { access } = await signIn(sandbox);
		const issued = await issuePair(sandbox, access);
		const read = (pair) => imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1', { pair });
		expect((await read(issued)).status).toBe(200);

		sandbox.imiassist.revokeIssuedTokens();
		const revoked = await read(issued);
		expect(revoked.status).toBe(401);
		expect(revoked.json).toEqual(UNAUTHORIZED);
		expect((await read(staticPair(sandbox))).status).toBe(200);

		const renewed = await issuePair(sandbox, access);
		expect((await read(renewed)).status).toBe(200);
		const revokedOverHttp = await control(sandbox, '/imiassist/revoke-tokens');
		expect(revokedOverHttp.status).toBe(200);
		expect((await read(renewed)).status).toBe(401);
		expect((await read(staticPair(sandbox))).status).toBe(200);
	});

	const keyPairRoutes = [
		['POST', '/api/v1/appointments', { start_time: '2026-05-01T09:00:00Z' }],
		['POST', '/api/v1/reports/usage', {}],
		['GET', '/api/v1/transactions/0123456789abcdef01234567', undefined],
		['GET', '/api/v1/transactions?limit=1', undefined],
		['GET', '/api/v1/reports/0123456789abcdef01234567/summary.csv', undefined],
		['GET', '/api/v1/reports/0123456789abcdef01234567/detailed.csv', undefined],
	];

	test.each(keyPairRoutes)('refuses %s %s without a valid key pair', async (method, path, body) => {
		const { apiKey, token } = staticPair(sandbox);
		const attempts = [
			null,
			{ apiKey, token: 'wrong-token' },
			{ apiKey: 'wrong-key', token },
			{ apiKey: token, token: apiKey },
		];
		for (const pair of attempts) {
			const { status, json } = await imiassist(sandbox, method, path, { body, pair });
			expect(status).toBe(401);
			expect(json).toEqual(UNAUTHORIZED);
		}
		const apiKeyOnly = await imiassist(sandbox, method, path, {
			body,
			pair: null,
			headers: { apikey: apiKey },
		});
		expect(apiKeyOnly.status).toBe(401);
		expect(sandbox.requests.map((entry) => entry.authenticated)).toEqual(Array(5).fill(false));
		expect(sandbox.requests[1].auth).toBe('headers');
	});

	test('keeps no password, access, refresh, api_key or token value in the request log', async () => {
		const { userPassword } = sandbox.credentials.imiassistIntegrationUser;
		const { access, refresh } = await signIn(sandbox);
		const issued = await issuePair(sandbox, access);
		await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1', { pair: issued });
		await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1');
		// Secrets sent in bodies, as a confused client might, are blanked too.
		await imiassist(sandbox, 'POST', '/api/v1/appointments', {
			body: {
				start_time: '2026-05-01T09:00:00Z',
				access,
				refresh,
				api_key: issued.apiKey,
				token: issued.token,
			},
		});
		await imiassist(sandbox, 'POST', '/api/v1/auth/login', {
			pair: null,
			headers: { 'content-type': 'text/plain' },
			body: `{"email":"x@y.test","password":"${userPassword}`,
		});
		expect(sandbox.requests).toHaveLength(6);
		const served = await (await fetch(`${sandbox.url}/__sandbox/requests`)).text();
		const secrets = [
			userPassword,
			access,
			refresh,
			issued.apiKey,
			issued.token,
			sandbox.credentials.imiassist.apiKey,
			sandbox.credentials.imiassist.token,
		];
		for (const logText of [JSON.stringify(sandbox.requests), served]) {
			for (const secret of secrets) expect(logText).not.toContain(secret);
		}
		expect(sandbox.requests[4].body).toMatchObject({
			start_time: '2026-05-01T09:00:00Z',
			access: '[redacted]',
			api_key: '[redacted]',
		});
	});

	test('answers unknown paths with 404 and other methods with 405 in its error shape', async () => {
		const unknown = await imiassist(sandbox, 'GET', '/api/v1/nowhere');
		expect(unknown.status).toBe(404);
		expect(unknown.json.error).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
		const wrongMethod = await imiassist(sandbox, 'GET', '/api/v1/appointments');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
		expect(wrongMethod.json.error.code).toBe('METHOD_NOT_ALLOWED');
	});
});

describe('sandbox: IMIASSIST appointments', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ imiassist: { from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	const schedule = (body, options) =>
		imiassist(sandbox, 'POST', '/api/v1/appointments', { body, ...options });

	test('seeds 120 plausible appointments over [from, to) in start order', () => {
		const appointments = sandbox.imiassist.appointments();
		const { departments, teams } = sandbox.imiassist;
		expect(appointments).toHaveLength(120);
		expect(departments).toHaveLength(3);
		expect(teams).toHaveLength(6);
		for (const id of [...departments, ...teams.map((team) => team.team_id)]) {
			expect(id).toMatch(/^[0-9a-f]{24}$/);
		}
		departments.forEach((department) =>
			expect(teams.filter((team) => team.department_id === department)).toHaveLength(2),
		);
		const misfits = appointments.filter(
			(appointment, index) =>
				appointment.appointment_uid !== `APT-${String(index + 1).padStart(6, '0')}` ||
				!/^[0-9a-f]{24}$/.test(appointment.appointment_id) ||
				!teams.some(
					(team) =>
						team.team_id === appointment.team_id &&
						team.department_id === appointment.department_id,
				) ||
				Date.parse(appointment.start_time) < Date.parse(FROM) ||
				Date.parse(appointment.start_time) >= Date.parse(TO) ||
				Date.parse(appointment.end_time) - Date.parse(appointment.start_time) !==
					appointment.duration * 60000 ||
				(appointment.customer_phone !== null &&
					!/^\+[1-9]\d{1,14}$/.test(appointment.customer_phone)) ||
				!['LOW', 'MEDIUM', 'HIGH'].includes(appointment.priority) ||
				USAGE_FIELDS.some(
					(field) => !Number.isInteger(appointment[field]) || appointment[field] < 0,
				) ||
				appointment.participants.length !== 2,
		);
		expect(misfits).toEqual([]);
		const ids = new Set(appointments.map((appointment) => appointment.appointment_id));
		expect(ids.size).toBe(120);
		const starts = appointments.map((appointment) => Date.parse(appointment.start_time));
		expect(starts.filter((start, index) => index > 0 && start < starts[index - 1])).toEqual([]);
		const completed = appointments.filter((appointment) => appointment.status === 'COMPLETED');
		expect(completed.length).toBeGreaterThan(60);
		expect(completed.every((appointment) => appointment.video_minutes > 0)).toBe(true);
	});

	test('schedules an appointment with every field and stores it', async () => {
		const team = sandbox.imiassist.teams[3];
		const body = {
			customer_id: 'NHSID_01',
			customer_phone: '+44123456789',
			customer_email: 'test.user@example.com',
			customer_first_name: 'Test',
			customer_last_name: 'User',
			custom_attributes: { age: 10, gender: 'female' },
			team_id: team.team_id,
			appointment_type: 'testing',
			start_time: '2026-05-09T07:00:00.000Z',
			assignee_email: 'dr.host@clinic.example.org',
			description: 'Test appointment',
			reference_case_id: 'fn-6352',
			priority: 'HIGH',
			external_reference_id: 'PAS-1',
			title: 'Review',
			duration: 30,
		};
		const { status, json } = await schedule(body);
		expect(status).toBe(201);
		expect(json).toEqual({
			appointment_id: expect.stringMatching(/^[0-9a-f]{24}$/),
			appointment_uid: 'APT-000121',
			participants: [
				{
					role: 'host',
					email: 'dr.host@clinic.example.org',
					name: expect.any(String),
					meeting_link: expect.stringMatching(/^https:\/\/meet\.sandbox\.imiassist\.test\//),
				},
				{
					role: 'guest',
					email: 'test.user@example.com',
					phone: '+44123456789',
					name: 'Test User',
					meeting_link: expect.stringMatching(/^https:\/\/meet\.sandbox\.imiassist\.test\//),
				},
			],
		});
		const stored = sandbox.imiassist.appointments().at(-1);
		expect(stored).toEqual({
			...body,
			appointment_id: json.appointment_id,
			appointment_uid: 'APT-000121',
			department_id: team.department_id,
			end_time: '2026-05-09T07:30:00.000Z',
			status: 'SCHEDULED',
			video_minutes: 0,
			translation_minutes: 0,
			billable_sms: 0,
			billable_emails: 0,
			participants: json.participants,
		});
		expect(sandbox.requests[0]).toMatchObject({
			auth: 'headers',
			authenticated: true,
			status: 201,
		});
	});

	test('fills in the defaults and leaves fields not given null', async () => {
		const { status, json } = await schedule({ start_time: '2026-05-10T10:15:00' });
		expect(status).toBe(201);
		const stored = sandbox.imiassist.appointments().at(-1);
		const [firstTeam] = sandbox.imiassist.teams;
		expect(stored).toMatchObject({
			appointment_id: json.appointment_id,
			team_id: firstTeam.team_id,
			department_id: firstTeam.department_id,
			start_time: '2026-05-10T10:15:00.000Z',
			end_time: '2026-05-10T10:30:00.000Z',
			duration: 15,
			priority: 'LOW',
			title: 'Video appointment with guest',
			status: 'SCHEDULED',
		});
		for (const field of [
			'customer_id',
			'customer_phone',
			'customer_email',
			'customer_first_name',
			'customer_last_name',
			'custom_attributes',
			'appointment_type',
			'assignee_email',
			'description',
			'reference_case_id',
			'external_reference_id',
		]) {
			expect(stored[field]).toBeNull();
		}
		expect(json.participants[0]).toMatchObject({ role: 'host', email: null, name: null });
		expect(json.participants[1]).toMatchObject({ role: 'guest', email: null, phone: null });
		await schedule({ start_time: '2026-05-10T11:00:00Z', customer_first_name: 'Ann' });
		expect(sandbox.imiassist.appointments().at(-1).title).toBe('Video appointment with Ann');
	});

	test.each([
		['no start_time', { start_time: undefined }, 'start_time'],
		['a start_time that is not ISO 8601', { start_time: '05/09/2026 07:00' }, 'start_time'],
		['an impossible start_time', { start_time: '2026-02-30T07:00:00Z' }, 'start_time'],
		['a phone with spaces', { customer_phone: '+44 1234 56789' }, 'customer_phone'],
		['a phone without +', { customer_phone: '0044123456789' }, 'customer_phone'],
		['a phone too long', { customer_phone: '+1234567890123456' }, 'customer_phone'],
		['a malformed customer e-mail', { customer_email: 'test.user@' }, 'customer_email'],
		['a malformed assignee e-mail', { assignee_email: 'host at clinic' }, 'assignee_email'],
		['a lower-case priority', { priority: 'low' }, 'priority'],
		['an unknown priority', { priority: 'URGENT' }, 'priority'],
		['a zero duration', { duration: 0 }, 'duration'],
		['a fractional duration', { duration: 1.5 }, 'duration'],
		['a duration in a string', { duration: '30' }, 'duration'],
		['custom_attributes as an array', { custom_attributes: ['age'] }, 'custom_attributes'],
		['custom_attributes as a string', { custom_attributes: 'age=10' }, 'custom_attributes'],
		['an unknown team', { team_id: '5c75445d8eb2b817b465328d' }, 'team_id'],
		['an unknown key', { colour: 'blue' }, 'colour'],
		['a camelCase key', { customerPhone: '+44123456789' }, 'customerPhone'],
		['a number for a text field', { customer_id: 42 }, 'customer_id'],
	])('refuses %s with 400 VALIDATION_ERROR and stores nothing', async (_, change, field) => {
		const before = sandbox.imiassist.appointments().length;
		const { status, json } = await schedule({ start_time: '2026-05-01T09:00:00Z', ...change });
		expect(status).toBe(400);
		expect(json.error.code).toBe('VALIDATION_ERROR');
		expect(json.error.message).toContain(field);
		expect(sandbox.imiassist.appointments()).toHaveLength(before);
	});

	test('refuses a body that is not a JSON object with 400', async () => {
		for (const body of [['start_time'], 'start_time=2026-05-01T09:00:00Z']) {
			const { status, json } = await schedule(body);
			expect(status).toBe(400);
			expect(json.error.code).toBe('VALIDATION_ERROR');
		}
	});

	test('answers a 503 fault without storing the appointment', async () => {
		const before = sandbox.imiassist.appointments().length;
		sandbox.injectFault({
			platform: 'imiassist',
			method: 'POST',
			path: '/imiassist/api/v1/appointments',
			status: 503,
		});
		const { status, json } = await schedule({ start_time: '2026-05-01T09:00:00Z' });
		expect(status).toBe(503);
		expect(json).toEqual({
			error: { code: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable' },
		});
		expect(sandbox.imiassist.appointments()).toHaveLength(before);
		expect(sandbox.requests[0]).toMatchObject({ status: 503, fault: 'status 503' });
		expect((await schedule({ start_time: '2026-05-01T09:00:00Z' })).status).toBe(201);
		expect(sandbox.imiassist.appointments()).toHaveLength(before + 1);
	});

	test('resets the connection without storing the appointment', async () => {
		const before = sandbox.imiassist.appointments().length;
		sandbox.injectFault({
			platform: 'imiassist',
			path: '/imiassist/api/v1/appointments',
			reset: true,
		});
		await expect(schedule({ start_time: '2026-05-01T09:00:00Z' })).rejects.toThrow();
		expect(sandbox.imiassist.appointments()).toHaveLength(before);
		expect(sandbox.requests[0]).toMatchObject({ status: 0, fault: 'reset' });
	});

	test('hands out copies: changing them changes nothing stored', () => {
		const copy = sandbox.imiassist.appointments();
		copy[0].status = 'CHANGED';
		copy.pop();
		expect(sandbox.imiassist.appointments()[0].status).not.toBe('CHANGED');
		expect(sandbox.imiassist.appointments()).toHaveLength(copy.length + 1);
	});
});

describe('sandbox: IMIASSIST usage reports', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ imiassist: { from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test('goes QUEUED, IN_PROGRESS, then COMPLETED over three polls', async () => {
		const transactionId = await createReport(sandbox, { report_title: 'Appointment Summary' });
		expect(transactionId).toMatch(/^[0-9a-f]{24}$/);
		const first = await pollTransaction(sandbox, transactionId);
		expect(first).toEqual({
			transaction_id: transactionId,
			type: 'USAGE_REPORT',
			status: 'QUEUED',
			output_log: { message: 'Report generation queued' },
		});
		const reportsUrl = `${sandbox.url}/imiassist/api/v1/reports/${transactionId}`;
		const summaryUrl = `${reportsUrl}/summary.csv`;
		const early = await download(sandbox, summaryUrl);
		expect(early.status).toBe(404);
		expect(JSON.parse(early.text).error.code).toBe('NOT_FOUND');

		const second = await pollTransaction(sandbox, transactionId);
		expect(second.status).toBe('IN_PROGRESS');
		expect(second.output_log).toEqual({ message: 'Report generation in progress' });
		const third = await pollTransaction(sandbox, transactionId);
		expect(third).toEqual({
			transaction_id: transactionId,
			type: 'USAGE_REPORT',
			status: 'COMPLETED',
			output_log: {
				summary_report_url: summaryUrl,
				detailed_report_url: `${reportsUrl}/detailed.csv`,
				message: 'Report generated',
			},
		});
		expect(await pollTransaction(sandbox, transactionId)).toEqual(third);
		expect(sandbox.imiassist.transactions().at(-1)).toMatchObject({
			transaction_id: transactionId,
			status: 'COMPLETED',
			polls: 4,
			query: { report_title: 'Appointment Summary', department_id: null },
		});
	});

	test('takes as many polls as pollsToComplete says', async () => {
		const slow = await startSandbox({ imiassist: { from: FROM, to: TO, pollsToComplete: 5 } });
		const quick = await startSandbox({ imiassist: { from: FROM, to: TO, pollsToComplete: 1 } });
		try {
			const slowId = await createReport(slow);
			const statuses = [];
			for (let poll = 0; poll < 6; poll += 1) {
				statuses.push((await pollTransaction(slow, slowId)).status);
			}
			expect(statuses).toEqual([
				'QUEUED',
				'IN_PROGRESS',
				'IN_PROGRESS',
				'IN_PROGRESS',
				'COMPLETED',
				'COMPLETED',
			]);
			const quickId = await createReport(quick);
			expect((await pollTransaction(quick, quickId)).status).toBe('COMPLETED');
		} finally {
			await Promise.all([slow.close(), quick.close()]);
		}
	});

	test('does not count a poll that a fault answered', async () => {
		const transactionId = await createReport(sandbox);
		sandbox.injectFault({ platform: 'imiassist', method: 'GET', status: 503 });
		const faulted = await imiassist(sandbox, 'GET', `/api/v1/transactions/${transactionId}`);
		expect(faulted.status).toBe(503);
		expect((await pollTransaction(sandbox, transactionId)).status).toBe('QUEUED');
	});

	test('fails the next report when asked, at the poll where it would complete', async () => {
		sandbox.imiassist.failNextReport();
		const failing = await createReport(sandbox);
		const statuses = [];
		for (let poll = 0; poll < 3; poll += 1) {
			statuses.push(await pollTransaction(sandbox, failing));
		}
		expect(statuses.map((transaction) => transaction.status)).toEqual([
			'QUEUED',
			'IN_PROGRESS',
			'FAILED',
		]);
		expect(statuses[2].output_log).toEqual({
			message: 'Report generation failed: data warehouse unavailable',
		});
		const detailed = `${sandbox.url}/imiassist/api/v1/reports/${failing}/detailed.csv`;
		expect((await download(sandbox, detailed)).status).toBe(404);
		// Only the next one.
		const following = await createReport(sandbox);
		expect((await pollUntilDone(sandbox, following)).status).toBe('COMPLETED');
	});

	test('fails the next report with a message given over HTTP', async () => {
		const refused = await control(sandbox, '/imiassist/fail-next-report', { message: 42 });
		expect(refused.status).toBe(400);
		const accepted = await control(sandbox, '/imiassist/fail-next-report', {
			message: 'Quota exceeded',
		});
		expect(accepted.status).toBe(200);
		const transactionId = await createReport(sandbox);
		const done = await pollUntilDone(sandbox, transactionId);
		expect(done).toMatchObject({ status: 'FAILED', output_log: { message: 'Quota exceeded' } });
	});

	test('forgets an unused report failure when faults are cleared', async () => {
		sandbox.imiassist.failNextReport('never used');
		sandbox.clearFaults();
		const transactionId = await createReport(sandbox);
		expect((await pollUntilDone(sandbox, transactionId)).status).toBe('COMPLETED');
	});

	test('answers 404 for an unknown transaction and report', async () => {
		const unknown = await imiassist(
			sandbox,
			'GET',
			'/api/v1/transactions/ffffffffffffffffffffffff',
		);
		expect(unknown.status).toBe(404);
		expect(unknown.json.error.code).toBe('NOT_FOUND');
		const report = await imiassist(
			sandbox,
			'GET',
			'/api/v1/reports/ffffffffffffffffffffffff/summary.csv',
		);
		expect(report.status).toBe(404);
	});

	test('lists the latest transactions, newest first, at most limit', async () => {
		const older = await createReport(sandbox);
		const newer = await createReport(sandbox);
		const one = await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1');
		expect(one.status).toBe(200);
		expect(one.json.items).toEqual([
			{
				transaction_id: newer,
				type: 'USAGE_REPORT',
				status: 'QUEUED',
				output_log: { message: 'Report generation queued' },
			},
		]);
		const two = await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=2');
		expect(two.json.items.map((item) => item.transaction_id)).toEqual([newer, older]);
		// Listing is not polling.
		expect((await pollTransaction(sandbox, newer)).status).toBe('QUEUED');
		for (const limit of ['0', 'ten', '101']) {
			const refused = await imiassist(sandbox, 'GET', `/api/v1/transactions?limit=${limit}`);
			expect(refused.status).toBe(400);
			expect(refused.json.error.code).toBe('VALIDATION_ERROR');
		}
	});

	test.each([
		['department_id as a string', { department_id: 'DEPT' }, 'department_id'],
		['an unknown department', { department_id: ['5ce4f00328fb30f8b054e422'] }, 'department_id'],
		['team_id as a string', { team_id: 'TEAM' }, 'team_id'],
		['an unknown team', { team_id: ['5c754e7a53a5031864272d7d'] }, 'team_id'],
		['a start_time that is not ISO 8601', { start_time: 'yesterday' }, 'start_time'],
		['an impossible end_time', { end_time: '2026-13-01T00:00:00Z' }, 'end_time'],
		['start_time after end_time', { start_time: TO, end_time: FROM }, 'start_time'],
		['send_email as a string', { send_email: 'ops@example.com' }, 'send_email'],
		['a malformed e-mail in send_email', { send_email: ['ops@example.com', 'ops'] }, 'send_email'],
		['an empty report_title', { report_title: '' }, 'report_title'],
		['an unknown key', { format: 'pdf' }, 'format'],
	])('refuses %s with 400 VALIDATION_ERROR', async (_, body, field) => {
		const before = sandbox.imiassist.transactions().length;
		const { status, json } = await imiassist(sandbox, 'POST', '/api/v1/reports/usage', { body });
		expect(status).toBe(400);
		expect(json.error.code).toBe('VALIDATION_ERROR');
		expect(json.error.message).toContain(field);
		expect(sandbox.imiassist.transactions()).toHaveLength(before);
	});

	test('builds both CSVs from the appointments that match the filters', async () => {
		const [firstDepartment, secondDepartment] = sandbox.imiassist.departments;
		const secondDepartmentTeam = sandbox.imiassist.teams.find(
			(team) => team.department_id === secondDepartment,
		);
		const queries = [
			{},
			{ department_id: [firstDepartment] },
			{ team_id: [secondDepartmentTeam.team_id] },
			{ department_id: [firstDepartment], team_id: [secondDepartmentTeam.team_id] },
			{ department_id: [firstDepartment, secondDepartment], start_time: '2026-02-01T00:00:00Z' },
			{ start_time: '2026-01-15T00:00:00.000Z', end_time: '2026-02-15T12:00:00+01:00' },
			{
				report_title: 'Q1, "all" teams',
				end_time: '2026-03-01T00:00:00Z',
				send_email: ['finance@example.com'],
			},
		];
		const appointments = sandbox.imiassist.appointments();
		for (const query of queries) {
			const transactionId = await createReport(sandbox, query);
			const done = await pollUntilDone(sandbox, transactionId);
			expect(done.status).toBe('COMPLETED');
			const rows = expectedRows(appointments, query);

			const detailed = await download(sandbox, done.output_log.detailed_report_url);
			expect(detailed.status).toBe(200);
			expect(detailed.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(detailed.text).toBe(detailedText(rows));

			const summary = await download(sandbox, done.output_log.summary_report_url);
			expect(summary.status).toBe(200);
			expect(summary.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			const title =
				query.report_title === undefined ? '' : `"${query.report_title.replace(/"/g, '""')}"`;
			const totalsRow = [
				title,
				query.start_time || '',
				query.end_time || '',
				rows.length,
				...totals(rows),
			].join(',');
			expect(summary.text).toBe(`${SUMMARY_HEADER}\r\n${totalsRow}`);
		}
		// The filters really filter: the department report is a strict subset of the whole.
		expect(expectedRows(appointments, queries[1]).length).toBeGreaterThan(0);
		expect(expectedRows(appointments, queries[1]).length).toBeLessThan(appointments.length);
		expect(expectedRows(appointments, queries[3])).toEqual([]);
	});

	test('reports the appointments as they were when the report was requested', async () => {
		const before = await createReport(sandbox, { start_time: '2026-06-01T00:00:00Z' });
		expect(
			(
				await imiassist(sandbox, 'POST', '/api/v1/appointments', {
					body: { start_time: '2026-06-02T09:00:00Z' },
				})
			).status,
		).toBe(201);
		const after = await createReport(sandbox, { start_time: '2026-06-01T00:00:00Z' });
		const rowCounts = [];
		for (const id of [before, after]) {
			const done = await pollUntilDone(sandbox, id);
			const detailed = await download(sandbox, done.output_log.detailed_report_url);
			rowCounts.push(detailed.text.split('\r\n').length - 1);
		}
		expect(rowCounts).toEqual([0, 1]);
		const newest = sandbox.imiassist.transactions().at(-1);
		expect(newest.appointment_ids).toEqual([
			sandbox.imiassist.appointments().at(-1).appointment_id,
		]);
	});

	test('serves the CSVs only to a valid key pair', async () => {
		const transactionId = await createReport(sandbox);
		const done = await pollUntilDone(sandbox, transactionId);
		const refused = await download(sandbox, done.output_log.summary_report_url, null);
		expect(refused.status).toBe(401);
		expect(JSON.parse(refused.text)).toEqual(UNAUTHORIZED);
	});
});

describe('sandbox: IMIASSIST transactions as a server may send them (settings)', () => {
	/** Starts a sandbox with these imiassist settings, runs `use` with it, then closes it. */
	async function withSettings(settings, use) {
		const sandbox = await startSandbox({ imiassist: { from: FROM, to: TO, ...settings } });
		try {
			return await use(sandbox);
		} finally {
			await sandbox.close();
		}
	}

	/** The transaction's answers over `polls` polls. */
	async function answers(sandbox, transactionId, polls = 3) {
		const seen = [];
		for (let poll = 0; poll < polls; poll += 1) {
			seen.push(await pollTransaction(sandbox, transactionId));
		}
		return seen;
	}

	test('starts with the statuses in upper case, output_log an object, COMPLETED and the list', async () => {
		await withSettings({}, async (sandbox) => {
			expect(sandbox.imiassist.settings).toMatchObject({
				statusInOutputLog: false,
				statusCase: 'upper',
				outputLogAsText: false,
				finalStatus: 'COMPLETED',
				transactionList: true,
			});
		});
	});

	test.each([
		['lower', ['queued', 'in_progress', 'completed'], 'failed'],
		['title', ['Queued', 'In_Progress', 'Completed'], 'Failed'],
		['upper', ['QUEUED', 'IN_PROGRESS', 'COMPLETED'], 'FAILED'],
	])(
		'statusCase %s writes every status so, and still serves the reports',
		async (statusCase, statuses, failed) => {
			await withSettings({ statusCase }, async (sandbox) => {
				const transactionId = await createReport(sandbox);
				const seen = await answers(sandbox, transactionId);
				expect(seen.map((transaction) => transaction.status)).toEqual(statuses);
				// Only the wire changes: the sandbox's own record keeps the upper-case name.
				expect(sandbox.imiassist.transactions().at(-1).status).toBe('COMPLETED');
				const summary = await download(sandbox, seen[2].output_log.summary_report_url);
				expect(summary.status).toBe(200);
				expect(summary.text.startsWith(SUMMARY_HEADER)).toBe(true);

				sandbox.imiassist.failNextReport('Quota exceeded');
				const failing = await createReport(sandbox);
				const [, , last] = await answers(sandbox, failing);
				expect(last).toMatchObject({ status: failed, output_log: { message: 'Quota exceeded' } });
			});
		},
	);

	test('statusCase lower with statusInOutputLog: the status inside output_log in lower case', async () => {
		await withSettings({ statusCase: 'lower', statusInOutputLog: true }, async (sandbox) => {
			const transactionId = await createReport(sandbox);
			const [first] = await answers(sandbox, transactionId, 1);
			expect(first).toEqual({
				transaction_id: transactionId,
				type: 'USAGE_REPORT',
				output_log: { status: 'queued', message: 'Report generation queued' },
			});
		});
	});

	test('outputLogAsText sends output_log as JSON text holding the same object', async () => {
		const reportsOf = (sandbox, transactionId) =>
			`${sandbox.url}/imiassist/api/v1/reports/${transactionId}`;
		await withSettings({ outputLogAsText: true }, async (sandbox) => {
			const transactionId = await createReport(sandbox);
			const seen = await answers(sandbox, transactionId);
			expect(seen.map((transaction) => transaction.status)).toEqual([
				'QUEUED',
				'IN_PROGRESS',
				'COMPLETED',
			]);
			expect(seen.every((transaction) => typeof transaction.output_log === 'string')).toBe(true);
			expect(JSON.parse(seen[2].output_log)).toEqual({
				summary_report_url: `${reportsOf(sandbox, transactionId)}/summary.csv`,
				detailed_report_url: `${reportsOf(sandbox, transactionId)}/detailed.csv`,
				message: 'Report generated',
			});
			const listed = await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1');
			expect(listed.json.items[0].output_log).toBe(seen[2].output_log);
		});
		await withSettings({ outputLogAsText: true, statusInOutputLog: true }, async (sandbox) => {
			const transactionId = await createReport(sandbox);
			const [first] = await answers(sandbox, transactionId, 1);
			expect(first.status).toBeUndefined();
			expect(first.output_log).toBe('{"status":"QUEUED","message":"Report generation queued"}');
		});
	});

	test.each([
		['ARCHIVED', 'upper', 'ARCHIVED'],
		['Archived', 'lower', 'archived'],
		['SUCCESS', 'title', 'Success'],
	])(
		'finalStatus %s (statusCase %s) ends the transaction as %s, with its report URLs, files served',
		async (finalStatus, statusCase, wire) => {
			await withSettings({ finalStatus, statusCase }, async (sandbox) => {
				const transactionId = await createReport(sandbox);
				const seen = await answers(sandbox, transactionId, 4);
				expect(seen.map((transaction) => transaction.status)).toEqual([
					STATUS_CASE_OF[statusCase]('QUEUED'),
					STATUS_CASE_OF[statusCase]('IN_PROGRESS'),
					wire,
					wire,
				]);
				expect(seen[2].output_log.message).toBe('Report generated');
				const detailed = await download(sandbox, seen[2].output_log.detailed_report_url);
				expect(detailed.status).toBe(200);
				expect(detailed.text.startsWith(DETAILED_HEADER)).toBe(true);
				expect(sandbox.imiassist.transactions().at(-1).status).toBe(finalStatus);

				sandbox.imiassist.failNextReport();
				const failing = await createReport(sandbox);
				expect((await answers(sandbox, failing)).at(-1).status).toBe(
					STATUS_CASE_OF[statusCase]('FAILED'),
				);
			});
		},
	);

	test('transactionList false: the list answers 404 as an unknown path; a transaction is still read', async () => {
		await withSettings({ transactionList: false }, async (sandbox) => {
			const list = await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1');
			expect(list.status).toBe(404);
			expect(list.json.error.code).toBe('NOT_FOUND');
			const transactionId = await createReport(sandbox);
			expect((await pollTransaction(sandbox, transactionId)).status).toBe('QUEUED');
		});
	});

	test.each([
		['statusCase', 'UPPER'],
		['statusCase', 'camel'],
		['statusCase', true],
		['outputLogAsText', 'yes'],
		['outputLogAsText', 1],
		['finalStatus', ''],
		['finalStatus', ' ARCHIVED'],
		['finalStatus', 'ARCHIVED\n'],
		['finalStatus', 42],
		['finalStatus', 'completed'],
		['finalStatus', 'Failed'],
		['finalStatus', 'QUEUED'],
		['finalStatus', 'in_progress'],
		['transactionList', 'no'],
		['statusInOutputLog', 'true'],
	])('refuses %s %j at start with a TypeError naming it', async (setting, value) => {
		const starting = startSandbox({ imiassist: { [setting]: value } });
		await expect(starting).rejects.toThrow(TypeError);
		await expect(starting).rejects.toThrow(`imiassist.${setting} must be`);
	});
});

describe('sandbox: IMIASSIST determinism and options', () => {
	const options = { imiassist: { from: FROM, to: TO, seed: 11, appointmentCount: 300 } };

	test('generates the same company and appointments from the same options', async () => {
		const [first, second] = await Promise.all([startSandbox(options), startSandbox(options)]);
		try {
			expect(first.imiassist.appointments()).toHaveLength(300);
			expect(second.imiassist.appointments()).toEqual(first.imiassist.appointments());
			expect(second.imiassist.departments).toEqual(first.imiassist.departments);
			expect(second.imiassist.teams).toEqual(first.imiassist.teams);
			const [firstId, secondId] = await Promise.all([createReport(first), createReport(second)]);
			const [firstDone, secondDone] = [
				await pollUntilDone(first, firstId),
				await pollUntilDone(second, secondId),
			];
			const [firstCsv, secondCsv] = [
				await download(first, firstDone.output_log.detailed_report_url),
				await download(second, secondDone.output_log.detailed_report_url),
			];
			expect(secondCsv.text).toBe(firstCsv.text);
		} finally {
			await Promise.all([first.close(), second.close()]);
		}
	});

	test('generates another company and other appointments from another seed', async () => {
		const [first, other] = await Promise.all([
			startSandbox(options),
			startSandbox({ imiassist: { ...options.imiassist, seed: 12 } }),
		]);
		try {
			expect(other.imiassist.departments).not.toEqual(first.imiassist.departments);
			expect(other.imiassist.appointments()).not.toEqual(first.imiassist.appointments());
		} finally {
			await Promise.all([first.close(), other.close()]);
		}
	});

	test('honours department, team and credential options', async () => {
		const sandbox = await startSandbox({
			imiassist: {
				apiKey: 'my-key',
				token: 'my-token',
				userEmail: 'me@example.com',
				userPassword: 'secret',
				departmentCount: 2,
				teamsPerDepartment: 3,
				appointmentCount: 0,
			},
		});
		try {
			expect(sandbox.imiassist.departments).toHaveLength(2);
			expect(sandbox.imiassist.teams).toHaveLength(6);
			expect(sandbox.imiassist.appointments()).toEqual([]);
			expect(sandbox.credentials.imiassist).toMatchObject({ apiKey: 'my-key', token: 'my-token' });
			const { status } = await imiassist(sandbox, 'GET', '/api/v1/transactions?limit=1');
			expect(status).toBe(200);
			const { access } = await signIn(sandbox);
			expect(typeof access).toBe('string');
		} finally {
			await sandbox.close();
		}
	});

	test('defaults the range to the first of the month three months ago until now', async () => {
		const before = Date.now();
		const sandbox = await startSandbox();
		try {
			const { from, to } = sandbox.imiassist.settings;
			const now = new Date();
			expect(from).toBe(
				new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1)).toISOString(),
			);
			expect(Date.parse(to)).toBeGreaterThanOrEqual(before - 1);
			expect(Date.parse(to)).toBeLessThanOrEqual(Date.now());
			expect(sandbox.imiassist.appointments()).toHaveLength(120);
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		['an unknown option', { colour: 'red' }],
		['a token with spaces', { token: 'a b' }],
		['a malformed user e-mail', { userEmail: 'me' }],
		['an empty password', { userPassword: '' }],
		['a negative seed', { seed: -1 }],
		['a fractional appointment count', { appointmentCount: 1.5 }],
		['zero polls to complete', { pollsToComplete: 0 }],
		['zero departments', { departmentCount: 0 }],
		['from after to', { from: TO, to: FROM }],
		['a from without offset', { from: '2026-01-01T00:00:00' }],
	])('refuses %s', async (_, imiassistOptions) => {
		await expect(startSandbox({ imiassist: imiassistOptions })).rejects.toThrow(TypeError);
	});
});
