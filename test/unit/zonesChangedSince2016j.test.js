// The zones whose rules changed since tzdata 2016j (the rules of Restcomm-Connect's Joda-Time
// 2.9.7) are generated from the two rule sets, not written by hand: the node's list and the one
// in docs/vendors.md are what scripts/zonesChangedSince2016j.js makes of them under this Node.
const { expect, test } = require('@jest/globals');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { ZONES_CHANGED_SINCE_2016J } = require('../../nodes/Restcomm/zonesChangedSince2016j');

const root = path.join(__dirname, '../..');

test("nodes/Restcomm/zonesChangedSince2016j.ts and docs/vendors.md's list are generated from tzdata 2016j and Node's tzdata", () => {
	// Throws (exit code 1) when either differs from what the script makes of them.
	execFileSync(
		process.execPath,
		[path.join(root, 'scripts/zonesChangedSince2016j.js'), '--check'],
		{
			stdio: 'pipe',
		},
	);
});

test('the list holds the zones whose summer time came or went since 2016j, and no zone whose rules stayed', () => {
	// São Paulo's ended in 2019, Santiago's moved in 2019, Cairo's came back in 2023; links too.
	for (const zone of ['America/Sao_Paulo', 'Brazil/East', 'America/Santiago', 'Africa/Cairo'])
		expect(ZONES_CHANGED_SINCE_2016J.has(zone)).toBe(true);
	for (const zone of ['America/New_York', 'Europe/Berlin', 'UTC', 'Asia/Kolkata'])
		expect(ZONES_CHANGED_SINCE_2016J.has(zone)).toBe(false);
	expect([...ZONES_CHANGED_SINCE_2016J]).toEqual([...ZONES_CHANGED_SINCE_2016J].sort());
});
