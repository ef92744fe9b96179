// What a node is handed, as n8n 2.41.1 hands it, so that a claim the engine tests make holds in
// n8n too: a credential's fields as n8n loads them (only those shown for its values, defaults
// filled in, expressions resolved: harness/credentialsHelper.js), and a node's parameters as n8n
// builds the workflow (one its displayOptions hide is absent).
const { describe, expect, test } = require('@jest/globals');

const { pack, parameterAsRead } = require('../../harness/engine');
const { PackCredentialsHelper } = require('../../harness/credentialsHelper');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, useSandbox } = require('./engineRun');

/** @type {any} */
let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

/** The credential `stored` as n8n hands it to a node, outside a run; `raw` as stored. */
async function loaded(stored, { raw = false } = {}) {
	const helper = new PackCredentialsHelper(pack.credentials, { saved: stored });
	return await helper.getDecrypted(
		{ variables: {} },
		{ id: 'saved', name: 'Saved' },
		'commsBillingApi',
		'manual',
		undefined,
		raw,
	);
}

describe('a credential as n8n loads it', () => {
	test('a field the platform does not show is absent; the shown ones have their defaults', async () => {
		const lumin = await loaded({
			platform: 'lumin',
			baseUrl: 'https://billing.example.com/api/billing',
			token: 'lumin-token',
			apiKey: 'left from another platform',
			accountSid: 'AC0123',
		});
		expect(lumin).toEqual({
			platform: 'lumin',
			baseUrl: 'https://billing.example.com/api/billing',
			token: 'lumin-token',
			obtainedApiKey: '',
			obtainedToken: '',
		});
		const restcomm = await loaded({ platform: 'restcomm', baseUrl: 'https://x.example' });
		expect(restcomm).toMatchObject({ accountSid: '', serverTimeZone: 'UTC', token: '' });
		expect(restcomm).not.toHaveProperty('evoVoiceAuth');
	});

	test('raw, as stored', async () => {
		const stored = { platform: 'lumin', token: 't', apiKey: 'kept as stored' };
		expect(await loaded(stored, { raw: true })).toEqual(stored);
	});

	test("a value written as an expression is resolved, outside a run and in a node's run", async () => {
		const { baseUrl, token } = sandbox.credentials.lumin;
		const [, root, rest] = /^(https?:\/\/[^/]+)(.*)$/.exec(baseUrl) ?? [];
		const stored = {
			platform: 'lumin',
			baseUrl: `={{ ${JSON.stringify(root)} + ${JSON.stringify(rest)} }}`,
			token,
		};
		expect((await loaded(stored)).baseUrl).toBe(baseUrl);

		const result = await runScanned(
			singleNodeWorkflow('Events', {
				type: 'luminBillingEvents',
				typeVersion: 2,
				parameters: { returnAll: false, limit: 1 },
			}),
			{ credentials: { commsBillingApi: stored } },
		);
		expect(result.outputs('Events')[0]).toHaveLength(1);
		expect(sandbox.requests.every((entry) => entry.authenticated)).toBe(true);
	});
});

describe('a node parameter as n8n hands it', () => {
	const USAGE_RECORDS_2 = {
		type: `${pack.packageName}.restcommUsageRecords`,
		typeVersion: 2,
	};

	test('hidden by displayOptions, it reads as absent (null), whatever the saved workflow holds', () => {
		const saved = { startDate: '2020-01-01', endDate: '2020-01-31' };
		expect(
			parameterAsRead(
				{ ...USAGE_RECORDS_2, parameters: { period: 'lastMonth', ...saved } },
				'startDate',
			),
		).toBeNull();
		expect(
			parameterAsRead(
				{ ...USAGE_RECORDS_2, parameters: { period: 'custom', ...saved } },
				'startDate',
			),
		).toBe('2020-01-01');
	});

	test('shown, an expression reads as its value for the item; left out, as its default', () => {
		expect(
			parameterAsRead(
				{ ...USAGE_RECORDS_2, parameters: { period: 'custom', startDate: '={{ $json.day }}' } },
				'startDate',
				{ item: { json: { day: '2021-02-03' } } },
			),
		).toBe('2021-02-03');
		expect(parameterAsRead({ ...USAGE_RECORDS_2, parameters: {} }, 'period')).toBe('lastMonth');
	});
	test('All Categories, whose value is the empty text, reads every category in version 2, whose default is Leaf Categories', async () => {
		expect(parameterAsRead({ ...USAGE_RECORDS_2, parameters: { category: '' } }, 'category')).toBe(
			'',
		);
		const categoriesRead = async (parameters) => {
			const result = await runScanned(
				singleNodeWorkflow('Usage', {
					type: 'restcommUsageRecords',
					typeVersion: 2,
					parameters: {
						period: 'custom',
						granularity: 'daily',
						startDate: '2025-10-01',
						endDate: '2025-10-01',
						...parameters,
					},
				}),
				{ credentials: { commsBillingApi: sandbox.credentials.twilio } },
			);
			const [records, failure] = result.outputs('Usage');
			expect(failure).toEqual([]);
			return new Set(records.map(({ json }) => json.category));
		};
		const every = await categoriesRead({ category: '' });
		const leaves = await categoriesRead({});
		// Roll-ups and Twilio's total are among every category, never among the leaves.
		for (const rollUp of ['totalprice', 'calls', 'sms']) {
			expect(every.has(rollUp)).toBe(true);
			expect(leaves.has(rollUp)).toBe(false);
		}
		expect(every.size).toBeGreaterThan(leaves.size);
	});
});
