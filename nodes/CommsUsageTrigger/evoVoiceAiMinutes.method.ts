/**
 * Evo Voice's AI minutes over the current period, for an account or a customer, from its
 * GetAIUsage service, with the periods' days in an IANA time zone.
 */
import { decimalToNumber, readDecimal, sumDecimals, ZERO } from '../shared/decimal';
import { textInput } from '../shared/inputs';
import { defineTriggerMethod, periodZoneInput } from '../shared/trigger';
import { aiUsageFetcher } from '../EvoVoice/api';
import { aiUsageOfDays } from '../EvoVoice/endDateReading';

export const evoVoiceAiMinutes = defineTriggerMethod({
	value: 'evoVoiceAiMinutes',
	name: 'AI Minutes (Evo Voice)',
	action: 'Watch AI minutes',
	description: "An account's or a customer's AI voice minutes",
	platforms: ['evoVoice'],
	inputs: {
		accountId: textInput({
			name: 'accountId',
			displayName: 'Account ID',
			description: 'The account to watch; empty: every account the user sees, together',
		}),
		customerId: textInput({
			name: 'customerId',
			displayName: 'Customer ID',
			description: "Watch this customer's minutes instead of the account's",
		}),
		timezone: periodZoneInput,
	},
	// The API requires both dates (the vendor's CLI), and its sources name no earliest one.
	refusedRecurrences: {
		alltime:
			"Evo Voice's API requires both a start and an end date, and names no earliest date to ask from: choose Daily, Monthly or Yearly",
	},
	zone: ({ timezone }) => timezone,
	watched: ({ accountId, customerId }) =>
		customerId
			? `AI minutes of customer ${customerId}`
			: `AI minutes of ${accountId ? `account ${accountId}` : 'every account'}`,
	async measure({ values, now, period, evoVoiceEndDate, request }) {
		const { usage } = await aiUsageOfDays({
			start: period.start!.toISODate() as string,
			end: period.end!.toISODate() as string,
			reading: evoVoiceEndDate,
			now: now(),
			fetch: aiUsageFetcher(request, {
				accountId: values.accountId,
				customerId: values.customerId,
			}),
		});
		const rows = values.customerId
			? usage.customerUsage.filter((row) => row.customerId === values.customerId)
			: usage.accountUsage;
		return decimalToNumber(sumDecimals(rows.map((row) => readDecimal(row.aiMinutes) ?? ZERO)));
	},
});
