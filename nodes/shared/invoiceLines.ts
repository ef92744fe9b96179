/**
 * Invoice Lines: one output schema shared by the usage nodes of every platform, so that a monthly
 * billing run is the usage nodes and n8n's Merge node, with no code. Pure.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { PLATFORM_LABELS, type SourcePlatform } from './platforms';

export const INVOICE_LINE_FIELDS = [
	'customer',
	'customer_name',
	'platform',
	'category',
	'description',
	'quantity',
	'unit',
	'amount',
	'currency',
	'period_start',
	'period_end',
	'source',
] as const;

export interface InvoiceLine {
	/** Whom the usage is billed to: an account, a customer or a host. */
	customer: string;
	/** The customer as people name it, where the platform tells (an account's friendly name). */
	customerName: string | null;
	platform: SourcePlatform;
	category: string;
	description: string;
	quantity: number;
	unit: string;
	/** The vendor's price of the line; null where the vendor prices nothing. */
	amount: number | null;
	/** ISO 4217, upper case; null where there is no amount. */
	currency: string | null;
	/** YYYY-MM-DD, in the period's time zone. */
	periodStart: string | null;
	periodEnd: string | null;
	/** What the line was computed from, e.g. a usage record's URI. */
	source: string;
}

/** The line as an output item's JSON, its fields in the schema's order. */
export function invoiceLine(line: InvoiceLine): IDataObject {
	return {
		customer: line.customer,
		customer_name: line.customerName,
		platform: PLATFORM_LABELS[line.platform],
		category: line.category,
		description: line.description,
		quantity: line.quantity,
		unit: line.unit,
		amount: line.amount,
		currency: line.amount === null ? null : (line.currency?.toUpperCase() ?? null),
		period_start: line.periodStart,
		period_end: line.periodEnd,
		source: line.source,
	};
}

/** The output mode's choice, described the same way on every node that has it. */
export const INVOICE_LINES_CHOICE = {
	name: 'Invoice Lines',
	value: 'invoiceLines',
	description:
		"One item per customer, category and period in the pack's shared invoice-line schema, each unit of usage once",
} as const satisfies INodePropertyOptions;
