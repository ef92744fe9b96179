/**
 * Usage Records: one method per subresource of Restcomm's Usage Records API (docs/vendors.md),
 * all with the same input variables,
 * reading every page and giving one item per usage record, or one invoice line per category and
 * period.
 */
import type { IDataObject } from 'n8n-workflow';

import { choiceInput, pagingOptionsInput, pathIdInput } from '../../shared/inputs';
import {
	INVOICE_LINE_FIELDS,
	INVOICE_LINES_CHOICE,
	invoiceLine,
	type InvoiceLine,
} from '../../shared/invoiceLines';
import { defineMethod } from '../../shared/model';
import { toAmount } from '../../shared/numbers';
import {
	categoryOnWire,
	credentialAccountSid,
	usageRecordPages,
	usageRecordsRequest,
	type UsagePlatform,
} from '../api';
import { USAGE_CATEGORIES } from '../categories';
import { categorySelectionInput, forInvoiceLines, isOutsideHierarchy } from '../categorySelection';
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
	// Twilio's; null from Restcomm, which sends neither.
	'as_of',
	'subresource_uris',
] as const;
const AMOUNTS = new Set(['usage', 'count', 'price']);

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
		description: "One record per category for last month's usage",
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
		description: "One record per category for this month's usage",
	},
	{
		value: 'today',
		action: 'Get usage records for today',
		name: 'Today',
		segment: 'Today',
		description: "One record per category for today's usage",
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
		description: "One record per category for yesterday's usage",
	},
] as const;

/** Restcomm-Connect ends a Daily record on the next day; a day's record ends on that day. */
function dailyEndsThatDay(record: IDataObject, platform: UsagePlatform, segment: string) {
	if (platform !== 'restcomm' || segment !== 'Daily' || typeof record.start_date !== 'string')
		return record;
	return { ...record, end_date: record.start_date };
}

/** A record as labelled with the category it was asked for, with that category's units. */
function labelled(record: IDataObject, category: string): IDataObject {
	const { description, usageUnit, countUnit } = USAGE_CATEGORIES.get(category)!;
	return { ...record, category, description, usage_unit: usageUnit, count_unit: countUnit };
}

/** The documented fields only, each present; usage, count and price as numbers. */
function toUsageRecord(record: IDataObject): IDataObject {
	return Object.fromEntries(
		RECORD_FIELDS.map((field) => [
			field,
			AMOUNTS.has(field) ? toAmount(record[field]) : (record[field] ?? null),
		]),
	);
}

/** A usage record as an invoice line: the queried account's usage of one category and period. */
function recordLine(record: IDataObject, platform: UsagePlatform, outsideHierarchy: boolean) {
	const description = String(record.description ?? record.category);
	return invoiceLine({
		customer: String(record.account_sid),
		platform,
		category: String(record.category),
		description: outsideHierarchy
			? `${description} (a custom category outside the known hierarchy: it may overlap other lines)`
			: description,
		quantity: (record.usage as number | null) ?? 0,
		unit: String(record.usage_unit ?? ''),
		amount: record.price as number | null,
		currency: (record.price_unit as string | null) ?? null,
		periodStart: record.start_date as string | null,
		periodEnd: record.end_date as string | null,
		source: String(record.uri ?? ''),
	} satisfies InvoiceLine);
}

/** Nothing to bill: neither usage nor a price. */
const isEmptyLine = (line: IDataObject) => !line.quantity && !line.amount;

// One set of input variables, shared by every method (and shown once in the editor).
const inputs = {
	accountSid: pathIdInput({
		name: 'accountSid',
		displayName: 'Account SID',
		description: "The account whose usage to read; empty: the credential's account",
		placeholder: 'AC...',
		fromCredential: credentialAccountSid,
	}),
	categories: categorySelectionInput(),
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
	outputMode: choiceInput({
		name: 'outputMode',
		displayName: 'Output',
		description: 'One item per usage record, or invoice lines',
		choices: [
			{ name: 'Records', value: 'records', description: 'One item per usage record' },
			{
				...INVOICE_LINES_CHOICE,
				description:
					"One line per category and period, from leaf categories only, so that nothing is counted twice; lines with neither usage nor price are left out. The lines are the queried account's: with Include Subaccounts on, a master account's lines hold its subaccounts' usage.",
			},
		],
		default: 'records',
	}),
	options: pagingOptionsInput(),
};

export const usageRecordsMethods = SUBRESOURCES.map(
	({ value, name, action, segment, description }) =>
		defineMethod({
			value,
			name,
			action,
			description,
			inputs,
			outputVariables: { records: RECORD_FIELDS, invoiceLines: INVOICE_LINE_FIELDS },
			async execute({ values, credentials, baseUrl, request }) {
				const platform = credentials.platform as UsagePlatform;
				const { accountSid } = values;
				const asLines = values.outputMode === 'invoiceLines';
				const categories = asLines ? forInvoiceLines(values.categories) : values.categories;
				const query: IDataObject = {};
				if (values.dates.startDate) query.StartDate = values.dates.startDate;
				if (values.dates.endDate) query.EndDate = values.dates.endDate;
				if (platform === 'twilio' && !categories.includeSubaccounts)
					query.IncludeSubaccounts = false;

				const records: IDataObject[] = [];
				for (const category of categories.requests) {
					const first = usageRecordsRequest(baseUrl, platform, accountSid, segment, {
						...query,
						...(category === undefined ? {} : { Category: categoryOnWire(platform, category) }),
					});
					const pages = usageRecordPages(request, baseUrl, first, values.options.maxPages);
					for await (const page of pages) {
						for (const record of page) {
							const read = dailyEndsThatDay(toUsageRecord(record), platform, segment);
							if (!categories.keeps(read.category)) continue;
							records.push(categories.labelByRequest ? labelled(read, category!) : read);
						}
					}
				}
				if (asLines) {
					const outside = isOutsideHierarchy(categories);
					return records
						.map((record) => recordLine(record, platform, outside))
						.filter((line) => !isEmptyLine(line))
						.map((json) => ({ json }));
				}
				return records.map((json) => ({ json }));
			},
		}),
);
