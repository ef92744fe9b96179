// What each screenshot in docs/screenshots shows, fingerprinted: the end-to-end suite stores,
// beside each shot it takes, the descriptions it was taken of (the pack's nodes, its credential,
// an example workflow) as a hash, and `npm test` fails when one has changed since.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const pack = require('../harness/pack');

const ROOT = path.join(__dirname, '..');
const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const EXAMPLES = path.join(__dirname, '../examples');
const FINGERPRINTS = path.join(SCREENSHOTS, 'fingerprints.json');

/**
 * @typedef {{ nodes?: string[], credential?: boolean, example?: string }} ShotSources
 * `nodes`: the pack's node types shown (every version of each); `credential`: the credential's
 * form; `example`: the id of the example workflow shown.
 */

// The Time Zone lists, which hold the zones of the Node.js that runs n8n, are loaded when a panel
// opens (the timeZones method), not held in the descriptions: what the descriptions say is the
// same on every machine.

/** @param {ShotSources} sources */
function describedBy({ nodes = [], credential = false, example }) {
	/** @type {unknown[]} */
	const parts = nodes.map((name) => {
		const index = pack.nodes.findIndex((node) => node.description.name === name);
		if (index < 0) throw new Error(`The pack has no node ${name}`);
		return pack.versions[index].map(({ nodeType }) => nodeType.description);
	});
	if (credential)
		parts.push(
			pack.credentials.map(({ properties, displayName }) => ({ displayName, properties })),
		);
	if (example) {
		const workflow = fs
			.readdirSync(EXAMPLES)
			.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')))
			.find((candidate) => candidate.id === example);
		if (!workflow) throw new Error(`No example workflow ${example}`);
		parts.push(workflow);
	}
	return parts;
}

/** What a shot of an example workflow shows: the workflow and the pack's nodes in it. */
/** @param {{ id: string, nodes: { type: string }[] }} workflow @returns {ShotSources} */
const exampleSources = (workflow) => ({
	example: workflow.id,
	nodes: [
		...new Set(
			workflow.nodes
				.filter((node) => node.type.startsWith(`${pack.packageName}.`))
				.map((node) => node.type.slice(pack.packageName.length + 1).replace(/Tool$/, '')),
		),
	].sort(),
});

/** @param {ShotSources} sources */
const fingerprintOf = (sources) =>
	crypto
		.createHash('sha256')
		.update(JSON.stringify(describedBy(sources)))
		.digest('hex');

/** @returns {Record<string, { sources: ShotSources, fingerprint: string }>} */
const storedFingerprints = () =>
	fs.existsSync(FINGERPRINTS) ? JSON.parse(fs.readFileSync(FINGERPRINTS, 'utf8')) : {};

/** Records what the shot `name` was just taken of. */
/** @param {string} name @param {ShotSources} sources */
function recordShot(name, sources) {
	const stored = storedFingerprints();
	stored[name] = { sources, fingerprint: fingerprintOf(sources) };
	const sorted = Object.fromEntries(Object.entries(stored).sort(([a], [b]) => a.localeCompare(b)));
	fs.writeFileSync(FINGERPRINTS, `${JSON.stringify(sorted, null, '\t')}\n`);
}

/** The names of the shots the README and docs/ show: the only shots the end-to-end suite keeps. */
function documentedShots() {
	const documents = [
		path.join(ROOT, 'README.md'),
		...fs
			.readdirSync(path.join(ROOT, 'docs'))
			.filter((file) => file.endsWith('.md'))
			.map((file) => path.join(ROOT, 'docs', file)),
	];
	const shown = documents.flatMap((file) =>
		[...fs.readFileSync(file, 'utf8').matchAll(/screenshots\/([\w-]+)\.png/g)].map(
			([, name]) => name,
		),
	);
	return new Set(shown);
}

/** Shots in docs/screenshots no document shows, and shots a document shows that are missing. */
function unshownShots() {
	const taken = fs
		.readdirSync(SCREENSHOTS)
		.filter((file) => file.endsWith('.png'))
		.map((file) => file.slice(0, -4));
	const shown = documentedShots();
	return [
		...taken.filter((shot) => !shown.has(shot)).map((shot) => `${shot}: shown by no document`),
		...[...shown].filter((shot) => !taken.includes(shot)).map((shot) => `${shot}: not taken`),
	];
}

/** Each shot in docs/screenshots that is missing its fingerprint or shows what has changed since. */
function staleShots() {
	const stored = storedFingerprints();
	const shots = fs
		.readdirSync(SCREENSHOTS)
		.filter((file) => file.endsWith('.png'))
		.map((file) => file.slice(0, -4));
	const stale = shots
		.filter(
			(shot) => !stored[shot] || stored[shot].fingerprint !== fingerprintOf(stored[shot].sources),
		)
		.map((shot) => (stored[shot] ? `${shot}: its description changed` : `${shot}: no fingerprint`));
	const lost = Object.keys(stored)
		.filter((shot) => !shots.includes(shot))
		.map((shot) => `${shot}: fingerprinted, but no ${shot}.png`);
	return [...stale, ...lost];
}

module.exports = {
	SCREENSHOTS,
	documentedShots,
	exampleSources,
	fingerprintOf,
	recordShot,
	staleShots,
	unshownShots,
};
