// A refusal follows n8n's On Error setting, through n8n's engine, for every node and method: under
// Stop Workflow (n8n's default) it fails the execution, even where Success is wired on and Failure
// is not; under either Continue it is a Failure item in the one shape. A create never loses an id:
// a refusal after earlier creates names them, and Retry On Fail (which would send every create
// again) is refused.
const { pack } = require('../../harness/engine');
const monthlyBilling = require('../../examples/monthly-billing.json');
const { credentialValues } = require('../../harness/fixtures');
const { runScanned, startScannedSandbox } = require('./engineRun');
const { methodCatalog, methodFixtures } = require('./methodCatalog');

let sandbox;
const fixtures = {};
beforeAll(async () => {
	sandbox = await startScannedSandbox({ lumin: { eventCount: 400 } });
	Object.assign(fixtures, await methodFixtures(sandbox));
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.clearRequests();
	sandbox.clearFaults();
});

const METHODS = methodCatalog(() => ({ sandbox, fixtures }));

/** Manual Trigger -> the node, whose Success feeds n8n's Merge and whose Failure feeds nothing. */
function wiredOnSuccess(method, settings = {}) {
	const node = {
		id: 'node',
		name: 'Node',
		type: `${pack.packageName}.${method.type}`,
		typeVersion: 1,
		position: [220, 0],
		parameters: method.parameters(),
		credentials: { commsBillingApi: { id: '1', name: 'Sandbox' } },
		...settings,
	};
	return {
		name: 'wired on Success',
		nodes: [
			{
				id: 'trigger',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			node,
			{
				id: 'merge',
				name: 'Merge',
				type: 'n8n-nodes-base.merge',
				typeVersion: 3,
				position: [440, 0],
				parameters: {},
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Node', type: 'main', index: 0 }]] },
			Node: { main: [[{ node: 'Merge', type: 'main', index: 0 }], []] },
		},
	};
}

const run = (method, settings, inputItems) =>
	runScanned(wiredOnSuccess(method, settings), {
		credentials: { commsBillingApi: { ...method.credentials() } },
		inputItems,
	});

// A refusal every method's server gives: a 400 for the logins (a 401 there is a wrong password).
const refusal = (method) => ({
	platform: method.platform,
	status: method.kind === 'authentication' ? 400 : 401,
});

describe.each(METHODS.map((method) => [method.name, method]))('%s', (_, method) => {
	test('Stop Workflow (the default): a refusal fails the execution, naming the vendor, the method and the item; nothing reaches Merge', async () => {
		sandbox.injectFault(refusal(method));
		const result = await run(method, {});
		const error = result.nodeError('Node');
		expect(error).toBeDefined();
		expect(error.name).toBe('NodeApiError');
		const { status } = refusal(method);
		expect(error.message).toMatch(new RegExp(`HTTP ${status}.*\\(.+, item 0`));
		expect(error.description).toMatch(
			new RegExp(`^response_status_code: ${status}\\nresponse_body: `),
		);
		expect(result.error).toBeDefined();
		expect(result.run.data.resultData.runData.Merge).toBeUndefined();
	});

	test('Continue (regular output): the refusal is a Failure item in the one shape, the run goes on', async () => {
		sandbox.injectFault(refusal(method));
		const result = await run(method, { onError: 'continueRegularOutput' });
		expect(result.nodeError('Node')).toBeUndefined();
		const [success, failure] = result.outputs('Node');
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.response_status_code).toBe(refusal(method).status);
		expect(failure[0].error).toBeUndefined();
	});

	test("Continue (using error output): the refusal is on Failure still, nothing on n8n's error output", async () => {
		sandbox.injectFault(refusal(method));
		const result = await run(method, { onError: 'continueErrorOutput' });
		expect(result.nodeError('Node')).toBeUndefined();
		const [success, failure, errors = []] = result.outputs('Node');
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.error_message).toEqual(expect.any(String));
		expect(errors).toEqual([]);
	});
});

describe('creates never lose an id and are never sent twice', () => {
	const schedule = METHODS.find((method) => method.name === 'IMIASSIST scheduleAppointment');
	const report = METHODS.find((method) => method.name === 'IMIASSIST createUsageReport');

	test('a refusal after an earlier item was created names its id', async () => {
		// The first POST goes through, the second is refused.
		sandbox.injectFault({ platform: 'imiassist', method: 'POST', status: 422, skip: 1 });
		const result = await run(schedule, {}, [{ json: {} }, { json: {} }]);
		const error = result.nodeError('Node');
		const [created] = sandbox.requests.filter(
			(entry) => entry.method === 'POST' && entry.status === 201,
		);
		const id = created.response.appointment_id;
		expect(error.message).toMatch(/\(Schedule an Appointment, item 1, appointment at /);
		expect(error.description).toContain(
			`Created before this refusal, not to be sent again: appointment_id ${id} (item 0).`,
		);
		expect(sandbox.requests.filter((entry) => entry.method === 'POST')).toHaveLength(2);
	});

	test.each([
		['Schedule an Appointment', () => schedule],
		['Create a Usage Report', () => report],
	])(
		'Retry On Fail on %s is a parameter error naming it, before any request',
		async (_, method) => {
			const result = await run(method(), { retryOnFail: true, maxTries: 3 });
			expect(result.nodeError('Node').message).toMatch(
				/^Invalid parameter "retryOnFail" in item 0: Retry On Fail would run the whole node again and send every create again/,
			);
			expect(sandbox.requests).toEqual([]);
		},
	);

	test('a read with Retry On Fail is left to it', async () => {
		const read = METHODS.find((method) => method.name === 'Evo Voice getAiUsage');
		const result = await run(read, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
		expect(result.nodeError('Node')).toBeUndefined();
		expect(result.outputs('Node')[0].length).toBeGreaterThan(0);
	});
});

describe('the monthly billing example under its default On Error', () => {
	test.each([
		['evoVoice', 'Evo Voice', 401],
		['restcomm', 'Restcomm', 401],
		['lumin', 'Lumin.ai', 500],
	])(
		'%s refusing: the run fails naming it, and no invoice lines come out',
		async (platform, label, status) => {
			sandbox.injectFault({ platform, status, times: 0 });
			const result = await runScanned(monthlyBilling, { credentials: credentialValues(sandbox) });
			expect(result.error).toBeDefined();
			expect(result.error.message).toMatch(new RegExp(`^${label.replace('.', '\\.')} `));
			expect(result.run.data.resultData.runData['Invoice Lines']).toBeUndefined();
		},
	);

	test('every vendor well: one table of invoice lines from the three', async () => {
		const result = await runScanned(monthlyBilling, { credentials: credentialValues(sandbox) });
		expect(result.error).toBeUndefined();
		const [lines] = result.outputs('Invoice Lines');
		expect(new Set(lines.map(({ json }) => json.platform))).toEqual(
			new Set(['Evo Voice', 'Restcomm', 'Lumin.ai']),
		);
	});
});
