// Evo Voice where its server may behave unlike its metadata page (sandbox settings of the evoVoice
// flavour): both dates required, endDate read as the first day not counted, customers nested under
// a parent. Each through n8n's engine: the node and the usage trigger never lose, gain or double a
// minute without saying so.
const { pollTrigger } = require('../../harness/engine');
const { startScannedSandbox } = require('./engineRun');
// The clock of the node and of the trigger (NOW): data of the sandbox lies on both sides of it.
const { NOW, octoberLines: october, pollAiMinutes } = require('./evoVoiceRuns');

async function withEvoVoice(settings, check) {
	const sandbox = await startScannedSandbox({
		evoVoice: { from: '2026-09-01', to: '2026-11-30', ...settings },
	});
	try {
		return await check(sandbox);
	} finally {
		await sandbox.close();
	}
}

/** October's invoice lines in UTC, under the credential's End Date reading. */
const octoberLines = (sandbox, reading) => october(sandbox, { evoVoiceEndDate: reading });

const minutes = (lines) => lines.reduce((total, line) => total + Math.round(line.quantity * 10), 0);

/** The sandbox's own AI minutes of October, in tenths. */
const octoberTenths = (sandbox) =>
	sandbox.evoVoice
		.dailyUsage()
		.filter((row) => row.date >= '2026-10-01' && row.date <= '2026-10-31')
		.reduce((total, row) => total + Math.round(row.aiMinutes * 10), 0);

const dailyTrigger = (reading, sandbox) =>
	pollAiMinutes(sandbox, { evoVoiceEndDate: reading }, { recurrence: 'daily' });

describe('Evo Voice: the API requires both dates', () => {
	test('the trigger refuses All Time with a parameter error saying why, before any request', async () => {
		await withEvoVoice({}, async (sandbox) => {
			const poll = pollTrigger(
				{
					name: 'Usage',
					type: 'n8n-nodes-comms-billing.commsUsageTrigger',
					parameters: { operation: 'evoVoiceAiMinutes', threshold: 1, recurrence: 'alltime' },
				},
				{ credentials: { commsBillingApi: sandbox.credentials.evoVoice }, now: NOW },
			);
			await expect(poll).rejects.toThrow(
				/^Invalid parameter "recurrence" in item 0: Evo Voice's API requires both a start and an end date/,
			);
			expect(sandbox.requests).toEqual([]);
		});
	});
});

describe("Evo Voice: a server that does not count endDate's own day (endDateExclusive)", () => {
	test('with End Date Counted, the month is a Failure naming its last day, not a month short of it', async () => {
		await withEvoVoice({ endDateExclusive: true }, async (sandbox) => {
			const { lines, failure } = await octoberLines(sandbox, 'inclusive');
			expect(lines).toEqual([]);
			expect(failure).toHaveLength(1);
			expect(failure[0].error_message).toBe(
				"Evo Voice counted no AI minutes when asked for 2026-10-31 to 2026-10-31, but did when asked for 2026-10-31 to 2026-11-01: its server does not count endDate's own day, so the period would lose 2026-10-31. Set the credential's End Date to Not Counted; nothing is returned.",
			);
		});
	});

	test('with End Date Not Counted, the lines hold the whole month, the day after sent as endDate', async () => {
		await withEvoVoice({ endDateExclusive: true }, async (sandbox) => {
			const { lines, failure } = await octoberLines(sandbox, 'exclusive');
			expect(failure).toEqual([]);
			expect(minutes(lines)).toBe(octoberTenths(sandbox));
			expect(sandbox.requests[0].query).toMatchObject({
				startDate: '2026-10-01',
				endDate: '2026-11-01',
			});
			expect(lines[0]).toMatchObject({ period_start: '2026-10-01', period_end: '2026-10-31' });
		});
	});

	test('the daily trigger says so, rather than reading the day as no usage', async () => {
		await withEvoVoice({ endDateExclusive: true }, async (sandbox) => {
			await expect(dailyTrigger('inclusive', sandbox)).rejects.toThrow(
				/does not count endDate's own day, so the period would lose 2026-11-10/,
			);
			const { emitted } = await dailyTrigger('exclusive', sandbox);
			expect(emitted[0][0].json.value).toBeGreaterThan(0);
		});
	});

	test('End Date Not Counted on a server that counts it is a Failure naming the day gained', async () => {
		await withEvoVoice({}, async (sandbox) => {
			const { lines, failure } = await octoberLines(sandbox, 'exclusive');
			expect(lines).toEqual([]);
			expect(failure[0].error_message).toMatch(
				/counts endDate's own day, so the period would gain 2026-11-01\. Set the credential's End Date to Counted/,
			);
			// And as its default reads it, the month is whole.
			const counted = await octoberLines(sandbox, 'inclusive');
			expect(minutes(counted.lines)).toBe(octoberTenths(sandbox));
		});
	});
});

