// The old names of each time zone are generated from tzdata's links and Node's Intl, not written by
// hand: nodes/shared/timeZoneNames.ts is what scripts/timeZoneNames.js makes of them under this Node.
const { expect, test } = require('@jest/globals');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { OLD_ZONE_NAMES } = require('../../nodes/shared/timeZoneNames');

const root = path.join(__dirname, '../..');

/** The zone Intl reads a name as. */
const intlZone = (/** @type {string} */ name) =>
	new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;

test("nodes/shared/timeZoneNames.ts is generated from scripts/tzdata and this Node's Intl", () => {
	// Throws (exit code 1) when the file differs from what the script makes of them.
	execFileSync(process.execPath, [path.join(root, 'scripts/timeZoneNames.js'), '--check'], {
		stdio: 'pipe',
	});
});

test('renamed zones under their current names, with the names they had', () => {
	expect(OLD_ZONE_NAMES.get('Asia/Kolkata')).toEqual(['Asia/Calcutta']);
	expect(OLD_ZONE_NAMES.get('Europe/Kyiv')).toContain('Europe/Kiev');
	expect(OLD_ZONE_NAMES.get('Asia/Ho_Chi_Minh')).toEqual(['Asia/Saigon']);
	expect(OLD_ZONE_NAMES.get('America/Argentina/Buenos_Aires')).toEqual(['America/Buenos_Aires']);
	expect(OLD_ZONE_NAMES.get('America/Nuuk')).toEqual(['America/Godthab']);
	expect(OLD_ZONE_NAMES.get('Pacific/Kanton')).toEqual(['Pacific/Enderbury']);
	// A zone merged into another keeps its own place's name: Reykjavik's clocks are Abidjan's
	// since 1970, but it is no old name of Abidjan.
	expect(OLD_ZONE_NAMES.get('Atlantic/Reykjavik')).toEqual(['Iceland']);
});

test('only names Intl reads as the same zone: places merged for their clocks since 1970 stay apart', () => {
	for (const [current, old] of OLD_ZONE_NAMES)
		for (const name of old) expect([name, intlZone(name)]).toEqual([name, intlZone(current)]);
	// tzdata links Oslo to Berlin and Amsterdam to Brussels; they are other places.
	expect(OLD_ZONE_NAMES.get('Europe/Berlin')).toBeUndefined();
	expect(OLD_ZONE_NAMES.get('Europe/Brussels')).not.toContain('Europe/Amsterdam');
	expect([...OLD_ZONE_NAMES.values()].flat()).not.toContain('Europe/Oslo');
	// No name is both current and old, or old for two zones.
	const old = [...OLD_ZONE_NAMES.values()].flat();
	expect(new Set(old).size).toBe(old.length);
	for (const name of old) expect(OLD_ZONE_NAMES.has(name)).toBe(false);
});
