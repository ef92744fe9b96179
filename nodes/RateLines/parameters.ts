/**
 * Rate Lines' parameters: the rate card, the exchange rates and the output. Read once per
 * execution (from the first item, as n8n's aggregating nodes do), since the lines of every item
 * are priced together.
 */
import type { INodeProperties, INodeTypeBaseDescription } from 'n8n-workflow';

/** What every version shows the same way (each version's description adds its group). */
export const RATE_LINES_BASE = {
	displayName: 'Rate Lines',
	name: 'rateLines',
	icon: { light: 'file:rateLines.svg', dark: 'file:rateLines.dark.svg' },
	description: 'Price invoice lines with a rate card: what each customer pays, exact to the cent',
} satisfies Omit<INodeTypeBaseDescription, 'group'>;

const EXAMPLE_CARD = [
	{ platform: 'twilio', category: '*', customer: '*', model: 'cost_plus', markup: '0.25' },
	{ platform: 'restcomm', category: '*', customer: '*', model: 'cost_plus', markup: '0.25' },
	{
		platform: 'evoVoice',
		category: '*',
		customer: '*',
		model: 'per_unit',
		unit_price: '0.05',
		currency: 'USD',
	},
	{
		platform: 'lumin',
		category: '*',
		customer: '*',
		model: 'graduated',
		currency: 'USD',
		tiers: [
			{ up_to: 100, unit_price: '1.00' },
			{ up_to: null, unit_price: '0.50' },
		],
	},
];

export const RATE_LINES_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Invoice Lines',
		name: 'lines',
		type: 'json',
		default: '[]',
		displayOptions: { show: { '@tool': [true] } },
		description:
			"As an AI agent's tool: the invoice lines to price, a JSON array of the pack's invoice-line schema (customer, platform, category, quantity, unit, amount, currency, period_start, period_end, source). Elsewhere the node prices its input items.",
	},
	{
		displayName: 'Rate Card',
		name: 'rateCard',
		type: 'json',
		required: true,
		// One rule a line, as a user writes a card by hand.
		default: `[\n${EXAMPLE_CARD.map((rule) => `  ${JSON.stringify(rule)}`).join(',\n')}\n]`,
		description:
			'The rules, as a JSON array: each matches platform, category (exact or a * glob) and customer (exact or *), and prices with a model: per_unit, cost_plus, graduated, volume, package or graduated_percentage; optionally free_units, minimum and currency. The most specific matching rule prices a line. Figures are best given as decimal strings ("0.0125").',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		description: 'Each priced line as an item, or one item per customer and period',
		options: [
			{
				name: 'Priced Lines',
				value: 'lines',
				description:
					'Each invoice line with cost_amount, cost_currency, sell_amount, sell_currency, rate_rule and margin',
			},
			{
				name: 'Invoices',
				value: 'invoices',
				description:
					'One item per customer and period: its priced lines, any minimum line and a subtotal per currency',
			},
		],
		default: 'lines',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Exchange Rates',
				name: 'fx',
				type: 'json',
				default: '[]',
				description:
					'A JSON array of { from, to, rate, date, source }: an amount in "from" times rate is the amount in "to". One rate per pair; an inverse is never inferred. A line whose cost currency differs from its sell currency is converted with it.',
			},
		],
	},
];