describe('Evo Voice: customers nested under a parent (nestedCustomers)', () => {
	test('without Customer Rows, invoice lines are a Failure naming the parent and its child, never a minute twice', async () => {
		await withEvoVoice({ nestedCustomers: true }, async (sandbox) => {
			const { lines, failure } = await octoberLines(sandbox, 'inclusive');
			expect(lines).toEqual([]);
			expect(failure).toHaveLength(1);
			expect(failure[0].error_message).toMatch(
				/^Evo Voice reported [\d.]+ AI minutes for customer store-001 and [\d.]+ for customer store-002, which the customer list of account acct-1001 places under store-001: .* Set the credential's Customer Rows/,
			);
		});
	});
});

describe('Evo Voice: messy answers', () => {
	const USAGE_PATH = '/evovoice/ai/usage';
	const answer = (accountUsage, customerUsage = []) => ({
		platform: 'evoVoice',
		path: USAGE_PATH,
		status: 200,
		body: { accountUsage, customerUsage },
	});

	test('an account listed twice is counted once: 100 minutes, not 200', async () => {
		await withEvoVoice({}, async (sandbox) => {
			sandbox.injectFault(
				answer([
					{ accountId: 'acct-1001', aiMinutes: 100 },
					{ accountId: 'acct-1001', aiMinutes: 100 },
				]),
			);
			const { lines, failure } = await octoberLines(sandbox, 'inclusive');
			expect(failure).toEqual([]);
			expect(lines.map(({ customer, quantity }) => [customer, quantity])).toEqual([
				['acct-1001', 100],
			]);
		});
	});

	test('a customer listed twice is counted once', async () => {
		await withEvoVoice({}, async (sandbox) => {
			const clean = await octoberLines(sandbox, 'inclusive');
			sandbox.injectFault({ platform: 'evoVoice', path: USAGE_PATH, repeatRecord: true });
			const repeated = await octoberLines(sandbox, 'inclusive');
			expect(sandbox.requests.map((entry) => entry.fault)).toContain('repeatRecord');
			expect(repeated.failure).toEqual([]);
			expect(repeated.lines).toEqual(clean.lines);
			expect(minutes(repeated.lines)).toBe(octoberTenths(sandbox));
		});
	});

	test('account ids 1 and "1" are one account, at either level', async () => {
		await withEvoVoice({}, async (sandbox) => {
			// Account 1's customer list (GET /customers), its customer's id as text.
			sandbox.injectFault({
				platform: 'evoVoice',
				path: '/evovoice/customers',
				status: 200,
				body: { items: [{ id: '7', accountId: '1' }], totalCount: 1, totalPages: 1 },
			});
			sandbox.injectFault(
				answer(
					[
						{ accountId: 1, aiMinutes: 100 },
						{ accountId: '1', aiMinutes: 100 },
					],
					[{ accountId: '1', customerId: 7, aiMinutes: 40 }],
				),
			);
			const { lines, failure } = await octoberLines(sandbox, 'inclusive');
			expect(failure).toEqual([]);
			expect(lines.map(({ customer, quantity }) => [customer, quantity])).toEqual([
				['7', 40],
				['1', 60],
			]);
		});
	});

	test('an account listed twice with other minutes is a Failure naming it, nothing on Success', async () => {
		await withEvoVoice({}, async (sandbox) => {
			sandbox.injectFault(
				answer([
					{ accountId: 'acct-1001', aiMinutes: 100 },
					{ accountId: 'acct-1001', aiMinutes: 120 },
				]),
			);
			const { lines, failure } = await octoberLines(sandbox, 'inclusive');
			expect(lines).toEqual([]);
			expect(failure[0].error_message).toBe(
				'Evo Voice answered accountId acct-1001 twice, with 100 and 120 AI minutes, so which holds cannot be told; nothing is returned.',
			);
		});
	});

	test.each([['1,234.5'], ['abc'], ['NaN']])(
		'aiMinutes %j is a Failure naming the account and the field',
		async (aiMinutes) => {
			await withEvoVoice({}, async (sandbox) => {
				sandbox.injectFault(answer([{ accountId: 'acct-1001', aiMinutes }]));
				const { lines, failure } = await octoberLines(sandbox, 'inclusive');
				expect(lines).toEqual([]);
				expect(failure[0].error_message).toBe(
					`Evo Voice answered aiMinutes ${JSON.stringify(aiMinutes)} for accountId acct-1001, which is not a plain number, so the minutes cannot be read exactly; nothing is returned.`,
				);
			});
		},
	);
});
