'use strict';

// What the Stripe account holds: invoices and invoice items, with ids and `created` as Stripe
// gives them, each invoice's totals kept as the sum of its items, and the copies that search
// sees (searchIndex.js). The routes check parameters; this module applies Stripe's rules of state.

// "You can no longer add more than 250 invoice items to an invoice" (Stripe changelog, 2016-02-22).
const MAX_ITEMS_PER_INVOICE = 250;
const ID_DIGITS = 20;

/** Ids like Stripe's (`in_1Sbx...`), numbered in order of creation so that tests can read them. */
function createIds() {
	const counts = new Map();
	return (prefix) => {
		const count = (counts.get(prefix) ?? 0) + 1;
		counts.set(prefix, count);
		return `${prefix}_1Sbx${String(count).padStart(ID_DIGITS, '0')}`;
	};
}

class LedgerError extends Error {
	/** `fields`: Stripe's error members (message, code, param). */
	constructor(status, fields) {
		super(fields.message);
		this.status = status;
		this.fields = fields;
	}
}

function createLedger({ now, livemode, customers, searchIndex }) {
	const nextId = createIds();
	// In order of creation: lists read them backwards (newest first). Deleted ones are removed.
	const invoices = [];
	const items = [];
	let invoiceNumbers = 0;

	const knownCustomers = new Set(customers);
	const customerOf = (id, param = 'customer') => {
		if (!knownCustomers.has(id)) {
			throw new LedgerError(400, {
				code: 'resource_missing',
				param,
				message: `No such customer: '${id}'`,
			});
		}
		return id;
	};

	function invoiceOf(id, param = 'id') {
		const invoice = invoices.find((one) => one.id === id);
		if (!invoice) {
			throw new LedgerError(param === 'id' ? 404 : 400, {
				code: 'resource_missing',
				param,
				message: `No such invoice: '${id}'`,
			});
		}
		return invoice;
	}

	function itemsOf(invoice) {
		return items.filter((item) => item.invoice === invoice.id);
	}

	/** The invoice with its totals, as the account sees it now, and as search will see it. */
	function touched(invoice) {
		const subtotal = itemsOf(invoice).reduce((sum, item) => sum + item.amount, 0);
		invoice.subtotal = subtotal;
		invoice.subtotal_excluding_tax = subtotal;
		invoice.total = subtotal;
		invoice.total_excluding_tax = subtotal;
		invoice.amount_due = subtotal;
		invoice.amount_remaining =
			invoice.status === 'paid' || invoice.status === 'void' ? 0 : subtotal;
		searchIndex.record(invoice.id, invoice);
		return invoice;
	}

	function createInvoice(params) {
		const customer = customerOf(params.customer);
		const created = now();
		const invoice = {
			id: nextId('in'),
			object: 'invoice',
			livemode,
			created,
			customer,
			currency: params.currency,
			status: 'draft',
			auto_advance: params.auto_advance,
			collection_method: params.collection_method,
			days_until_due: params.days_until_due,
			due_date:
				params.days_until_due === null ? null : created + params.days_until_due * 24 * 60 * 60,
			description: params.description,
			metadata: params.metadata,
			number: null,
			billing_reason: 'manual',
			amount_paid: 0,
			status_transitions: { finalized_at: null, paid_at: null, voided_at: null },
		};
		invoices.push(invoice);
		if (params.pending_invoice_items_behavior === 'include') {
			const pending = items.filter(
				(item) =>
					item.invoice === null && item.customer === customer && item.currency === invoice.currency,
			);
			pending.slice(0, MAX_ITEMS_PER_INVOICE).forEach((item) => (item.invoice = invoice.id));
		}
		return touched(invoice);
	}

	function createInvoiceItem(params) {
		const customer = customerOf(params.customer);
		let invoice = null;
		if (params.invoice !== null) {
			invoice = invoiceOf(params.invoice, 'invoice');
			if (invoice.customer !== customer) {
				throw new LedgerError(400, {
					param: 'invoice',
					message: `The invoice ${invoice.id} belongs to customer ${invoice.customer}, not ${customer}.`,
				});
			}
			if (invoice.status !== 'draft') {
				throw new LedgerError(400, {
					code: 'invoice_not_editable',
					param: 'invoice',
					message: `Invoice ${invoice.id} is no longer a draft: invoice items can only be added to draft invoices.`,
				});
			}
			if (params.currency !== null && params.currency !== invoice.currency) {
				throw new LedgerError(400, {
					param: 'currency',
					message: `The currency of the invoice item (${params.currency}) must match the currency of the invoice (${invoice.currency}).`,
				});
			}
			if (itemsOf(invoice).length >= MAX_ITEMS_PER_INVOICE) {
				throw new LedgerError(400, {
					param: 'invoice',
					message: `Invoice ${invoice.id} already has ${MAX_ITEMS_PER_INVOICE} invoice items, the most an invoice can have.`,
				});
			}
		}
		const item = {
			id: nextId('ii'),
			object: 'invoiceitem',
			livemode,
			amount: params.amount,
			currency: invoice ? invoice.currency : params.currency || 'usd',
			customer,
			date: now(),
			description: params.description,
			discountable: true,
			invoice: invoice ? invoice.id : null,
			metadata: params.metadata,
			period: params.period || { start: now(), end: now() },
			pricing: { type: null, unit_amount_decimal: params.unit_amount_decimal },
			proration: false,
			quantity: params.quantity,
		};
		items.push(item);
		if (invoice) touched(invoice);
		return item;
	}

	function finalizeInvoice(id) {
		const invoice = invoiceOf(id);
		if (invoice.status !== 'draft') {
			throw new LedgerError(400, {
				code: 'invoice_not_editable',
				message: `This invoice is already finalized (status ${invoice.status}): only a draft can be finalized.`,
			});
		}
		const at = now();
		invoiceNumbers += 1;
		invoice.number = `SBX-${String(invoiceNumbers).padStart(4, '0')}`;
		invoice.status_transitions.finalized_at = at;
		// A finalized invoice with nothing to pay is paid at once, as Stripe marks it.
		invoice.status = invoice.total === 0 ? 'paid' : 'open';
		if (invoice.status === 'paid') invoice.status_transitions.paid_at = at;
		return touched(invoice);
	}

	function deleteInvoice(id) {
		const invoice = invoiceOf(id);
		if (invoice.status !== 'draft') {
			throw new LedgerError(400, {
				code: 'invoice_not_editable',
				message: `You can only delete draft invoices; invoice ${id} is ${invoice.status}. Void it instead.`,
			});
		}
		invoices.splice(invoices.indexOf(invoice), 1);
		// Its invoice items go with it.
		for (const item of itemsOf(invoice)) items.splice(items.indexOf(item), 1);
		searchIndex.record(invoice.id, null);
		return { id, object: 'invoice', deleted: true };
	}

	function voidInvoice(id) {
		const invoice = invoiceOf(id);
		if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
			throw new LedgerError(400, {
				code: 'invoice_not_editable',
				message: `You can only void an open or uncollectible invoice; invoice ${id} is ${invoice.status}.`,
			});
		}
		invoice.status = 'void';
		invoice.status_transitions.voided_at = now();
		return touched(invoice);
	}

	return {
		createInvoice,
		createInvoiceItem,
		finalizeInvoice,
		deleteInvoice,
		voidInvoice,
		invoiceOf,
		itemsOf,
		invoices: () => invoices,
		items: () => items,
	};
}

module.exports = { createLedger, LedgerError, MAX_ITEMS_PER_INVOICE };
