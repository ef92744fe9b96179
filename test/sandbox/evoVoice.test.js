'use strict';

const { basicHeader, readReply, raiseUsageOverHttp, expectRaiseRefused } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

const FROM = '2025-06-01';
const TO = '2026-03-31';
const UNAUTHORIZED = {
	responseStatus: {
		errorCode: 'Unauthorized',
		message: 'Invalid UserName or Password',
		errors: [],
	},
};
const FORBIDDEN = {
	responseStatus: { errorCode: 'Forbidden', message: 'Invalid Role', errors: [] },
};

/**
 * A GetAIUsage call. `params` go in the query string for GET and DELETE, in a JSON body
 * otherwise (or as given in `body`); `credential` null sends no Authorization.
 */
async function getAiUsage(sandbox, params = {}, options = {}) {
	const { method = 'GET', body, headers = {} } = options;
	const credential =
		options.credential === undefined ? sandbox.credentials.evoVoice : options.credential;
	const inQuery = method === 'GET' || method === 'DELETE' || body !== undefined;
	const search = inQuery ? new URLSearchParams(params).toString() : '';
	const requestHeaders = { accept: 'application/json', ...headers };
	if (credential) {
		requestHeaders.authorization = basicHeader(credential.apiKey, credential.token);
	}
	let payload = body;
	if (!inQuery) {
		payload = JSON.stringify(params);
		requestHeaders['content-type'] = 'application/json';
	}
	const response = await fetch(
		`${sandbox.credentials.evoVoice.baseUrl}/ai/usage${search ? `?${search}` : ''}`,
		{ method, headers: requestHeaders, body: payload },
	);
	return await readReply(response);
}

/** The expected answer, summed here in tenths from the sandbox's daily rows. */
function expectedUsage(dailyUsage, { accountId, customerId, startDate, endDate } = {}) {
	const customerTenths = new Map();
	const accountTenths = new Map();
	for (const row of dailyUsage) {
		if (accountId && row.accountId !== accountId) continue;
		if (customerId && row.customerId !== customerId) continue;
		const key = `${row.accountId}|${row.customerId}`;
		if (!customerTenths.has(key)) customerTenths.set(key, 0);
		if (!accountTenths.has(row.accountId)) accountTenths.set(row.accountId, 0);
		if ((startDate && row.date < startDate) || (endDate && row.date > endDate)) continue;
		const tenths = Math.round(row.aiMinutes * 10);
		customerTenths.set(key, customerTenths.get(key) + tenths);
		accountTenths.set(row.accountId, accountTenths.get(row.accountId) + tenths);
	}
	const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
	return {
		accountUsage: [...accountTenths.keys()]
			.sort(byText)
			.map((id) => ({ accountId: id, aiMinutes: accountTenths.get(id) / 10 })),
		customerUsage: [...customerTenths.keys()].sort(byText).map((key) => {
			const [id, customer] = key.split('|');
			return { accountId: id, customerId: customer, aiMinutes: customerTenths.get(key) / 10 };
		}),
	};
}

