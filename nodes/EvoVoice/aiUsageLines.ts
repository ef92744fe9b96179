/**
 * Evo Voice's AI usage as invoice lines: one per customer, and one per account for the minutes
 * that no customer line holds, so that the lines add up to the accounts' totals, in exact
 * decimals. Customers can have a parent (the customer list, customers.ts), and the usage rows say
 * nothing of it; what a parent's row holds is not published, so the credential's Customer Rows
 * says it (docs/vendors.md, "Evo Voice"):
 * - `own`: a customer's line is its row; the account's line, its total less every customer's row;
 * - `includeSubCustomers`: a customer's line is its row less its direct sub-customers' rows; the
 *   account's line, its total less its top-level customers' rows;
 * - not set: as `own`, unless a customer with minutes has an ancestor with minutes: a Failure.
 * Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	compareDecimals,
	decimalToNumber,
	decimalToString,
	isZeroDecimal,
	readDecimal,
	subtractDecimals,
	sumDecimals,
	ZERO,
	type Decimal,
} from '../shared/decimal';
import { invoiceLine, type InvoiceLine } from '../shared/invoiceLines';
import { Failure } from '../shared/outcome';
import type { EvoVoiceCustomerRows } from '../shared/platforms';
import type { readAiUsage } from './api';
import type { CustomerParents } from './customers';

type AiUsage = ReturnType<typeof readAiUsage>;

/** How the customers' rows are read: the credential's Customer Rows and the customer lists. */
export interface CustomerReading {
	/** What a parent's row holds; undefined: not set. */
	customerRows?: EvoVoiceCustomerRows;
	/** Each account's customers today, by account id as text: those of the rows with minutes. */
	customers: ReadonlyMap<string, CustomerParents>;
	/** The customer the request asked for, when it asked for one: no other customer's row came. */
	customerAsked?: string;
}

/** A customer's row with minutes, ids as text (a row's customer 7 is the list's "7"). */
interface CustomerMinutes {
	accountId: string;
	customerId: string;
	minutes: Decimal;
}

const minutesOf = (aiMinutes: number | null) => readDecimal(aiMinutes) ?? ZERO;

const SET_CUSTOMER_ROWS =
	"Set the credential's Customer Rows to what this server's rows hold; nothing is returned.";

/** The accounts whose customers the lines need: those of customer rows with minutes. */
export const accountsWithCustomerMinutes = (usage: AiUsage): string[] => [
	...new Set(
		usage.customerUsage.filter((row) => row.aiMinutes).map((row) => String(row.accountId)),
	),
];

export function aiUsageLines(
	usage: AiUsage,
	period: { start: string | null; end: string | null },
	reading: CustomerReading,
): IDataObject[] {
	const line = (customer: string, quantity: number, description: string, source: string) =>
		invoiceLine({
			customer,
			customerName: null,
			platform: 'evoVoice',
			category: 'ai-minutes',
			description,
			quantity,
			unit: 'minutes',
			amount: null,
			currency: null,
			periodStart: period.start,
			periodEnd: period.end,
			source,
		} satisfies InvoiceLine);

	const rows: CustomerMinutes[] = usage.customerUsage
		.filter((row) => row.aiMinutes)
		.map((row) => ({
			accountId: String(row.accountId),
			customerId: String(row.customerId),
			minutes: minutesOf(row.aiMinutes),
		}));
	const lines: IDataObject[] = [];
	const heldByCustomers = new Map<string, Decimal>();
	for (const accountId of new Set(rows.map((row) => row.accountId))) {
		const ofAccount = rows.filter((row) => row.accountId === accountId);
		const { billed, held } = customerShares(ofAccount, reading);
		heldByCustomers.set(accountId, held);
		for (const { customerId, minutes } of billed) {
			lines.push(
				line(
					customerId,
					decimalToNumber(minutes),
					'AI voice minutes',
					`GetAIUsage customerUsage: account ${accountId}, customer ${customerId}`,
				),
			);
		}
	}
	for (const { accountId, aiMinutes } of usage.accountUsage) {
		const held = heldByCustomers.get(String(accountId)) ?? ZERO;
		const unheld = subtractDecimals(minutesOf(aiMinutes), held);
		if (compareDecimals(unheld, ZERO) < 0) {
			throw new Failure(
				`reported ${decimalToString(held)} AI minutes for the customers of account ${String(accountId)}, more than the account's ${decimalToString(minutesOf(aiMinutes))}: a customer's minutes may include another's (customers can have a parent), so the lines would count a minute twice; nothing is returned.`,
			);
		}
		if (isZeroDecimal(unheld)) continue;
		lines.push(
			line(
				String(accountId),
				decimalToNumber(unheld),
				'AI voice minutes of the account that no customer line holds',
				`GetAIUsage accountUsage: account ${accountId}, less its customers' lines`,
			),
		);
	}
	return lines;
}

/**
 * One account's customer lines (in the rows' order, none of zero) and the minutes of the
 * account's total that its customers' rows hold, as the reading says.
 */
function customerShares(
	rows: CustomerMinutes[],
	reading: CustomerReading,
): { billed: CustomerMinutes[]; held: Decimal } {
	const [{ accountId }] = rows;
	const parents = reading.customers.get(accountId) ?? new Map<string, string | null>();
	rows.forEach((row) => requireListed(row, parents));
	const asOwn = { billed: rows, held: sumDecimals(rows.map((row) => row.minutes)) };
	if (reading.customerRows === 'own') return asOwn;
	if (reading.customerAsked !== undefined) {
		refuseParentAskedAlone(reading.customerAsked, accountId, parents, reading.customerRows);
		return asOwn;
	}
	const ancestorsOf = ancestry(accountId, parents);
	if (reading.customerRows === undefined) {
		refuseNestedMinutes(rows, ancestorsOf);
		return asOwn;
	}
	rows.forEach((row) => ancestorsOf(row.customerId));
	return withoutSubCustomers(rows, parents);
}

