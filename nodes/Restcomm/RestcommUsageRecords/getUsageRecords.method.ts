/**
 * Get Usage Records (version 2): the subresource of Restcomm's Usage Records API (docs/vendors.md)
 * chosen by Period and Granularity, every page, as one item per usage record or as invoice lines.
 * A node dropped in reads last month's leaf categories: valid, and safe to sum.
 */
import { choiceInput, limitInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { accountChoiceInput, ONE_ACCOUNT } from '../accountChoice';
import { categorySelectionInput } from '../categorySelection';
import { usageDateRangeInput } from '../usageDates';
import {
	accountLocatorInput,
	outputModeInput,
	USAGE_DATES,
	USAGE_OUTPUT_VARIABLES,
	usageOptionsInput,
	usageRecordItems,
	usageSubject,
} from '../usageRecordsCall';

// On Restcomm a fixed period is asked as All Time over its server's days (usageDates.ts).
const ON_RESTCOMM =
	"on Restcomm asked as All Time over its whole days in the credential's Server Time Zone";

/** Each period, and the subresource it is on the wire. */
const PERIODS = {
	custom: null,
	lastMonth: 'LastMonth',
	thisMonth: 'ThisMonth',
	today: 'Today',
	yesterday: 'Yesterday',
} as const;

const GRANULARITIES = {
	allTime: 'AllTime',
	daily: 'Daily',
	monthly: 'Monthly',
	yearly: 'Yearly',
} as const;

const CUSTOM = { period: ['custom'] };

export const getUsageRecords = defineMethod({
	value: 'getUsageRecords',
	name: 'Get Usage Records',
	action: 'Get usage records',
	description: 'Get usage records per category for a period, all pages',
	inputs: {
		accounts: accountChoiceInput,
		accountSid: accountLocatorInput,
		period: choiceInput<keyof typeof PERIODS>({
			name: 'period',
			displayName: 'Period',
			description:
				"The usage period, in the server's whole days: GMT on Twilio, the credential's Server Time Zone on Restcomm",
			choices: [
				{
					name: 'Custom (Start and End Date)',
					value: 'custom',
					description:
						'The dates below, each optional (empty: from the first or to the last usage)',
				},
				{
					name: 'Last Month',
					value: 'lastMonth',
					description: `One record per category for last month (${ON_RESTCOMM})`,
				},
				{
					name: 'This Month',
					value: 'thisMonth',
					description: `One record per category for this month so far (${ON_RESTCOMM})`,
				},
				{
					name: 'Today',
					value: 'today',
					description: `One record per category for today so far (${ON_RESTCOMM})`,
				},
				{
					name: 'Yesterday',
					value: 'yesterday',
					description: `One record per category for yesterday (${ON_RESTCOMM})`,
				},
			],
			default: 'lastMonth',
		}),
		granularity: choiceInput<keyof typeof GRANULARITIES>({
			name: 'granularity',
			displayName: 'Granularity',
			description: 'One record per category over the whole range, or per day, month or year',
			show: CUSTOM,
			choices: [
				{ name: 'Whole Range', value: 'allTime', description: 'One record per category' },
				{ name: 'Daily', value: 'daily', description: 'One record per category and day' },
				{ name: 'Monthly', value: 'monthly', description: 'One record per category and month' },
				{ name: 'Yearly', value: 'yearly', description: 'One record per category and year' },
			],
			default: 'allTime',
		}),
		dates: usageDateRangeInput({
			start: { ...USAGE_DATES.start, show: CUSTOM },
			end: { ...USAGE_DATES.end, show: CUSTOM },
		}),
		categories: categorySelectionInput({ leavesByDefault: true, subaccountsShownFor: ONE_ACCOUNT }),
		outputMode: outputModeInput,
		// Invoice lines, and each of several accounts, are whole or a Failure: a limit would cut
		// money off.
		limit: limitInput({
			recordName: 'records',
			show: { outputMode: ['records'], ...ONE_ACCOUNT },
			returnAllByDefault: true,
		}),
		options: usageOptionsInput,
	},
	outputVariables: USAGE_OUTPUT_VARIABLES,
	subject: usageSubject,
	async execute(call) {
		const { period, granularity, dates } = call.values;
		const segment = PERIODS[period] ?? GRANULARITIES[granularity];
		return await usageRecordItems(call, {
			...call.values,
			segment,
			dates: period === 'custom' ? dates : {},
		});
	},
});
