// The README's and docs' screenshots show the pack as it is: each was taken of descriptions that
// have not changed since (test/screenshots.js); a changed node, credential or example needs its
// shots retaken with `npm run test:e2e`.
const { expect, test } = require('@jest/globals');

const pack = require('../../harness/pack');
const { fingerprintOf, staleShots, unshownShots } = require('../screenshots');

test('every screenshot shows the current descriptions (retake with npm run test:e2e)', () => {
	expect(staleShots()).toEqual([]);
});

test('every screenshot is shown by the README or a document in docs/, and every one shown exists', () => {
	expect(unshownShots()).toEqual([]);
});

test("a shot's fingerprint changes with a field of the credential or a node it shows", () => {
	const credentialShot = { credential: true };
	const nodeShot = { nodes: ['restcommUsageRecords'] };
	const before = [fingerprintOf(credentialShot), fingerprintOf(nodeShot)];
	const [field] = pack.credentials[0].properties;
	const description = field.description;
	field.description = `${description ?? ''} (changed)`;
	try {
		expect(fingerprintOf(credentialShot)).not.toBe(before[0]);
		expect(fingerprintOf(nodeShot)).toBe(before[1]);
	} finally {
		field.description = description;
	}
	const index = pack.nodes.findIndex((node) => node.description.name === 'restcommUsageRecords');
	const { description: shown } = pack.newest[index].nodeType;
	const { displayName } = shown;
	shown.displayName = `${displayName} (renamed)`;
	try {
		expect(fingerprintOf(nodeShot)).not.toBe(before[1]);
	} finally {
		shown.displayName = displayName;
	}
});
