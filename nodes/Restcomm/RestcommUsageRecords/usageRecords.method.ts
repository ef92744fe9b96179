/**
 * Usage Records version 1, kept for saved workflows: one method per subresource of Restcomm's
 * Usage Records API (docs/vendors.md), all with the same input variables.
 */
import { defineMethod } from '../../shared/model';
import { categorySelectionInput } from '../categorySelection';
import { usageDateRangeInput } from '../usageDates';
import {
	accountSidInput,
	outputModeInput,
	USAGE_DATES,
	USAGE_OUTPUT_VARIABLES,
	usageOptionsInput,
	usageRecordItems,
	usageSubject,
} from '../usageRecordsCall';

const SUBRESOURCES = [
	{
		value: 'allTime',
		action: 'Get usage records for all time',
		name: 'All Time',
		segment: 'AllTime',
		description: 'One record per category over the date range',
	},
	{
		value: 'daily',
		action: 'Get daily usage records',
		name: 'Daily',
		segment: 'Daily',
		description: 'One record per category and day',
	},
	{
		value: 'lastMonth',
		action: 'Get usage records for last month',
		name: 'Last Month',
		segment: 'LastMonth',
		description:
			"One record per category for last month's usage (on Restcomm asked as All Time over its whole days in the credential's Server Time Zone, which its server's own Last Month does not cover)",
	},
	{
		value: 'monthly',
		action: 'Get monthly usage records',
		name: 'Monthly',
		segment: 'Monthly',
		description: 'One record per category and month',
	},
	{
		value: 'thisMonth',
		action: 'Get usage records for this month',
		name: 'This Month',
		segment: 'ThisMonth',
		description:
			"One record per category for this month's usage (on Restcomm asked as All Time over its whole days in the credential's Server Time Zone, which its server's own This Month does not cover)",
	},
	{
		value: 'today',
		action: 'Get usage records for today',
		name: 'Today',
		segment: 'Today',
		description:
			"One record per category for today's usage (on Restcomm asked as All Time over its whole days in the credential's Server Time Zone, which its server's own Today does not cover)",
	},
	{
		value: 'yearly',
		action: 'Get yearly usage records',
		name: 'Yearly',
		segment: 'Yearly',
		description: 'One record per category and year',
	},
	{
		value: 'yesterday',
		action: 'Get usage records for yesterday',
		name: 'Yesterday',
		segment: 'Yesterday',
		description:
			"One record per category for yesterday's usage (on Restcomm asked as All Time over its whole days in the credential's Server Time Zone, which its server's own Yesterday does not cover)",
	},
] as const;

// One set of input variables, shared by every method (and shown once in the editor).
const inputs = {
	accountSid: accountSidInput,
	categories: categorySelectionInput(),
	dates: usageDateRangeInput({
		...USAGE_DATES,
		fixedSegment: (parameter) =>
			SUBRESOURCES.find(({ value }) => value === parameter('operation'))?.segment,
	}),
	outputMode: outputModeInput,
	options: usageOptionsInput,
};

export const usageRecordsMethods = SUBRESOURCES.map(
	({ value, name, action, segment, description }) =>
		defineMethod({
			value,
			name,
			action,
			description,
			inputs,
			outputVariables: USAGE_OUTPUT_VARIABLES,
			subject: usageSubject,
			execute: async (call) => await usageRecordItems(call, { ...call.values, segment }),
		}),
);
