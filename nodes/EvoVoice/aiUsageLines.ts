/**
 * Evo Voice's AI usage as invoice lines: one per customer, and one per account for the minutes
 * that no customer line holds, so that the lines add up to the accounts' totals, in exact
 * decimals. Customers can have a parent whose row holds its children's minutes, and the rows say
 * nothing of it: customers' minutes over their account's total would count a minute twice, so
 * they are a Failure naming the account and both figures. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	addDecimals,
	compareDecimals,
	decimalToNumber,
	decimalToString,
	isZeroDecimal,
	readDecimal,
	subtractDecimals,
	ZERO,
	type Decimal,
} from '../shared/decimal';
import { invoiceLine, type InvoiceLine } from '../shared/invoiceLines';
import { Failure } from '../shared/outcome';
import type { readAiUsage } from './api';

type AiUsage = ReturnType<typeof readAiUsage>;

const minutesOf = (aiMinutes: number | null) => readDecimal(aiMinutes) ?? ZERO;

export function aiUsageLines(
	usage: AiUsage,
	period: { start: string | null; end: string | null },
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

	const lines: IDataObject[] = [];
	// Ids compared as text: a customer row's account 1 is the account row "1".
	const heldByCustomers = new Map<string, Decimal>();
	for (const { accountId, customerId, aiMinutes } of usage.customerUsage) {
		if (!aiMinutes) continue;
		const account = String(accountId);
		heldByCustomers.set(
			account,
			addDecimals(heldByCustomers.get(account) ?? ZERO, minutesOf(aiMinutes)),
		);
		lines.push(
			line(
				String(customerId),
				aiMinutes,
				'AI voice minutes',
				`GetAIUsage customerUsage: account ${accountId}, customer ${customerId}`,
			),
		);
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
