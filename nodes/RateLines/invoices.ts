/**
 * Rate Lines' Invoices output: the priced lines of each customer and period in one item, with a
 * subtotal per sell currency, summed exactly. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { decimalToNumber, readDecimal, sumDecimals, type Decimal } from '../shared/decimal';

export interface PricedLine {
	items: number[];
	json: IDataObject;
}

export interface Invoice {
	items: number[];
	json: IDataObject;
}

/**
 * One invoice per customer and period (or, given `month`, per customer: version 2 bills a
 * month whatever its lines' own periods), in that order; each line once, in the order given.
 */
export function invoicesOf(
	lines: readonly PricedLine[],
	month?: { start: string; end: string },
): Invoice[] {
	const periodOf = ({ json }: PricedLine) =>
		month
			? { start: month.start, end: month.end }
			: { start: json.period_start ?? null, end: json.period_end ?? null };
	const invoiceKey = (line: PricedLine) => {
		const period = periodOf(line);
		return JSON.stringify([line.json.customer, period.start, period.end]);
	};
	const byInvoice = new Map<string, PricedLine[]>();
	for (const line of lines) {
		const key = invoiceKey(line);
		const invoice = byInvoice.get(key);
		if (invoice) invoice.push(line);
		else byInvoice.set(key, [line]);
	}
	return [...byInvoice.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, members]) => {
			const byCurrency = new Map<string, Decimal[]>();
			for (const { json } of members) {
				const currency = String(json.sell_currency);
				// A sell amount is a decimal of the currency's minor unit, which its number prints.
				const amount = readDecimal(json.sell_amount) as Decimal;
				const amounts = byCurrency.get(currency);
				if (amounts) amounts.push(amount);
				else byCurrency.set(currency, [amount]);
			}
			const [first] = members;
			const period = periodOf(first);
			return {
				items: [...new Set(members.flatMap(({ items }) => items))].sort((a, b) => a - b),
				json: {
					customer: first.json.customer,
					customer_name: first.json.customer_name ?? null,
					period_start: period.start,
					period_end: period.end,
					subtotals: [...byCurrency.entries()]
						.sort(([a], [b]) => (a < b ? -1 : 1))
						.map(([currency, amounts]) => ({
							currency,
							amount: decimalToNumber(sumDecimals(amounts)),
						})),
					lines: members.map(({ json }) => json),
				},
			};
		});
}
