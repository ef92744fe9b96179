// The engine harness runs n8n's Merge, Schedule Trigger and Extract from File as stand-ins
// (harness/merge.js, scheduleTrigger.js, extractFromFile.js), since n8n-nodes-base is not
// installed there. Each workflow here runs in the harness and in real n8n 2.41.1 against one
// sandbox, and every node gives the same output in both: what the engine suites prove with the
// stand-ins holds in n8n.
const { DateTime } = require('luxon');

const { runWorkflow } = require('../../harness/engine');
const { scheduleTriggerItem } = require('../../harness/scheduleTrigger');
const { N8nInstance } = require('../../harness/n8nInstance');
const {
	exampleWorkflows,
	sandboxCredentials,
	credentialValues,
	OWNER,
} = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');

const example = (id) =>
	JSON.parse(JSON.stringify(exampleWorkflows().find((workflow) => workflow.id === id)));

/**
 * Monthly billing with Lumin.ai refusing (a wrong token) under On Error: Continue, so that its
 * Success has no items: Merge gets one input with none.
 */
function monthlyBillingOneInputEmpty() {
	const workflow = example('exampleMonthlyBilling');
	workflow.id = 'parityMergeOneInputEmpty';
	workflow.name = 'Parity: monthly billing, Lumin.ai refusing';
	const billingEvents = workflow.nodes.find((node) => node.name === 'Billing Events');
	billingEvents.credentials.commsBillingApi = { id: null, name: 'Comms Billing API (wrong token)' };
	billingEvents.onError = 'continueRegularOutput';
	return workflow;
}

/**
 * The report-then-poll example with a report title that needs quoting in CSV (a comma, quotes,
 * a line break), and both of the report's files read by Extract from File.
 */
function reportWithQuotedCsv() {
	const workflow = example('exampleReportThenPoll');
	workflow.id = 'parityExtractFromFile';
	workflow.name = 'Parity: usage report CSVs, quoted fields';
	workflow.nodes.find((node) => node.name === 'Create Usage Report').parameters.reportTitle =
		'Usage, "last" month\nfor billing';
	const detailed = workflow.nodes.find((node) => node.name === 'Appointments in the Report');
	workflow.nodes.push({
		...detailed,
		id: 'parity-summary',
		name: 'Summary of the Report',
		parameters: { ...detailed.parameters, binaryPropertyName: 'summary' },
		position: [detailed.position[0], detailed.position[1] + 200],
	});
	workflow.connections['Wait for the Report'].main[0].push({
		node: 'Summary of the Report',
		type: 'main',
		index: 0,
	});
	return workflow;
}

const EXTRACT_NODES = ['Appointments in the Report', 'Summary of the Report'];

const WORKFLOWS = {
	monthlyBilling: example('exampleMonthlyBilling'),
	mergeOneInputEmpty: monthlyBillingOneInputEmpty(),
	extractFromFile: reportWithQuotedCsv(),
};

let sandbox;
let n8n;

beforeAll(async () => {
	sandbox = await startSandbox();
	n8n = new N8nInstance({ port: 15688 });
	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows(Object.values(WORKFLOWS));
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

/** Each node that ran, with the JSON of each of its outputs' items. */
function outputsOf(result, workflow) {
	const ran = workflow.nodes.filter((node) => !node.type.endsWith('.stickyNote'));
	return Object.fromEntries(
		ran.map((node) => {
			try {
				return [node.name, result.outputs(node.name).map((items) => items.map((i) => i.json))];
			} catch (error) {
				return [node.name, `not run: ${error.message.split('\n')[0]}`];
			}
		}),
	);
}

/** The workflow run by the harness and by n8n, one after the other, against the same sandbox. */
async function runInBoth(workflow) {
	const harness = await runWorkflow(workflow, { credentials: credentialValues(sandbox) });
	const real = await n8n.execute(workflow.id);
	return { harness: outputsOf(harness, workflow), n8n: outputsOf(real, workflow) };
}

/** The Schedule Trigger's item, its time replaced by n8n's, so the two runs compare. */
function atN8nTime(outputs, triggerName, zone) {
	const [[n8nItem]] = outputs.n8n[triggerName];
	const at = DateTime.fromISO(n8nItem.timestamp, { zone }).setLocale('en-US');
	return {
		...outputs,
		harness: { ...outputs.harness, [triggerName]: [[scheduleTriggerItem(at)]] },
	};
}

test("the monthly billing example: Schedule Trigger's item, Merge's three inputs and what follows are n8n's", async () => {
	const workflow = WORKFLOWS.monthlyBilling;
	const trigger = 'First of the Month, 06:00';
	const outputs = await runInBoth(workflow);
	// The harness's item has the real node's fields, each written as n8n writes it.
	expect(Object.keys(outputs.harness[trigger][0][0])).toEqual(
		Object.keys(outputs.n8n[trigger][0][0]),
	);
	const same = atN8nTime(outputs, trigger, workflow.settings.timezone);
	expect(same.harness).toEqual(same.n8n);
	expect(same.n8n['Invoice Lines'][0].length).toBeGreaterThan(0);
});

test('Merge with one input that has no items: the same lines in the harness as in n8n', async () => {
	const workflow = WORKFLOWS.mergeOneInputEmpty;
	const trigger = 'First of the Month, 06:00';
	const outputs = atN8nTime(await runInBoth(workflow), trigger, workflow.settings.timezone);
	expect(outputs.n8n['Billing Events'][0]).toEqual([]);
	expect(outputs.n8n['Billing Events'][1]).toHaveLength(1);
	expect(outputs.harness).toEqual(outputs.n8n);
});

test('Extract from File reads quoted CSV fields, numbers and line ends as n8n does', async () => {
	const outputs = await runInBoth(WORKFLOWS.extractFromFile);
	const [summary] = outputs.n8n['Summary of the Report'][0];
	expect(summary.report_title).toBe('Usage, "last" month\nfor billing');
	expect(outputs.n8n['Appointments in the Report'][0].length).toBeGreaterThan(0);
	// Transaction ids and creation times differ between the two reports; the files do not.
	const extracted = (run) => EXTRACT_NODES.map((name) => [name, run[name]]);
	expect(extracted(outputs.harness)).toEqual(extracted(outputs.n8n));
});
