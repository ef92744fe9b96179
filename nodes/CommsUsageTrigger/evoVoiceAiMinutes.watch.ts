/**
 * Evo Voice's AI minutes over the current period, for an account or a customer, from its
 * GetAIUsage service, with the periods' days in an IANA time zone.
 */
import { textInput } from '../shared/inputs';
import { defineWatch, periodZoneInput } from '../shared/trigger';
import { aiUsageRequest, readAiUsage } from '../EvoVoice/api';

export const evoVoiceAiMinutesWatch = defineWatch({
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
	zone: ({ timezone }) => timezone,
	watched: ({ accountId, customerId }) =>
		customerId
			? `AI minutes of customer ${customerId}`
			: `AI minutes of ${accountId ? `account ${accountId}` : 'every account'}`,
	async measure({ values, period, baseUrl, request }) {
		const response = await request(
			aiUsageRequest(baseUrl, {
				accountId: values.accountId,
				customerId: values.customerId,
				// All time: no dates, so the service counts everything it holds.
				startDate: period.start?.toISODate() ?? undefined,
				endDate: period.end?.toISODate() ?? undefined,
			}),
		);
		const usage = readAiUsage(response.body, response.statusCode);
		const rows = values.customerId
			? usage.customerUsage.filter((row) => row.customerId === values.customerId)
			: usage.accountUsage;
		return rows.reduce((total, row) => total + (row.aiMinutes ?? 0), 0);
	},
});
