// Twilio's roll-ups found whatever the rounding and however many name-children a roll-up has:
// each unit of money in exactly one line, checked against totalprice whether or not Include
// Subaccounts is on. Scripted Twilio months (askedAnswers.cases.js) for the cases a figure rule
// misses: a roll-up sent with fewer decimals than its parts (C), a roll-up with 13 priced
// name-children (H), two subsets that both add up (D).
const { Decimal } = require('decimal.js');

const { chainWorkflow, singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned, startScannedSandbox, useSandbox } = require('./engineRun');
const { usageRecord, twilioPage, scripted, usagePath } = require('./askedAnswers.cases');
const { DateTime } = require('luxon');

let sandbox;
useSandbox({}, (started) => (sandbox = started));

const NOW = DateTime.fromISO('2026-12-03T12:00:00Z', { zone: 'utc' });
const [START, END] = ['2026-11-01', '2026-11-30'];

/** Last month's records of the sandbox's Twilio account: [category, price, usage]. */
const month = (rows) =>
	twilioPage(
		rows.map(([category, price, usage]) =>
			usageRecord(sandbox.credentials.twilio.accountSid, category, START, END, {
				usage: usage ?? 0,
				price,
			}),
		),
	);

/** Usage Records' invoice lines for last month on the scripted answer: category and amount. */
async function lines(rows, parameters = {}) {
	sandbox.clearFaults();
	scripted('twilio', usagePath(sandbox, 'twilio'), [month(rows)]).forEach((fault) =>
		sandbox.injectFault(fault),
	);
	const result = await runScanned(
		singleNodeWorkflow('Usage', {
			type: 'restcommUsageRecords',
			parameters: {
				operation: 'lastMonth',
				category: '',
				outputMode: 'invoiceLines',
				...parameters,
			},
			onError: 'continueRegularOutput',
		}),
		{ credentials: { commsBillingApi: sandbox.credentials.twilio }, now: NOW },
	);
	const [success, failure] = result.outputs('Usage');
	return {
		lines: success.map(({ json }) => [json.category, json.amount]),
		failure: failure.map(({ json }) => json.error_message),
		total: success.reduce((sum, { json }) => sum.plus(String(json.amount ?? 0)), new Decimal(0)),
	};
}

// C: calls sent with 4 decimals over parts with 5; the parts' true sum is 10.00002.
const CASE_C = [
	['calls', '10.0000', 100],
	['calls-inbound', '3.00004', 30],
	['calls-outbound', '6.99998', 70],
	['sms', '3.50000', 350],
	['totalprice', '13.50002'],
];
// H: calls with 13 priced name-children (Twilio's list), of which inbound and outbound are its parts.
const OTHER_CALLS_CHILDREN = [
	'calls-client',
	'calls-emergency',
	'calls-globalconference',
	'calls-media-stream-minutes',
	'calls-pay-verb-transactions',
	'calls-recordings',
	'calls-sip',
	'calls-text-to-speech',
	'calls-transfers',
	'calls-trunking-inbound-tollfree-local',
	'calls-trunking-inbound-tollfree-mobile',
];
const CASE_H = [
	['calls', '10.00000', 200],
	['calls-inbound', '4.00000', 80],
	['calls-outbound', '6.00000', 120],
	...OTHER_CALLS_CHILDREN.map((category) => [category, '0.10000', 1]),
	['totalprice', '11.10000'],
];
// D: calls-outbound + calls-recordings adds up to calls as well as inbound + outbound, usage too.
const CASE_D = [
	['calls', '6.50000', 130],
	['calls-inbound', '2.50000', 50],
	['calls-outbound', '4.00000', 80],
	['calls-recordings', '2.50000', 50],
	['totalprice', '9.00000'],
];

describe.each([
	['Include Subaccounts on', {}],
	['Include Subaccounts off', { includeSubaccounts: false }],
])('%s', (_, subaccounts) => {
	test('C: a roll-up rounded otherwise than its parts is no line of its own: 13.50002', async () => {
		const result = await lines(CASE_C, subaccounts);
		expect(result.failure).toEqual([]);
		expect(result.lines).toEqual([
			['calls-inbound', 3.00004],
			['calls-outbound', 6.99998],
			['sms', 3.5],
		]);
		expect(result.total.toString()).toBe('13.50002');
	});

	test('H: a roll-up with 13 priced name-children: its two parts found, 11.10', async () => {
		const result = await lines(CASE_H, subaccounts);
		expect(result.failure).toEqual([]);
		expect(result.lines.map(([category]) => category)).not.toContain('calls');
		expect(result.total.toString()).toBe('11.1');
	});
});

test('D: Category calls gives the parts its page names, inbound and outbound, when two subsets add up', async () => {
	const result = await lines(CASE_D, { category: 'calls' });
	expect(result.failure).toEqual([]);
	expect(result.lines).toEqual([
		['calls-inbound', 2.5],
		['calls-outbound', 4],
	]);
});

// A roll-up no subset of whose parts adds up, kept beside them: more than totalprice.
const NOT_ADDING_UP = [
	['calls', '10.00000', 100],
	['calls-inbound', '3.00000', 30],
	['calls-outbound', '6.00000', 70],
	['sms', '3.50000', 350],
	['totalprice', '13.50000'],
];

