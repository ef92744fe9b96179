/**
 * Restcomm and Twilio-compatible Usage Records: a category's usage, count or price over the
 * current period (Twilio's Usage Triggers' TriggerBy), read from Usage Records. Their days are
 * GMT, so the periods are too.
 */
import type { IDataObject } from 'n8n-workflow';

import { decimalToNumber, readDecimal, sumDecimals, ZERO } from '../shared/decimal';
import { choiceInput } from '../shared/inputs';
import { defineTriggerMethod } from '../shared/trigger';
import type { Recurrence } from '../shared/usagePeriods';
import {
	categoryOnWire,
	usageRecordPages,
	usageRecordsRequest,
	type UsagePlatform,
} from '../Restcomm/api';
import { categorySelectionInput } from '../Restcomm/categorySelection';
import { checkFigures } from '../Restcomm/usageRecord';

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
		triggerBy: choiceInput({
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
	zone: () => 'UTC',
	watched: ({ categories, triggerBy }) => `${triggerBy} of ${categories.named}`,
	async measure({ values, period, platform: usagePlatform, accountSid = '', maxPages, request }) {
		const platform = usagePlatform as UsagePlatform;
		const { named, includeSubaccounts } = values.categories;
		const query: IDataObject = { Category: categoryOnWire(platform, named!) };
		if (platform === 'twilio' && !includeSubaccounts) query.IncludeSubaccounts = false;
		if (period.start) {
			query.StartDate = period.start.toISODate();
			query.EndDate = period.end!.toISODate();
		}
		const first = usageRecordsRequest(platform, accountSid, SUBRESOURCES[period.recurrence], query);
		// Added up exactly: a price is money.
		let value = ZERO;
		for await (const records of usageRecordPages(request, first, maxPages)) {
			// A figure that cannot be read fails the poll; an empty one counts nothing.
			records.forEach(checkFigures);
			const figures = records.map((record) => readDecimal(record[values.triggerBy]) ?? ZERO);
			value = sumDecimals([value, ...figures]);
		}
		return decimalToNumber(value);
	},
});
