/**
 * A unit's fingerprint, the ids and amounts of all its lines (every part's), which its invoices'
 * metadata records; and what Stripe holds for a unit compared with what the run would deliver,
 * each difference named, so that a corrected figure or a changed rate card is shown, never
 * written over. Pure.
 */
import { digestOf } from './digest';
import { formatStripeAmount } from './stripeCurrencies';

/** The invoice metadata key holding the unit's fingerprint. */
export const FINGERPRINT_METADATA_KEY = 'cb_fingerprint';

/** The invoice item metadata key holding the line id. */
export const LINE_ID_METADATA_KEY = 'cb_line_id';

export interface FingerprintLine {
	lineId: string;
	/** In the currency's smallest unit as Stripe counts it. */
	amount: bigint;
}

const byLineId = (a: FingerprintLine, b: FingerprintLine) =>
	a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;

/** The canonical text: `id:amount` per line, by line id, comma-joined; input order does not count. */
export const fingerprintTextOf = (lines: readonly FingerprintLine[]): string =>
	[...lines]
		.sort(byLineId)
		.map(({ lineId, amount }) => `${lineId}:${amount}`)
		.join(',');

/** The fingerprint: 32 hex digits of the canonical text. */
export const fingerprintOf = (lines: readonly FingerprintLine[]): string =>
	digestOf('unit fingerprint', fingerprintTextOf(lines));

/** An invoice item as Stripe lists it: its id, amount and the line id in its metadata. */
export interface HeldItem {
	id: string;
	amount: bigint;
	/** Undefined for an item this pack did not make. */
	lineId: string | undefined;
}

/** One of the unit's invoices (one per part) as Stripe lists it. */
export interface HeldInvoice {
	id: string;
	metadata: Readonly<Record<string, string | undefined>>;
	items: readonly HeldItem[];
}

export type UnitDifference = { sentence: string } & (
	| { kind: 'missing'; lineId: string; amountNow: bigint }
	| {
			kind: 'extra';
			lineId: string | undefined;
			invoiceId: string;
			itemId: string;
			amountHeld: bigint;
	  }
	| {
			kind: 'amount';
			lineId: string;
			invoiceId: string;
			itemId: string;
			amountHeld: bigint;
			amountNow: bigint;
	  }
	| { kind: 'twice'; lineId: string; itemIds: string[] }
	| { kind: 'fingerprint'; invoiceId: string; held: string | undefined; now: string }
);

export interface UnitComparison {
	/** The fingerprint of the lines the run would deliver. */
	fingerprint: string;
	/** Every invoice records that fingerprint: the unit is this run's, maybe partly delivered. */
	sameFingerprint: boolean;
	/** Each difference between the lines and what Stripe holds, by line id; [] when equal. */
	differences: UnitDifference[];
}

/**
 * The lines of a unit compared with its invoices (`currency` names the amounts in sentences).
 * A line held by no item is missing: after an interrupted run with the same fingerprint, that is
 * what remains to create; with another fingerprint, it is part of a change.
 */
export function compareUnit(
	lines: readonly FingerprintLine[],
	invoices: readonly HeldInvoice[],
	currency: string,
): UnitComparison {
	const money = (amount: bigint) => formatStripeAmount(amount, currency);
	const fingerprint = fingerprintOf(lines);
	const differences: UnitDifference[] = [];

	for (const invoice of invoices) {
		const held = invoice.metadata[FINGERPRINT_METADATA_KEY];
		if (held !== fingerprint)
			differences.push({
				kind: 'fingerprint',
				invoiceId: invoice.id,
				held,
				now: fingerprint,
				sentence: `Invoice ${invoice.id} was drafted for other lines or amounts: its fingerprint is ${held ?? 'missing'}, these lines' is ${fingerprint}.`,
			});
	}

	const heldByLine = new Map<string, Array<HeldItem & { invoiceId: string }>>();
	const unclaimed: Array<HeldItem & { invoiceId: string }> = [];
	for (const invoice of invoices)
		for (const item of invoice.items) {
			const entry = { ...item, invoiceId: invoice.id };
			if (item.lineId === undefined) unclaimed.push(entry);
			else heldByLine.set(item.lineId, [...(heldByLine.get(item.lineId) ?? []), entry]);
		}

	const expected = new Map(lines.map((line) => [line.lineId, line.amount]));
	const lineDifferences: UnitDifference[] = [];
	for (const [lineId, amountNow] of expected) {
		const items = heldByLine.get(lineId) ?? [];
		if (items.length === 0) {
			lineDifferences.push({
				kind: 'missing',
				lineId,
				amountNow,
				sentence: `Line ${lineId} (${money(amountNow)}) has no invoice item in Stripe.`,
			});
		} else if (items.length > 1) {
			lineDifferences.push({
				kind: 'twice',
				lineId,
				itemIds: items.map(({ id }) => id),
				sentence: `Line ${lineId} is held by ${items.length} invoice items (${items.map(({ id }) => id).join(', ')}): it would be billed ${items.length} times.`,
			});
		} else if (items[0].amount !== amountNow) {
			const [item] = items;
			lineDifferences.push({
				kind: 'amount',
				lineId,
				invoiceId: item.invoiceId,
				itemId: item.id,
				amountHeld: item.amount,
				amountNow,
				sentence: `Line ${lineId}: Stripe holds ${money(item.amount)} (item ${item.id} on ${item.invoiceId}), the line now says ${money(amountNow)}.`,
			});
		}
	}
	const extras = [
		...[...heldByLine.entries()]
			.filter(([lineId]) => !expected.has(lineId))
			.flatMap(([, items]) => items),
		...unclaimed,
	];
	for (const item of extras)
		lineDifferences.push({
			kind: 'extra',
			lineId: item.lineId,
			invoiceId: item.invoiceId,
			itemId: item.id,
			amountHeld: item.amount,
			sentence:
				item.lineId === undefined
					? `Invoice ${item.invoiceId} holds item ${item.id} (${money(item.amount)}), which no line delivered.`
					: `Line ${item.lineId} (${money(item.amount)}, item ${item.id} on ${item.invoiceId}) is in Stripe but not among these lines.`,
		});
	// By line id; items no line made last, by item id.
	const orderOf = (difference: UnitDifference) =>
		'lineId' in difference && difference.lineId !== undefined
			? difference.lineId
			: `~${'itemId' in difference ? difference.itemId : ''}`;
	lineDifferences.sort((a, b) => (orderOf(a) < orderOf(b) ? -1 : orderOf(a) > orderOf(b) ? 1 : 0));

	return {
		fingerprint,
		sameFingerprint: differences.length === 0,
		differences: [...differences, ...lineDifferences],
	};
}
