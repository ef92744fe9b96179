// Usage Records' money on a Twilio-compatible month as Twilio reports it: hundreds of categories,
// roll-ups no table names, prefix traps, costs that sit in no category. The invoice lines hold
// every unit of money once and add up to totalprice, to the cent, or the node says why not.
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, startScannedSandbox } = require('./engineRun');
const { TWILIO_ROLL_UPS } = require('../expectations');

// LastMonth is November 2026 (30 days).
const TODAY = '2026-12-04';
const ROLL_UPS = new Set(Object.keys(TWILIO_ROLL_UPS));

/** An amount as whole hundred-thousandths (the most decimals Twilio's prices carry), exactly. */
const units = (amount) => Math.round(amount * 1e5);
const sumUnits = (rows, field) => rows.reduce((total, row) => total + units(row[field]), 0);

async function usageRecords(sandbox, parameters, credentials = sandbox.credentials.twilio) {
	const result = await runScanned(
		singleNodeWorkflow('Usage Records', {
			type: 'restcommUsageRecords',
			parameters: { operation: 'lastMonth', ...parameters },
			onError: 'continueRegularOutput',
		}),
		{ credentials: { commsBillingApi: credentials } },
	);
	const [success, failure] = result.outputs('Usage Records');
	return { success: success.map(({ json }) => json), failure: failure.map(({ json }) => json) };
}

/** The month's records, straight from the node, and its totalprice. */
async function monthRecords(sandbox) {
	const { success } = await usageRecords(sandbox, {});
	const total = success.find((record) => record.category === 'totalprice');
	return { records: success, total };
}

describe('Usage Records on a Twilio month over the whole category list', () => {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startScannedSandbox({ twilio: { today: TODAY } });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test('invoice lines: every category with money once, no roll-up, adding up to totalprice to the cent', async () => {
		const { records, total } = await monthRecords(sandbox);
		const { success: lines, failure } = await usageRecords(sandbox, {
			outputMode: 'invoiceLines',
		});
		expect(failure).toEqual([]);
		const unattributed = lines.filter((line) => line.category === 'unattributed');
		expect(unattributed.every((line) => line.amount === 0)).toBe(true);
		expect(sumUnits(lines, 'amount')).toBe(units(total.price));
		expect(total.price).toBeGreaterThan(0);

		const categories = lines.map((line) => line.category);
		expect(new Set(categories).size).toBe(categories.length);
		expect(categories.filter((category) => ROLL_UPS.has(category))).toEqual([]);
		// Every category that holds money and is no roll-up has its line, with its figures.
		const billed = records.filter(
			(record) =>
				record.category !== 'totalprice' &&
				!ROLL_UPS.has(record.category) &&
				(record.price || record.usage),
		);
		expect(billed.length).toBeGreaterThan(26);
		expect(lines.map((line) => [line.category, line.quantity, line.amount]).sort()).toEqual(
			billed.map((record) => [record.category, record.usage, record.price]).sort(),
		);
		for (const trap of ['sms-messages-carrierfees', 'calls-recordings', 'sms-mms-penalty-fees']) {
			expect(categories).toContain(trap);
		}
	});

	test('Leaf Categories: the same categories as records, one each', async () => {
		const { success: lines } = await usageRecords(sandbox, { outputMode: 'invoiceLines' });
		const { success: leaves, failure } = await usageRecords(sandbox, { category: 'leaves' });
		expect(failure).toEqual([]);
		const billedLeaves = leaves.filter((record) => record.price || record.usage);
		expect(billedLeaves.map((record) => record.category).sort()).toEqual(
			lines.map((line) => line.category).sort(),
		);
		expect(leaves.map((record) => record.category)).not.toContain('totalprice');
	});

	test('a record listed again, on its page or the next, is counted once', async () => {
		const { success: clean } = await usageRecords(sandbox, { outputMode: 'invoiceLines' });
		for (const fault of [{ repeatRecord: true }, { overlapPages: true, skip: 1 }]) {
			sandbox.injectFault({ platform: 'twilio', ...fault });
			// Daily over three days: 1,929 records, two pages, the second starting with the first's last.
			const daily = { operation: 'daily', startDate: '2026-11-01', endDate: '2026-11-03' };
			const { success, failure } = await usageRecords(sandbox, {
				...(fault.skip ? daily : {}),
				outputMode: 'invoiceLines',
			});
			expect(failure).toEqual([]);
			expect(sandbox.requests.map((entry) => entry.fault)).toContain(Object.keys(fault)[0]);
			if (!fault.skip) expect(success).toEqual(clean);
			else {
				sandbox.clearFaults();
				expect(success).toEqual(
					(await usageRecords(sandbox, { ...daily, outputMode: 'invoiceLines' })).success,
				);
			}
		}
	});

	test('a record listed again with other figures is a Failure naming it, nothing on Success', async () => {
		const record = (price) => ({
			category: 'sms-outbound-tollfree',
			description: 'Outbound toll-free SMS',
			account_sid: sandbox.twilio.accounts[0],
			start_date: '2026-11-01',
			end_date: '2026-11-30',
			usage: '10',
			usage_unit: 'messages',
			count: '10',
			count_unit: 'messages',
			price,
			price_unit: 'usd',
			uri: '/2010-04-01/Accounts/x/Usage/Records/LastMonth.json?Category=sms-outbound-tollfree',
		});
		sandbox.injectFault({
			platform: 'twilio',
			status: 200,
			body: {
				usage_records: [record('0.083'), record('0.083'), record('0.09')],
				next_page_uri: null,
			},
		});
		const { success, failure } = await usageRecords(sandbox, {});
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			'Twilio-compatible API listed the usage record of "sms-outbound-tollfree" for 2026-11-01 to 2026-11-30 twice with different figures (price 0.083 and 0.09, usage 10 and 10), so which holds cannot be told; nothing is returned.',
		);
	});

	test.each([
		['price', '1,000.50'],
		['price', '$1.00'],
		['price', 'NaN'],
		['price', 'Infinity'],
		['usage', 'abc'],
		['count', '3 calls'],
	])('a %s of %j is a Failure naming the record and the field', async (field, value) => {
		sandbox.injectFault({
			platform: 'twilio',
			status: 200,
			body: {
				usage_records: [
					{
						category: 'mms',
						account_sid: sandbox.twilio.accounts[0],
						start_date: '2026-11-01',
						end_date: '2026-11-30',
						usage: '3',
						count: '3',
						price: '0.02',
						price_unit: 'usd',
						[field]: value,
					},
				],
				next_page_uri: null,
			},
		});
		const { success, failure } = await usageRecords(sandbox, {});
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			`Twilio-compatible API answered the usage record of "mms" for 2026-11-01 to 2026-11-30 with ${field} ${JSON.stringify(value)}, which is not a plain number, so the record cannot be read exactly; nothing is returned.`,
		);
	});

	test("totalprice's empty count stays null, as the document allows", async () => {
		const { success, failure } = await usageRecords(sandbox, { category: 'totalprice' });
		expect(failure).toEqual([]);
		expect(success[0].count).toBeNull();
	});

	test('lines over totalprice (a roll-up whose parts are named otherwise) are a Failure naming both totals', async () => {
		const record = (category, price) => ({
			category,
			description: category,
			account_sid: sandbox.twilio.accounts[0],
			start_date: '2026-11-01',
			end_date: '2026-11-30',
			usage: price,
			usage_unit: 'usd',
			count: '1',
			count_unit: '',
			price,
			price_unit: 'usd',
			uri: `/2010-04-01/Accounts/x/Usage/Records/LastMonth.json?Category=${category}`,
		});
		sandbox.injectFault({
			platform: 'twilio',
			status: 200,
			body: {
				usage_records: [
					record('calls', '6.00'),
					record('carrier-lookups', '4.00'),
					// Twilio's lookups holding carrier-lookups: no name says so.
					record('lookups', '4.00'),
					{ ...record('totalprice', '10.00'), count: '' },
				],
				next_page_uri: null,
			},
		});
		const { success, failure } = await usageRecords(sandbox, { outputMode: 'invoiceLines' });
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].error_message).toMatch(/14(\.00)? USD.*totalprice.*10(\.00)? USD/);
	});
});

