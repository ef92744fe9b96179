// The shared invoice-line schema (invoiceLines.ts) on its own: every platform's lines come out
// with the same fields in the same order, whatever the node that made them.
const { describe, expect, test } = require('@jest/globals');
const { INVOICE_LINE_FIELDS, invoiceLine } = require('../../nodes/shared/invoiceLines');

/** @typedef {import('../../nodes/shared/invoiceLines').InvoiceLine} InvoiceLine */

/** @param {Partial<InvoiceLine>} fields @returns {InvoiceLine} */
const line = (fields = {}) => ({
	customer: 'AC1',
	customerName: 'Contoso Voice',
	platform: 'twilio',
	category: 'sms-outbound',
	description: 'Outbound SMS',
	quantity: 1200,
	unit: 'messages',
	amount: 9.6,
	currency: 'usd',
	periodStart: '2026-11-01',
	periodEnd: '2026-11-30',
	source: '/2010-04-01/Accounts/AC1/Usage/Records/LastMonth.json?Category=sms-outbound',
	...fields,
});

describe('an invoice line as an item', () => {
	test("the schema's fields, in its order, with the platform's label", () => {
		const item = invoiceLine(line());
		expect(Object.keys(item)).toEqual([...INVOICE_LINE_FIELDS]);
		expect(item).toEqual({
			customer: 'AC1',
			customer_name: 'Contoso Voice',
			platform: 'Twilio-compatible API',
			category: 'sms-outbound',
			description: 'Outbound SMS',
			quantity: 1200,
			unit: 'messages',
			amount: 9.6,
			currency: 'USD',
			period_start: '2026-11-01',
			period_end: '2026-11-30',
			source: '/2010-04-01/Accounts/AC1/Usage/Records/LastMonth.json?Category=sms-outbound',
		});
	});

	test.each([
		['restcomm', 'Restcomm'],
		['evoVoice', 'Evo Voice'],
		['lumin', 'Lumin.ai'],
		['imiassist', 'IMIASSIST'],
	])('platform %s is labelled %s', (platform, label) => {
		const key = /** @type {InvoiceLine['platform']} */ (platform);
		expect(invoiceLine(line({ platform: key })).platform).toBe(label);
	});

	test('a line the vendor prices nothing for has neither amount nor currency', () => {
		const item = invoiceLine(line({ platform: 'lumin', amount: null, currency: 'usd' }));
		expect([item.amount, item.currency]).toEqual([null, null]);
	});

	test('an amount without a currency keeps the currency null', () => {
		expect(invoiceLine(line({ currency: null })).currency).toBeNull();
	});

	test('a zero amount is an amount: its currency stays', () => {
		const item = invoiceLine(line({ amount: 0 }));
		expect([item.amount, item.currency]).toEqual([0, 'USD']);
	});

	test('a line with no period keeps null dates', () => {
		const item = invoiceLine(line({ periodStart: null, periodEnd: null }));
		expect([item.period_start, item.period_end]).toEqual([null, null]);
	});
});
