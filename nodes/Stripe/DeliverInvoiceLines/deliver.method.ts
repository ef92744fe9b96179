/**
 * Deliver: priced lines (or Rate Lines' Invoices) into Stripe as draft invoices, each line
 * exactly once however often the run is repeated (docs/deliver.md). One output item per line.
 */
import type { IDataObject } from 'n8n-workflow';

import { defineMethod, type MethodCall, type MethodResult, type Whole } from '../../shared/model';
import { Failure } from '../../shared/outcome';
import { STRIPE_PATHS } from '../api';
import { deliverUnit, type LineResult } from '../delivery';
import { linesOfItem, readLine, type InputLine } from '../deliveryLines';
import { duplicateReason, splitByLineId } from '../duplicateLines';
import { listAll, type Send } from '../stripeRequests';
import { formatStripeAmount } from '../stripeCurrencies';
import { unitsOf } from '../units';
import {
	amountFieldInput,
	collectionMethodInput,
	customerMappingInput,
	daysUntilDueInput,
} from './inputs';

export const DELIVERY_OUTPUTS = [
	'line_id',
	'customer',
	'customer_name',
	'category',
	'period_start',
	'period_end',
	'stripe_customer',
	'stripe_invoice_id',
	'stripe_invoice_item_id',
	'part',
	'amount_sent',
	'amount_sent_text',
	'currency',
	'status',
	'livemode',
] as const;

const inputs = {
	customerMapping: customerMappingInput,
	amountField: amountFieldInput,
	collectionMethod: collectionMethodInput,
	daysUntilDue: daysUntilDueInput,
};

type Values = {
	customerMapping: string | undefined;
	amountField: 'sell' | 'vendor';
	collectionMethod: 'charge_automatically' | 'send_invoice';
	daysUntilDue: number;
};

/** What every output item of a line says, delivered or not. */
function lineFields(json: IDataObject, lineId: string | null, stripeCustomer: string | null) {
	return {
		line_id: lineId,
		customer: json.customer ?? null,
		customer_name: json.customer_name ?? null,
		category: json.category ?? null,
		period_start: json.period_start ?? null,
		period_end: json.period_end ?? null,
		stripe_customer: stripeCustomer,
	};
}

/** A Stripe customer's invoices, listed once per run (again when `fresh` asks). */
export function invoiceLists(send: Send) {
	const lists = new Map<string, Promise<IDataObject[]>>();
	return (stripeCustomer: string, fresh = false) => {
		if (fresh || !lists.has(stripeCustomer))
			lists.set(stripeCustomer, listAll(send, STRIPE_PATHS.invoices, { customer: stripeCustomer }));
		return lists.get(stripeCustomer)!;
	};
}

/** Every line of every item read, duplicates and undeliverable lines refused before any request. */
export function readRunLines(
	calls: ReadonlyArray<MethodCall<Pick<Values, 'customerMapping' | 'amountField'>>>,
) {
	const refused: Array<{
		itemIndex: number;
		json: IDataObject;
		lineId: string | null;
		reason: string;
		stripeCustomer: string | null;
	}> = [];
	const read: InputLine[] = [];
	for (const call of calls)
		for (const json of linesOfItem(call.json)) {
			const one = readLine(
				json,
				call.itemIndex,
				call.values.customerMapping,
				call.values.amountField,
			);
			if ('line' in one) read.push(one.line);
			else refused.push({ ...one.refused, stripeCustomer: call.values.customerMapping ?? null });
		}
	// Unmapped customers are named once each, in every such line's sentence.
	const unmapped = [
		...new Set(
			refused
				.filter(({ reason }) => reason.includes('check Customer Mapping'))
				.map(({ json }) => String(json.customer ?? '')),
		),
	];
	for (const one of refused)
		if (one.reason.includes('check Customer Mapping') && unmapped.length > 1)
			one.reason += ` Customers without a Stripe customer in this run: ${unmapped.join(', ')}.`;
	const { unique, duplicated } = splitByLineId(read, ({ lineId }) => lineId);
	for (const { lineId, lines } of duplicated)
		for (const line of lines)
			refused.push({
				itemIndex: line.itemIndex,
				json: line.json,
				lineId,
				reason: duplicateReason(lineId, lines.length),
				stripeCustomer: line.stripeCustomer,
			});
	return { lines: unique, refused };
}