describe('sandbox: Evo Voice AI usage data', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ evoVoice: { from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());

	test('gives the admin and the agent as credentials', () => {
		const baseUrl = `${sandbox.url}/evovoice`;
		expect(sandbox.credentials.evoVoice).toEqual({
			platform: 'evoVoice',
			baseUrl,
			apiKey: 'admin@evovoice.test',
			token: 'evo-sandbox-password',
		});
		expect(sandbox.credentials.evoVoiceAgent).toEqual({
			platform: 'evoVoice',
			baseUrl,
			apiKey: 'agent@evovoice.test',
			token: 'evo-agent-password',
		});
	});

	test('has two accounts whose first one’s customers are the Lumin hosts', () => {
		expect(sandbox.evoVoice.accounts).toEqual(['acct-1001', 'acct-1002']);
		const customersOf = (accountId) =>
			sandbox.evoVoice.customers
				.filter((customer) => customer.accountId === accountId)
				.map((customer) => customer.customerId);
		expect(customersOf('acct-1001')).toEqual(sandbox.lumin.settings.hosts);
		expect(customersOf('acct-1002')).toEqual(['clinic-01', 'clinic-02', 'clinic-03']);
	});

	test('has AI minutes per customer and day, with at most one decimal and some idle days', () => {
		const rows = sandbox.evoVoice.dailyUsage();
		const days = (Date.parse(`${TO}T00:00:00Z`) - Date.parse(`${FROM}T00:00:00Z`)) / 864e5 + 1;
		expect(rows).toHaveLength(days * 8);
		expect(rows[0].date).toBe(FROM);
		expect(rows[rows.length - 1].date).toBe(TO);
		const misshapen = rows.filter(
			(row) =>
				Object.keys(row).sort().join() !== 'accountId,aiMinutes,customerId,date' ||
				!(row.aiMinutes >= 0) ||
				!/^\d+(\.\d)?$/.test(String(row.aiMinutes)),
		);
		expect(misshapen).toEqual([]);
		const idle = rows.filter((row) => row.aiMinutes === 0).length;
		expect(idle).toBeGreaterThan(0);
		expect(idle).toBeLessThan(rows.length / 3);
		expect(rows.some((row) => !Number.isInteger(row.aiMinutes))).toBe(true);
	});

	test('defaults the range to the first of the month 14 months ago until today', async () => {
		const plain = await startSandbox();
		try {
			const now = new Date();
			const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 14, 1));
			expect(plain.evoVoice.settings).toMatchObject({
				seed: 11,
				from: from.toISOString().slice(0, 10),
				to: now.toISOString().slice(0, 10),
				numbersAsStrings: false,
				datesRequired: true,
				endDateExclusive: false,
				nestedCustomers: false,
			});
			const wide = { startDate: '1970-01-01', endDate: '2100-12-31' };
			const { status, json } = await getAiUsage(plain, wide, {
				credential: plain.credentials.evoVoice,
			});
			expect(status).toBe(200);
			expect(json).toEqual(expectedUsage(plain.evoVoice.dailyUsage(), wide));
		} finally {
			await plain.close();
		}
	});

	test('generates the same usage from the same seed and other usage from another', async () => {
		const options = { from: FROM, to: TO };
		const [same, other] = await Promise.all([
			startSandbox({ evoVoice: options }),
			startSandbox({ evoVoice: { ...options, seed: 12 } }),
		]);
		try {
			expect(same.evoVoice.dailyUsage()).toEqual(sandbox.evoVoice.dailyUsage());
			expect(other.evoVoice.dailyUsage()).not.toEqual(sandbox.evoVoice.dailyUsage());
			const params = { startDate: '2025-09-01', endDate: '2025-09-30' };
			expect((await getAiUsage(same, params)).json).toEqual(
				(await getAiUsage(sandbox, params)).json,
			);
			// A wider range does not change the days it shares with a narrower one.
			const wider = await startSandbox({ evoVoice: { from: '2025-01-01', to: TO } });
			try {
				const shared = wider.evoVoice.dailyUsage().filter((row) => row.date >= FROM);
				expect(shared).toEqual(sandbox.evoVoice.dailyUsage());
			} finally {
				await wider.close();
			}
		} finally {
			await Promise.all([same.close(), other.close()]);
		}
	});
});

