const { expect, test } = require('@jest/globals');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

test('the README node reference is generated from the current node declarations', () => {
	// Throws (exit code 1) when README.md differs from what the declarations produce.
	execFileSync(
		process.execPath,
		[path.join(__dirname, '../../scripts/nodeReference.js'), '--check'],
		{
			stdio: 'pipe',
		},
	);
});

test("every codex file's documentation URL and the credential's lead to a heading of the README", () => {
	const fs = require('node:fs');
	const path = require('node:path');
	const pack = require('../../harness/pack');
	const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
	// How GitHub and npm turn a heading into its anchor.
	/** @param {string} heading */
	const anchor = (heading) =>
		heading
			.toLowerCase()
			.replace(/[^a-z0-9 -]/g, '')
			.replace(/ /g, '-');
	const anchors = new Set(
		readme
			.split('\n')
			.filter((line) => /^#{1,6} /.test(line))
			.map((line) => anchor(line.replace(/^#+ /, ''))),
	);
	const manifest = require('../../package.json');
	const urls = [
		...manifest.n8n.nodes.map(
			(file) =>
				require(path.join(__dirname, '../..', file.replace(/\.js$/, '.json'))).resources
					.primaryDocumentation[0].url,
		),
		...pack.credentials.map((credential) => credential.documentationUrl),
	];
	for (const url of urls) {
		expect(url).toMatch(/^https:\/\/www\.npmjs\.com\/package\/n8n-nodes-comms-billing#/);
		expect(anchors).toContain(url.split('#')[1]);
	}
});
