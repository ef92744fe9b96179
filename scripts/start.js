// `npm start`: the main job on the built-in sandbox, no vendor account needed. Starts the
// sandbox, runs examples/lumin-billing-summary.json through n8n's engine, prints the summary.
const { startSandbox } = require('../sandbox');
const { runWorkflow } = require('../harness/engine');
const workflow = require('../examples/lumin-billing-summary.json');

const BILLING_NODE = 'Lumin.ai Billing Events';

function printTable(rows, columns) {
	const widths = columns.map((column) =>
		Math.max(column.length, ...rows.map((row) => String(row[column] ?? '').length)),
	);
	const line = (values) =>
		values.map((value, index) => String(value ?? '').padEnd(widths[index])).join('  ');
	console.log(line(columns));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	rows.forEach((row) => console.log(line(columns.map((column) => row[column]))));
}

async function main() {
	const sandbox = await startSandbox();
	try {
		const node = workflow.nodes.find((candidate) => candidate.name === BILLING_NODE);
		console.log(
			`Sandbox at ${sandbox.url}; running "${workflow.name}" (${node.parameters.period}, ${node.parameters.timezone}) through n8n's engine.\n`,
		);
		const result = await runWorkflow(workflow, {
			credentials: { commsBillingApi: sandbox.credentials.lumin },
		});
		const [success, failure] = result.outputs(BILLING_NODE);
		if (failure.length > 0) {
			console.error(
				'Failure:',
				JSON.stringify(
					failure.map((item) => item.json),
					null,
					2,
				),
			);
			process.exitCode = 1;
			return;
		}
		const rows = success.map((item) => item.json);
		printTable(rows, ['host_id', 'type', 'count']);
		const total = rows.reduce((sum, row) => sum + row.count, 0);
		const requests = sandbox.requests.filter((entry) => entry.path.startsWith('/lumin')).length;
		console.log(
			`\n${total} billable events in ${rows.length} groups, fetched in ${requests} requests.`,
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
