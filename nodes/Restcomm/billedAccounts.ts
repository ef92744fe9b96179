/**
 * Usage Records for several accounts (Accounts: Each Subaccount, Listed Accounts): each account a
 * whole of its own, all its lines or one Failure naming it, side by side within the vendor's
 * limit, the master first and then the others by SID whatever finishes first
 * (docs/usage-and-invoice-lines.md, "Every subaccount").
 */
import type { SuccessRecord, Whole } from '../shared/model';
import { Failure } from '../shared/outcome';
import type { AccountChoice } from './accountChoice';
import type { Account } from './accounts';
import type { UsageReading } from './accountUsage';

/** An account the choice names, and its friendly name where the list gave it. */
export interface ChosenAccount {
	sid: string;
	name?: string;
}

/** How the call reads the accounts' list, once per run of the node. */
export interface AccountsSource {
	/** The credential's account. */
	credentialAccountSid: string;
	list(): Promise<Account[]>;
}

/** The master first, then by SID (as text: the same order on every machine). */
function inBillingOrder(accounts: ChosenAccount[], masterSid: string | undefined): ChosenAccount[] {
	const bySid = (a: ChosenAccount, b: ChosenAccount) =>
		a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
	const master = accounts.filter(({ sid }) => sid === masterSid);
	return [...master, ...accounts.filter(({ sid }) => sid !== masterSid).sort(bySid)];
}

/** The accounts the choice names, in billing order (the usage trigger's too). */
export async function chosenAccounts(
	choice: Exclude<AccountChoice, { kind: 'accountSid' }>,
	source: AccountsSource,
): Promise<ChosenAccount[]> {
	if (choice.kind === 'listed')
		return inBillingOrder(
			choice.sids.map((sid) => ({ sid })),
			source.credentialAccountSid,
		);
	const listed = await source.list();
	// Twilio: "The OwnerAccountSid of a parent account is it's own sid".
	const master = listed.find(({ sid, ownerAccountSid }) => sid === ownerAccountSid);
	const billed = listed
		.filter((account) => choice.includeMaster || account !== master)
		.map(({ sid, friendlyName }) => ({ sid, name: friendlyName }));
	return inBillingOrder(billed, master?.sid);
}

/**
 * A refusal while reading one account's Usage Records `segment` (e.g. LastMonth), naming it and
 * what was read: a 404 is no "no usage" (twilio-python#787 and #406 report 404s for subaccounts'
 * Usage Records).
 */
export function accountRefusal(refusal: Failure, sid: string, segment: string): Failure {
	const read = `Usage/Records/${segment}`;
	const notFound =
		refusal.statusCode === 404
			? ' A 404 is not "no usage": nothing of this account was read or billed.'
			: '';
	return new Failure(
		(platform) => `Account ${sid} (${read}): ${refusal.sentence(platform)}${notFound}`,
		{ statusCode: refusal.statusCode, body: refusal.body, outputs: { account_sid: sid } },
	);
}

/**
 * Each account's records or lines (`readAccount`, given the name the list gave, if any), or its
 * Failure, in billing order. An error that is no refusal fails the item.
 */
export async function billedAccountWholes(
	choice: Exclude<AccountChoice, { kind: 'accountSid' }>,
	source: AccountsSource,
	reading: UsageReading,
	readAccount: (sid: string, listedName: string | undefined) => Promise<SuccessRecord[]>,
): Promise<Whole[]> {
	const accounts = await chosenAccounts(choice, source);
	const settled = await Promise.allSettled(
		accounts.map(async ({ sid, name }) => await readAccount(sid, name)),
	);
	return settled.map((result, index): Whole => {
		if (result.status === 'fulfilled') return { records: result.value };
		if (!(result.reason instanceof Failure)) throw result.reason;
		return { refusal: accountRefusal(result.reason, accounts[index].sid, reading.listing.segment) };
	});
}
