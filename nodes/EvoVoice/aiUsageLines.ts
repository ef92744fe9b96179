/**
 * Evo Voice's AI usage as invoice lines: one per customer, and one per account for the minutes
 * that no customer line holds, so that the lines add up to the accounts' totals. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { invoiceLine, type InvoiceLine } from '../shared/invoiceLines';
import type { readAiUsage } from './api';

type AiUsage = ReturnType<typeof readAiUsage>;

// aiMinutes carry at most a few decimals; a difference below this is float noise, not usage.
const MINUTES_PRECISION = 1e-6;
const roundMinutes = (minutes: number) =>
	Math.round(minutes / MINUTES_PRECISION) * MINUTES_PRECISION;

export function aiUsageLines(
	usage: AiUsage,
	period: { start: string | null; end: string | null },
): IDataObject[] {
	const line = (customer: string, quantity: number, description: string, source: string) =>
		invoiceLine({
			customer,
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
	const heldByCustomers = new Map<unknown, number>();
	for (const { accountId, customerId, aiMinutes } of usage.customerUsage) {
		if (!aiMinutes) continue;
		heldByCustomers.set(accountId, (heldByCustomers.get(accountId) ?? 0) + aiMinutes);
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
		const unheld = roundMinutes((aiMinutes ?? 0) - (heldByCustomers.get(accountId) ?? 0));
		if (unheld <= 0) continue;
		lines.push(
			line(
				String(accountId),
				unheld,
				'AI voice minutes of the account that no customer line holds',
				`GetAIUsage accountUsage: account ${accountId}, less its customers' lines`,
			),
		);
	}
	return lines;
}
