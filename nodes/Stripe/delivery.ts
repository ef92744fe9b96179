/**
 * One delivery unit (a Stripe customer, period and currency) delivered exactly once: read from
 * Stripe's lists before writing, decided as a whole, written with derived Idempotency-Keys, read
 * back after writing (docs/deliver.md).
 */
import type { IDataObject } from 'n8n-workflow';

import { Failure } from '../shared/outcome';
import type { InputLine } from './deliveryLines';
import {
	compareUnit,
	FINGERPRINT_METADATA_KEY,
	LINE_ID_METADATA_KEY,
	type HeldInvoice,
	type UnitDifference,
} from './fingerprint';
import { invoiceIdempotencyKey, invoiceItemIdempotencyKey } from './idempotencyKeys';
import { STRIPE_PATHS } from './api';
import {
	createWithKey,
	isKeyRefusal,
	listAll,
	readIfExists,
	settle,
	type Send,
} from './stripeRequests';
import type { DeliveryUnit } from './units';

/** Invoice metadata keys besides the fingerprint. */
export const UNIT_METADATA_KEY = 'cb_unit';
export const PART_METADATA_KEY = 'cb_part';
export const PART_LINES_METADATA_KEY = 'cb_part_lines';
export const PART_TOTAL_METADATA_KEY = 'cb_part_total';
export const GENERATION_METADATA_KEY = 'cb_generation';

/** Generations tried for one object before the run gives up on it. */
const MAX_GENERATIONS = 5;

export interface CollectionMethod {
	method: 'charge_automatically' | 'send_invoice';
	daysUntilDue?: number;
}

export type LineResult =
	| {
			line: InputLine;
			delivered: {
				invoiceId: string;
				itemId: string;
				part: number;
				status: 'delivered' | 'already delivered';
				livemode: boolean;
			};
	  }
	| { line: InputLine; refusal: Failure; invoiceId?: string; livemode?: boolean | null };

/** What a unit's delivery reads: the Stripe customer's invoices, once per run. */
export interface DeliveryContext {
	send: Send;
	invoicesOf(stripeCustomer: string, fresh?: boolean): Promise<IDataObject[]>;
	collection: CollectionMethod;
}

const metadataOf = (object: IDataObject) => (object.metadata ?? {}) as Record<string, string>;

/** The unit's invoices among a customer's, void ones left out (voided to redeliver). */
export const unitInvoicesOf = (invoices: readonly IDataObject[], unitKey: string) =>
	invoices.filter(
		(invoice) => metadataOf(invoice)[UNIT_METADATA_KEY] === unitKey && invoice.status !== 'void',
	);

/** An invoice's items as Stripe lists them. */
export async function heldInvoiceOf(send: Send, invoice: IDataObject): Promise<HeldInvoice> {
	const items = await listAll(send, STRIPE_PATHS.invoiceItems, { invoice: invoice.id });
	return {
		id: String(invoice.id),
		metadata: metadataOf(invoice),
		items: items.map((item) => ({
			id: String(item.id),
			amount: BigInt(item.amount as number),
			lineId: metadataOf(item)[LINE_ID_METADATA_KEY],
		})),
	};
}

const partOf = (invoice: HeldInvoice) => Number(invoice.metadata[PART_METADATA_KEY]);

/** The total of lines in Stripe's integer amount. */
export const totalOf = (lines: ReadonlyArray<{ amount: bigint }>) =>
	lines.reduce((sum, { amount }) => sum + amount, 0n);

/** The way to redeliver a unit whose invoices Stripe holds for other lines. */
function redeliveryHint(invoices: readonly IDataObject[]): string {
	const drafts = invoices.filter(({ status }) => status === 'draft').map(({ id }) => String(id));
	const finalized = invoices.filter(({ status }) => status !== 'draft').map(({ id }) => String(id));
	return [
		drafts.length ? `delete the draft ${drafts.join(', ')}` : '',
		finalized.length ? `void the finalized invoice ${finalized.join(', ')}` : '',
	]
		.filter(Boolean)
		.join(' and ');
}

const refusalOf = (sentence: string, answer: { statusCode?: number; body?: unknown } = {}) =>
	new Failure(() => sentence, answer);

/** Every line of the unit refused with one sentence. */
const refuseUnit = (
	unit: DeliveryUnit<InputLine>,
	refusal: Failure,
	livemode: boolean | null = null,
): LineResult[] => unit.lines.map((line) => ({ line, refusal, livemode }));

