// Time Zone, wherever a node has one: a list of the zones this runtime knows (its IANA zones,
// UTC, the fixed offsets), the workflow's own first; what a saved workflow or an expression gives
// outside the list still runs, as before the list.
const { describe, expect, test } = require('@jest/globals');

const { pack } = require('../../harness/engine');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, useSandbox } = require('./engineRun');

/** @type {any} */
let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

/** Every version of every node whose parameters hold a Time Zone, with that parameter. */
const zoneParameters = pack.versions
	.flat()
	.flatMap(({ nodeType, version }) =>
		nodeType.description.properties
			.filter((property) => property.name === 'timezone')
			.map((property) => [`${nodeType.description.name} ${version}`, property]),
	);

/** Lumin.ai version 2, last month in `timezone`: the start it sent. */
async function startSentFor(timezone) {
	sandbox.clearRequests();
	const result = await runScanned(
		singleNodeWorkflow('Events', {
			type: 'luminBillingEvents',
			typeVersion: 2,
			parameters: { timezone, outputMode: 'summary' },
		}),
		{ credentials: { commsBillingApi: sandbox.credentials.lumin } },
	);
	expect(result.outputs('Events')[1]).toEqual([]);
	return sandbox.requests.find((entry) => entry.path.startsWith('/lumin')).body.start;
}

describe('Time Zone', () => {
	test("every node that has one lists the workflow's zone (the default), UTC, the IANA zones and the offsets, sorted by name", () => {
		expect(zoneParameters.map(([node]) => node).sort()).toEqual(
			expect.arrayContaining([
				'commsUsageTrigger 1',
				'evoVoiceAiUsage 1',
				'evoVoiceAiUsage 2',
				'luminBillingEvents 2',
			]),
		);
		for (const [, property] of zoneParameters) {
			expect(property.type).toBe('options');
			expect(property.default).toBe('');
			const values = property.options.map((option) => option.value);
			expect(property.options).toContainEqual({ name: "Workflow's Time Zone", value: '' });
			expect(values).toEqual(
				expect.arrayContaining([
					'UTC',
					'Europe/London',
					'America/Los_Angeles',
					'Asia/Tokyo',
					'UTC-12:00',
					'UTC+05:30',
					'UTC+14:00',
				]),
			);
			for (const zone of Intl.supportedValuesOf('timeZone')) expect(values).toContain(zone);
			const names = property.options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	test("a zone from the list, a saved offset outside it, and the workflow's zone", async () => {
		expect(await startSentFor('Asia/Tokyo')).toMatch(/T00:00:00\+09:00$/);
		expect(await startSentFor('UTC+05:30')).toMatch(/T00:00:00\+05:30$/);
		// Not in the list, as a workflow saved before it, or an expression, may give them: an
		// offset written otherwise, and an IANA name newer than the runtime's own list (which
		// has Asia/Katmandu).
		expect(await startSentFor('utc+2')).toMatch(/T00:00:00\+02:00$/);
		expect(await startSentFor('Asia/Kathmandu')).toMatch(/T00:00:00\+05:45$/);
		expect(await startSentFor('={{ "America/New_York" }}')).toMatch(/T00:00:00-0[45]:00$/);
		// The workflow's own: UTC in the engine harness.
		expect(await startSentFor('')).toMatch(/T00:00:00Z$|T00:00:00\+00:00$/);
	});
});