describe('sandbox: Evo Voice GetAIUsage', () => {
	let sandbox;
	let daily;

	beforeAll(async () => {
		// The DTO's dates are optional; the vendor's server requires them (tested below).
		sandbox = await startSandbox({ evoVoice: { from: FROM, to: TO, datesRequired: false } });
		daily = sandbox.evoVoice.dailyUsage();
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test.each([
		['no range', {}],
		['one month', { startDate: '2025-10-01', endDate: '2025-10-31' }],
		['one day', { startDate: '2026-02-14', endDate: '2026-02-14' }],
		['only a start', { startDate: '2026-03-01' }],
		['only an end', { endDate: '2025-06-30' }],
		['empty bounds', { startDate: '', endDate: '' }],
		['a range beyond the data', { startDate: '2020-01-01', endDate: '2030-12-31' }],
		['a range before the data', { startDate: '2020-01-01', endDate: '2020-12-31' }],
	])('totals accounts and customers over %s', async (_, params) => {
		const { status, json, headers } = await getAiUsage(sandbox, params);
		expect(status).toBe(200);
		expect(headers.get('content-type')).toMatch(/^application\/json/);
		expect(json).toEqual(expectedUsage(daily, params));
		expect(json.customerUsage).toHaveLength(8);
		for (const row of [...json.accountUsage, ...json.customerUsage]) {
			expect(typeof row.aiMinutes).toBe('number');
			expect(String(row.aiMinutes)).toMatch(/^\d+(\.\d)?$/);
		}
	});

	test.each([
		['repeatRecord', 'customerUsage', (first) => [first, first]],
		['unreadableFigure', 'accountUsage', (first) => [{ ...first, aiMinutes: '1,234.5' }]],
	])('changes the first row with minutes on a %s fault (%s)', async (kind, list, expected) => {
		const params = { startDate: '2025-10-01', endDate: '2025-10-31' };
		const clean = (await getAiUsage(sandbox, params)).json;
		sandbox.injectFault({ platform: 'evoVoice', [kind]: true });
		const { json } = await getAiUsage(sandbox, params);
		const [first, ...rest] = clean[list];
		expect(first.aiMinutes).toBeGreaterThan(0);
		expect(json).toEqual({ ...clean, [list]: [...expected(first), ...rest] });
	});

	test.each([
		['no account', {}],
		['an account', { accountId: 'acct-1002' }],
	])(
		'adds an account not asked for, and its customer, on an otherAccount fault (%s asked)',
		async (_, asked) => {
			const params = { ...asked, startDate: '2025-10-01', endDate: '2025-10-31' };
			const clean = (await getAiUsage(sandbox, params)).json;
			sandbox.injectFault({ platform: 'evoVoice', path: '/evovoice/ai/usage', otherAccount: true });
			const { json } = await getAiUsage(sandbox, params);
			const other = json.accountUsage[json.accountUsage.length - 1].accountId;
			expect(other).toMatch(/^acct-\d{4}$/);
			expect(sandbox.evoVoice.accounts).not.toContain(other);
			const [firstCustomer] = clean.customerUsage;
			expect(firstCustomer.aiMinutes).toBeGreaterThan(0);
			expect(json).toEqual({
				accountUsage: [
					...clean.accountUsage,
					{ accountId: other, aiMinutes: firstCustomer.aiMinutes },
				],
				customerUsage: [...clean.customerUsage, { ...firstCustomer, accountId: other }],
			});
			expect(sandbox.requests[1].fault).toBe('otherAccount');
		},
	);

	test('adds a customer not asked for after the first with minutes on an otherCustomer fault', async () => {
		const params = { customerId: 'clinic-02', startDate: '2025-10-01', endDate: '2025-10-31' };
		const clean = (await getAiUsage(sandbox, params)).json;
		expect(clean.customerUsage).toEqual([expect.objectContaining({ customerId: 'clinic-02' })]);
		sandbox.injectFault({ platform: 'evoVoice', otherCustomer: true });
		const { json } = await getAiUsage(sandbox, params);
		const [row] = clean.customerUsage;
		const added = json.customerUsage[1];
		expect(json).toEqual({
			...clean,
			customerUsage: [row, { ...row, customerId: added.customerId }],
		});
		const customerIds = sandbox.evoVoice.customers.map((customer) => customer.customerId);
		expect(customerIds).not.toContain(added.customerId);
	});

	test('makes each account total the sum of its customers', async () => {
		const { json } = await getAiUsage(sandbox, { startDate: '2025-07-01', endDate: '2025-12-31' });
		for (const account of json.accountUsage) {
			const tenths = json.customerUsage
				.filter((row) => row.accountId === account.accountId)
				.reduce((total, row) => total + Math.round(row.aiMinutes * 10), 0);
			expect(Math.round(account.aiMinutes * 10)).toBe(tenths);
		}
		expect(json.accountUsage.every((row) => row.aiMinutes > 0)).toBe(true);
	});

	test('uses the date part of ISO date-times', async () => {
		const dates = { startDate: '2025-11-01', endDate: '2025-11-30' };
		const dateTimes = {
			startDate: '2025-11-01T00:00:00Z',
			endDate: '2025-11-30T23:59:59.999-08:00',
		};
		expect((await getAiUsage(sandbox, dateTimes)).json).toEqual(
			(await getAiUsage(sandbox, dates)).json,
		);
	});

	test.each([
		['accountId', { accountId: 'acct-1002' }],
		['customerId', { customerId: 'store-003' }],
		['accountId and customerId', { accountId: 'acct-1001', customerId: 'store-005' }],
		['a customer of another account', { accountId: 'acct-1002', customerId: 'store-001' }],
		['an unknown account', { accountId: 'acct-9999' }],
	])('filters by %s', async (_, filter) => {
		const params = { ...filter, startDate: '2025-08-01', endDate: '2025-08-31' };
		const { status, json } = await getAiUsage(sandbox, params);
		expect(status).toBe(200);
		expect(json).toEqual(expectedUsage(daily, params));
		for (const row of json.customerUsage) {
			if (filter.accountId) expect(row.accountId).toBe(filter.accountId);
			if (filter.customerId) expect(row.customerId).toBe(filter.customerId);
		}
	});

	test('answers the same to every verb, from the query string or the body', async () => {
		const params = { accountId: 'acct-1001', startDate: '2025-12-01', endDate: '2026-01-31' };
		const expected = expectedUsage(daily, params);
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
			const { status, json } = await getAiUsage(sandbox, params, { method });
			expect([method, status, json]).toEqual([method, 200, expected]);
		}
		const form = await getAiUsage(
			sandbox,
			{},
			{
				method: 'POST',
				body: new URLSearchParams(params).toString(),
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			},
		);
		expect(form.json).toEqual(expected);
		const anyCase = await getAiUsage(sandbox, {
			AccountId: 'acct-1001',
			STARTDATE: '2025-12-01',
			enddate: '2026-01-31',
		});
		expect(anyCase.json).toEqual(expected);
	});

	test('refuses missing and wrong credentials with 401 in ServiceStack’s shape', async () => {
		const { apiKey, token } = sandbox.credentials.evoVoice;
		const attempts = [
			null,
			{ apiKey, token: 'wrong-password' },
			{ apiKey: 'nobody@evovoice.test', token },
		];
		for (const credential of attempts) {
			const { status, json, headers } = await getAiUsage(sandbox, {}, { credential });
			expect(status).toBe(401);
			expect(json).toEqual(UNAUTHORIZED);
			expect(headers.get('www-authenticate')).toMatch(/^Basic /);
		}
		const bearer = await getAiUsage(
			sandbox,
			{},
			{
				credential: null,
				headers: { authorization: `Bearer ${token}` },
			},
		);
		expect(bearer.status).toBe(401);
	});

	test('accepts the admin’s user name in any case', async () => {
		const { token } = sandbox.credentials.evoVoice;
		const { status } = await getAiUsage(
			sandbox,
			{},
			{
				credential: { apiKey: 'Admin@EvoVoice.test', token },
			},
		);
		expect(status).toBe(200);
	});

	test('refuses the agent, who is no SystemAdministrator, with 403', async () => {
		const { status, json } = await getAiUsage(
			sandbox,
			{},
			{
				credential: sandbox.credentials.evoVoiceAgent,
			},
		);
		expect(status).toBe(403);
		expect(json).toEqual(FORBIDDEN);
	});

	test.each([
		['a date in another format', { startDate: '01/12/2025' }],
		['an impossible date', { endDate: '2025-02-30' }],
		['a word', { startDate: 'yesterday' }],
	])('refuses %s with 400 ArgumentException', async (_, params) => {
		const { status, json } = await getAiUsage(sandbox, params);
		expect(status).toBe(400);
		expect(json.responseStatus).toMatchObject({ errorCode: 'ArgumentException', errors: [] });
		expect(typeof json.responseStatus.message).toBe('string');
	});

	test('refuses a body that is not a JSON object with 400', async () => {
		const { status, json } = await getAiUsage(
			sandbox,
			{},
			{
				method: 'POST',
				body: '[1, 2]',
				headers: { 'content-type': 'application/json' },
			},
		);
		expect(status).toBe(400);
		expect(json.responseStatus.errorCode).toBe('SerializationException');
	});

	test('logs the auth scheme but never the credentials', async () => {
		const { apiKey, token } = sandbox.credentials.evoVoice;
		await getAiUsage(sandbox, { startDate: '2025-06-01' });
		await getAiUsage(sandbox, {}, { credential: { apiKey, token: 'wrong-secret' } });
		await getAiUsage(sandbox, {}, { credential: sandbox.credentials.evoVoiceAgent });
		const [good, wrong, agent] = sandbox.requests;
		expect(good).toMatchObject({
			method: 'GET',
			path: '/evovoice/ai/usage',
			query: { startDate: '2025-06-01' },
			auth: 'basic',
			authenticated: true,
			status: 200,
		});
		expect(wrong).toMatchObject({ auth: 'basic', authenticated: false, status: 401 });
		expect(agent).toMatchObject({ auth: 'basic', authenticated: true, status: 403 });
		const served = await (await fetch(`${sandbox.url}/__sandbox/requests`)).text();
		const agentCredential = sandbox.credentials.evoVoiceAgent;
		for (const logText of [JSON.stringify(sandbox.requests), served]) {
			for (const secret of [
				token,
				'wrong-secret',
				agentCredential.token,
				basicHeader(apiKey, token).slice(6),
				basicHeader(agentCredential.apiKey, agentCredential.token).slice(6),
			]) {
				expect(logText).not.toContain(secret);
			}
		}
	});

	test('applies evoVoice faults in ServiceStack’s shape, and no other platform’s', async () => {
		sandbox.injectFault({ platform: 'lumin', status: 500, times: 0 });
		sandbox.injectFault({ platform: 'evoVoice', status: 503, headers: { 'Retry-After': '5' } });
		const unavailable = await getAiUsage(sandbox);
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers.get('retry-after')).toBe('5');
		expect(unavailable.json).toEqual({
			responseStatus: {
				errorCode: 'ServiceUnavailable',
				message: 'Service Unavailable',
				errors: [],
			},
		});
		expect((await getAiUsage(sandbox)).status).toBe(200);
		sandbox.injectFault({ platform: 'evoVoice', malformed: true });
		const cut = await getAiUsage(sandbox);
		expect(cut.status).toBe(200);
		expect(cut.json).toBeUndefined();
	});

	test('answers unknown paths under /evovoice in ServiceStack’s shape', async () => {
		const response = await fetch(`${sandbox.credentials.evoVoice.baseUrl}/ai/nothing`);
		expect(response.status).toBe(404);
		expect((await response.json()).responseStatus.errorCode).toBe('NotFound');
	});
});

