// Rate Lines through n8n's engine: the monthly billing example priced with its rate card, each
// customer's invoice checked against decimal.js (a dev-only oracle) from the lines the usage nodes
// gave; a Twilio month at cost plus, to the cent of its totalprice; and what a line that cannot be
// priced, or a rate card that cannot be read, does under each On Error.
const { Decimal } = require('decimal.js');

const { singleNodeWorkflow, chainWorkflow } = require('../../harness/workflows');
const { credentialValues } = require('../../harness/fixtures');
const monthlyBilling = require('../../examples/monthly-billing.json');
const { runScanned, useSandbox } = require('./engineRun');
const { expectCustomersPriced } = require('../exampleChecks');
const { invoiceLine: line } = require('../invoiceLine');

let sandbox;
useSandbox({}, (started) => {
	sandbox = started;
});

const Money = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP });
const cents = (value) => new Money(String(value)).toDecimalPlaces(2).toFixed(2);

/** Rate Lines alone, the manual trigger handing it `lines`. */
async function rate(lines, parameters, { onError } = {}) {
	const result = await runScanned(
		singleNodeWorkflow('Rate', { type: 'rateLines', parameters, ...(onError ? { onError } : {}) }),
		{ inputItems: lines.map((json) => ({ json })) },
	);
	return result;
}

describe('the monthly billing example: what each customer pays', () => {
	test("each customer's invoice is decimal.js's price of its lines, minimums included", async () => {
		const result = await runScanned(monthlyBilling, { credentials: credentialValues(sandbox) });
		const lines = result.outputs('Invoice Lines')[0].map(({ json }) => json);
		// What the end-to-end and queue-mode suites check of the same run in real n8n.
		expectCustomersPriced(result, lines);
		const [invoices] = result.outputs('What Each Customer Pays');

		// The example's rate card, priced again by hand per customer and platform.
		const expected = new Map();
		const add = (customer, amount) =>
			expected.set(customer, (expected.get(customer) ?? new Money(0)).plus(amount));
		const byGroup = new Map();
		for (const entry of lines) {
			const key = `${entry.platform}|${entry.customer}`;
			byGroup.set(key, [...(byGroup.get(key) ?? []), entry]);
		}
		for (const [key, group] of byGroup) {
			const [platform, customer] = key.split('|');
			if (platform === 'Restcomm') {
				const cost = group.reduce((sum, entry) => sum.plus(String(entry.amount)), new Money(0));
				add(customer, cost.times('1.25').toDecimalPlaces(2));
			} else if (platform === 'Evo Voice') {
				const minutes = group.reduce(
					(sum, entry) => sum.plus(String(entry.quantity)),
					new Money(0),
				);
				add(customer, Money.max(minutes.times('0.06').toDecimalPlaces(2), 40));
			} else {
				const events = group.reduce((sum, entry) => sum + entry.quantity, 0);
				const tiered = new Money(Math.min(events, 100))
					.plus(new Money(Math.max(0, Math.min(events, 250) - 100)).times('0.75'))
					.plus(new Money(Math.max(0, events - 250)).times('0.50'));
				add(customer, tiered.toDecimalPlaces(2));
			}
		}
		expect(
			Object.fromEntries(
				invoices.map(({ json }) => [
					json.customer,
					json.subtotals.map((s) => [s.currency, cents(s.amount)]),
				]),
			),
		).toEqual(
			Object.fromEntries(
				[...expected].map(([customer, total]) => [customer, [['USD', total.toFixed(2)]]]),
			),
		);
		// Every line priced once, and the Evo Voice customers below 40.00 USD topped up by a line.
		const priced = invoices.flatMap(({ json }) => json.lines);
		expect(priced.filter((entry) => entry.category !== 'minimum')).toHaveLength(lines.length);
		const belowMinimum = [...byGroup]
			.filter(([key, group]) => key.startsWith('Evo Voice') && group[0].quantity * 0.06 < 40)
			.map(([key]) => key.split('|')[1]);
		expect(belowMinimum.length).toBeGreaterThan(0);
		expect(
			priced
				.filter((entry) => entry.category === 'minimum')
				.map((entry) => entry.customer)
				.sort(),
		).toEqual(belowMinimum.sort());
	});

	test('re-rating the same month gives byte-identical output', async () => {
		const runs = [];
		for (let time = 0; time < 2; time++) {
			const result = await runScanned(monthlyBilling, { credentials: credentialValues(sandbox) });
			runs.push(JSON.stringify(result.outputs('What Each Customer Pays')));
		}
		expect(runs[1]).toBe(runs[0]);
	});
});

