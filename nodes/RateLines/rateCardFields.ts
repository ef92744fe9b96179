/**
 * Rate Lines version 2's rate card as the editor shows it: fields (a list of rules, a list of
 * customers) or JSON. The card object the fields make is cardFromFields.ts's, exported here too.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { SOURCE_PLATFORM_LABELS } from '../shared/platforms';
import { TIER_MODELS, UNIT_MODELS } from './cardFromFields';
import type { ModelName } from './rateRules';

export { cardFromFields } from './cardFromFields';

/** A text field: every figure is one, so that it is read later as an exact decimal. */
const text = (
	displayName: string,
	name: string,
	description: string,
	more: Partial<INodeProperties> = {},
): INodeProperties => ({ displayName, name, type: 'string', default: '', description, ...more });

const forModels = (models: ModelName[]) => ({ displayOptions: { show: { model: models } } });

/** A list of entries, each `values`; five values or more in the order n8n's lint asks (by name). */
const list = (
	displayName: string,
	name: string,
	description: string,
	entry: { displayName: string; name: string; values: INodeProperties[] },
	more: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	placeholder: `Add ${entry.displayName}`,
	default: {},
	typeOptions: { multipleValues: true, sortable: true },
	description,
	options: [
		{
			...entry,
			values:
				entry.values.length < 5
					? entry.values
					: [...entry.values].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	...more,
});

const PLATFORM_CHOICES: INodePropertyOptions[] = [
	{ name: 'Any', value: '*' },
	// Twilio-Compatible API: a hyphenated part capitalised, as n8n's lint asks of an option's name.
	...Object.entries(SOURCE_PLATFORM_LABELS).map(([value, label]) => ({
		name: label.replace(/-([a-z])/g, (_, letter: string) => `-${letter.toUpperCase()}`),
		value,
	})),
].sort((a, b) => a.name.localeCompare(b.name));

const MODEL_CHOICES: Array<INodePropertyOptions & { value: ModelName }> = [
	{ name: 'Cost Plus', value: 'cost_plus', description: 'The vendor amount plus Markup' },
	{ name: 'Graduated', value: 'graduated', description: "Each tier's units at that tier's price" },
	{
		name: 'Graduated Percentage',
		value: 'graduated_percentage',
		description: "Each tier's Rate on the vendor amount inside it",
	},
	{
		name: 'Package',
		value: 'package',
		description: 'Every started package of Package Size units at Package Price',
	},
	{ name: 'Per Unit', value: 'per_unit', description: 'Unit Price for every unit' },
	{
		name: 'Volume',
		value: 'volume',
		description: 'Every unit at the price of the tier the total falls in',
	},
];

const TIERS = list(
	'Tiers',
	'tiers',
	'The tiers in order, each ending at its Up To; the last has no Up To',
	{
		displayName: 'Tier',
		name: 'tier',
		values: [
			text(
				'Up To',
				'up_to',
				'Where the tier ends, included: units counted from the first (for Graduated Percentage, an amount). Empty on the last tier, which has no end.',
			),
			text(
				'Unit Price',
				'unit_price',
				'Price of one unit in the tier. Read by Graduated and Volume; Graduated Percentage reads Rate.',
			),
			text(
				'Rate',
				'rate',
				'Percent of the vendor amount inside the tier: 0.5 is half a percent, as Lago reads it. Read by Graduated Percentage; Graduated and Volume read Unit Price.',
			),
			text(
				'Flat Fee',
				'flat_fee',
				'Charged once when usage reaches the tier (for Volume, the tier the total falls in). Empty: none.',
			),
		],
	},
	forModels(TIER_MODELS),
);

const RULE_VALUES: INodeProperties[] = [
	text('Label', 'label', 'A name for the rule, by which a customer can subscribe to it'),
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		options: PLATFORM_CHOICES,
		default: '*',
		description: 'The platform of the lines the rule prices',
	},
	text('Category', 'category', "The lines' category: exact, or a glob such as sms-*; * for any", {
		default: '*',
	}),
	text('Customer', 'customer', "The lines' customer: exact, or * for any", { default: '*' }),
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		options: MODEL_CHOICES,
		default: 'per_unit',
		description: 'How the rule prices its lines',
	},
	text('Unit Price', 'unit_price', 'Price of one unit, as a decimal', forModels(['per_unit'])),
	text(
		'Markup',
		'markup',
		'Added to the vendor amount, as a fraction of it: 0.25 is 25%. The price is the amount times (1 + Markup).',
		forModels(['cost_plus']),
	),
	text('Package Size', 'package_size', 'Units in one package', forModels(['package'])),
	text('Package Price', 'package_price', 'Price of one package', forModels(['package'])),
	TIERS,
	text(
		'Free Units',
		'free_units',
		"Units not charged, taken off the customer's quantity in the period first. Empty: none.",
		forModels(UNIT_MODELS),
	),
	text(
		'Minimum',
		'minimum',
		'The least the rule charges a customer for a period; a line carries the difference. Empty: none.',
	),
	text(
		'Currency',
		'currency',
		"The sell currency, an ISO 4217 code. Empty: the lines' cost currency.",
	),
];

