// A real n8n 2.x (from harness/setup-n8n.sh) with the pack loaded from a folder: its CLI for
// imports and executions, and its server for the REST API and the editor.
const { execFile, execFileSync, spawn } = require('node:child_process');
const { promisify } = require('node:util');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGE_NAME = require('../package.json').name;
const N8N_TIMEZONE = 'America/New_York';

/** Installs n8n once (cached) and returns the folder it is in. */
function setupN8n() {
	try {
		return execFileSync('bash', [path.join(__dirname, 'setup-n8n.sh')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			maxBuffer: 64 * 2 ** 20,
		}).trim();
	} catch (error) {
		throw new Error(`Setting up n8n failed:\n${error.stderr}`);
	}
}

/** The ids of the processes `pid` started, and theirs, as Linux's /proc lists them now. */
function descendantsOf(pid) {
	const children = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
		const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
	}
	const found = [];
	const queue = [pid];
	while (queue.length) {
		const next = children.get(queue.shift()) ?? [];
		found.push(...next);
		queue.push(...next);
	}
	return found;
}

/** Node types as n8n names them when the pack is loaded from a folder: CUSTOM.<name>. */
function forFolderLoad(workflow) {
	return JSON.parse(JSON.stringify(workflow).replaceAll(`"${PACKAGE_NAME}.`, '"CUSTOM.'));
}

/**
 * A workflow file as every n8n version's import takes it: `active: false` and a new `versionId`
 * where the file has none. n8n 2.41's import sets both itself; 2.0.0's stores the file as it is
 * and fails on those columns' NOT NULL.
 */
function forImport(workflow) {
	return { active: false, versionId: crypto.randomUUID(), ...workflow };
}

/** An execution's status and run data as n8n stored them, and the outputs of its nodes. */
function finishedExecution({ data, status }, log) {
	return {
		/** n8n's word for how the execution ended: 'success', 'error', 'canceled', ... */
		status,
		run: { data },
		/** What n8n printed while it ran the workflow. */
		log,
		/**
		 * Every output of the node's first run: [[Success items], [Failure items], ...]; of an AI
		 * agent's tool, `connectionType` 'ai_tool': [[what it handed the agent]].
		 */
		outputs(nodeName, connectionType = 'main') {
			const task = data.resultData.runData[nodeName]?.[0];
			if (!task) throw new Error(`Node "${nodeName}" did not run`);
			if (task.error) throw new Error(`Node "${nodeName}" failed: ${task.error.message}`);
			const outputs = task.data?.[connectionType];
			if (!outputs) throw new Error(`Node "${nodeName}" gave no ${connectionType} output`);
			return outputs.map((items) => items ?? []);
		},
	};
}

