/**
 * Restcomm and Twilio-compatible Usage Records: a category's usage, count or price over the
 * current period (Twilio's Usage Triggers' TriggerBy), read from Usage Records, over the days of
 * the server (GMT on Twilio; on Restcomm, its Server Time Zone); for the credential's account, or
 * for each subaccount or listed account on its own (docs/usage-alerts.md, "Every subaccount").
 */
import { decimalToNumber, sumDecimals } from '../shared/decimal';
import { choiceInput } from '../shared/inputs';
import { Failure } from '../shared/outcome';
import { defineTriggerMethod, type PollCall } from '../shared/trigger';
import type { Recurrence } from '../shared/usagePeriods';
import type { UsagePlatform } from '../Restcomm/api';
import { readUsage } from '../Restcomm/askedRecords';
import { accountChoice, ONE_ACCOUNT } from '../Restcomm/accountChoice';
import { accountNameOf, everyAccount, fetchAccount } from '../Restcomm/accounts';
import { accountRefusal, chosenAccounts } from '../Restcomm/billedAccounts';
import { categorySelectionInput } from '../Restcomm/categorySelection';
import { checkServerTimeZone } from '../Restcomm/serverTimeZone';

// Each period as the Usage Records subresource that gives one record for it.
const SUBRESOURCES: Record<Recurrence, string> = {
	daily: 'Daily',
	monthly: 'Monthly',
	yearly: 'Yearly',
	alltime: 'AllTime',
};

/** Restcomm's days are its server's: its zone checked before any usage is read. */
async function checkServerDays({
	platform,
	request,
	accountSid = '',
	usageDaysZone,
}: PollCall<unknown>) {
	if (platform === 'restcomm')
		checkServerTimeZone(await fetchAccount(request, platform, accountSid), usageDaysZone);
}

export const usageRecords = defineTriggerMethod({
	value: 'usageRecords',
	name: 'Usage Records (Restcomm, Twilio-Compatible)',
	action: 'Watch a usage category',
	description: "A category's usage, count or price, as Twilio's Usage Triggers watch it",
	platforms: ['restcomm', 'twilio'],
	inputs: {
		accounts: accountChoice({
			oneAccount: {
				name: "The Credential's Account",
				description: "One series: its usage (with its subaccounts' as Include Subaccounts says)",
			},
			description:
				"Whose usage to watch. Each subaccount, or each account listed, is watched on its own: its own usage, without its subaccounts', firing once in a period when it reaches the threshold.",
		}),
		categories: categorySelectionInput({ oneCategory: true, subaccountsShownFor: ONE_ACCOUNT }),
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
	watchedAccounts: ({ accounts }) =>
		accounts.kind === 'accountSid'
			? undefined
			: async (call) => {
					await checkServerDays(call);
					const { request, accountSid: credentialAccountSid = '', maxPages } = call;
					const platform = call.platform as UsagePlatform;
					const source = {
						credentialAccountSid,
						list: () => everyAccount(request, platform, credentialAccountSid, maxPages),
					};
					// Each Subaccount names its accounts from the list; a listed one is fetched when named.
					return (await chosenAccounts(accounts, source)).map(({ sid, name }) => ({
						sid,
						name: async () =>
							name ??
							accountNameOf(
								await fetchAccount(request, platform, sid).catch((error: Error) => error),
							),
					}));
				},
	async measure(call) {
		const { values, period, platform, accountSid = '', maxPages, request, now, account } = call;
		// Several accounts are checked once a poll, before they are listed.
		if (!account) await checkServerDays(call);
		const { named, includeSubaccounts, labelByRequest } = values.categories;
		const subresource = SUBRESOURCES[period.recurrence];
		const query = {
			platform: platform as UsagePlatform,
			accountSid: account ?? accountSid,
			subresource,
			category: named,
			startDate: period.start?.toISODate() ?? undefined,
			endDate: period.end?.toISODate() ?? undefined,
			// Each of several accounts is watched on its own: none holds another's usage.
			includeSubaccounts: account ? false : includeSubaccounts,
			labelledByRequest: labelByRequest,
		};
		// Read as Usage Records reads it (askedRecords.ts), added up exactly: a price is money.
		const zone = call.usageDaysZone;
		const records = await readUsage(request, query, { now: now(), maxPages, zone }).catch(
			(error: Error) => {
				throw account && error instanceof Failure
					? accountRefusal(error, account, subresource)
					: error;
			},
		);
		return decimalToNumber(sumDecimals(records.map((record) => record[values.triggerBy])));
	},
});
