/**
 * Delivery units: the lines of one Stripe customer, period and currency, which become one draft
 * invoice, or consecutive parts of at most 250 lines (Stripe's limit of items on an invoice),
 * ordered by line id so that every run cuts the same parts. Pure.
 */

/** Stripe's most invoice items on one invoice. */
export const MAX_LINES_PER_INVOICE = 250;

export interface DeliveryLine {
	lineId: string;
	/** The Stripe customer the line is billed to (cus_...). */
	stripeCustomer: string;
	periodStart: string;
	periodEnd: string;
	/** Lower case, as Stripe takes it. */
	currency: string;
	/** In the currency's smallest unit as Stripe counts it (stripeCurrencies.ts). */
	amount: bigint;
}

export interface DeliveryUnit<Line extends DeliveryLine> {
	/** What the unit is, as text: the first part of its invoices' idempotency keys. */
	key: string;
	stripeCustomer: string;
	periodStart: string;
	periodEnd: string;
	currency: string;
	/** Every line, by line id. */
	lines: Line[];
	/** The lines in parts of at most MAX_LINES_PER_INVOICE, part 1 first. */
	parts: Line[][];
}

const byLineId = (a: DeliveryLine, b: DeliveryLine) =>
	a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;

/** The unit key of a line: its Stripe customer, period and currency, as JSON text. */
export const unitKeyOf = (line: DeliveryLine): string =>
	JSON.stringify([line.stripeCustomer, line.periodStart, line.periodEnd, line.currency]);

/** Consecutive parts of at most `size` lines, in the order given. */
export function partsOf<Line>(lines: readonly Line[], size = MAX_LINES_PER_INVOICE): Line[][] {
	const parts: Line[][] = [];
	for (let start = 0; start < lines.length; start += size)
		parts.push(lines.slice(start, start + size));
	return parts;
}

/** The units of the lines (each line id once: duplicateLines.ts first), by unit key. */
export function unitsOf<Line extends DeliveryLine>(
	lines: readonly Line[],
): Array<DeliveryUnit<Line>> {
	const byUnit = new Map<string, Line[]>();
	for (const line of lines) {
		const key = unitKeyOf(line);
		const members = byUnit.get(key);
		if (members) members.push(line);
		else byUnit.set(key, [line]);
	}
	return [...byUnit.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([key, members]) => {
			const ordered = [...members].sort(byLineId);
			const [first] = ordered;
			return {
				key,
				stripeCustomer: first.stripeCustomer,
				periodStart: first.periodStart,
				periodEnd: first.periodEnd,
				currency: first.currency,
				lines: ordered,
				parts: partsOf(ordered),
			};
		});
}
