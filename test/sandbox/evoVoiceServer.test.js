'use strict';

// Evo Voice's GetAIUsage where its server may behave unlike its metadata page: both dates
// required (datesRequired, as the vendor's CLI says), endDate read as the first day not counted
// (endDateExclusive), and customers with a parent (nestedCustomers, the CLI: customers are
// hierarchical) whose row holds its children's minutes or not (customerRows); the hand table
// (dataSet handTable) of who used what.
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

	test("with customerRows own, a parent's row holds its own minutes only, as without parents", async () => {
		const month = { startDate: '2026-11-01', endDate: '2026-11-30' };
		const [flat, own] = await Promise.all(
			[{}, { nestedCustomers: true, customerRows: 'own' }].map((settings) =>
				withEvoVoice(settings, async (sandbox) => (await aiUsage(sandbox, month)).json),
			),
		);
		expect(own).toEqual(flat);
	});

	test.each([
		['includeSubCustomers', 50, 12],
		['own', 30, 7.5],
	])(
		"the hand table: acct-1001's October is the issue's case, its parent's row read as %s",
		async (customerRows, parentRow, clinicParentRow) => {
			const october = { startDate: '2026-10-01', endDate: '2026-10-31' };
			const settings = { dataSet: 'handTable', nestedCustomers: true, customerRows };
			await withEvoVoice(settings, async (sandbox) => {
				const { json } = await aiUsage(sandbox, october);
				const row = (customerId) =>
					json.customerUsage.find((one) => one.customerId === customerId).aiMinutes;
				expect(['store-001', 'store-002', 'store-003', 'store-004', 'store-005'].map(row)).toEqual([
					parentRow,
					20,
					20,
					0,
					0,
				]);
				expect(['clinic-01', 'clinic-02', 'clinic-03'].map(row)).toEqual([clinicParentRow, 4.5, 0]);
				expect(json.accountUsage).toEqual([
					{ accountId: 'acct-1001', aiMinutes: 100 },
					{ accountId: 'acct-1002', aiMinutes: 12 },
				]);
				// Who used what: the table's own minutes, the account's own (customerId null) beside them.
				const used = sandbox.evoVoice.dailyUsage().filter((one) => one.aiMinutes > 0);
				const byWhom = (accountId, customerId) =>
					used
						.filter((one) => one.accountId === accountId && one.customerId === customerId)
						.reduce((sum, one) => sum + one.aiMinutes, 0);
				expect([
					byWhom('acct-1001', 'store-001'),
					byWhom('acct-1001', 'store-002'),
					byWhom('acct-1001', 'store-003'),
					byWhom('acct-1001', null),
				]).toEqual([30, 20, 20, 30]);
				// A customer asked alone: the account row holds what that customer's row holds.
				const alone = (await aiUsage(sandbox, { ...october, customerId: 'store-001' })).json;
				expect(alone.accountUsage).toEqual([{ accountId: 'acct-1001', aiMinutes: parentRow }]);
			});
		},
	);

	test.each(['datesRequired', 'endDateExclusive', 'nestedCustomers'])(
		'refuses a %s that is not true or false at start',
		async (key) => {
			await expect(startSandbox({ evoVoice: { [key]: 'yes' } })).rejects.toThrow(
				`evoVoice.${key} must be true or false`,
			);
		},
	);
});