describe('Usage Records on a Twilio month with a cost in no category', () => {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startScannedSandbox({
			twilio: { today: TODAY, costOutsideCategories: '0.75' },
		});
	});
	afterAll(() => sandbox.close());

	test('the cost is one unattributed line, and the lines add up to totalprice', async () => {
		const { total } = await monthRecords(sandbox);
		const { success: lines, failure } = await usageRecords(sandbox, {
			outputMode: 'invoiceLines',
		});
		expect(failure).toEqual([]);
		const unattributed = lines.filter((line) => line.category === 'unattributed');
		expect(unattributed).toHaveLength(1);
		// 0.75 USD a day of the month.
		const days = (Date.parse(total.end_date) - Date.parse(total.start_date)) / 86_400_000 + 1;
		expect(units(unattributed[0].amount)).toBe(days * 75000);
		expect(unattributed[0]).toMatchObject({
			platform: 'Twilio-compatible API',
			currency: 'USD',
			period_start: total.start_date,
			period_end: total.end_date,
		});
		expect(unattributed[0].description).toMatch(/totalprice that no usage category holds/);
		expect(sumUnits(lines, 'amount')).toBe(units(total.price));
	});

	test('more of totalprice in no category than Unattributed Tolerance allows is a Failure, in exact decimals', async () => {
		const { total } = await monthRecords(sandbox);
		// 30 days of 0.75 USD: 22.50 USD of the month's totalprice.
		const share = (2250 * 100) / Math.round(total.price * 100);
		const below = Math.floor(share * 100) / 100;
		const { success, failure } = await usageRecords(sandbox, {
			outputMode: 'invoiceLines',
			options: { unattributedTolerance: below },
		});
		expect(success).toEqual([]);
		expect(failure[0].error_message).toMatch(
			new RegExp(
				`leave 22\\.5(0)? USD of the totalprice of .* more than the ${below}% that Unattributed Tolerance allows`,
			),
		);
		const above = await usageRecords(sandbox, {
			outputMode: 'invoiceLines',
			options: { unattributedTolerance: Math.ceil(share * 100) / 100 },
		});
		expect(above.failure).toEqual([]);
	});
});