describe('sandbox: Evo Voice options', () => {
	test('sends aiMinutes as strings when numbersAsStrings is set', async () => {
		const options = { from: FROM, to: TO };
		const [numbers, strings] = await Promise.all([
			startSandbox({ evoVoice: options }),
			startSandbox({ evoVoice: { ...options, numbersAsStrings: true } }),
		]);
		try {
			const params = { startDate: '2026-01-01', endDate: '2026-01-31' };
			const asNumbers = (await getAiUsage(numbers, params)).json;
			const asStrings = (await getAiUsage(strings, params)).json;
			const rows = [...asStrings.accountUsage, ...asStrings.customerUsage];
			expect(rows.every((row) => typeof row.aiMinutes === 'string')).toBe(true);
			expect(rows.every((row) => /^\d+(\.\d)?$/.test(row.aiMinutes))).toBe(true);
			const converted = (list) => list.map((row) => ({ ...row, aiMinutes: Number(row.aiMinutes) }));
			expect({
				accountUsage: converted(asStrings.accountUsage),
				customerUsage: converted(asStrings.customerUsage),
			}).toEqual(asNumbers);
		} finally {
			await Promise.all([numbers.close(), strings.close()]);
		}
	});

	test('names further accounts and their customers', async () => {
		const sandbox = await startSandbox({ evoVoice: { accountCount: 3, from: FROM, to: FROM } });
		try {
			expect(sandbox.evoVoice.accounts).toEqual(['acct-1001', 'acct-1002', 'acct-1003']);
			const ids = sandbox.evoVoice.customers.map((customer) => customer.customerId);
			expect(new Set(ids).size).toBe(ids.length);
			expect(sandbox.evoVoice.dailyUsage()).toHaveLength(ids.length);
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		['an unknown option', { colour: 'red' }],
		['a negative seed', { seed: -1 }],
		['no accounts', { accountCount: 0 }],
		['from after to', { from: '2026-02-01', to: '2026-01-01' }],
		['a malformed from', { from: '2026/01/01' }],
		['numbersAsStrings that is not a boolean', { numbersAsStrings: 'yes' }],
		['a user name with a colon', { adminUserName: 'admin:x' }],
		['customerRows that is no reading', { customerRows: 'parents' }],
		['an unknown dataSet', { dataSet: 'random' }],
		['a negative maxCountPerPage', { maxCountPerPage: -1 }],
	])('refuses %s', async (_, evoVoiceOptions) => {
		await expect(startSandbox({ evoVoice: evoVoiceOptions })).rejects.toThrow(TypeError);
	});
});

describe("sandbox: Evo Voice's credentials login (ServiceStack, as the vendor's CLI signs in)", () => {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ evoVoice: { from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());

	const logIn = async (password = sandbox.credentials.evoVoice.token, rememberMe = true) => {
		const { apiKey } = sandbox.credentials.evoVoice;
		return await fetch(`${sandbox.credentials.evoVoice.baseUrl}/auth/credentials`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ provider: 'credentials', userName: apiKey, password, rememberMe }),
		});
	};
	const sessionOf = (response) =>
		response.headers
			.getSetCookie()
			.map((cookie) => cookie.split(';')[0])
			.join('; ');

	test('answers an AuthenticateResponse and sets ss-id, ss-pid and, with rememberMe, ss-opt=perm', async () => {
		const response = await logIn();
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			userName: sandbox.credentials.evoVoice.apiKey,
			sessionId: expect.any(String),
		});
		const names = response.headers.getSetCookie().map((cookie) => cookie.split('=')[0]);
		expect(names).toEqual(['ss-id', 'ss-pid', 'ss-opt']);
		expect(sessionOf(response)).toMatch(/ss-opt=perm$/);
		expect((await logIn(undefined, false)).headers.getSetCookie()).toHaveLength(2);
	});

	test('serves GetAIUsage to the session cookies, without Basic', async () => {
		const cookie = sessionOf(await logIn());
		const { status, json } = await getAiUsage(
			sandbox,
			{ startDate: '2026-01-01', endDate: '2026-01-31' },
			{ credential: null, headers: { cookie } },
		);
		expect(status).toBe(200);
		expect(Array.isArray(json.accountUsage)).toBe(true);
	});

	test("answers a wrong password with 401 and ServiceStack's message, and sets no cookie", async () => {
		const response = await logIn('wrong-password');
		expect(response.status).toBe(401);
		expect((await response.json()).responseStatus.message).toBe('Invalid Username or Password');
		expect(response.headers.getSetCookie()).toEqual([]);
	});

	test('answers 401 to a session it ended', async () => {
		const cookie = sessionOf(await logIn());
		sandbox.evoVoice.expireSessions();
		const { status } = await getAiUsage(sandbox, {}, { credential: null, headers: { cookie } });
		expect(status).toBe(401);
	});
});