/** The sentence naming each difference of a unit from what Stripe holds. */
const differencesSentence = (differences: readonly UnitDifference[]) =>
	differences.map(({ sentence }) => sentence).join(' ');

/** Delivers one unit: all its parts, or Failure for every one of its lines. */
export async function deliverUnit(
	context: DeliveryContext,
	unit: DeliveryUnit<InputLine>,
): Promise<LineResult[]> {
	const { send } = context;
	const invoices = unitInvoicesOf(await context.invoicesOf(unit.stripeCustomer), unit.key);
	const held = await Promise.all(invoices.map((invoice) => heldInvoiceOf(send, invoice)));
	const before = compareUnit(unit.lines, held, unit.currency);
	const livemodeHeld = invoices.length ? (invoices[0].livemode as boolean) : null;
	const unexpected = before.differences.filter(({ kind }) => kind !== 'missing');
	const partsHeld = held.map(partOf);
	if (invoices.length && (!before.sameFingerprint || unexpected.length)) {
		return refuseUnit(
			unit,
			refusalOf(
				`Stripe holds ${invoices.map(({ id }) => String(id)).join(', ')} for this customer and period with other lines or amounts, so nothing was written for them. ${differencesSentence(before.differences)} To deliver these lines instead: ${redeliveryHint(invoices)} in Stripe, then run again.`,
			),
			livemodeHeld,
		);
	}
	if (new Set(partsHeld).size !== partsHeld.length) {
		return refuseUnit(
			unit,
			refusalOf(
				`Stripe holds two invoices for one part of this customer and period (${invoices.map(({ id }) => String(id)).join(', ')}), so nothing was written. Delete the one that should not be there, then run again.`,
			),
			livemodeHeld,
		);
	}
	const heldLineIds = new Set(held.flatMap(({ items }) => items.map(({ lineId }) => lineId)));
	const notDraft = invoices.find(
		(invoice, index) =>
			invoice.status !== 'draft' &&
			unit.parts[partOf(held[index]) - 1]?.some(({ lineId }) => !heldLineIds.has(lineId)),
	);
	if (notDraft) {
		return refuseUnit(
			unit,
			refusalOf(
				`Invoice ${String(notDraft.id)} is ${String(notDraft.status)} but lacks some of these lines, and Stripe adds items only to drafts, so nothing was written. Void it in Stripe, then run again.`,
			),
			livemodeHeld,
		);
	}

	// Write what is missing, part by part.
	const partInvoices: IDataObject[] = [];
	let livemode = livemodeHeld;
	const written = await settle(
		(async () => {
			for (const [index, lines] of unit.parts.entries()) {
				const part = index + 1;
				const known = invoices[partsHeld.indexOf(part)];
				const invoice = known ?? (await createPartInvoice(context, unit, part, before.fingerprint));
				livemode = invoice.livemode as boolean;
				partInvoices.push(invoice);
				for (const line of lines)
					if (!heldLineIds.has(line.lineId)) await createItem(send, invoice, line);
			}
		})(),
	);
	if ('error' in written) {
		const { error } = written;
		if (!(error instanceof Failure)) throw error;
		return refuseUnit(
			unit,
			refusalOf(
				`Delivery of this customer and period stopped: ${error.sentence('Stripe')} The items created so far stay; run the node again: it reads Stripe first and creates only what is missing, with the same Idempotency-Keys.`,
				error,
			),
			livemode,
		);
	}

	// Read back: what Stripe now holds must be exactly these lines.
	const after = await Promise.all(partInvoices.map((invoice) => heldInvoiceOf(send, invoice)));
	const check = compareUnit(unit.lines, after, unit.currency);
	const partsRight = after.every(
		(invoice) =>
			invoice.items.length === unit.parts[partOf(invoice) - 1]?.length &&
			invoice.metadata[FINGERPRINT_METADATA_KEY] === before.fingerprint,
	);
	if (check.differences.length || !partsRight) {
		return refuseUnit(
			unit,
			refusalOf(
				`After writing, Stripe's ${after.map(({ id }) => id).join(', ')} do not hold exactly these lines: ${differencesSentence(check.differences) || 'a part holds other lines than it should.'} Check the invoice in Stripe before finalizing it.`,
			),
			livemode,
		);
	}
	const itemOf = new Map(
		after.flatMap((invoice) =>
			invoice.items.map((item) => [item.lineId, { invoice, item }] as const),
		),
	);
	return unit.lines.map((line) => {
		const { invoice, item } = itemOf.get(line.lineId)!;
		return {
			line,
			delivered: {
				invoiceId: invoice.id,
				itemId: item.id,
				part: partOf(invoice),
				status: heldLineIds.has(line.lineId) ? 'already delivered' : 'delivered',
				livemode: livemode ?? false,
			},
		};
	});
}

