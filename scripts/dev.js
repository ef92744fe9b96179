// `npm run dev`: a real n8n editor on 127.0.0.1:5678 with the pack loaded, the sandbox running,
// the sandbox credentials and the example workflows imported, and an owner to log in with.
// Ctrl-C stops n8n (and its task runner) and the sandbox.
const { startSandbox } = require('../sandbox');
const { N8nInstance } = require('../harness/n8nInstance');
const { exampleWorkflows, sandboxCredentials, OWNER } = require('../harness/fixtures');

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 8787);

async function main() {
	const sandbox = await startSandbox({ port: SANDBOX_PORT });
	const n8n = new N8nInstance({ port: N8N_PORT });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows(exampleWorkflows());
	await n8n.start();
	await n8n.setupOwner(OWNER);
	n8n.server.once('exit', (code) => {
		if (!stopping) {
			console.error(`n8n exited (${code}); stopping the sandbox.`);
			sandbox.close().then(() => process.exit(1));
		}
	});

	console.log(`
n8n ${N8N_PORT === 5678 ? '' : `(port ${N8N_PORT}) `}is ready with the pack loaded: ${n8n.url}
  log in as  ${OWNER.email}
  password   ${OWNER.password}
Sandbox: ${sandbox.url} (credentials "Comms Billing sandbox (Lumin.ai)" already in n8n)
Open a workflow (e.g. "${exampleWorkflows()[0].name}") and press Execute workflow.
Data folder: ${n8n.userFolder}
Press Ctrl-C to stop.`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