describe('sandbox: raising Evo Voice AI minutes', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ evoVoice: { from: FROM, to: TO } });
	});
	afterAll(() => sandbox.close());

	/** GetAIUsage's answer over each [startDate, endDate]. */
	const usageOver = (periods) =>
		Promise.all(
			periods.map(async ([startDate, endDate]) => {
				const { status, json } = await getAiUsage(sandbox, { startDate, endDate });
				expect(status).toBe(200);
				return json;
			}),
		);

	/** The rows that changed from `before` to `after`, `account` or `account|customer`: minutes. */
	function gains(before, after) {
		const gained = {};
		for (const level of ['accountUsage', 'customerUsage']) {
			expect(after[level].map(({ aiMinutes, ...row }) => row)).toEqual(
				before[level].map(({ aiMinutes, ...row }) => row),
			);
			after[level].forEach((row, index) => {
				const tenths =
					Math.round(row.aiMinutes * 10) - Math.round(before[level][index].aiMinutes * 10);
				const key = level === 'accountUsage' ? row.accountId : `${row.accountId}|${row.customerId}`;
				if (tenths !== 0) gained[key] = tenths / 10;
			});
		}
		return gained;
	}

	test("raises a customer's day, its account and its month only, by sandbox.raiseUsage", async () => {
		const periods = [
			['2026-02-10', '2026-02-10'],
			['2026-02-09', '2026-02-09'],
			['2026-02-11', '2026-02-11'],
			['2026-02-01', '2026-02-28'],
			['2026-01-01', '2026-01-31'],
		];
		const before = await usageOver(periods);
		const raised = sandbox.raiseUsage({
			platform: 'evoVoice',
			aiMinutes: 12.5,
			customerId: 'store-003',
			at: '2026-02-10T15:00:00Z',
		});
		expect(raised).toEqual({
			platform: 'evoVoice',
			accountId: 'acct-1001',
			customerId: 'store-003',
			date: '2026-02-10',
			aiMinutes: 12.5,
		});
		const after = await usageOver(periods);
		const raisedGains = { 'acct-1001': 12.5, 'acct-1001|store-003': 12.5 };
		expect(periods.map((_, index) => gains(before[index], after[index]))).toEqual([
			raisedGains,
			{},
			{},
			raisedGains,
			{},
		]);
		const narrowed = await getAiUsage(sandbox, {
			customerId: 'store-003',
			startDate: '2026-02-10',
			endDate: '2026-02-10',
		});
		expect(narrowed.json.customerUsage).toEqual([after[0].customerUsage[2]]);
		expect(after[0].customerUsage[2].customerId).toBe('store-003');
	});

	test("raises an account through its first customer, on `at`'s date as written, by POST /__sandbox/usage", async () => {
		// 23:30 at -05:00 on the 11th is the 12th in GMT: GetAIUsage reads a date-time's date as written.
		const periods = [
			['2026-02-11', '2026-02-11'],
			['2026-02-12', '2026-02-12'],
			['2026-03-01', '2026-03-01'],
		];
		const before = await usageOver(periods);
		const first = await raiseUsageOverHttp(sandbox, {
			platform: 'evoVoice',
			aiMinutes: 7.3,
			at: '2026-02-11T23:30:00-05:00',
		});
		expect([first.status, first.json]).toEqual([
			200,
			{
				ok: true,
				raised: {
					platform: 'evoVoice',
					accountId: 'acct-1001',
					customerId: 'store-001',
					date: '2026-02-11',
					aiMinutes: 7.3,
				},
			},
		]);
		const second = await raiseUsageOverHttp(sandbox, {
			platform: 'evoVoice',
			aiMinutes: 4,
			accountId: 'acct-1002',
			at: '2026-03-01T00:00:00+00:00',
		});
		expect(second.json.raised).toMatchObject({ customerId: 'clinic-01', date: '2026-03-01' });
		const after = await usageOver(periods);
		expect(periods.map((_, index) => gains(before[index], after[index]))).toEqual([
			{ 'acct-1001': 7.3, 'acct-1001|store-001': 7.3 },
			{},
			{ 'acct-1002': 4, 'acct-1002|clinic-01': 4 },
		]);
	});

	test("raises today's GMT date when no `at` is given", async () => {
		const plain = await startSandbox();
		try {
			const today = new Date().toISOString().slice(0, 10);
			const read = async () =>
				(await getAiUsage(plain, { startDate: today, endDate: today, customerId: 'clinic-02' }))
					.json;
			const before = await read();
			const { json } = await raiseUsageOverHttp(plain, {
				platform: 'evoVoice',
				aiMinutes: 2,
				customerId: 'clinic-02',
			});
			expect(json.raised.date).toBe(today);
			expect(gains(before, await read())).toEqual({ 'acct-1002': 2, 'acct-1002|clinic-02': 2 });
		} finally {
			await plain.close();
		}
	});

	const valid = { aiMinutes: 1, customerId: 'store-002', at: '2026-02-10T12:00:00Z' };
	test.each([
		[
			'no aiMinutes',
			{ aiMinutes: undefined },
			/^aiMinutes must be a number with at most one decimal, 0 or more$/,
		],
		['negative aiMinutes', { aiMinutes: -1 }, /^aiMinutes must be/],
		['aiMinutes as text', { aiMinutes: '5' }, /^aiMinutes must be/],
		['aiMinutes finer than a tenth', { aiMinutes: 1.25 }, /^aiMinutes must be/],
		[
			'an unknown customer',
			{ customerId: 'store-999' },
			/^customerId must name a customer, not store-999$/,
		],
		[
			'an unknown account',
			{ customerId: undefined, accountId: 'acct-9999' },
			/^accountId must be one of acct-1001, acct-1002$/,
		],
		[
			'a customer of another account',
			{ accountId: 'acct-1002' },
			/^customerId must name a customer of acct-1002/,
		],
		[
			'a date without a time',
			{ at: '2026-02-10' },
			/^at must be an ISO 8601 date-time with an offset/,
		],
		[
			'a day after the data',
			{ at: '2026-04-01T00:00:00Z' },
			/^at must fall within the data, 2025-06-01 to 2026-03-31/,
		],
		['an unknown key', { minutes: 3 }, /^Unknown keys for evoVoice: minutes$/],
	])('refuses %s with 400, changing nothing', async (_, change, message) => {
		const snapshot = async () => ({
			served: (await getAiUsage(sandbox, {})).json,
			daily: sandbox.evoVoice.dailyUsage(),
		});
		await expectRaiseRefused(
			sandbox,
			{ platform: 'evoVoice', ...valid, ...change },
			message,
			snapshot,
		);
	});
});

