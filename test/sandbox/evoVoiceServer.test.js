'use strict';

// Evo Voice's GetAIUsage where its server may behave unlike its metadata page: both dates
// required (datesRequired, as the vendor's CLI says), endDate read as the first day not counted
// (endDateExclusive), and customers with a parent whose row holds its children's minutes
// (nestedCustomers, the CLI: customers are hierarchical).
const { basicHeader, readReply } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

const RANGE = { from: '2026-09-01', to: '2026-11-30' };

async function aiUsage(sandbox, params) {
	const { baseUrl, apiKey, token } = sandbox.credentials.evoVoice;
	const response = await fetch(`${baseUrl}/ai/usage?${new URLSearchParams(params)}`, {
		headers: { accept: 'application/json', authorization: basicHeader(apiKey, token) },
	});
	return await readReply(response);
}

async function withEvoVoice(settings, check) {
	const sandbox = await startSandbox({ evoVoice: { ...RANGE, ...settings } });
	try {
		return await check(sandbox);
	} finally {
		await sandbox.close();
	}
}

const tenths = (rows) => rows.reduce((sum, row) => sum + Math.round(row.aiMinutes * 10), 0);

describe('sandbox: Evo Voice server settings', () => {
	test.each([
		[{ endDate: '2026-11-30' }, 'Start Date'],
		[{ startDate: '2026-11-01' }, 'End Date'],
		[{}, 'Start Date'],
	])('refuses %j without both dates, in ServiceStack validation shape', async (params, field) => {
		await withEvoVoice({}, async (sandbox) => {
			const { status, json } = await aiUsage(sandbox, params);
			expect(status).toBe(400);
			expect(json.responseStatus).toMatchObject({
				errorCode: 'NotEmpty',
				message: `'${field}' must not be empty.`,
			});
		});
	});

	test('with endDateExclusive, counts up to the day before endDate: a one-day range reads 0', async () => {
		const month = { startDate: '2026-11-01', endDate: '2026-11-30' };
		const [inclusive, exclusive] = await Promise.all(
			[false, true].map((endDateExclusive) =>
				withEvoVoice({ endDateExclusive }, async (sandbox) => ({
					month: (await aiUsage(sandbox, month)).json,
					toThe29th: (await aiUsage(sandbox, { ...month, endDate: '2026-11-29' })).json,
					lastDay: (await aiUsage(sandbox, { startDate: '2026-11-30', endDate: '2026-11-30' }))
						.json,
				})),
			),
		);
		expect(exclusive.month).toEqual(inclusive.toThe29th);
		expect(tenths(inclusive.lastDay.accountUsage)).toBeGreaterThan(0);
		expect(tenths(exclusive.lastDay.accountUsage)).toBe(0);
	});

	test("with nestedCustomers, a parent's row holds its child's minutes, and the account each minute once", async () => {
		const month = { startDate: '2026-11-01', endDate: '2026-11-30' };
		const [flat, nested] = await Promise.all(
			[false, true].map((nestedCustomers) =>
				withEvoVoice({ nestedCustomers }, async (sandbox) => (await aiUsage(sandbox, month)).json),
			),
		);
		const minutesOf = (json, customerId) =>
			json.customerUsage.find((row) => row.customerId === customerId).aiMinutes;
		// store-002 is store-001's child.
		expect(Math.round(minutesOf(nested, 'store-001') * 10)).toBe(
			Math.round((minutesOf(flat, 'store-001') + minutesOf(flat, 'store-002')) * 10),
		);
		expect(minutesOf(nested, 'store-002')).toBe(minutesOf(flat, 'store-002'));
		expect(nested.accountUsage).toEqual(flat.accountUsage);
		const [account] = nested.accountUsage;
		const customers = nested.customerUsage.filter((row) => row.accountId === account.accountId);
		expect(tenths(customers) - tenths([account])).toBe(
			Math.round(minutesOf(flat, 'store-002') * 10),
		);
	});

	test.each(['datesRequired', 'endDateExclusive', 'nestedCustomers'])(
		'refuses a %s that is not true or false at start',
		async (key) => {
			await expect(startSandbox({ evoVoice: { [key]: 'yes' } })).rejects.toThrow(
				`evoVoice.${key} must be true or false`,
			);
		},
	);
});
