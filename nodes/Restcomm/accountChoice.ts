/**
 * Accounts, in Usage Records and the usage trigger's Usage Records: the one account (as before),
 * each subaccount of the credential's account, or the accounts listed. Several accounts are each
 * their own customer, read with IncludeSubaccounts=false, so that no usage is counted twice
 * (docs/usage-and-invoice-lines.md, "Every subaccount"; docs/usage-alerts.md, "Every subaccount").
 */
import { choiceInput, flagInput, oneOrManyInput, type InputVariable } from '../shared/inputs';
import { signsInWithApiKey } from '../shared/credentialRules';
import { checkPathSegment } from '../shared/validation';

export type AccountChoice =
	| { kind: 'accountSid' }
	| { kind: 'eachSubaccount'; includeMaster: boolean }
	| { kind: 'listed'; sids: string[] };

type Kind = AccountChoice['kind'];

/** Where only the one account is read: Account SID, Include Subaccounts, a Limit. */
export const ONE_ACCOUNT = { accounts: ['accountSid'] };

/** The one account's choice and what Accounts means, in the words of the node that offers it. */
interface AccountChoiceWording {
	oneAccount: { name: string; description: string };
	description: string;
}

const kindChoice = ({ oneAccount, description }: AccountChoiceWording) =>
	choiceInput<Kind>({
		name: 'accounts',
		displayName: 'Accounts',
		description,
		choices: [
			{ ...oneAccount, value: 'accountSid' },
			{
				name: "Each Subaccount of the Credential's Account",
				value: 'eachSubaccount',
				description:
					"Every account the credential's account lists, whatever its status (on Restcomm its direct sub-accounts), the master's own usage first",
			},
			{
				name: 'Listed Accounts',
				value: 'listed',
				description: 'The Account SIDs given below, as a list or an expression',
			},
		],
		default: 'accountSid',
	});

const listed = oneOrManyInput({
	name: 'accountList',
	displayName: 'Account List',
	description:
		'Account SIDs, comma-separated or an array from an expression; on Restcomm also sub-accounts below the direct ones',
	placeholder: 'AC..., AC...',
	show: { accounts: ['listed'] },
	check: checkPathSegment,
});

const includeMaster = flagInput({
	name: 'includeMasterUsage',
	displayName: "Include the Master's Own Usage",
	description:
		"Whether the credential's own account is a customer too, with the usage it made itself (never its subaccounts')",
	show: { accounts: ['eachSubaccount'] },
	default: true,
});

/** The Accounts input, worded for the node that offers it. */
export function accountChoice(wording: AccountChoiceWording): InputVariable<AccountChoice> {
	const chosenKind = kindChoice(wording);
	return {
		properties: [...chosenKind.properties, ...listed.properties, ...includeMaster.properties],
		read(context) {
			const chosen = chosenKind.read(context);
			if (chosen === 'accountSid') return { kind: chosen };
			if (signsInWithApiKey(context.credentials))
				context.invalid(
					'accounts',
					"the credential signs in with an API key (SK...), and Twilio refuses a main account's API keys on its subaccounts' resources: use the account's Auth Token (its Account SID and Auth Token, no API Key SID) in the credential",
				);
			if (chosen === 'eachSubaccount')
				return { kind: chosen, includeMaster: includeMaster.read(context) };
			const sids = listed.read(context);
			if (!sids) return context.invalid('accountList', 'list at least one Account SID');
			return { kind: chosen, sids: [...new Set(sids)] };
		},
	};
}

/** Usage Records' Accounts. */
export const accountChoiceInput = accountChoice({
	oneAccount: { name: 'Account SID Below', description: 'One account' },
	description:
		"Whose usage to read. Each subaccount, or each account listed, is a customer of its own: its own lines, checked on their own, or its own Failure; none holds another's usage.",
});
