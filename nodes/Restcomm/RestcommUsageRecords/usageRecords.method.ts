/**
 * Usage Records: one method per subresource of Restcomm's Usage Records API (docs/vendors.md),
 * all with the same input variables,
 * reading every page and giving one item per usage record, or one invoice line per category and
 * period.
 */
import type { IDataObject } from 'n8n-workflow';

import { choiceInput, pagingOptionsInput, pathIdInput, percentInput } from '../../shared/inputs';
import { INVOICE_LINE_FIELDS, INVOICE_LINES_CHOICE } from '../../shared/invoiceLines';
import { defineMethod } from '../../shared/model';
import { accountSidOf } from '../../shared/credentialRules';
import { categoryOnWire, usageRecordPages, usageRecordsRequest, type UsagePlatform } from '../api';
import { categorySelectionInput, forInvoiceLines, readsEveryCategory } from '../categorySelection';
import { now } from '../../shared/clock';
import { usageDateRangeInput, usageListing } from '../usageDates';
import { isEmptyLine, readUsageRecord, RECORD_FIELDS, recordLine } from '../usageRecord';
import { eachUnitOnce, everyRecordOnce, type ReadRecord } from '../usageLines';

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
			"One record per category for last month's usage (on Restcomm asked as All Time over its whole GMT days, which its server's own Last Month does not cover)",
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
			"One record per category for this month's usage (on Restcomm asked as All Time over its whole GMT days, which its server's own This Month does not cover)",
	},
	{
		value: 'today',
		action: 'Get usage records for today',
		name: 'Today',
		segment: 'Today',
		description:
			"One record per category for today's usage (on Restcomm asked as All Time over its whole GMT days, which its server's own Today does not cover)",
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
			"One record per category for yesterday's usage (on Restcomm asked as All Time over its whole GMT days, which its server's own Yesterday does not cover)",
	},
] as const;

// One set of input variables, shared by every method (and shown once in the editor).
const inputs = {
	accountSid: pathIdInput({
		name: 'accountSid',
		displayName: 'Account SID',
		description: "The account whose usage to read; empty: the credential's account",
		placeholder: 'AC...',
		fromCredential: accountSidOf,
	}),
	categories: categorySelectionInput(),
	dates: usageDateRangeInput({
		start: {
			name: 'startDate',
			displayName: 'Start Date',
			description:
				"Usage on or after this date (GMT; Restcomm-Connect reads it as midnight in its server's own time zone): YYYY-MM-DD, or an offset to today such as -30days",
		},
		end: {
			name: 'endDate',
			displayName: 'End Date',
			description:
				"Usage on or before this date (GMT; Restcomm-Connect reads it in its server's own time zone): YYYY-MM-DD, or an offset to today such as +30days",
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
					"One line per category and period, each unit of money once: no roll-up beside the categories it holds, and with every category read, a line 'unattributed' for what totalprice holds beyond them (lines over totalprice are a Failure); lines with neither usage nor price are left out. The lines are the queried account's: with Include Subaccounts on, a master account's lines hold its subaccounts' usage. A line's period is the one asked (Restcomm labels a Monthly record as its whole month); Restcomm-Connect prices everything in USD.",
			},
		],
		default: 'records',
	}),
	options: pagingOptionsInput({
		unattributedTolerance: percentInput({
			name: 'unattributedTolerance',
			displayName: 'Unattributed Tolerance (%)',
			description:
				"Invoice Lines with every category read: the most of the period's totalprice, in percent, that may be in no category (the line 'unattributed'); more is a Failure",
			default: 1,
		}),
	}),
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
			subject: ({ accountSid, dates }) =>
				dates.startDate || dates.endDate
					? `account ${accountSid}, ${dates.startDate ?? 'no start'} to ${dates.endDate ?? 'no end'} (GMT)`
					: `account ${accountSid}`,
			async execute({ values, request, platform: credentialPlatform }) {
				const platform = credentialPlatform as UsagePlatform;
				const { accountSid } = values;
				const asLines = values.outputMode === 'invoiceLines';
				const categories = asLines ? forInvoiceLines(values.categories) : values.categories;
				const listing = usageListing(platform, segment, values.dates, now());
				if (!listing) return [];
				const query: IDataObject = {};
				if (listing.dates.startDate) query.StartDate = listing.dates.startDate;
				if (listing.dates.endDate) query.EndDate = listing.dates.endDate;
				if (platform === 'twilio' && !categories.includeSubaccounts)
					query.IncludeSubaccounts = false;

				const read: ReadRecord[] = [];
				for (const category of categories.requests) {
					const first = usageRecordsRequest(platform, accountSid, listing.segment, {
						...query,
						...(category === undefined ? {} : { Category: categoryOnWire(platform, category) }),
					});
					const askedCategory = categories.labelByRequest ? category : undefined;
					const pages = usageRecordPages(request, first, values.options.maxPages);
					for await (const page of pages) {
						for (const raw of page)
							read.push(
								readUsageRecord(raw, { platform, segment: listing.segment, askedCategory }),
							);
					}
				}
				const records = categories.eachUnitOnce
					? eachUnitOnce(read, {
							reconcile: readsEveryCategory(categories),
							rollUp: categories.named,
							unattributedTolerance: asLines ? values.options.unattributedTolerance : undefined,
						})
					: everyRecordOnce(read);
				if (!asLines) return records.map((json) => ({ json }));
				return records
					.map((record) => recordLine(record, platform, listing.dates))
					.filter((line) => !isEmptyLine(line))
					.map((json) => ({ json }));
			},
		}),
);
