/**
 * What every version of Usage Records shares: the account and output inputs, and one call that
 * reads every page of a subresource and gives one item per usage record, or one invoice line per
 * category and period.
 */
import { choiceInput, pagingOptionsInput, pathIdInput, percentInput } from '../shared/inputs';
import { INVOICE_LINE_FIELDS, INVOICE_LINES_CHOICE } from '../shared/invoiceLines';
import type { MethodCall, MethodResult } from '../shared/model';
import { accountSidOf } from '../shared/credentialRules';
import { ONE_ACCOUNT, type AccountChoice } from './accountChoice';
import { accountNameOf, everyAccount, fetchAccount } from './accounts';
import { accountItems, type UsageReading } from './accountUsage';
import type { UsagePlatform } from './api';
import { billedAccountWholes } from './billedAccounts';
import { forInvoiceLines, type CategorySelection } from './categorySelection';
import { usageListing } from './usageDates';
import { checkServerTimeZone } from './serverTimeZone';
import { RECORD_FIELDS } from './usageRecord';
import type { WhenNotAddingUp } from './usageLines';

const ACCOUNT_SID = {
	name: 'accountSid',
	displayName: 'Account SID',
	description: "The account whose usage to read; empty: the credential's account",
	placeholder: 'AC...',
	fromCredential: { field: 'Account SID', read: accountSidOf },
};

/** Version 1: a text. */
export const accountSidInput = pathIdInput(ACCOUNT_SID);

/**
 * Version 2: the account from the list of those the credential may read, or by ID; shown when
 * Accounts is the one account below.
 */
export const accountLocatorInput = pathIdInput({
	...ACCOUNT_SID,
	show: ONE_ACCOUNT,
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
	/** Version 2: the one account, each subaccount, or the accounts listed. */
	accounts?: AccountChoice;
	/** The Usage Records subresource, e.g. `LastMonth`. */
	segment: string;
	dates: { startDate?: string; endDate?: string };
	categories: CategorySelection;
	outputMode: 'records' | 'invoiceLines';
	options: UsageReading['options'];
	/** Records only: at most this many; undefined: every one. */
	limit?: number;
}

/** Whose usage a call reads, in words. */
function whoseUsage({ accountSid, accounts }: Pick<UsageAsked, 'accountSid' | 'accounts'>) {
	if (accounts?.kind === 'eachSubaccount') return "each subaccount of the credential's account";
	if (accounts?.kind === 'listed') return `accounts ${accounts.sids.join(', ')}`;
	return `account ${accountSid}`;
}

/** What a refusal names: the accounts and the dates asked. */
export const usageSubject = (asked: Pick<UsageAsked, 'accountSid' | 'accounts' | 'dates'>) =>
	asked.dates.startDate || asked.dates.endDate
		? `${whoseUsage(asked)}, ${asked.dates.startDate ?? 'no start'} to ${asked.dates.endDate ?? 'no end'} (the server's days)`
		: whoseUsage(asked);

/**
 * Reads every page of what `asked` names, once per category request: one account's records or
 * lines, or each account's as a whole of its own.
 */
export async function usageRecordItems(
	{
		request,
		platform: credentialPlatform,
		once,
		now,
		usageDaysZone,
		accountSid: credentialAccountSid = '',
	}: MethodCall<unknown>,
	asked: UsageAsked,
): Promise<MethodResult> {
	const platform = credentialPlatform as UsagePlatform;
	const asLines = asked.outputMode === 'invoiceLines';
	const several = asked.accounts && asked.accounts.kind !== 'accountSid' ? asked.accounts : null;
	const selected = asLines ? forInvoiceLines(asked.categories) : asked.categories;
	// Several accounts are each their own customer: none may hold another's usage.
	const categories = several ? { ...selected, includeSubaccounts: false } : selected;
	// Each account fetched once per run: for the server's zone and for its name.
	const accountOf = (sid: string) =>
		once(`account ${sid}`, () =>
			fetchAccount(request, platform, sid).catch((error: Error) => error),
		);
	const nameOf = async (sid: string) => accountNameOf(await accountOf(sid));
	// Restcomm's days are its server's: its zone checked before any usage is read.
	if (platform === 'restcomm')
		checkServerTimeZone(await accountOf(credentialAccountSid || asked.accountSid), usageDaysZone);
	const at = now();
	const reading: UsageReading = {
		platform,
		request,
		categories,
		listing: usageListing(platform, asked.segment, asked.dates, at.setZone(usageDaysZone)),
		at,
		zone: usageDaysZone,
		asLines,
		options: asked.options,
		limit: asked.limit,
	};
	if (!several) return await accountItems(reading, asked.accountSid, nameOf);
	const source = {
		credentialAccountSid,
		list: () =>
			once('every account', () =>
				everyAccount(request, platform, credentialAccountSid, asked.options.maxPages),
			),
	};
	return {
		wholes: await billedAccountWholes(several, source, reading, (sid, listedName) =>
			// Each Subaccount names its accounts from the list; a listed account is fetched.
			accountItems(reading, sid, async () => listedName ?? (await nameOf(sid))),
		),
	};
}
