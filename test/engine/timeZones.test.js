// Time Zone, wherever a node has one: a list the editor loads (the timeZones method) of the zones
// this runtime knows (its IANA zones under their current names, UTC, the fixed offsets), the
// workflow's own first; what a saved workflow or an expression gives outside the list still runs.
const { describe, expect, test } = require('@jest/globals');

const { loadOptions, pack } = require('../../harness/engine');
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
			.map((property) => [`${nodeType.description.name} ${version}`, property, nodeType, version]),
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
	test('every node that has one loads its list with the timeZones method, which it offers', () => {
		expect(zoneParameters.map(([node]) => node).sort()).toEqual([
			'commsUsageTrigger 1',
			'evoVoiceAiUsage 1',
			'evoVoiceAiUsage 2',
			'evoVoiceAiUsage 3',
			'imiassistCreateUsageReport 1',
			'imiassistCreateUsageReport 2',
			'luminBillingEvents 1',
			'luminBillingEvents 2',
		]);
		for (const [, property, nodeType] of zoneParameters) {
			expect(property).toMatchObject({
				type: 'options',
				default: '',
				typeOptions: { loadOptionsMethod: 'timeZones' },
			});
			// Not in the description: it is loaded, and n8n's lint asks no order of it.
			expect(property.options).toBeUndefined();
			expect(typeof nodeType.methods.loadOptions.timeZones).toBe('function');
		}
	});

	test.each(zoneParameters.map(([node, , nodeType, version]) => [node, nodeType, version]))(
		'%s: as the editor loads it, "Kolkata", "Kyiv" and "Ho Chi Minh" each find their zone',
		async (_node, nodeType, version) => {
			const listed = await loadOptions(
				{ type: `${pack.packageName}.${nodeType.description.name}`, typeVersion: version },
				'timeZones',
				{ parameter: 'timezone', defaultTimezone: 'Europe/Berlin' },
			);
			// n8n's server builds the workflow without its settings: n8n's default zone is named.
			expect(listed[0]).toEqual({
				name: "Workflow's Time Zone",
				value: '',
				description:
					"The zone in the workflow's settings; without one, n8n's default: Europe/Berlin",
			});
			expect(listed[1]).toEqual({ name: 'UTC', value: 'UTC' });
			for (const [typed, entry] of [
				['Kolkata', { name: 'Asia/Kolkata (Asia/Calcutta)', value: 'Asia/Kolkata' }],
				[
					'Kyiv',
					{
						name: 'Europe/Kyiv (Europe/Kiev, Europe/Uzhgorod, Europe/Zaporozhye)',
						value: 'Europe/Kyiv',
					},
				],
				['Ho Chi Minh', { name: 'Asia/Ho Chi Minh (Asia/Saigon)', value: 'Asia/Ho_Chi_Minh' }],
			])
				expect(
					listed.filter((option) => option.name.toLowerCase().includes(typed.toLowerCase())),
				).toEqual([entry]);
			const values = listed.map((option) => option.value);
			expect(values).toEqual(expect.arrayContaining(['Europe/London', 'UTC-12:00', 'UTC+05:30']));
		},
	);

	test("a node saved with a zone's old name: the list shows that zone chosen, under that name", async () => {
		const listed = await loadOptions(
			{
				type: `${pack.packageName}.luminBillingEvents`,
				typeVersion: 2,
				parameters: { timezone: 'Asia/Calcutta' },
			},
			'timeZones',
			{ parameter: 'timezone' },
		);
		expect(listed.filter((option) => option.name.includes('Kolkata'))).toEqual([
			{ name: 'Asia/Kolkata (Asia/Calcutta)', value: 'Asia/Calcutta' },
		]);
		// n8n-workflow's own default zone, where n8n has set none.
		expect(listed[0].description).toMatch(/n8n's default: America\/New_York$/);
	});

	test('a zone saved under its old or its current name gives the same period', async () => {
		for (const [old, current] of [
			['Asia/Calcutta', 'Asia/Kolkata'],
			['Europe/Kiev', 'Europe/Kyiv'],
			['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
			['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
		])
			expect(await startSentFor(old)).toBe(await startSentFor(current));
		expect(await startSentFor('Asia/Calcutta')).toMatch(/T00:00:00\+05:30$/);
	});

	test("a zone from the list, a saved offset outside it, and the workflow's zone", async () => {
		expect(await startSentFor('Asia/Tokyo')).toMatch(/T00:00:00\+09:00$/);
		expect(await startSentFor('UTC+05:30')).toMatch(/T00:00:00\+05:30$/);
		// Not in the list, as a workflow saved before it, or an expression, may give them: an
		// offset written otherwise, and a zone's old name (the list has Asia/Kathmandu).
		expect(await startSentFor('utc+2')).toMatch(/T00:00:00\+02:00$/);
		expect(await startSentFor('Asia/Katmandu')).toMatch(/T00:00:00\+05:45$/);
		expect(await startSentFor('={{ "America/New_York" }}')).toMatch(/T00:00:00-0[45]:00$/);
		// The workflow's own: UTC in the engine harness.
		expect(await startSentFor('')).toMatch(/T00:00:00Z$|T00:00:00\+00:00$/);
	});
});
