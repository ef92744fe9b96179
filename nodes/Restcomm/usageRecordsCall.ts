/**
 * What every version of Usage Records shares: the account and output inputs, and one call that
 * reads every page of a subresource and gives one item per usage record, or one invoice line per
 * category and period.
 */
import { choiceInput, pagingOptionsInput, pathIdInput, percentInput } from '../shared/inputs';
import { INVOICE_LINE_FIELDS, INVOICE_LINES_CHOICE } from '../shared/invoiceLines';
import type { MethodCall, SuccessRecord } from '../shared/model';
import { accountSidOf } from '../shared/credentialRules';
import { accountNameOf, fetchAccount } from './accounts';
import type { UsagePlatform } from './api';
import { readUsage } from './askedRecords';
import { forInvoiceLines, readsEveryCategory, type CategorySelection } from './categorySelection';
import { usageListing } from './usageDates';
import { checkServerTimeZone } from './serverTimeZone';
import { isEmptyLine, RECORD_FIELDS, recordLine } from './usageRecord';
import { eachUnitOnce, type WhenNotAddingUp } from './usageLines';
import type { Decimal } from '../shared/decimal';

const ACCOUNT_SID = {
	name: 'accountSid',
	displayName: 'Account SID',
	description: "The account whose usage to read; empty: the credential's account",
	placeholder: 'AC...',
	fromCredential: { field: 'Account SID', read: accountSidOf },
};

/** Version 1: a text. */
export const accountSidInput = pathIdInput(ACCOUNT_SID);

/** Version 2: the account from the list of those the credential may read, or by ID. */
export const accountLocatorInput = pathIdInput({
	...ACCOUNT_SID,
	searchListMethod: 'searchAccounts',
});

/** Start and End Date as every version names and describes them. */
export const USAGE_DATES = {
	start: {
		name: 'startDate',
		displayName: 'Start Date',
		description:
			"The first day of usage: YYYY-MM-DD, an offset to today such as -30days, or a date-time, read as the calendar date it is written with (a DateTime in its own zone, ISO text in its own offset). The server's days: GMT on Twilio, as its console counts them; on Restcomm, the credential's Server Time Zone.",
	},
	end: {
		name: 'endDate',
		displayName: 'End Date',
		description:
			"The last day of usage, itself included: YYYY-MM-DD, an offset to today such as +30days, or a date-time, read as the calendar date it is written with. The server's days: GMT on Twilio, as its console counts them; on Restcomm, the credential's Server Time Zone.",
	},
};

export const outputModeInput = choiceInput({
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
});

export const usageOptionsInput = pagingOptionsInput({
	unattributedTolerance: percentInput({
		name: 'unattributedTolerance',
		displayName: 'Unattributed Tolerance (%)',
		description:
			"Invoice Lines with every category read: the most of the period's totalprice, in percent, that may be in no category (the line 'unattributed'); more is a Failure",
		default: 1,
	}),
	whenNotAddingUp: choiceInput<WhenNotAddingUp>({
		name: 'whenNotAddingUp',
		displayName: 'When Categories Do Not Add Up',
		description:
			"With every category read: what to give when the categories' prices come to more than the period's totalprice beyond rounding (a roll-up none of whose subsets of parts adds up)",
		choices: [
			{
				name: 'Fail',
				value: 'fail',
				description: 'A Failure naming both totals: nothing is billed',
			},
			{
				name: 'Categories Without Parts, Rest as One Line',
				value: 'categoriesWithoutParts',
				description:
					"The categories no other category's name extends, and what totalprice holds beyond them as one line",
			},
			{
				name: "One Line With Twilio's Total",
				value: 'oneLine',
				description:
					"One line, category totalprice, its quantity and amount the period's total; Rate Lines prices it only with an amount model (cost plus, graduated percentage)",
			},
		],
		default: 'fail',
	}),
});

export const USAGE_OUTPUT_VARIABLES = { records: RECORD_FIELDS, invoiceLines: INVOICE_LINE_FIELDS };

export interface UsageAsked {
	accountSid: string;
	/** The Usage Records subresource, e.g. `LastMonth`. */
	segment: string;
	dates: { startDate?: string; endDate?: string };
	categories: CategorySelection;
	outputMode: 'records' | 'invoiceLines';
	options: {
		maxPages?: number;
		unattributedTolerance?: Decimal;
		whenNotAddingUp?: WhenNotAddingUp;
	};
	/** Records only: at most this many; undefined: every one. */
	limit?: number;
}

/** What a refusal names: the account and the dates asked. */
export const usageSubject = ({ accountSid, dates }: Pick<UsageAsked, 'accountSid' | 'dates'>) =>
	dates.startDate || dates.endDate
		? `account ${accountSid}, ${dates.startDate ?? 'no start'} to ${dates.endDate ?? 'no end'} (the server's days)`
		: `account ${accountSid}`;

/** Reads every page of what `asked` names, once per category request. */
export async function usageRecordItems(
	{
		request,
		platform: credentialPlatform,
		once,
		now,
		usageDaysZone,
		accountSid,
	}: MethodCall<unknown>,
	asked: UsageAsked,
): Promise<SuccessRecord[]> {
	const platform = credentialPlatform as UsagePlatform;
	const asLines = asked.outputMode === 'invoiceLines';
	const categories = asLines ? forInvoiceLines(asked.categories) : asked.categories;
	// Each account fetched once per run: for the server's zone and for its name.
	const accountOf = (sid: string) =>
		once(`account ${sid}`, () =>
			fetchAccount(request, platform, sid).catch((error: Error) => error),
		);
	// Restcomm's days are its server's: its zone checked before any usage is read.
	if (platform === 'restcomm')
		checkServerTimeZone(await accountOf(accountSid ?? asked.accountSid), usageDaysZone);
	const at = now();
	const listing = usageListing(platform, asked.segment, asked.dates, at.setZone(usageDaysZone));

	const readCategory = async (category: string | undefined) => {
		const query = {
			platform,
			accountSid: asked.accountSid,
			subresource: listing.segment,
			category,
			...listing.dates,
			includeSubaccounts: categories.includeSubaccounts,
			labelledByRequest: categories.labelByRequest,
		};
		const { maxPages } = asked.options;
		return await readUsage(request, query, { now: at, maxPages, zone: usageDaysZone });
	};
	// Each category is a request of its own (Restcomm's calls and sms): side by side, within the
	// vendor's limit, and read in their order; the first that fails, in that order, fails the item.
	const settled = await Promise.allSettled(categories.requests.map(readCategory));
	const failed = settled.find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
	const read = settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
	const records = categories.eachUnitOnce
		? eachUnitOnce(read, {
				reconcile: readsEveryCategory(categories),
				rollUp: categories.named,
				unattributedTolerance: asLines ? asked.options.unattributedTolerance : undefined,
				whenNotAddingUp: asked.options.whenNotAddingUp ?? 'fail',
			})
		: read.map(({ record }) => record);
	if (!asLines) return records.slice(0, asked.limit).map((json) => ({ json }));
	// Each account's name once per run, asked after its usage.
	const names = new Map<string, string | null>();
	for (const sid of new Set(records.map((record) => String(record.account_sid))))
		names.set(sid, accountNameOf(await accountOf(sid)));
	return records
		.map((record) =>
			recordLine(record, platform, listing.dates, names.get(String(record.account_sid)) ?? null),
		)
		.filter((line) => !isEmptyLine(line))
		.map((json) => ({ json }));
}
