/**
 * Finalize: only drafts whose items match the line count and total recorded on them when they
 * were drafted; any other invoice goes to Failure, untouched.
 */
import type { IDataObject } from 'n8n-workflow';

import { textInput } from '../../shared/inputs';
import { defineMethod, type MethodResult } from '../../shared/model';
import { Failure } from '../../shared/outcome';
import { STRIPE_PATHS } from '../api';
import {
	heldInvoiceOf,
	PART_LINES_METADATA_KEY,
	PART_TOTAL_METADATA_KEY,
	totalOf,
} from '../delivery';
import { createWithKey, readStripe } from '../stripeRequests';
import { digestOf } from '../digest';

export const FINALIZE_OUTPUTS = [
	'stripe_invoice_id',
	'stripe_customer',
	'status',
	'lines_recorded',
	'lines_found',
	'total_recorded',
	'total_found',
	'livemode',
] as const;

const inputs = {
	invoiceId: textInput({
		name: 'invoiceId',
		displayName: 'Invoice ID',
		description:
			"The draft to finalize (in_...): e.g. Deliver's stripe_invoice_id. Items naming the same invoice finalize it once.",
		required: true,
		placeholder: '={{ $json.stripe_invoice_id }}',
	}),
};

export const finalizeMethod = defineMethod({
	value: 'finalize',
	name: 'Finalize',
	action: 'Finalize delivered draft invoices',
	description: 'Finalize drafts whose items match the line count and total recorded on them',
	inputs,
	outputVariables: FINALIZE_OUTPUTS,
	subject: (values) => `invoice ${values.invoiceId}`,
	async execute(call) {
		const [result] = await this.executeTogether!([call]);
		return result;
	},
	async executeTogether(calls) {
		const done = new Set<string>();
		const results: MethodResult[] = [];
		for (const call of calls) {
			const id = call.values.invoiceId;
			if (done.has(id)) {
				results.push([]);
				continue;
			}
			done.add(id);
			const invoice = await readStripe(call.request, `${STRIPE_PATHS.invoices}/${id}`);
			const held = await heldInvoiceOf(call.request, invoice);
			const metadata = (invoice.metadata ?? {}) as Record<string, string>;
			const fields: IDataObject = {
				stripe_invoice_id: id,
				stripe_customer: invoice.customer ?? null,
				lines_recorded: metadata[PART_LINES_METADATA_KEY] ?? null,
				lines_found: held.items.length,
				total_recorded: metadata[PART_TOTAL_METADATA_KEY] ?? null,
				total_found: String(totalOf(held.items)),
				livemode: invoice.livemode ?? null,
			};
			const matches =
				fields.lines_recorded === String(fields.lines_found) &&
				fields.total_recorded === fields.total_found;
			if (!matches) {
				results.push({
					wholes: [
						{
							refusal: new Failure(
								() =>
									`Invoice ${id} holds ${String(fields.lines_found)} items totalling ${String(fields.total_found)}, but was drafted for ${String(fields.lines_recorded)} totalling ${String(fields.total_recorded)}: it was not finalized. Run Reconcile to see the difference.`,
								{ outputs: { ...fields, status: invoice.status ?? null } },
							),
						},
					],
				});
				continue;
			}
			if (invoice.status !== 'draft') {
				results.push([{ json: { ...fields, status: `already ${String(invoice.status)}` } }]);
				continue;
			}
			const { object } = await createWithKey(
				call.request,
				`${STRIPE_PATHS.invoices}/${id}/finalize`,
				{},
				`cb1-fin-${digestOf('finalize', id)}`,
			);
			results.push([{ json: { ...fields, status: object.status ?? null } }]);
		}
		return results;
	},
});
