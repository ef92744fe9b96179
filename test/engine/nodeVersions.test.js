// The nodes' versions through n8n's engine: workflows saved with version 1 (the examples as
// they were before version 2, test/fixtures/version1) run unchanged; a node dropped in at
// version 2 with nothing changed is valid and safe to sum, and one dropped in at its newest
// version starts with that version's defaults (IMIASSIST's report of last month, Evo Voice's
// rows); version 2's Period and Granularity ask for what version 1's methods asked for, and its
// Limit cuts records only.
const { afterEach, beforeEach, describe, expect, test } = require('@jest/globals');

const { credentialValues, readWorkflows } = require('../../harness/fixtures');
const { pack } = require('../../harness/engine');
const { singleNodeWorkflow } = require('../../harness/workflows');
const {
	expectLuminSummary,
	expectMonthlyBilling,
	monthlyBillingLines,
} = require('../exampleChecks');
const { TWILIO_ROLL_UPS } = require('../expectations');
const { fixClock, runScanned, useSandbox } = require('./engineRun');

const path = require('node:path');

const VERSION_1 = readWorkflows(path.join(__dirname, '..', 'fixtures', 'version1'));
const EXAMPLES = readWorkflows(path.join(__dirname, '..', '..', 'examples'));
const byId = (workflows, id) => workflows.find((workflow) => workflow.id === id);

/** @type {any} */
let sandbox;
useSandbox({ lumin: { eventCount: 3000 } }, (started) => {
	sandbox = started;
});

/** One node at `typeVersion`, On Error Continue, with `credentials`; its outputs or its error. */
async function runNode(type, typeVersion, parameters, credentials) {
	const result = await runScanned(
		singleNodeWorkflow('Node', { type, typeVersion, parameters, onError: 'continueRegularOutput' }),
		{ credentials: { commsBillingApi: credentials } },
	);
	const error = result.nodeError('Node');
	if (error) return { error, success: [], failure: [] };
	const [success, failure] = result.outputs('Node');
	return { success: success.map((item) => item.json), failure: failure.map((item) => item.json) };
}