describe('sandbox: Evo Voice ListCustomers (GET /customers)', () => {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ evoVoice: { from: FROM, to: TO, nestedCustomers: true } });
	});
	afterAll(() => sandbox.close());

	/** GET /customers with `params` (a list: repeated keys), as `credential` (default the admin). */
	async function listCustomers(params = {}, credential = sandbox.credentials.evoVoice) {
		const search = new URLSearchParams();
		for (const [name, value] of Object.entries(params))
			for (const one of [].concat(value)) search.append(name, String(one));
		const headers = { accept: 'application/json' };
		if (credential) headers.authorization = basicHeader(credential.apiKey, credential.token);
		const query = search.toString();
		return await readReply(
			await fetch(`${sandbox.credentials.evoVoice.baseUrl}/customers${query ? `?${query}` : ''}`, {
				headers,
			}),
		);
	}

	const STORES = ['store-001', 'store-002', 'store-003', 'store-004', 'store-005'];

	test("lists an account's customers as CustomerInfo, a child's parent as parentCustomerId", async () => {
		const { status, json } = await listCustomers({ accountIds: 'acct-1001' });
		expect(status).toBe(200);
		expect(json).toEqual({
			items: STORES.map((id) => ({
				id,
				accountId: 'acct-1001',
				// ServiceStack leaves out null properties: top-level customers have no parent field.
				...(id === 'store-002' ? { parentCustomerId: 'store-001' } : {}),
				name: `Store ${id.slice(6)}`,
				isStaging: false,
			})),
			totalCount: 5,
			totalPages: 1,
			hasMorePages: false,
		});
	});

	test('gives every account without accountIds, and several comma-joined or repeated, in any case', async () => {
		const ids = (json) => json.items.map((item) => item.id);
		const every = (await listCustomers()).json;
		expect(ids(every)).toEqual(
			sandbox.evoVoice.customers.map((customer) => customer.customerId).sort(),
		);
		expect((await listCustomers({ accountIds: 'acct-1001,acct-1002' })).json).toEqual(every);
		expect((await listCustomers({ AccountIds: ['acct-1002', 'acct-1001'] })).json).toEqual(every);
		expect(ids((await listCustomers({ accountIds: 'acct-9999' })).json)).toEqual([]);
	});

	test('pages by page (0-based) and countPerPage, 25 a page by default; all gives one page', async () => {
		const pages = [];
		for (let page = 0; page < 4; page += 1)
			pages.push((await listCustomers({ accountIds: 'acct-1001', page, countPerPage: 2 })).json);
		expect(pages.map((one) => one.items.map((item) => item.id))).toEqual([
			STORES.slice(0, 2),
			STORES.slice(2, 4),
			STORES.slice(4),
			[],
		]);
		expect(
			pages.map(({ totalCount, totalPages, hasMorePages }) => [
				totalCount,
				totalPages,
				hasMorePages,
			]),
		).toEqual([
			[5, 3, true],
			[5, 3, true],
			[5, 3, false],
			[5, 3, false],
		]);
		const whole = (await listCustomers({ accountIds: 'acct-1001' })).json;
		const all = (await listCustomers({ accountIds: 'acct-1001', all: true, countPerPage: 2 })).json;
		expect(all).toEqual(whole);
	});

	test('with simplifiedPaging, gives items and hasMorePages only, an empty page at the end', async () => {
		const asked = { accountIds: 'acct-1001', countPerPage: 3, simplifiedPaging: true };
		expect((await listCustomers({ ...asked, page: 1 })).json).toEqual({
			items: expect.any(Array),
			hasMorePages: false,
		});
		expect((await listCustomers({ ...asked, page: 2 })).json).toEqual({
			items: [],
			hasMorePages: false,
		});
	});

	test('filters by parentCustomerIds, deep unless shallowParent', async () => {
		const ids = async (params) => (await listCustomers(params)).json.items.map((item) => item.id);
		expect(await ids({ parentCustomerIds: 'store-001' })).toEqual(['store-002']);
		expect(await ids({ parentCustomerIds: 'store-001', shallowParent: true })).toEqual([
			'store-002',
		]);
		expect(await ids({ parentCustomerIds: 'clinic-01,store-003' })).toEqual(['clinic-02']);
	});

	test('refuses as GetAIUsage does: 401 without credentials, 403 for the agent, 400 for a bad page', async () => {
		expect((await listCustomers({}, null)).status).toBe(401);
		const agent = await listCustomers({}, sandbox.credentials.evoVoiceAgent);
		expect([agent.status, agent.json]).toEqual([403, FORBIDDEN]);
		const bad = await listCustomers({ page: 'first' });
		expect(bad.status).toBe(400);
		expect(bad.json.responseStatus.errorCode).toBe('SerializationException');
	});

	test('caps a page at maxCountPerPage, whatever countPerPage asks', async () => {
		const capped = await startSandbox({ evoVoice: { from: FROM, to: FROM, maxCountPerPage: 2 } });
		try {
			const { baseUrl, apiKey, token } = capped.credentials.evoVoice;
			const { json } = await readReply(
				await fetch(`${baseUrl}/customers?accountIds=acct-1001&countPerPage=100`, {
					headers: { authorization: basicHeader(apiKey, token) },
				}),
			);
			expect(json).toMatchObject({ totalCount: 5, totalPages: 3, hasMorePages: true });
			expect(json.items).toHaveLength(2);
		} finally {
			await capped.close();
		}
	});
});
