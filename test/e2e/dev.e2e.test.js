// `npm run dev` gives a working editor and, on Ctrl-C, ends every process it started.
const { execFileSync, spawn } = require('node:child_process');
const path = require('node:path');

const { OWNER } = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');
const { expectNoSecretsIn, sandboxSecrets } = require('../secretScan');

const N8N_PORT = 15878;

/** The process ids of `pid`'s descendants. */
function descendants(pid) {
	const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.map((line) => line.trim().split(/\s+/).map(Number));
	const found = [];
	const walk = (parent) =>
		table
			.filter(([, ppid]) => ppid === parent)
			.forEach(([child]) => found.push(child) && walk(child));
	walk(pid);
	return found;
}

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

test('npm run dev: editor ready with the sandbox credential and examples, and Ctrl-C ends everything', async () => {
	const dev = spawn(process.execPath, [path.join(__dirname, '../../scripts/dev.js')], {
		env: { ...process.env, N8N_PORT: String(N8N_PORT), SANDBOX_PORT: '0' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	dev.stdout.on('data', (chunk) => (output += chunk));
	dev.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => dev.once('exit', resolve));

	const deadline = Date.now() + 180_000;
	while (!output.includes('Press Ctrl-C to stop.')) {
		if (dev.exitCode !== null || Date.now() > deadline)
			throw new Error(`npm run dev did not start:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	expect(output).toContain(`http://127.0.0.1:${N8N_PORT}`);
	expect(output).toContain(OWNER.email);

	const login = await fetch(`http://127.0.0.1:${N8N_PORT}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	expect(login.status).toBe(200);
	const cookie = login.headers.get('set-cookie').split(';')[0];
	const workflows = await (
		await fetch(`http://127.0.0.1:${N8N_PORT}/rest/workflows`, { headers: { Cookie: cookie } })
	).json();
	expect(workflows.data.map((workflow) => workflow.id)).toContain('exampleLuminBillingSummary');
	const credentials = await (
		await fetch(`http://127.0.0.1:${N8N_PORT}/rest/credentials`, { headers: { Cookie: cookie } })
	).json();
	expect(credentials.data.map((credential) => credential.id)).toContain('commsBillingSandboxLumin');

	const started = descendants(dev.pid);
	expect(started.length).toBeGreaterThan(0);
	dev.kill('SIGINT');
	expect(await exited).toBe(0);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(started.filter(alive)).toEqual([]);

	// What it printed names no secret of the sandbox's credentials (the same in every sandbox).
	const sandbox = await startSandbox();
	await sandbox.close();
	expectNoSecretsIn([output], sandboxSecrets(sandbox));
});
