// The README's install of a release tarball, before the pack is on npm, in a real n8n 2.41.1
// with a fresh user folder: `npm pack`, the tarball unpacked into
// ~/.n8n/nodes/node_modules/n8n-nodes-comms-billing, n8n started. The monthly billing example
// imports as it is saved (node types n8n-nodes-comms-billing.*) and runs, and the pack uses n8n's
// own n8n-workflow, having brought none.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8nInstance } = require('../../harness/n8nInstance');
const { exampleWorkflows, sandboxCredentials, OWNER } = require('../../harness/fixtures');
const { startSandbox } = require('../../sandbox');
const {
	expectMonthlyBilling,
	expectCustomersPriced,
	monthlyBillingLines,
} = require('../exampleChecks');

const ROOT = path.join(__dirname, '..', '..');
const { name: PACKAGE_NAME } = require('../../package.json');

/** Every folder named `name` under `root`, at any depth. */
function foldersNamed(root, name) {
	if (!fs.existsSync(root)) return [];
	return fs
		.readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isDirectory() && entry.name === name)
		.map((entry) => path.join(entry.parentPath, entry.name));
}

/** `npm pack` of the working tree (built by npm run test:e2e), as a release is made. */
function packTarball() {
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'comms-billing-pack-'));
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	);
	return path.join(destination, filename);
}

let sandbox;
let n8n;
let tarball;
let nodesFolder;

beforeAll(async () => {
	tarball = packTarball();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'comms-billing-tarball-'));
	// The README's steps, as written: n8n's folder is ~/.n8n, here the fresh user folder's.
	nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesFolder, 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);

	sandbox = await startSandbox();
	n8n = new N8nInstance({ port: 15708, userFolder, packLoaded: 'installed' });
	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows(
		exampleWorkflows().filter((workflow) => workflow.id === 'exampleMonthlyBilling'),
	);
	await n8n.start();
	await n8n.setupOwner(OWNER);
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

test("n8n lists the pack's nodes under the package's own name", async () => {
	const response = await fetch(`${n8n.url}/types/nodes.json`, { headers: { Cookie: n8n.cookie } });
	const names = (await response.json()).map((type) => type.name);
	expect(names).toContain(`${PACKAGE_NAME}.restcommUsageRecords`);
	expect(names).toContain(`${PACKAGE_NAME}.rateLines`);
	expect(names.filter((name) => name.startsWith('CUSTOM.'))).toEqual([]);
	// As the README says: Settings > Community Nodes lists only what n8n installed itself.
	expect(await n8n.rest('GET', '/community-packages')).toEqual([]);
});

test('the monthly billing example, imported unchanged, runs: invoice lines and what each customer pays', async () => {
	const result = await n8n.execute('exampleMonthlyBilling');
	const lines = monthlyBillingLines(result);
	expectMonthlyBilling(lines, sandbox);
	expectCustomersPriced(result, lines);
});

test("the unpacked tarball brought no n8n-workflow: the pack runs on n8n's own", () => {
	expect(foldersNamed(nodesFolder, 'n8n-workflow')).toEqual([]);
	expect(fs.readdirSync(path.join(nodesFolder, 'node_modules'))).toEqual([PACKAGE_NAME]);
});

test('why not npm install: npm would add a second n8n-workflow (the peer dependency) beside it', () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'comms-billing-npm-install-'));
	fs.writeFileSync(path.join(folder, 'package.json'), '{ "private": true }');
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
		cwd: folder,
		stdio: 'ignore',
	});
	expect(fs.existsSync(path.join(folder, 'node_modules', 'n8n-workflow', 'package.json'))).toBe(
		true,
	);
});
