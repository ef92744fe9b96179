// The documentation: the node reference in docs/nodes.md is generated from the nodes, n8n's
// documentation links lead to headings, and every relative link in the Markdown files leads to a
// file and heading that exist.
const { expect, test } = require('@jest/globals');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '../..');

/**
 * How GitHub (and npm) turn a heading into its anchor: the text as shown (code spans and link
 * targets left out), in lower case, without punctuation, its spaces hyphens; a repeated heading
 * gets -1, -2, ...
 * @param {string} markdown
 */
function headingAnchors(markdown) {
	/** @type {Map<string, number>} */
	const seen = new Map();
	/** @type {{ anchor: string, line: number }[]} */
	const headings = [];
	let fenced = false;
	for (const [index, line] of markdown.split('\n').entries()) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		const heading = !fenced && /^#{1,6} +(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const base = heading[1]
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/[`*]/g, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}_ -]/gu, '')
			.replace(/ /g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		headings.push({ anchor: count ? `${base}-${count}` : base, line: index });
	}
	return headings;
}

/** @param {string} file a path from the repository's root */
const anchorsOf = (file) =>
	new Set(headingAnchors(fs.readFileSync(path.join(root, file), 'utf8')).map((h) => h.anchor));

/**
 * The links and images of a Markdown text, outside code blocks and code spans.
 * @param {string} markdown
 */
function linksOf(markdown) {
	const prose = markdown.replace(/^\s*(```|~~~)[\s\S]*?^\s*\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
	return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
		(match) => match[1],
	);
}

const markdownFiles = [
	'README.md',
	'CONTRIBUTING.md',
	...fs
		.readdirSync(path.join(root, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`),
];

test('the node reference in docs/nodes.md is generated from the current node declarations', () => {
	// Throws (exit code 1) when docs/nodes.md differs from what the declarations produce.
	execFileSync(process.execPath, [path.join(root, 'scripts/nodeReference.js'), '--check'], {
		stdio: 'pipe',
	});
});

test("every codex file's documentation URL and the credential's lead to a README heading that links to its reference in docs/nodes.md", () => {
	const pack = require('../../harness/pack');
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const lines = readme.split('\n');
	const headings = headingAnchors(readme);
	const reference = anchorsOf('docs/nodes.md');
	const manifest = require('../../package.json');
	const urls = [
		...manifest.n8n.nodes.map(
			(file) =>
				require(path.join(root, file.replace(/\.js$/, '.json'))).resources.primaryDocumentation[0]
					.url,
		),
		...pack.credentials.map((credential) => credential.documentationUrl),
	];
	for (const url of urls) {
		// The README is the page npm shows; docs/ is not in the tarball.
		expect(url).toMatch(/^https:\/\/www\.npmjs\.com\/package\/n8n-nodes-comms-billing#/);
		const at = headings.findIndex((heading) => heading.anchor === url.split('#')[1]);
		expect({ url, found: at >= 0 }).toEqual({ url, found: true });
		const section = lines.slice(headings[at].line + 1, headings[at + 1]?.line).join('\n');
		const into = linksOf(section)
			.filter((link) => link.startsWith('docs/nodes.md#'))
			.map((link) => link.split('#')[1]);
		expect({ url, linksToItsReference: into.some((anchor) => reference.has(anchor)) }).toEqual({
			url,
			linksToItsReference: true,
		});
	}
});

test('every relative link and image in README.md, CONTRIBUTING.md and docs/*.md leads to a file, and an anchor to its heading', () => {
	/** @type {string[]} */
	const broken = [];
	for (const file of markdownFiles) {
		const text = fs.readFileSync(path.join(root, file), 'utf8');
		for (const link of linksOf(text)) {
			if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, ...
			const [target, anchor] = link.split('#');
			const resolved = target
				? path.relative(root, path.resolve(path.dirname(path.join(root, file)), decodeURI(target)))
				: file;
			if (resolved.startsWith('..') || !fs.existsSync(path.join(root, resolved))) {
				broken.push(`${file}: ${link} (no file ${resolved})`);
				continue;
			}
			if (anchor === undefined) continue;
			if (!resolved.endsWith('.md') || !anchorsOf(resolved).has(anchor))
				broken.push(`${file}: ${link} (no heading #${anchor} in ${resolved})`);
		}
	}
	expect(broken).toEqual([]);
});

test('the anchors are the ones GitHub makes', () => {
	const anchors = headingAnchors(
		[
			'# Restcomm / Twilio Usage Records',
			"## Evo Voice's end date",
			'#### Get AI Usage (`getAiUsage`)',
			'```',
			'# not a heading',
			'```',
			'## Try it: two commands',
			'## Try it: two commands',
		].join('\n'),
	).map((heading) => heading.anchor);
	expect(anchors).toEqual([
		'restcomm--twilio-usage-records',
		'evo-voices-end-date',
		'get-ai-usage-getaiusage',
		'try-it-two-commands',
		'try-it-two-commands-1',
	]);
});