const usagePaths = () =>
	sandbox.requests
		.filter((entry) => /\/Usage\/Records/.test(entry.path))
		.map((entry) => ({
			path: entry.path.replace(/^.*\/Usage\/Records\//, ''),
			query: entry.query,
		}));

describe('workflows saved with version 1 run unchanged', () => {
	test('the fixtures are version 1 of every node that has versions, as saved before version 2', () => {
		const versioned = pack.versions
			.filter((versions) => versions.length > 1)
			.map((versions) => versions[0].nodeType.description.name);
		expect(versioned.sort()).toEqual(
			[
				'evoVoiceAiUsage',
				'imiassistCreateUsageReport',
				'luminBillingEvents',
				'rateLines',
				'restcommUsageRecords',
			].sort(),
		);
		const saved = VERSION_1.flatMap((workflow) => workflow.nodes).filter((node) =>
			versioned.some(
				(name) => node.type.endsWith(`.${name}`) || node.type.endsWith(`.${name}Tool`),
			),
		);
		expect(saved.length).toBeGreaterThanOrEqual(5);
		for (const node of saved) expect(node.typeVersion).toBe(1);
	});

	test('monthly billing as saved at version 1: each platform adds up to its month', async () => {
		sandbox.clearRequests();
		const result = await runScanned(byId(VERSION_1, 'exampleMonthlyBilling'), {
			credentials: credentialValues(sandbox),
		});
		const lines = monthlyBillingLines(result);
		expectMonthlyBilling(lines, sandbox);
	});

	test('the Lumin.ai summary as saved at version 1', async () => {
		sandbox.clearRequests();
		const result = await runScanned(byId(VERSION_1, 'exampleLuminBillingSummary'), {
			credentials: credentialValues(sandbox),
		});
		expectLuminSummary(result, sandbox);
	});

	test('the version 2 example gives the same invoice lines as the version 1 workflow', async () => {
		const linesOf = async (workflow) =>
			monthlyBillingLines(
				await runScanned(workflow, { credentials: credentialValues(sandbox) }),
			).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		const example = byId(EXAMPLES, 'exampleMonthlyBilling');
		expect(
			example.nodes
				.filter((node) =>
					/\.(restcommUsageRecords|luminBillingEvents|evoVoiceAiUsage)$/.test(node.type),
				)
				.map((node) => node.typeVersion),
		).toEqual([2, 2, 2]);
		expect(await linesOf(example)).toEqual(await linesOf(byId(VERSION_1, 'exampleMonthlyBilling')));
	});
});

describe('a node dropped in at version 2, nothing changed', () => {
	test('Usage Records reads last month, every leaf category once, every record', async () => {
		sandbox.clearRequests();
		const { success, failure, error } = await runNode(
			'restcommUsageRecords',
			2,
			{},
			sandbox.credentials.twilio,
		);
		expect(error).toBeUndefined();
		expect(failure).toEqual([]);
		expect(usagePaths()).toEqual([
			expect.objectContaining({
				path: 'LastMonth.json',
				query: expect.not.objectContaining({ Category: expect.anything() }),
			}),
		]);
		const categories = success.map((record) => record.category);
		expect(categories.length).toBeGreaterThan(100);
		expect(
			categories.filter((category) => category in TWILIO_ROLL_UPS || category === 'totalprice'),
		).toEqual([]);
		expect(new Set(categories).size).toBe(categories.length);
	});

	test('Evo Voice and Lumin.ai read last month; version 1 asks for the dates first', async () => {
		const evoVoice = await runNode('evoVoiceAiUsage', 2, {}, sandbox.credentials.evoVoice);
		expect(evoVoice.error).toBeUndefined();
		expect(evoVoice.success).toHaveLength(1);
		expect(evoVoice.success[0].accountUsage.length).toBeGreaterThan(0);

		const lumin = await runNode('luminBillingEvents', 2, {}, sandbox.credentials.lumin);
		expect(lumin.error).toBeUndefined();
		// Return All: every billable event of last month, in the workflow's time zone (UTC).
		const { DateTime } = require('luxon');
		const start = DateTime.now().setZone('UTC').startOf('month').minus({ months: 1 });
		const end = start.endOf('month');
		const expected = [...sandbox.lumin.events()].filter((event) => {
			const at = DateTime.fromISO(event.timestamp);
			return event.type === 'billing.scheduled' && at >= start && at <= end;
		});
		expect(expected.length).toBeGreaterThan(50);
		expect(lumin.success).toHaveLength(expected.length);

		// n8n itself refuses to run a version 1 node whose required dates are empty.
		for (const [type, credentials] of [
			['evoVoiceAiUsage', sandbox.credentials.evoVoice],
			['luminBillingEvents', sandbox.credentials.lumin],
		]) {
			await expect(runNode(type, 1, {}, credentials)).rejects.toThrow(
				/The 'Node' node has issues:\n- Parameter "Start( Date)?" is required/,
			);
		}
	});
});

describe('a node dropped in at its newest version, nothing changed', () => {
	const { DateTime } = require('luxon');
	const NOW = DateTime.fromISO('2026-03-15T12:00:00Z', { zone: 'UTC' });
	const newestOf = (name) =>
		pack.versions.find((versions) => versions[0].nodeType.description.name === name).at(-1).version;

	/** One node at `typeVersion` with the clock at NOW: its Success items and failures. */
	async function dropIn(type, typeVersion, parameters, credentials) {
		const result = await runScanned(singleNodeWorkflow('Node', { type, typeVersion, parameters }), {
			credentials: { commsBillingApi: credentials },
			now: NOW,
		});
		const [success, failure] = result.outputs('Node');
		return { success: success.map((item) => item.json), failure };
	}

	const reportBodies = () =>
		sandbox.requests
			.filter((entry) => entry.path.endsWith('/reports/usage'))
			.map((entry) => entry.body);

	test("IMIASSIST Create Usage Report (version 2) reports last month; version 1's report has no bounds", async () => {
		expect(newestOf('imiassistCreateUsageReport')).toBe(2);
		const newest = await dropIn('imiassistCreateUsageReport', 2, {}, sandbox.credentials.imiassist);
		expect(newest.failure).toEqual([]);
		expect(newest.success[0].transaction_id).toEqual(expect.any(String));
		expect(reportBodies()).toEqual([
			{ start_time: '2026-02-01T00:00:00.000Z', end_time: '2026-02-28T23:59:59.999Z' },
		]);

		sandbox.clearRequests();
		const saved = await dropIn('imiassistCreateUsageReport', 1, {}, sandbox.credentials.imiassist);
		expect(saved.failure).toEqual([]);
		expect(reportBodies()).toEqual([{}]);
	});

	test('Evo Voice AI Usage (version 3) gives rows; version 2 the response, which version 3 still gives with response_body', async () => {
		expect(newestOf('evoVoiceAiUsage')).toBe(3);
		const { evoVoice } = sandbox.credentials;
		const rows = await dropIn('evoVoiceAiUsage', 3, {}, evoVoice);
		expect(rows.failure).toEqual([]);
		expect(rows.success.length).toBeGreaterThan(1);
		for (const row of rows.success) {
			expect(Object.keys(row).sort()).toEqual(['accountId', 'aiMinutes', 'customerId', 'level']);
			expect(['account', 'customer']).toContain(row.level);
		}

		const saved = await dropIn('evoVoiceAiUsage', 2, {}, evoVoice);
		expect(saved.success).toHaveLength(1);
		expect(saved.success[0]).toEqual(
			expect.objectContaining({
				accountUsage: expect.any(Array),
				customerUsage: expect.any(Array),
				response_body: expect.any(Object),
				response_status_code: 200,
			}),
		);
		const response = await dropIn('evoVoiceAiUsage', 3, { outputMode: 'response' }, evoVoice);
		expect(response.success).toEqual(saved.success);
		// The rows are the response's, one item per account and per customer.
		const { accountUsage, customerUsage } = saved.success[0];
		expect(rows.success).toHaveLength(accountUsage.length + customerUsage.length);
	});
});

describe('Usage Records version 2: Period, Granularity and Limit', () => {
	// Two runs compared record by record: the sandbox stamps each answer's as_of with the clock,
	// which is held still so that a second's tick between the runs cannot tell them apart.
	beforeEach(() => fixClock(new Date()));
	afterEach(() => jest.useRealTimers());
	const RANGE = { startDate: '2026-01-01', endDate: '2026-01-03' };
	// Version 2's period and granularity, and the version 1 method that asked for the same.
	const SAME_AS = [
		[{ period: 'lastMonth' }, 'lastMonth', 'LastMonth.json'],
		[{ period: 'thisMonth' }, 'thisMonth', 'ThisMonth.json'],
		[{ period: 'today' }, 'today', 'Today.json'],
		[{ period: 'yesterday' }, 'yesterday', 'Yesterday.json'],
		[{ period: 'custom', ...RANGE }, 'allTime', 'AllTime.json'],
		[{ period: 'custom', granularity: 'daily', ...RANGE }, 'daily', 'Daily.json'],
		[{ period: 'custom', granularity: 'monthly', ...RANGE }, 'monthly', 'Monthly.json'],
		[{ period: 'custom', granularity: 'yearly', ...RANGE }, 'yearly', 'Yearly.json'],
	];

	test.each(SAME_AS)(
		'%j asks what version 1 %s did, with the same records',
		async (v2, operation, wire) => {
			const { period, granularity, ...dates } = v2;
			const parameters = { category: 'calls' };
			sandbox.clearRequests();
			const before = await runNode(
				'restcommUsageRecords',
				1,
				{ operation, ...parameters, ...dates },
				sandbox.credentials.twilio,
			);
			const asked = usagePaths();
			sandbox.clearRequests();
			const after = await runNode(
				'restcommUsageRecords',
				2,
				{ operation: 'getUsageRecords', ...parameters, ...v2 },
				sandbox.credentials.twilio,
			);
			expect(usagePaths()).toEqual(asked);
			expect(asked[0].path).toBe(wire);
			expect(after.success).toEqual(before.success);
			expect(after.success.length).toBeGreaterThan(0);
		},
	);

	test('Start and End Date count for Custom only', async () => {
		sandbox.clearRequests();
		await runNode(
			'restcommUsageRecords',
			2,
			{ period: 'lastMonth', ...RANGE },
			sandbox.credentials.twilio,
		);
		expect(usagePaths()[0].query).not.toHaveProperty('StartDate');
	});

	test('Limit cuts the records; invoice lines are whole whatever it says', async () => {
		const all = await runNode('restcommUsageRecords', 2, {}, sandbox.credentials.twilio);
		const limited = await runNode(
			'restcommUsageRecords',
			2,
			{ returnAll: false, limit: 5 },
			sandbox.credentials.twilio,
		);
		expect(limited.success).toEqual(all.success.slice(0, 5));

		const lines = await runNode(
			'restcommUsageRecords',
			2,
			{ outputMode: 'invoiceLines' },
			sandbox.credentials.twilio,
		);
		const limitedLines = await runNode(
			'restcommUsageRecords',
			2,
			{ outputMode: 'invoiceLines', returnAll: false, limit: 5 },
			sandbox.credentials.twilio,
		);
		expect(lines.success.length).toBeGreaterThan(5);
		expect(limitedLines.success).toEqual(lines.success);
	});

	test("Evo Voice's rows: Return All, or up to Limit", async () => {
		const rows = { period: 'lastMonth', outputMode: 'rows' };
		const all = await runNode('evoVoiceAiUsage', 2, rows, sandbox.credentials.evoVoice);
		const limited = await runNode(
			'evoVoiceAiUsage',
			2,
			{ ...rows, returnAll: false, limit: 2 },
			sandbox.credentials.evoVoice,
		);
		expect(all.success.length).toBeGreaterThan(2);
		expect(limited.success).toEqual(all.success.slice(0, 2));
	});
});