/** The item's wholes: one per line, in the order the lines came. */
function resultsByItem(
	calls: ReadonlyArray<MethodCall<Values>>,
	wholes: Array<{ itemIndex: number; order: number; whole: Whole }>,
): MethodResult[] {
	const byItem = new Map<number, Array<{ order: number; whole: Whole }>>();
	for (const one of wholes) byItem.set(one.itemIndex, [...(byItem.get(one.itemIndex) ?? []), one]);
	return calls.map((call) => ({
		wholes: (byItem.get(call.itemIndex) ?? [])
			.sort((a, b) => a.order - b.order)
			.map(({ whole }) => whole),
	}));
}

export const deliverMethod = defineMethod({
	value: 'deliver',
	name: 'Deliver',
	action: 'Deliver invoice lines',
	description:
		'Put each priced line on a draft invoice of its Stripe customer, exactly once however often the run is repeated',
	inputs,
	outputVariables: DELIVERY_OUTPUTS,
	createdId: 'stripe_invoice_item_id',
	subject: (values) => `Stripe customer ${values.customerMapping ?? '(none)'}`,
	async execute(call) {
		const [result] = await this.executeTogether!([call]);
		return result;
	},
	async executeTogether(calls) {
		const order = new Map<IDataObject, number>();
		let position = 0;
		for (const call of calls)
			for (const json of linesOfItem(call.json)) order.set(json, position++);
		const wholes: Array<{ itemIndex: number; order: number; whole: Whole }> = [];
		const { lines, refused } = readRunLines(calls);
		for (const one of refused)
			wholes.push({
				itemIndex: one.itemIndex,
				order: order.get(one.json) ?? 0,
				whole: {
					refusal: new Failure(() => one.reason, {
						outputs: {
							...lineFields(one.json, one.lineId, one.stripeCustomer),
							status: 'not delivered',
							livemode: null,
						},
					}),
				},
			});
		if (calls.length && lines.length) {
			const [first] = calls;
			const collection = {
				method: first.values.collectionMethod,
				daysUntilDue: first.values.daysUntilDue,
			};
			const context = { send: first.request, invoicesOf: invoiceLists(first.request), collection };
			// Units one after another: one customer's invoices are read once, and what is sent
			// reads in the log in the order of the units.
			const results: LineResult[] = [];
			for (const unit of unitsOf(lines)) results.push(...(await deliverUnit(context, unit)));
			for (const result of results) {
				const { line } = result;
				const fields = {
					...lineFields(line.json, line.lineId, line.stripeCustomer),
					amount_sent: Number(line.amount),
					amount_sent_text: formatStripeAmount(line.amount, line.currency),
					currency: line.currency,
				};
				const whole: Whole =
					'delivered' in result
						? {
								records: [
									{
										json: {
											...fields,
											stripe_invoice_id: result.delivered.invoiceId,
											stripe_invoice_item_id: result.delivered.itemId,
											part: result.delivered.part,
											status: result.delivered.status,
											livemode: result.delivered.livemode,
										},
									},
								],
							}
						: {
								refusal: result.refusal.with({
									statusCode: result.refusal.statusCode,
									body: result.refusal.body,
									outputs: {
										...fields,
										stripe_invoice_id: null,
										stripe_invoice_item_id: null,
										status: 'not delivered',
										livemode: result.livemode ?? null,
									},
								}),
							};
				wholes.push({ itemIndex: line.itemIndex, order: order.get(line.json) ?? 0, whole });
			}
		}
		return resultsByItem(calls, wholes);
	},
});
