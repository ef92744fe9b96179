/**
 * Usage Records: one method per subresource of Restcomm's Usage Records API (docs/vendors.md),
 * all with the same input variables,
 * reading every page and giving one item per usage record.
 */
import type { IDataObject } from 'n8n-workflow';

import { choiceInput, pagingOptionsInput, pathIdInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { toAmount } from '../../shared/numbers';
import { pagesByToken } from '../../shared/paging';
import {
	categoryOnWire,
	nextPageRequest,
	nextPageUrl,
	readUsageRecordsPage,
	USAGE_CATEGORIES,
	usageRecordsRequest,
	type UsagePlatform,
} from '../api';
import { usageDateRangeInput } from '../usageDates';

const RECORD_FIELDS = [
	'category',
	'description',
	'account_sid',
	'start_date',
	'end_date',
	'usage',
	'usage_unit',
	'count',
	'count_unit',
	'price',
	'price_unit',
	'uri',
] as const;
const AMOUNTS = new Set(['usage', 'count', 'price']);

const SUBRESOURCES = [
	{
		value: 'allTime',
		name: 'All Time',
		segment: 'AllTime',
		description: 'One record per category over the date range',
	},
	{
		value: 'daily',
		name: 'Daily',
		segment: 'Daily',
		description: 'One record per category and day',
	},
	{
		value: 'lastMonth',
		name: 'Last Month',
		segment: 'LastMonth',
		description: "One record per category for last month's usage",
	},
	{
		value: 'monthly',
		name: 'Monthly',
		segment: 'Monthly',
		description: 'One record per category and month',
	},
	{
		value: 'thisMonth',
		name: 'This Month',
		segment: 'ThisMonth',
		description: "One record per category for this month's usage",
	},
	{
		value: 'today',
		name: 'Today',
		segment: 'Today',
		description: "One record per category for today's usage",
	},
	{
		value: 'yearly',
		name: 'Yearly',
		segment: 'Yearly',
		description: 'One record per category and year',
	},
	{
		value: 'yesterday',
		name: 'Yesterday',
		segment: 'Yesterday',
		description: "One record per category for yesterday's usage",
	},
] as const;

/** The documented fields only, each present; usage, count and price as numbers. */
function toUsageRecord(record: IDataObject): IDataObject {
	return Object.fromEntries(
		RECORD_FIELDS.map((field) => [
			field,
			AMOUNTS.has(field) ? toAmount(record[field]) : (record[field] ?? null),
		]),
	);
}

// One set of input variables, shared by every method (and shown once in the editor).
const inputs = {
	accountSid: pathIdInput({
		name: 'accountSid',
		displayName: 'Account SID',
		description: "The account whose usage to read; empty: the credential's account",
		placeholder: 'AC...',
		fromCredential: (credentials) => credentials.apiKey,
	}),
	category: choiceInput({
		name: 'category',
		displayName: 'Category',
		description: 'Only this usage category; All: every category',
		choices: [{ name: 'All Categories', value: '' }, ...USAGE_CATEGORIES] as Array<{
			name: string;
			value: string;
		}>,
		default: '',
	}),
	dates: usageDateRangeInput({
		start: {
			name: 'startDate',
			displayName: 'Start Date',
			description:
				'Usage on or after this date (GMT): YYYY-MM-DD, or an offset to today such as -30days',
		},
		end: {
			name: 'endDate',
			displayName: 'End Date',
			description:
				'Usage on or before this date (GMT): YYYY-MM-DD, or an offset to today such as +30days',
		},
	}),
	options: pagingOptionsInput(),
};

export const usageRecordsMethods = SUBRESOURCES.map(({ value, name, segment, description }) =>
	defineMethod({
		value,
		name,
		action: `Get usage records: ${name.toLowerCase()}`,
		description,
		inputs,
		outputVariables: RECORD_FIELDS,
		async execute({ values, credentials, baseUrl, request }) {
			const platform = credentials.platform as UsagePlatform;
			const query: IDataObject = {};
			if (values.category) query.Category = categoryOnWire(platform, values.category);
			if (values.dates.startDate) query.StartDate = values.dates.startDate;
			if (values.dates.endDate) query.EndDate = values.dates.endDate;
			const { accountSid } = values;

			const records: IDataObject[] = [];
			const pages = pagesByToken(async (nextPageUri) => {
				const sent =
					nextPageUri === undefined
						? usageRecordsRequest(baseUrl, platform, accountSid, segment, query)
						: nextPageRequest(nextPageUrl(baseUrl, nextPageUri));
				return readUsageRecordsPage(await request(sent));
			}, values.options.maxPages);
			for await (const page of pages) records.push(...page.records.map(toUsageRecord));
			return records.map((json) => ({ json }));
		},
	}),
);
