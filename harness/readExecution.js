// Prints, as JSON, the CLI executions that n8n stored for one workflow after a given execution
// id: [{ id, status, data }], `data` being the run's IRunExecutionData. Run with n8n's own Node 24,
// so that n8n's sqlite3 and flatted (its storage format) load:
//   node readExecution.js <n8n home> <database file> <workflow id> <after execution id>
const path = require('node:path');

const [n8nHome, databaseFile, workflowId, afterId] = process.argv.slice(2);
const fromN8n = (name) =>
	require(require.resolve(name, { paths: [path.join(n8nHome, 'node_modules/n8n')] }));
const sqlite3 = fromN8n('sqlite3');
const { parse } = fromN8n('flatted');

const database = new sqlite3.Database(databaseFile, sqlite3.OPEN_READONLY);
database.all(
	`SELECT e.id, e.status, d.data FROM execution_entity e
	 JOIN execution_data d ON d.executionId = e.id
	 WHERE e.workflowId = ? AND e.mode = 'cli' AND e.id > ? ORDER BY e.id`,
	[workflowId, Number(afterId)],
	(error, rows) => {
		database.close();
		if (error) {
			process.stderr.write(`${error.message}\n`);
			process.exitCode = 1;
			return;
		}
		const executions = rows.map(({ id, status, data }) => ({ id, status, data: parse(data) }));
		process.stdout.write(JSON.stringify(executions));
	},
);
