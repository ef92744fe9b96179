/** The parameters Deliver, Finalize and Reconcile share. */
import { choiceInput, wholeNumberInput, type InputVariable } from '../../shared/inputs';
import { checkText } from '../../shared/validation';
import type { AmountField } from '../deliveryLines';

/**
 * Customer Mapping: evaluated once per input item (n8n evaluates a parameter per item), so that
 * an invoice of Rate Lines, one customer's lines, maps all its lines at once; a priced line, itself.
 */
export const customerMappingInput: InputVariable<string | undefined> = {
	properties: [
		{
			displayName: 'Customer Mapping',
			name: 'customerMapping',
			type: 'string',
			default: '={{ $json.customer }}',
			placeholder: '={{ { "AC1": "cus_..." }[$json.customer] }}',
			description:
				"The Stripe customer (cus_...) of each input item's lines, as an expression: e.g. a lookup table, or the line's customer when it is already a Stripe ID. Evaluated once per input item: for an invoice of Rate Lines, $JSON is the invoice (its customer), and the result applies to all its lines.",
		},
	],
	read(context) {
		const value = context.get('customerMapping');
		if (value === undefined || value === null || String(value).trim() === '') return undefined;
		const checked = checkText(value);
		return checked.ok ? checked.value.trim() : undefined;
	},
};

export const amountFieldInput = choiceInput<AmountField>({
	name: 'amountField',
	displayName: 'Amount',
	description: 'Which figure of each line is billed to the customer',
	choices: [
		{
			name: 'Sell Amount',
			value: 'sell',
			description: "The line's sell_amount in sell_currency, as Rate Lines priced it",
		},
		{
			name: 'Vendor Amount',
			value: 'vendor',
			description:
				"The vendor's figure: cost_amount in cost_currency, or amount in currency for a line Rate Lines did not price",
		},
	],
	default: 'sell',
});

export const collectionMethodInput = choiceInput<'charge_automatically' | 'send_invoice'>({
	name: 'collectionMethod',
	displayName: 'Collection Method',
	description:
		'How Stripe collects the invoice once it is finalized (the drafts are never finalized or charged by Stripe itself: auto_advance is false)',
	choices: [
		{
			name: 'Charge Automatically',
			value: 'charge_automatically',
			description: "Charge the customer's default payment method",
		},
		{
			name: 'Send Invoice',
			value: 'send_invoice',
			description: 'E-mail the invoice, to be paid within Days Until Due',
		},
	],
	default: 'charge_automatically',
});

export const daysUntilDueInput = wholeNumberInput({
	name: 'daysUntilDue',
	displayName: 'Days Until Due',
	description: 'Days the customer has to pay a sent invoice',
	default: 30,
	show: { collectionMethod: ['send_invoice'] },
});
