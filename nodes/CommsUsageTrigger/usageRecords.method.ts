/**
 * Restcomm and Twilio-compatible Usage Records: a category's usage, count or price over the
 * current period (Twilio's Usage Triggers' TriggerBy), read from Usage Records, over the days of
 * the server (GMT on Twilio; on Restcomm, its Server Time Zone).
 */
import { decimalToNumber, sumDecimals } from '../shared/decimal';
import { choiceInput } from '../shared/inputs';
import { defineTriggerMethod } from '../shared/trigger';
import type { Recurrence } from '../shared/usagePeriods';
import type { UsagePlatform } from '../Restcomm/api';
import { readUsage } from '../Restcomm/askedRecords';
import { fetchAccount } from '../Restcomm/accounts';
import { categorySelectionInput } from '../Restcomm/categorySelection';
import { checkServerTimeZone } from '../Restcomm/serverTimeZone';

// Each period as the Usage Records subresource that gives one record for it.
const SUBRESOURCES: Record<Recurrence, string> = {
	daily: 'Daily',
	monthly: 'Monthly',
	yearly: 'Yearly',
	alltime: 'AllTime',
};

export const usageRecords = defineTriggerMethod({
	value: 'usageRecords',
	name: 'Usage Records (Restcomm, Twilio-Compatible)',
	action: 'Watch a usage category',
	description: "A category's usage, count or price, as Twilio's Usage Triggers watch it",
	platforms: ['restcomm', 'twilio'],
	inputs: {
		categories: categorySelectionInput({ oneCategory: true }),
		triggerBy: choiceInput<'count' | 'price' | 'usage'>({
			name: 'triggerBy',
			displayName: 'Trigger By',
			description: "Which of the category's figures to compare with the threshold",
			choices: [
				{
					name: 'Count',
					value: 'count',
					description: 'The number of calls, messages and the like',
				},
				{ name: 'Price', value: 'price', description: "In the account's currency" },
				{ name: 'Usage', value: 'usage', description: "In the category's unit, e.g. minutes" },
			],
			default: 'usage',
		}),
	},
	// The server's days: GMT on Twilio, the credential's Server Time Zone on Restcomm.
	zone: (_, { usageDaysZone }) => usageDaysZone,
	watched: ({ categories, triggerBy }) => `${triggerBy} of ${categories.named}`,
	async measure(call) {
		const { values, period, platform, accountSid = '', maxPages, request, now } = call;
		// Restcomm's days are its server's: its zone checked before any usage is read.
		if (platform === 'restcomm')
			checkServerTimeZone(await fetchAccount(request, platform, accountSid), call.usageDaysZone);
		const { named, includeSubaccounts, labelByRequest } = values.categories;
		const query = {
			platform: platform as UsagePlatform,
			accountSid,
			subresource: SUBRESOURCES[period.recurrence],
			category: named,
			startDate: period.start?.toISODate() ?? undefined,
			endDate: period.end?.toISODate() ?? undefined,
			includeSubaccounts,
			labelledByRequest: labelByRequest,
		};
		// Read as Usage Records reads it (askedRecords.ts), added up exactly: a price is money.
		const zone = call.usageDaysZone;
		const records = await readUsage(request, query, { now: now(), maxPages, zone });
		return decimalToNumber(sumDecimals(records.map((record) => record[values.triggerBy])));
	},
});
