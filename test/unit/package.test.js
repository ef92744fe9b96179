// What n8n's community-package rules and our users' installs depend on, checked on the real tarball.
const { expect, test } = require('@jest/globals');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '../..');
/** @type {typeof import('../../package.json') & { dependencies?: Record<string, string>, repository?: string | { type?: string, url?: string } }} */
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

test('README.md, the largest file n8n users download, stays at most 15,000 bytes', () => {
	// What an n8n user needs; the rest is in docs/ and CONTRIBUTING.md, linked from it.
	const { size } = require('node:fs').statSync(path.join(root, 'README.md'));
	expect(size).toBeLessThanOrEqual(15_000);
});

// The release checks: run by the last step of `npm run release` (`jest test/unit/package.test.js`),
// which npm runs as the lifecycle event `release`; within `npm test` (also when `release` runs it)
// the event is `test`, and they are skipped.
const releasing = process.env.npm_lifecycle_event === 'release';

(releasing ? test : test.skip)(
	'release: package.json names its repository, so that npm shows the README images and links',
	() => {
		const { repository } = manifest;
		const url = typeof repository === 'string' ? repository : repository?.url;
		if (!url || /<owner>|OWNER/.test(url))
			throw new Error(
				'package.json has no "repository" field (or it still says <owner>). Before publishing, the owner of the GitHub repository adds it, e.g. ' +
					'"repository": {"type": "git", "url": "git+https://github.com/<owner>/n8n-nodes-comms-billing.git"}: ' +
					"npm shows the README's relative images and links (docs/screenshots/..., docs/, examples/) only through it, " +
					"and npm's provenance statement names it (CONTRIBUTING.md, Releasing).",
			);
		// A URL, or npm's shorthand (owner/name, github:owner/name).
		expect(url).toMatch(
			/^((git\+)?https:\/\/github\.com\/|github:)?[^/\s]+\/n8n-nodes-comms-billing(\.git)?$/,
		);
	},
);