describe('When Categories Do Not Add Up', () => {
	const option = (whenNotAddingUp) => ({ options: { whenNotAddingUp } });

	test('Fail (the default): a Failure naming both totals and the option', async () => {
		const result = await lines(NOT_ADDING_UP);
		expect(result.lines).toEqual([]);
		expect(result.failure).toEqual([
			expect.stringMatching(
				/whose categories do not add up: its categories' prices come to 22\.50 USD, more than the totalprice of 13\.50 USD .* When Categories Do Not Add Up/,
			),
		]);
	});

	test('Categories Without Parts, Rest as One Line: the categories no name extends, and the rest', async () => {
		const result = await lines(NOT_ADDING_UP, option('categoriesWithoutParts'));
		expect(result.failure).toEqual([]);
		expect(result.lines).toEqual([
			['calls-inbound', 3],
			['calls-outbound', 6],
			['sms', 3.5],
			['unattributed', 1],
		]);
		expect(result.total.toString()).toBe('13.5');
	});

	test("One Line With Twilio's Total: one line, its quantity and amount the total; Rate Lines prices it only by amount", async () => {
		sandbox.clearFaults();
		scripted('twilio', usagePath(sandbox, 'twilio'), [month(NOT_ADDING_UP)]).forEach((fault) =>
			sandbox.injectFault(fault),
		);
		const pricedBy = async (rule) => {
			const result = await runScanned(
				chainWorkflow([
					{
						name: 'Usage',
						type: 'restcommUsageRecords',
						parameters: {
							operation: 'lastMonth',
							category: '',
							outputMode: 'invoiceLines',
							...option('oneLine'),
						},
					},
					{
						name: 'Rate',
						type: 'rateLines',
						parameters: { rateCard: JSON.stringify([rule]) },
						onError: 'continueRegularOutput',
					},
				]),
				{ credentials: { commsBillingApi: sandbox.credentials.twilio }, now: NOW },
			);
			const [[usage]] = result.outputs('Usage');
			expect(usage.json).toMatchObject({
				category: 'totalprice',
				quantity: 13.5,
				unit: 'USD',
				amount: 13.5,
				currency: 'USD',
			});
			expect(usage.json.description).toMatch(/^Twilio's total for the period, as one line: /);
			const [priced, failed] = result.outputs('Rate');
			return { priced: priced.map(({ json }) => json), failed: failed.map(({ json }) => json) };
		};
		const byAmount = await pricedBy({ platform: 'twilio', model: 'cost_plus', markup: '0.2' });
		expect(byAmount.failed).toEqual([]);
		expect(byAmount.priced.map((line) => line.sell_amount)).toEqual([16.2]);
		const perUnit = await pricedBy({ platform: 'twilio', model: 'per_unit', unit_price: '0.05' });
		expect(perUnit.priced).toEqual([]);
		expect(perUnit.failed[0].error_message).toMatch(
			/counts in USD: its quantity is money .* which only an amount model \(cost_plus, graduated_percentage\) can price, not per_unit/,
		);
	});
});

describe("a month of Twilio's whole list, every roll-up rounded to 2 decimals and its parts to 5", () => {
	let rounded;
	beforeAll(async () => {
		rounded = await startScannedSandbox({
			twilio: { today: '2026-01-15', rollUpDecimals: 2, callsChildren: 'twilioList' },
		});
	});
	afterAll(async () => await rounded.close());

	test.each([
		['Include Subaccounts on', {}, 2],
		['Include Subaccounts off', { includeSubaccounts: false }, 1],
	])(
		'%s: the lines are the sandbox’s leaves, category by category, adding up to totalprice to the cent',
		async (_, subaccounts, accounts) => {
			const result = await runScanned(
				singleNodeWorkflow('Usage', {
					type: 'restcommUsageRecords',
					parameters: {
						operation: 'lastMonth',
						category: 'leaves',
						outputMode: 'invoiceLines',
						...subaccounts,
					},
					onError: 'continueRegularOutput',
				}),
				{
					credentials: { commsBillingApi: rounded.credentials.twilio },
					now: DateTime.fromISO('2026-01-15T12:00:00Z', { zone: 'utc' }),
				},
			);
			const [success, failure] = result.outputs('Usage');
			expect(failure).toEqual([]);
			const lines = success.map(({ json }) => json);
			const leaves = rounded.twilio
				.leafUsage(rounded.twilio.accounts.slice(0, accounts), '2025-12-01', '2025-12-31')
				.filter(({ price, usage }) => Number(price) !== 0 || Number(usage) !== 0);
			const byCategory = (rows, figure) =>
				Object.fromEntries(
					rows.map((row) => [row.category, new Decimal(String(row[figure])).toString()]),
				);
			expect(
				byCategory(
					lines.filter((line) => line.category !== 'unattributed'),
					'amount',
				),
			).toEqual(byCategory(leaves, 'price'));
			// The month's totalprice, as the sandbox rounds it.
			const total = leaves.reduce((sum, leaf) => sum.plus(leaf.price), new Decimal(0));
			const billed = lines.reduce((sum, line) => sum.plus(String(line.amount)), new Decimal(0));
			expect(billed.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()).toBe(
				total.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString(),
			);
		},
	);
});
