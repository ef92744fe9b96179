// Rate Lines version 2 through n8n's engine: the Failure shape and n8n's On Error as every node of
// the pack has them, a month without usage billing listed customers from an empty item, the card
// as fields, and the monthly billing example moved to version 2 pricing what version 1 priced.
const { invoiceLine: line } = require('../invoiceLine');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { credentialValues } = require('../../harness/fixtures');
const monthlyBilling = require('../../examples/monthly-billing.json');
const { runScanned, useSandbox } = require('./engineRun');

let sandbox;
useSandbox({}, (started) => (sandbox = started));

/** Rate Lines version 2 alone, the manual trigger handing it `inputs`. */
async function rate(inputs, parameters, onError) {
	return await runScanned(
		singleNodeWorkflow('Rate', {
			type: 'rateLines',
			typeVersion: 2,
			parameters: { rateCardMode: 'json', ...parameters },
			...(onError ? { onError } : {}),
		}),
		{ inputItems: inputs.map((json) => ({ json })) },
	);
}

const TWILIO_ONLY = JSON.stringify([{ platform: 'twilio', model: 'cost_plus', markup: '0.2' }]);
const UNMATCHED = line({ platform: 'Lumin.ai' });

describe('a line that cannot be priced, under each On Error', () => {
	test('Continue (regular output): a Failure in the shape every Failure has, the line beside it', async () => {
		const result = await rate(
			[line({}), UNMATCHED],
			{ rateCard: TWILIO_ONLY },
			'continueRegularOutput',
		);
		const [success, failure] = result.outputs('Rate');
		expect(success.map(({ json }) => json.sell_amount)).toEqual([0.95]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json).toEqual({
			...UNMATCHED,
			error_message: expect.stringMatching(/^No rule of the rate card matches platform Lumin\.ai/),
			response_status_code: 0,
			response_body: null,
		});
		expect(failure[0].pairedItem).toEqual({ item: 1 });
	});

	test("Continue (using error output): the Failure stays on Failure, as a refusal does; a card that cannot be read goes to n8n's error output", async () => {
		const result = await rate(
			[line({}), UNMATCHED],
			{ rateCard: TWILIO_ONLY },
			'continueErrorOutput',
		);
		const [, failure, errors = []] = result.outputs('Rate');
		expect(failure.map(({ json }) => json.response_status_code)).toEqual([0]);
		expect(errors).toEqual([]);
		const unread = await rate(
			[line({})],
			{ rateCard: '[{"model": "per_unit"}]' },
			'continueErrorOutput',
		);
		const [success, , unreadErrors = []] = unread.outputs('Rate');
		expect(success).toEqual([]);
		expect(unreadErrors.map(({ json }) => json.error)).toEqual([
			'Invalid parameter "rateCard" in item 0: rule 1.unit_price: is required',
		]);
	});

	test('Stop Workflow (the default): the run stops, naming the line', async () => {
		const result = await rate([line({}), UNMATCHED], { rateCard: TWILIO_ONLY });
		expect(result.nodeError('Rate').message).toMatch(
			/^1 of 2 lines cannot be priced\. Line 1: No rule/,
		);
	});

	test('a node dropped in has no prices, and says so when run', async () => {
		const result = await runScanned(
			singleNodeWorkflow('Rate', { type: 'rateLines', typeVersion: 2, parameters: {} }),
			{ inputItems: [{ json: line({}) }] },
		);
		expect(result.nodeError('Rate').message).toMatch(
			/^Invalid parameter "rules" in item 0: the rate card: has no rules, so nothing has a price/,
		);
	});
});

describe('a month without usage', () => {
	test('an empty item (Always Output Data) is no line: the listed customer is billed its fee and its prorated minimum', async () => {
		const card = {
			rules: [{ model: 'per_unit', unit_price: '0.01', currency: 'USD' }],
			customers: [
				{
					id: 'AC9',
					starts_on: '2026-11-16',
					minimum: { amount: '100.00', currency: 'USD' },
					fees: [{ name: 'Platform fee', amount: '20.00', currency: 'USD' }],
				},
			],
		};
		const result = await rate([{}], { rateCard: JSON.stringify(card), billingMonth: '2026-11' });
		const [success, failure] = result.outputs('Rate');
		expect(failure).toEqual([]);
		expect(success.map(({ json }) => [json.customer, json.rate_rule, json.sell_amount])).toEqual([
			['AC9', 'fee: Platform fee', 20],
			['AC9', 'minimum commitment', 30],
		]);
		expect(success.every(({ pairedItem }) => JSON.stringify(pairedItem) === '[{"item":0}]')).toBe(
			true,
		);
	});

	test('without Billing Month, no line gives a month: a parameter error naming it', async () => {
		const result = await rate([{}], { rateCard: TWILIO_ONLY });
		expect(result.nodeError('Rate').message).toBe(
			'Invalid parameter "billingMonth" in item 0: no line gives a month to bill: set Billing Month (YYYY-MM)',
		);
	});
});

test('the card as fields prices as the same card as JSON', async () => {
	const fields = {
		rateCardMode: 'fields',
		rules: {
			rule: [
				{
					platform: 'twilio',
					category: '*',
					customer: '*',
					model: 'graduated',
					currency: 'USD',
					tiers: {
						tier: [{ up_to: '50', unit_price: '0.02', flat_fee: '1' }, { unit_price: '0.01' }],
					},
				},
			],
		},
	};
	const json = [
		{
			platform: 'twilio',
			model: 'graduated',
			currency: 'USD',
			tiers: [
				{ up_to: '50', unit_price: '0.02', flat_fee: '1' },
				{ up_to: null, unit_price: '0.01' },
			],
		},
	];
	const byFields = (await rate([line({})], fields)).outputs('Rate')[0];
	const byJson = (await rate([line({})], { rateCard: JSON.stringify(json) })).outputs('Rate')[0];
	expect(byFields.map(({ json: priced }) => priced.sell_amount)).toEqual([2.5]);
	expect(byFields.map(({ json: priced }) => priced.sell_amount)).toEqual(
		byJson.map(({ json: priced }) => priced.sell_amount),
	);
});

test('the monthly billing example, moved to version 2, prices what version 1 priced', async () => {
	// The example as it was: the same nodes, Rate Lines at version 1 with the same card.
	const version1 = JSON.parse(JSON.stringify(monthlyBilling));
	const pricing = version1.nodes.find((node) => node.type.endsWith('.rateLines'));
	const { rateCard, output, options } = pricing.parameters;
	Object.assign(pricing, { typeVersion: 1, parameters: { rateCard, output, options } });
	const credentials = credentialValues(sandbox);
	const invoices = async (workflow) =>
		(await runScanned(workflow, { credentials }))
			.outputs('What Each Customer Pays')[0]
			.map(({ json }) => json);
	const [before, after] = [await invoices(version1), await invoices(monthlyBilling)];
	expect(after.length).toBeGreaterThan(0);
	expect(after).toEqual(before);
});
