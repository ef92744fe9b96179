// n8n in queue mode on loopback, as n8n's scaling documents it: PostgreSQL for the state, Redis
// for the queue, a main process taking triggers and webhooks, and workers running the executions,
// all sharing one encryption key and each with the pack loaded. Everything lives in one temp
// folder; stop() ends every process, and so does the test process ending (or Ctrl-C).
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { N8nInstance, setupN8n } = require('./n8nInstance');

const DATABASE = 'n8n';

/** The folders of redis-server and of PostgreSQL's programs, installed if missing. */
function setupQueueServices() {
	try {
		const [redisBin, postgresBin] = execFileSync('bash', [path.join(__dirname, 'setup-queue.sh')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		})
			.trim()
			.split('\n');
		return { redisBin, postgresBin };
	} catch (error) {
		throw new Error(`Setting up Redis and PostgreSQL failed:\n${error.stderr}`);
	}
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function postgresUser() {
	if (process.getuid() !== 0) return {};
	const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
	return { uid: id('-u'), gid: id('-g') };
}

/** Waits until `ready()` holds, while the kept process `{ child, log }` runs (90 s at most). */
async function until(what, ready, { child, log }) {
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited:\n${log()}`);
		if (await ready()) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${what} was not ready in 90 s:\n${log()}`);
}

const accepts = (port) =>
	new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => socket.end(() => resolve(true)));
		socket.once('error', () => resolve(false));
	});

/** A child process whose output is kept, ended with the test process at the latest. */
function spawnKept(command, args, options) {
	const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	process.once('exit', () => child.kill('SIGTERM'));
	return { child, log: () => output };
}

async function ended(child) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

class QueueCluster {
	/**
	 * Ports from `basePort` on: main (and its task broker), then two per worker, then Redis and
	 * PostgreSQL.
	 */
	constructor({ basePort = 15700, workers = 2 } = {}) {
		this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'comms-billing-queue-'));
		// PostgreSQL's user must reach its data folder inside.
		fs.chmodSync(this.folder, 0o755);
		this.ports = {
			main: basePort,
			workers: Array.from({ length: workers }, (_, index) => basePort + 2 * (index + 1)),
			redis: basePort + 2 * (workers + 1),
			postgres: basePort + 2 * (workers + 1) + 1,
		};
		this.processes = [];
	}

	/** What every n8n process of the cluster shares: queue mode, Redis, PostgreSQL. */
	get queueEnv() {
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.ports.redis),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.ports.postgres),
			DB_POSTGRESDB_DATABASE: DATABASE,
			DB_POSTGRESDB_USER: DATABASE,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	/** Redis, PostgreSQL, then the main process; import what it needs before startMain(). */
	async startServices() {
		const { redisBin, postgresBin } = setupQueueServices();
		const n8nHome = setupN8n();
		await this.startPostgres(postgresBin);
		await this.startRedis(redisBin);
		this.main = new N8nInstance({
			n8nHome,
			port: this.ports.main,
			userFolder: path.join(this.folder, 'main'),
			env: this.queueEnv,
		});
		this.workers = this.ports.workers.map(
			(port, index) =>
				new N8nInstance({
					n8nHome,
					port,
					userFolder: path.join(this.folder, `worker-${index + 1}`),
					command: 'worker',
					// Its health check tells when it takes jobs.
					env: {
						...this.queueEnv,
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
					},
				}),
		);
	}

	/** The main process and the workers, once the database holds what they run. */
	async startN8n() {
		await this.main.start();
		await Promise.all(this.workers.map((worker) => worker.start()));
	}

	async startPostgres(bin) {
		const data = path.join(this.folder, 'postgres');
		const user = postgresUser();
		fs.mkdirSync(data, { mode: 0o700 });
		if (user.uid !== undefined) fs.chownSync(data, user.uid, user.gid);
		execFileSync(
			path.join(bin, 'initdb'),
			['-D', data, '-U', DATABASE, '--auth=trust', '--no-sync', '--encoding=UTF8'],
			{ ...user, stdio: 'ignore' },
		);
		// Durability is not what these tests are about: no fsync, so that they run fast.
		const postgres = spawnKept(
			path.join(bin, 'postgres'),
			[
				'-D',
				data,
				'-p',
				String(this.ports.postgres),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${data}`,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			],
			user,
		);
		this.processes.push(postgres);
		await until(
			'PostgreSQL',
			async () => {
				try {
					execFileSync(
						path.join(bin, 'createdb'),
						['-h', '127.0.0.1', '-p', String(this.ports.postgres), '-U', DATABASE, DATABASE],
						{ stdio: 'ignore' },
					);
					return true;
				} catch {
					return false;
				}
			},
			postgres,
		);
	}

	async startRedis(bin) {
		const redis = spawnKept(
			path.join(bin, 'redis-server'),
			[
				'--port',
				String(this.ports.redis),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				this.folder,
			],
			{},
		);
		this.processes.push(redis);
		await until('Redis', () => accepts(this.ports.redis), redis);
	}

	/** Which worker (1, 2, ...) logged that it started the execution, by the workers' own logs. */
	workerOf(executionId) {
		const started = new RegExp(`Worker started execution ${executionId} \\(job `);
		const index = this.workers.findIndex((worker) => started.test(worker.log));
		return index < 0 ? undefined : index + 1;
	}

	async stop() {
		await Promise.all([this.main, ...(this.workers ?? [])].map((n8n) => n8n?.stop()));
		await Promise.all(this.processes.map(({ child }) => ended(child)));
	}
}

module.exports = { QueueCluster };