describe('a Twilio month at cost plus', () => {
	test("its leaf categories' lines sell for their cost x 1.2, rounded once, to the cent", async () => {
		const result = await runScanned(
			chainWorkflow([
				{
					name: 'Usage',
					type: 'restcommUsageRecords',
					parameters: { operation: 'lastMonth', category: 'leaves', outputMode: 'invoiceLines' },
				},
				{
					name: 'Rate',
					type: 'rateLines',
					parameters: {
						rateCard: JSON.stringify([{ platform: 'twilio', model: 'cost_plus', markup: '0.2' }]),
						output: 'lines',
					},
				},
			]),
			{ credentials: { commsBillingApi: { ...sandbox.credentials.twilio } } },
		);
		const lines = result.outputs('Usage')[0].map(({ json }) => json);
		const [priced, failed] = result.outputs('Rate');
		expect(failed).toEqual([]);
		expect(priced).toHaveLength(lines.length);
		const cost = lines.reduce((sum, entry) => sum.plus(String(entry.amount)), new Money(0));
		const sold = priced.reduce((sum, { json }) => sum.plus(String(json.sell_amount)), new Money(0));
		expect(sold.toFixed(2)).toBe(cost.times('1.2').toDecimalPlaces(2).toFixed(2));
		expect(priced[0].json).toMatchObject({
			rate_rule: 'twilio / * / * : cost_plus',
			sell_currency: 'USD',
			cost_currency: 'USD',
		});
		expect(priced.map(({ pairedItem }) => pairedItem)).toEqual(lines.map((_, item) => [{ item }]));
	});
});

describe('a line that cannot be priced, a card that cannot be read', () => {
	const card = JSON.stringify([{ platform: 'restcomm', model: 'cost_plus', markup: '0.2' }]);

	test('Stop Workflow (the default): the run fails, naming the line; nothing on Success', async () => {
		const result = await rate([line({ platform: 'Restcomm' }), line({})], { rateCard: card });
		expect(result.nodeError('Rate')?.message).toBe(
			'1 of 2 lines cannot be priced. Line 1: No rule of the rate card matches platform Twilio-compatible API, category sms-outbound and customer AC1, so the line is not priced.',
		);
	});

	test('Continue: the line goes to Failure with its platform, category and customer', async () => {
		const result = await rate(
			[line({ platform: 'Restcomm' }), line({})],
			{ rateCard: card },
			{
				onError: 'continueRegularOutput',
			},
		);
		const [success, failure] = result.outputs('Rate');
		expect(success.map(({ json }) => json.sell_amount)).toEqual([0.95]);
		expect(failure).toEqual([
			{
				json: expect.objectContaining({
					platform: 'Twilio-compatible API',
					category: 'sms-outbound',
					customer: 'AC1',
					error_message: expect.stringMatching(/^No rule of the rate card matches/),
				}),
				pairedItem: { item: 1 },
			},
		]);
	});

	test('a rate card that cannot be read is a parameter error naming it and the rule', async () => {
		const result = await rate([line({})], {
			rateCard: JSON.stringify([{ model: 'graduated', tiers: [{ up_to: 5, unit_price: 1 }] }]),
		});
		expect(result.nodeError('Rate')?.message).toBe(
			'Invalid parameter "rateCard" in item 0: rule 1.tiers[0].up_to: must be null on the last tier, which has no end',
		);
	});

	test('exchange rates with a second rate for a pair: a parameter error naming them', async () => {
		const fx = JSON.stringify([
			{ from: 'USD', to: 'EUR', rate: '0.92' },
			{ from: 'USD', to: 'EUR', rate: '0.93' },
		]);
		const result = await rate([line({})], { rateCard: card, options: { fx } });
		expect(result.nodeError('Rate')?.message).toBe(
			'Invalid parameter "options.fx" in item 0: rate 2: gives a second rate from USD to EUR',
		);
	});
});

describe("as an AI agent's tool", () => {
	const card = JSON.stringify([{ platform: 'twilio', model: 'cost_plus', markup: '0.5' }]);

	test('the lines come from the agent, in the lines parameter', async () => {
		const result = await runScanned(
			singleNodeWorkflow('Rate', {
				type: 'rateLinesTool',
				parameters: { rateCard: card, lines: JSON.stringify([line({ amount: 2 })]) },
			}),
		);
		const [[priced]] = result.outputs('Rate');
		expect(priced.json).toMatchObject({ customer: 'AC1', sell_amount: 3, cost_amount: 2 });
	});

	test('a line it cannot price reaches the agent as the reason, thrown', async () => {
		const result = await runScanned(
			singleNodeWorkflow('Rate', {
				type: 'rateLinesTool',
				parameters: { rateCard: card, lines: JSON.stringify([line({ platform: 'Lumin.ai' })]) },
				onError: 'continueRegularOutput',
			}),
		);
		expect(result.nodeError('Rate')?.message).toMatch(
			/^1 of 1 lines cannot be priced\. Line 0: No rule of the rate card matches platform Lumin\.ai/,
		);
	});
});
