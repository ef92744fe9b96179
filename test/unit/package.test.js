// What n8n's community-package rules and our users' installs depend on, checked on the real tarball.
const { expect, test } = require('@jest/globals');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '../..');
/** @type {typeof import('../../package.json') & { dependencies?: Record<string, string> }} */
const manifest = require('../../package.json');

test('package.json: no runtime dependencies, n8n-workflow as the only peer, the n8n block', () => {
	expect(manifest.dependencies ?? {}).toEqual({});
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(manifest.keywords).toContain('n8n-community-node-package');
	expect(manifest.license).toBe('MIT');
	expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
	expect(manifest.devDependencies['n8n-workflow']).toBe('2.41.0');
	expect(manifest.devDependencies['n8n-core']).toBe('2.41.1');
});

test('npm pack holds only the manifest, README, licence, changelog and dist nodes, credentials, icons and codex', () => {
	// npm pack --json: one entry per package packed, with the files it holds.
	const [pack] = /** @type {{ files: { path: string }[] }[]} */ (
		JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		)
	);
	const files = pack.files.map((file) => file.path).sort();
	const allowed = [
		/^(package\.json|README\.md|LICENSE\.md|CHANGELOG\.md)$/,
		/^dist\/(nodes|credentials)\/.+\.(js|svg|node\.json)$/,
	];
	expect(files.filter((file) => !allowed.some((pattern) => pattern.test(file)))).toEqual([]);
	for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
		expect(files).toContain(entry);
	expect(files).toEqual(expect.arrayContaining(['CHANGELOG.md', 'LICENSE.md', 'README.md']));
	expect(files.some((file) => /sandbox|harness|test|scripts|bench/.test(file))).toBe(false);
});