class N8nInstance {
	/**
	 * `command`: `start` (the server, on `port`) or `worker` (queue mode, its health check on
	 * `port`); `env`: settings over the ones below, e.g. queue mode's. `packLoaded`: `fromFolder`
	 * (the working tree's dist/ as a custom extension, its node types `CUSTOM.*`) or `installed`
	 * (whatever the user folder holds in .n8n/nodes, as a community package's `n8n-nodes-*`).
	 */
	constructor({
		n8nHome,
		port = 5678,
		userFolder,
		command = 'start',
		env = {},
		packLoaded = 'fromFolder',
	} = {}) {
		this.n8nHome = n8nHome ?? setupN8n();
		this.port = port;
		this.command = command;
		this.extraEnv = env;
		this.userFolder = userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'comms-billing-e2e-'));
		if (packLoaded === 'fromFolder') {
			// A copy outside the repository, so the nodes resolve n8n-workflow to n8n's own copy.
			this.extensions = path.join(this.userFolder, 'extensions', PACKAGE_NAME);
			fs.cpSync(path.join(ROOT, 'dist'), this.extensions, { recursive: true });
		}
		this.cookie = undefined;
		this.server = undefined;
		/** What the server has printed since it started. */
		this.log = '';
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	get env() {
		return {
			...process.env,
			// Jest sets NODE_ENV=test, under which n8n logs nothing; run it as users do.
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			// The workflows' time zone, where `$now` and dates without an offset are read.
			GENERIC_TIMEZONE: N8N_TIMEZONE,
			...(this.extensions ? { N8N_CUSTOM_EXTENSIONS: this.extensions } : {}),
			N8N_ENCRYPTION_KEY: 'comms-billing-e2e',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			NO_COLOR: '1',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			...this.extraEnv,
		};
	}

	get node() {
		return path.join(this.n8nHome, 'node_modules/.bin/node');
	}

	get n8nBin() {
		return path.join(this.n8nHome, 'node_modules/n8n/bin/n8n');
	}

	/** Runs an n8n command; asynchronous, so that a sandbox in this process can answer meanwhile. */
	async cli(args) {
		try {
			const { stdout } = await promisify(execFile)(this.node, [this.n8nBin, ...args], {
				env: this.env,
				encoding: 'utf8',
				maxBuffer: 256 * 2 ** 20,
			});
			return stdout;
		} catch (error) {
			// n8n prints why on stdout; its last lines say it.
			const printed = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim().split('\n').slice(-5);
			throw new Error(`n8n ${args[0]} failed (${error.code}):\n${printed.join('\n')}`);
		}
	}

	/** Credentials through n8n's own import, which encrypts them into its store. */
	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	/**
	 * Workflows through n8n's own import; each needs an `id`. With the pack loaded from a folder,
	 * its node types are renamed as n8n names them there; installed, they are imported as saved.
	 */
	async importWorkflows(workflows) {
		const folder = fs.mkdtempSync(path.join(this.userFolder, 'workflows-'));
		workflows.forEach((workflow) =>
			fs.writeFileSync(
				path.join(folder, `${workflow.id}.json`),
				JSON.stringify(forImport(this.extensions ? forFolderLoad(workflow) : workflow)),
			),
		);
		await this.cli(['import:workflow', '--separate', `--input=${folder}`]);
	}

	/**
	 * Runs an imported workflow in the running server, as the editor's Execute Workflow does (from
	 * its trigger; with `until`, a node's name, only as far as that node, as its Execute Step
	 * does), and returns its status and run data as n8n stored them. Not `n8n execute`: on these
	 * machines that CLI process often dies of SIGSEGV as it exits, after the run, in isolated-vm's
	 * teardown (13 of 30 runs of a one-node workflow on a busy machine; none with the legacy
	 * expression engine), so a run's outcome would hang on the machine's load.
	 */
	async execute(workflowId, { until } = {}) {
		const logFrom = this.log.length;
		const executionId = await this.startExecution(workflowId, { until });
		const stored = await this.finishedRun(executionId);
		return finishedExecution(stored, this.log.slice(logFrom));
	}

	/** Starts a run as execute() does and returns its execution id at once, while it runs. */
	async startExecution(workflowId, { until } = {}) {
		const workflow = await this.rest('GET', `/workflows/${workflowId}`);
		const trigger = workflow.nodes.find((node) => /trigger/i.test(node.type));
		const started = await this.rest('POST', `/workflows/${workflowId}/run`, {
			// The workflow as stored: n8n 2.0.0 runs what the body holds, 2.41 reads it itself.
			workflowData: workflow,
			triggerToStartFrom: { name: trigger.name },
			...(until ? { destinationNode: { nodeName: until, mode: 'inclusive' } } : {}),
		});
		if (!started?.executionId)
			throw new Error(`n8n did not start ${workflowId}: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	/** Every execution n8n has stored, each with its data as stored (text). */
	async storedExecutions() {
		const ids = [];
		let cursor = null;
		do {
			const page = await this.rest(
				'GET',
				`/executions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			ids.push(...page.results.map((execution) => execution.id));
			cursor = page.nextCursor;
		} while (cursor);
		return await Promise.all(
			ids.map(async (id) => {
				const execution = await this.rest('GET', `/executions/${id}`);
				return { id, workflowId: execution.workflowId, data: String(execution.data) };
			}),
		);
	}

	/** An execution, once n8n has finished and stored it: its status, run data and node outputs. */
	async finishedExecution(executionId) {
		return finishedExecution(await this.finishedRun(executionId), undefined);
	}

	/** The status and run data of an execution once n8n has finished and stored it. */
	async finishedRun(executionId, { timeoutMs = 5 * 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.rest('GET', `/executions/${executionId}`);
			if (execution && !['new', 'running', 'waiting'].includes(execution.status)) {
				// n8n stores run data in its "flatted" format, which keeps shared references.
				const data =
					typeof execution.data === 'string' ? this.flatted.parse(execution.data) : execution.data;
				return { data, status: execution.status };
			}
			if (Date.now() > deadline)
				throw new Error(
					`Execution ${executionId} still ${execution?.status} after ${timeoutMs} ms`,
				);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	get flatted() {
		return require(
			require.resolve('flatted', { paths: [path.join(this.n8nHome, 'node_modules/n8n')] }),
		);
	}

	async start() {
		this.server = spawn(this.node, [this.n8nBin, this.command], {
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		// Should the test process end without stop(), the server (and its task runner) ends too.
		const server = this.server;
		process.once('exit', () => server.kill('SIGTERM'));
		this.log = '';
		this.server.stdout.on('data', (chunk) => (this.log += chunk));
		this.server.stderr.on('data', (chunk) => (this.log += chunk));
		const deadline = Date.now() + 90_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null) throw new Error(`n8n exited:\n${this.log}`);
			try {
				// The server's REST API too: n8n 2.0.0 reports ready before it has mounted it.
				const ready = (route) => fetch(`${this.url}${route}`).then((answer) => answer.ok);
				if (
					(await ready('/healthz/readiness')) &&
					(this.command !== 'start' || (await ready('/rest/settings')))
				)
					return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n ${this.command} did not become ready in 90 s:\n${this.log}`);
	}

	/** The server process is running: started, and neither exited nor ended by a signal. */
	get running() {
		return Boolean(this.server && this.server.exitCode === null && this.server.signalCode === null);
	}

	async stop() {
		if (!this.running) return;
		const exited = new Promise((resolve) => this.server.once('exit', resolve));
		this.server.kill('SIGTERM');
		await exited;
	}

	/**
	 * Sends `signal` to the server process, e.g. SIGKILL as a crash would end it, and resolves once
	 * it has exited; the processes it started (its task runner) are then ended too, by their ids,
	 * so that none outlives it. The signal is sent before this returns its promise. start() starts
	 * the server again on the same user folder.
	 */
	async kill(signal = 'SIGKILL') {
		if (!this.running) return;
		const started = descendantsOf(this.server.pid);
		const exited = new Promise((resolve) => this.server.once('exit', resolve));
		this.server.kill(signal);
		await exited;
		for (const pid of started) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}

	async rest(method, route, body) {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				...(this.cookie ? { Cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${route}: ${response.status} ${text}`);
		let parsed;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			throw new Error(
				`${method} /rest${route}: ${response.status}, not JSON: ${text.slice(0, 200)}`,
			);
		}
		return parsed?.data ?? parsed;
	}

	/** The owner account; the REST API of n8n 2.x needs one. */
	async setupOwner(owner) {
		await this.rest('POST', '/owner/setup', owner);
		await this.login(owner);
	}

	/** Signs in as a user already set up, e.g. after the server was started again. */
	async login(user) {
		await this.rest('POST', '/login', {
			emailOrLdapLoginId: user.email,
			password: user.password,
		});
	}
}

module.exports = { N8nInstance, N8N_TIMEZONE, forFolderLoad, setupN8n };
