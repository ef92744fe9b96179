/**
 * Rate Lines version 2's parameters: the billing month, the rate card (as fields or as JSON), the
 * output and the exchange rates. Read once per execution, from the first item, since every
 * item's lines are priced together.
 */
import type { INodeProperties } from 'n8n-workflow';

import { RATE_LINES_PROPERTIES } from './parameters';
import { RATE_CARD_V2_PROPERTIES } from './rateCardFields';

const [lines, , output, options] = RATE_LINES_PROPERTIES;

export const RATE_LINES_V2_PROPERTIES: INodeProperties[] = [
	lines,
	{
		displayName: 'Billing Month',
		name: 'billingMonth',
		type: 'string',
		default: '',
		placeholder: '2026-11',
		description:
			"The month billed, YYYY-MM; empty: the one month of the lines' periods. Lines are priced per customer, rule, sell currency and month, so tiers, free units and minimums apply to the month whatever the lines' granularity. For a month without usage to still bill the listed customers' fees and minimums, turn on Always Output Data on the node before this one and set the month.",
	},
	...RATE_CARD_V2_PROPERTIES,
	{
		...output,
		description: 'Each priced line as an item, or one item per customer and billing month',
	},
	options,
];