/** A part's draft invoice, made once whatever runs meet on its key. */
async function createPartInvoice(
	context: DeliveryContext,
	unit: DeliveryUnit<InputLine>,
	part: number,
	fingerprint: string,
): Promise<IDataObject> {
	const { send, collection } = context;
	const lines = unit.parts[part - 1];
	for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
		const key = invoiceIdempotencyKey(unit.key, part, generation);
		const params: IDataObject = {
			customer: unit.stripeCustomer,
			currency: unit.currency,
			auto_advance: 'false',
			collection_method: collection.method,
			...(collection.method === 'send_invoice' ? { days_until_due: collection.daysUntilDue } : {}),
			pending_invoice_items_behavior: 'exclude',
			description: `Usage ${unit.periodStart} to ${unit.periodEnd}${unit.parts.length > 1 ? ` (part ${part} of ${unit.parts.length})` : ''}`,
			metadata: {
				[FINGERPRINT_METADATA_KEY]: fingerprint,
				[UNIT_METADATA_KEY]: unit.key,
				[PART_METADATA_KEY]: String(part),
				[PART_LINES_METADATA_KEY]: String(lines.length),
				[PART_TOTAL_METADATA_KEY]: String(totalOf(lines)),
				[GENERATION_METADATA_KEY]: String(generation),
			},
		};
		const sent = await settle(createWithKey(send, STRIPE_PATHS.invoices, params, key));
		if ('error' in sent) {
			if (!isKeyRefusal(sent.error)) throw sent.error;
			// The key was used with other parameters: the invoice it made, if it still exists, is
			// the unit's; if none exists, the key is spent and the next generation is used.
			const found = unitInvoicesOf(
				await context.invoicesOf(unit.stripeCustomer, true),
				unit.key,
			).find((invoice) => metadataOf(invoice)[PART_METADATA_KEY] === String(part));
			if (found) return found;
			continue;
		}
		const created = sent.value;
		if (!created.replayed) return created.object;
		// A replay names an invoice made earlier with this key: it may since have been deleted
		// or voided to redeliver.
		const current = await readIfExists(
			send,
			`${STRIPE_PATHS.invoices}/${String(created.object.id)}`,
		);
		if (current && current.status !== 'void') return current;
	}
	throw refusalOf(
		`Stripe replayed or refused ${MAX_GENERATIONS} generations of Idempotency-Keys for part ${part}'s invoice without an invoice that exists.`,
	);
}

/** A line's invoice item on `invoice`, made once whatever runs meet on its key. */
async function createItem(send: Send, invoice: IDataObject, line: InputLine): Promise<void> {
	const params: IDataObject = {
		customer: line.stripeCustomer,
		invoice: invoice.id,
		amount: String(line.amount),
		currency: line.currency,
		description: line.description,
		period: { start: line.periodStartUnix, end: line.periodEndUnix },
		metadata: { [LINE_ID_METADATA_KEY]: line.lineId },
	};
	const onInvoice = async (itemId?: string) =>
		(await listAll(send, STRIPE_PATHS.invoiceItems, { invoice: invoice.id })).some(
			(item) =>
				(itemId === undefined || item.id === itemId) &&
				metadataOf(item)[LINE_ID_METADATA_KEY] === line.lineId,
		);
	for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
		const key = invoiceItemIdempotencyKey(String(invoice.id), line.lineId, generation);
		const sent = await settle(createWithKey(send, STRIPE_PATHS.invoiceItems, params, key));
		if ('value' in sent) {
			if (!sent.value.replayed || (await onInvoice(String(sent.value.object.id)))) return;
			continue;
		}
		if (!isKeyRefusal(sent.error)) throw sent.error;
		if (await onInvoice()) return;
	}
	throw refusalOf(
		`Stripe replayed or refused ${MAX_GENERATIONS} generations of Idempotency-Keys for line ${line.lineId} on ${String(invoice.id)} without an item that exists.`,
	);
}
