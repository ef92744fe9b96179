// Stripe as a platform of the shared credential: what n8n hands a run of it, its credential test
// (against a local stand-in answering as Stripe's invoice list does), and the usage nodes and
// trigger refusing it before any request.
const http = require('node:http');
const { NodeHelpers } = require('n8n-workflow');
const { credentialFieldProblem } = require('../../dist/nodes/shared/platforms');

const { pack, pollTrigger } = require('../../harness/engine');
const { credentialTest } = require('../../harness/credentialTest');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, useSandbox } = require('./engineRun');
const { methodCatalog, methodFixtures } = require('./methodCatalog');

/** What a refusal says each node needs, by the platform the catalog runs it on. */
const NEEDS = {
	imiassist: 'IMIASSIST',
	lumin: 'Lumin.ai',
	evoVoice: 'Evo Voice',
	restcomm: 'Restcomm or Twilio-compatible API',
	twilio: 'Restcomm or Twilio-compatible API',
};

const KEY = 'sk_test_standInKeyOfTheStripeCredentialTest';

let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

/** A Stripe stand-in for the credential test: the invoice list, for the right key only. */
let stripe;
const stripeRequests = [];
beforeAll(async () => {
	stripe = http.createServer((request, response) => {
		stripeRequests.push({
			method: request.method,
			url: request.url,
			authorization: request.headers.authorization,
		});
		const known = request.headers.authorization === `Bearer ${KEY}`;
		response.writeHead(known ? 200 : 401, { 'Content-Type': 'application/json' });
		response.end(
			JSON.stringify(
				known
					? { object: 'list', data: [], has_more: false, url: '/v1/invoices' }
					: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } },
			),
		);
	});
	await new Promise((resolve) => stripe.listen(0, '127.0.0.1', () => resolve(undefined)));
});
afterAll(async () => await new Promise((resolve) => stripe.close(() => resolve(undefined))));
beforeEach(() => {
	stripeRequests.length = 0;
});

const stripeCredential = () => ({
	platform: 'stripe',
	baseUrl: `http://127.0.0.1:${stripe.address().port}`,
	token: KEY,
});

describe('the Stripe platform of the credential', () => {
	test("n8n hands a run only Stripe's fields: Base URL and Secret Key", () => {
		const { properties } = pack.credentials.find((type) => type.name === 'commsBillingApi');
		const stored = {
			...stripeCredential(),
			apiKey: 'AC-left-from-another-platform',
			accountSid: 'AC1',
			subdomain: 'acme',
			userEmail: 'someone@example.com',
		};
		const loaded = NodeHelpers.getNodeParameters(properties, stored, true, false, null, null);
		expect(Object.keys(loaded ?? {}).sort()).toEqual(
			['baseUrl', 'obtainedApiKey', 'obtainedToken', 'platform', 'token'].sort(),
		);
		const shown = properties.filter((property) =>
			property.displayOptions?.show?.platform?.includes('stripe'),
		);
		expect(shown.map(({ displayName, name }) => [displayName, name])).toEqual([
			['Base URL', 'baseUrl'],
			['Secret Key', 'token'],
		]);
		expect(shown[1].typeOptions).toEqual({ password: true });
	});

	test('its test reads one invoice (GET /v1/invoices?limit=1) with the key as a bearer token; a wrong key is a 401 that says so', async () => {
		await expect(credentialTest(stripeCredential())).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		await expect(
			credentialTest({ ...stripeCredential(), token: 'sk_test_wrong' }),
		).resolves.toEqual({
			status: 'Error',
			message: 'The platform refused these credentials (HTTP 401): check the token.',
		});
		// n8n asks again once after a 401 (it would log a credential in again): the same read.
		expect(
			[...new Set(stripeRequests.map((entry) => JSON.stringify(entry)))].map((entry) =>
				JSON.parse(entry),
			),
		).toEqual([
			{ method: 'GET', url: '/v1/invoices?limit=1', authorization: `Bearer ${KEY}` },
			{ method: 'GET', url: '/v1/invoices?limit=1', authorization: 'Bearer sk_test_wrong' },
		]);
	});
});

describe('a Stripe key that cannot deliver', () => {
	test.each(['sk_test_1', 'sk_live_1', 'rk_test_1', 'rk_live_1'])(
		'%s is a key that can',
		(token) => {
			expect(credentialFieldProblem({ platform: 'stripe', token })).toBeUndefined();
		},
	);

	test.each(['pk_test_1', 'pk_live_1', '', 'whsec_1'])(
		'%j is refused, naming the field, not the value',
		(token) => {
			const problem = credentialFieldProblem({ platform: 'stripe', token });
			expect(problem).toEqual({
				field: 'token',
				reason:
					'it is not a Stripe secret key (sk_...) or restricted key (rk_...): a publishable key (pk_...) cannot create or read invoices',
			});
		},
	);
});

// Every method of the usage nodes, with parameters that work against the sandbox.
let fixtures;
beforeAll(async () => {
	fixtures = await methodFixtures(sandbox);
});
const METHODS = methodCatalog(() => ({ sandbox, fixtures }));

describe('the usage nodes refuse a Stripe credential before any request', () => {
	test('every method of the seven usage nodes is in the catalog', () => {
		expect(new Set(METHODS.map(({ type }) => type)).size).toBe(7);
	});

	test.each(METHODS.map((method) => [method.name, method]))('%s', async (_, method) => {
		const result = await runScanned(
			singleNodeWorkflow('Node', {
				type: method.type,
				parameters: method.parameters(),
				onError: 'stopWorkflow',
			}),
			{ credentials: { commsBillingApi: stripeCredential() } },
		);
		expect(result.nodeError('Node')?.message).toBe(
			`Credential field "platform" does not fit this node (item 0): it is Stripe; this node needs ${NEEDS[method.platform]}`,
		);
		expect(sandbox.requests).toEqual([]);
		expect(stripeRequests).toEqual([]);
	});

	test('the usage trigger too', async () => {
		const node = {
			name: 'Usage Trigger',
			type: 'n8n-nodes-comms-billing.commsUsageTrigger',
			parameters: { operation: 'luminEvents', recurrence: 'daily', threshold: 10 },
		};
		await expect(
			pollTrigger(node, { credentials: { commsBillingApi: stripeCredential() } }),
		).rejects.toThrow(
			'Credential field "platform" does not fit this node (item 0): it is Stripe; this node needs Lumin.ai',
		);
		expect(stripeRequests).toEqual([]);
	});
});