const FEE_VALUES: INodeProperties[] = [
	text('Name', 'name', "The fee's name"),
	text('Amount', 'amount', 'The fee for a whole period. A decimal, such as 99.00.'),
	text('Currency', 'currency', 'The ISO 4217 code of Amount, such as USD'),
	{
		displayName: 'Prorated',
		name: 'prorated',
		type: 'boolean',
		default: false,
		description:
			'Whether a period the customer is subscribed for in part is charged for its days only',
	},
];

const CUSTOMER_VALUES: INodeProperties[] = [
	text('Customer ID', 'id', "The customer as the invoice lines' customer field gives it", {
		required: true,
	}),
	text('Name', 'name', "The customer's name"),
	text('Starts On', 'starts_on', 'First day subscribed, YYYY-MM-DD (included). Empty: no start.'),
	text('Ends On', 'ends_on', 'Last day subscribed, YYYY-MM-DD (included). Empty: no end.'),
	text(
		'Rules',
		'rules',
		'The rules the customer subscribes to, comma-separated: positions from 1 or labels, such as 1, 3, SMS. A text of digits is a position.',
	),
	text(
		'Minimum',
		'minimum',
		'Minimum commitment: the least the customer is charged for a period. Empty: none.',
	),
	text('Minimum Currency', 'minimum_currency', 'The ISO 4217 code of Minimum, such as USD'),
	list('Fees', 'fees', 'Fixed fees charged every period, whatever the usage', {
		displayName: 'Fee',
		name: 'fee',
		values: FEE_VALUES,
	}),
];

const fieldsMode = { displayOptions: { show: { rateCardMode: ['fields'] } } };

export const RATE_CARD_V2_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Rate Card Mode',
		name: 'rateCardMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields', value: 'fields', description: 'Rules and customers, filled in here' },
			{
				name: 'JSON',
				value: 'json',
				description: 'The card as JSON, which an expression can bring from a sheet or a Data Table',
			},
		],
		default: 'fields',
		description: 'How the rate card is given',
	},
	{
		displayName: 'Rate Card',
		name: 'rateCard',
		type: 'json',
		default: '',
		displayOptions: { show: { rateCardMode: ['json'] } },
		description:
			'An object of "rules" and "customers". A rule: platform, category, customer, model and its figures (unit_price; markup; tiers of {up_to, unit_price or rate, flat_fee}; package_size and package_price), optionally label, free_units, minimum and currency. A customer: its ID, optionally name, starts_on, ends_on, rules (positions from 1 or labels), minimum {amount, currency} and fees [{name, amount, currency, prorated}]. Figures as decimal strings. Empty: no prices.',
		hint: 'For example: {"rules": [{"label": "SMS", "platform": "twilio", "category": "sms-*", "customer": "*", "model": "per_unit", "unit_price": "0.0125", "currency": "USD"}], "customers": [{"id": "acme", "rules": ["SMS"], "fees": [{"name": "Platform", "amount": "99.00", "currency": "USD", "prorated": true}]}]}',
	},
	list(
		'Rules',
		'rules',
		'The most specific rule that matches a line prices it; between rules as specific, the one higher in this list. Drag to reorder.',
		{ displayName: 'Rule', name: 'rule', values: RULE_VALUES },
		fieldsMode,
	),
	list(
		'Customers',
		'customers',
		'Customers and what they subscribe to: rules, fixed fees and a minimum',
		{ displayName: 'Customer', name: 'customer', values: CUSTOMER_VALUES },
		{ ...fieldsMode, typeOptions: { multipleValues: true } },
	),
];