/** A row's customer must be in its account's list: else whose minutes it holds is unknown. */
function requireListed(
	{ accountId, customerId, minutes }: CustomerMinutes,
	parents: CustomerParents,
) {
	if (parents.has(customerId)) return;
	throw new Failure(
		`reported ${decimalToString(minutes)} AI minutes for customer ${customerId} of account ${accountId}, which the account's customer list (GET /customers) does not hold, so whose minutes its row holds cannot be told; nothing is returned.`,
	);
}

/** A customer asked alone came without its sub-customers' rows: unless rows are own, a Failure. */
function refuseParentAskedAlone(
	asked: string,
	accountId: string,
	parents: CustomerParents,
	customerRows: EvoVoiceCustomerRows | undefined,
) {
	const subs = [...parents]
		.filter(([, parent]) => parent === asked)
		.map(([customerId]) => customerId);
	if (subs.length === 0) return;
	const placed = `the customer list of account ${accountId} places ${subs.join(', ')} under customer ${asked}`;
	throw new Failure(
		customerRows === undefined
			? `answered customer ${asked}'s row alone, and ${placed}: whether its row holds their minutes is not published, so they could be billed twice. ${SET_CUSTOMER_ROWS}`
			: `answered customer ${asked}'s row alone, which holds its sub-customers' minutes (Customer Rows), and ${placed}, whose rows were not asked for: its own minutes cannot be told. Leave Customer ID empty; nothing is returned.`,
	);
}

/** A customer's ancestors, nearest first; a parent the list does not hold, or a cycle, is a Failure. */
const ancestry = (accountId: string, parents: CustomerParents) => (customerId: string) => {
	const chain: string[] = [];
	for (let at = parents.get(customerId); at; at = parents.get(at)) {
		if (!parents.has(at)) {
			throw new Failure(
				`lists customer ${chain[chain.length - 1] ?? customerId} of account ${accountId} under customer ${at}, which the account's customer list does not hold, so whose row holds ${customerId}'s minutes cannot be told; nothing is returned.`,
			);
		}
		if (at === customerId || chain.includes(at)) {
			throw new Failure(
				`lists customer ${at} of account ${accountId} among its own ancestors (${[customerId, ...chain].join(' under ')}), so whose row holds its minutes cannot be told; nothing is returned.`,
			);
		}
		chain.push(at);
	}
	return chain;
};

/** Customer Rows not set: a customer with minutes under an ancestor with minutes is a Failure. */
function refuseNestedMinutes(
	rows: CustomerMinutes[],
	ancestorsOf: (customerId: string) => string[],
) {
	const minutes = new Map(rows.map((row) => [row.customerId, row.minutes]));
	for (const { accountId, customerId, minutes: given } of rows) {
		const holder = ancestorsOf(customerId).find((ancestor) => minutes.has(ancestor));
		const holds = holder === undefined ? undefined : minutes.get(holder);
		if (holds === undefined) continue;
		throw new Failure(
			`reported ${decimalToString(holds)} AI minutes for customer ${holder} and ${decimalToString(given)} for customer ${customerId}, which the customer list of account ${accountId} places under ${holder}: whether a parent's row holds its sub-customers' minutes is not published, so ${customerId}'s minutes could be billed twice. ${SET_CUSTOMER_ROWS}`,
		);
	}
}

/**
 * Include Sub-Customers' Minutes: each row less its direct sub-customers' rows (which hold
 * theirs), a row below them a Failure; the account's total holds its top-level customers' rows.
 */
function withoutSubCustomers(
	rows: CustomerMinutes[],
	parents: CustomerParents,
): { billed: CustomerMinutes[]; held: Decimal } {
	const minutes = new Map(rows.map((row) => [row.customerId, row.minutes]));
	const subsOf = new Map<string, CustomerMinutes[]>();
	for (const row of rows) {
		const parent = parents.get(row.customerId);
		if (parent) subsOf.set(parent, [...(subsOf.get(parent) ?? []), row]);
	}
	const ownMinutes = new Map<string, Decimal>();
	for (const [parent, subs] of subsOf) {
		const given = minutes.get(parent) ?? ZERO;
		const held = sumDecimals(subs.map((sub) => sub.minutes));
		const own = subtractDecimals(given, held);
		if (compareDecimals(own, ZERO) < 0) {
			const named = subs.map((sub) => `${sub.customerId} ${decimalToString(sub.minutes)}`);
			throw new Failure(
				`reported ${decimalToString(given)} AI minutes for customer ${parent} of account ${subs[0].accountId}, fewer than its sub-customers' ${decimalToString(held)} (${named.join(', ')}), though Customer Rows says a parent's row holds its sub-customers' minutes; nothing is returned.`,
			);
		}
		ownMinutes.set(parent, own);
	}
	return {
		billed: rows
			.map((row) => ({ ...row, minutes: ownMinutes.get(row.customerId) ?? row.minutes }))
			.filter((row) => !isZeroDecimal(row.minutes)),
		held: sumDecimals(rows.filter((row) => !parents.get(row.customerId)).map((row) => row.minutes)),
	};
}
