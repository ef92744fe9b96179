/**
 * Reconcile: writes nothing. One item per invoice a unit's part should be: the lines and totals
 * expected and found, and what is missing, extra or different; Success when equal.
 */
import { defineMethod, type Whole } from '../../shared/model';
import { Failure } from '../../shared/outcome';
import { compareUnit } from '../fingerprint';
import { heldInvoiceOf, PART_METADATA_KEY, totalOf, unitInvoicesOf } from '../delivery';
import { formatStripeAmount } from '../stripeCurrencies';
import { unitsOf } from '../units';
import { invoiceLists, readRunLines } from './deliver.method';
import { amountFieldInput, customerMappingInput } from './inputs';

export const RECONCILE_OUTPUTS = [
	'stripe_customer',
	'period_start',
	'period_end',
	'currency',
	'part',
	'stripe_invoice_id',
	'invoice_status',
	'lines_expected',
	'lines_found',
	'total_expected',
	'total_found',
	'missing',
	'extra',
	'different',
	'livemode',
] as const;

const inputs = { customerMapping: customerMappingInput, amountField: amountFieldInput };

export const reconcileMethod = defineMethod({
	value: 'reconcile',
	name: 'Reconcile',
	action: 'Reconcile invoice lines',
	description: 'Compare the lines with what Stripe holds, per invoice; writes nothing',
	inputs,
	outputVariables: RECONCILE_OUTPUTS,
	async execute(call) {
		const [result] = await this.executeTogether!([call]);
		return result;
	},
	async executeTogether(calls) {
		const byItem = new Map<number, Whole[]>();
		const add = (itemIndex: number, whole: Whole) =>
			byItem.set(itemIndex, [...(byItem.get(itemIndex) ?? []), whole]);
		const { lines, refused } = readRunLines(calls);
		for (const one of refused)
			add(one.itemIndex, {
				refusal: new Failure(() => one.reason, {
					outputs: { line_id: one.lineId, customer: one.json.customer ?? null },
				}),
			});
		const send = calls[0]?.request;
		const invoicesOf = send && invoiceLists(send);
		for (const unit of unitsOf(lines)) {
			const invoices = unitInvoicesOf(await invoicesOf(unit.stripeCustomer), unit.key);
			const held = await Promise.all(invoices.map((invoice) => heldInvoiceOf(send, invoice)));
			const money = (amount: bigint) => formatStripeAmount(amount, unit.currency);
			for (const [index, expected] of unit.parts.entries()) {
				const part = index + 1;
				const at = held.findIndex((one) => one.metadata[PART_METADATA_KEY] === String(part));
				const found = at < 0 ? [] : [held[at]];
				const { differences } = compareUnit(expected, found, unit.currency);
				const json = {
					stripe_customer: unit.stripeCustomer,
					period_start: unit.periodStart,
					period_end: unit.periodEnd,
					currency: unit.currency,
					part,
					stripe_invoice_id: found[0]?.id ?? null,
					invoice_status: at < 0 ? null : (invoices[at].status ?? null),
					lines_expected: expected.length,
					lines_found: found[0]?.items.length ?? 0,
					total_expected: money(totalOf(expected)),
					total_found: money(totalOf(found[0]?.items ?? [])),
					missing: differences
						.filter(({ kind }) => kind === 'missing')
						.map(({ sentence }) => sentence),
					extra: differences.filter(({ kind }) => kind === 'extra').map(({ sentence }) => sentence),
					different: differences
						.filter(({ kind }) => !['missing', 'extra'].includes(kind))
						.map(({ sentence }) => sentence),
					livemode: at < 0 ? null : (invoices[at].livemode ?? null),
				};
				const itemIndex = expected[0].itemIndex;
				if (differences.length === 0) add(itemIndex, { records: [{ json }] });
				else
					add(itemIndex, {
						refusal: new Failure(
							() =>
								`${found[0] ? `Invoice ${found[0].id}` : 'No invoice'} for ${unit.stripeCustomer}, ${unit.periodStart} to ${unit.periodEnd}${unit.parts.length > 1 ? ` part ${part}` : ''}: ${differences.length} difference(s) from the lines. ${differences.map(({ sentence }) => sentence).join(' ')}`,
							{ outputs: json },
						),
					});
			}
		}
		return calls.map((call) => ({ wholes: byItem.get(call.itemIndex) ?? [] }));
	},
});
