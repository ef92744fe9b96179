'use strict';

// The sandbox's named flavours, and the settings and faults that make it behave as a vendor's
// real server does where that differs from its documents (docs/vendors.md), for
// `npm run sandbox -- --help`. A setting is given as `--<platform>.<setting>=<value>` there, or as
// startSandbox({ <platform>: { <setting>: value } }) in a test.

const FLAVOURS = [
	['lumin', '/lumin', 'Lumin.ai Billing API, paged billing events'],
	['imiassist', '/imiassist', 'IMIASSIST as its assumed contract says'],
	[
		'evoVoice',
		'/evovoice',
		'Evo Voice GetAIUsage and ListCustomers, ServiceStack errors, Basic or credentials login',
	],
	[
		'restcomm',
		'/restcomm',
		"Restcomm-Connect's server as its code on master (c67f1423) computes usage records",
	],
	[
		'restcommAllCategories',
		'/restcomm-all-categories',
		'a Restcomm build that computes every documented category, as its page says',
	],
	[
		'twilio',
		'/twilio',
		"a Twilio-compatible API: Twilio's whole category list (643), paging, subaccounts, API keys",
	],
	['openai', '/openai', 'a scripted OpenAI-compatible chat model, for AI agent tests'],
	[
		'stripe',
		'/stripe',
		'Stripe invoices and invoice items (API v1, Stripe-Version 2026-09-30.endive), lists, a lagging search, idempotency keys',
	],
];

const SETTINGS = [
	[
		'twilio',
		'costOutsideCategories',
		'"0.75"',
		'dollars a day billed outside every category: only totalprice holds them',
	],
	[
		'twilio',
		'rollUpDecimals',
		'2',
		"the decimals a roll-up's price (a category with parts, and totalprice) is sent with, 0 to 5, rounded half away from zero (default 5: exact); leaves keep 5",
	],
	[
		'twilio',
		'callsChildren',
		'"twilioList"',
		"calls' name-children with money: restcommPage (default: its parts and calls-recordings) or twilioList (all 13 of Twilio's list, the others leaves of their own)",
	],
	[
		'restcomm',
		'timeOfDay',
		'"09:00"',
		"the time of day of the server's clock when `today` is fixed (default 12:00), from which it computes Today ... LastMonth",
	],
	[
		'restcomm',
		'timeZone',
		'"America/New_York"',
		"the server's own zone, in which it reads StartDate and EndDate (default UTC)",
	],
	[
		'restcomm',
		'zoneRules',
		'"2016j"',
		"the zone rules of the server's Joda-Time: current (default, Node's) or 2016j (Joda-Time 2.9.7's, as Restcomm-Connect bundles it); a StartDate or EndDate with no local midnight there is ignored, as a malformed one is",
	],
	[
		'restcomm, restcommAllCategories, twilio',
		'accountFriendlyName, subaccountFriendlyName',
		'"Acme Telecom (master)"',
		"the accounts' friendly names, as Accounts.json and Accounts/<sid>.json serve them",
	],
	[
		'restcomm, restcommAllCategories, twilio',
		'subaccounts',
		'\'[{"status":"suspended"},{"status":"closed","closedOn":"2026-11-14"}]\'',
		'more subaccounts of the main account, each with usage: a number, or a list of {status (active, suspended, closed), closedOn (its last day of usage), friendlyName, noUsage, withinSubaccount (Restcomm: under the subaccount, not listed by the main account)}',
	],
	[
		'restcomm, restcommAllCategories, twilio',
		'today',
		'"2026-12-02"',
		'fix the date that Today ... LastMonth and offsets use',
	],
	[
		'restcomm, restcommAllCategories, twilio, evoVoice, imiassist, lumin',
		'from, to',
		'"2025-01-01"',
		'the days the generated data covers',
	],
	[
		'evoVoice',
		'datesRequired',
		'false',
		'a request without startDate or endDate is a 400, as the CLI says (default true)',
	],
	['evoVoice', 'endDateExclusive', 'true', "endDate's own day is not counted"],
	[
		'evoVoice',
		'nestedCustomers',
		'true',
		"each account's second customer is its first's child (GET /customers gives its parentCustomerId)",
	],
	[
		'evoVoice',
		'customerRows',
		'"own"',
		"what a parent's /ai/usage row holds: its own minutes, or includeSubCustomers (default) its sub-customers' too",
	],
	[
		'evoVoice',
		'dataSet',
		'"handTable"',
		"AI minutes from the hand table (handTable.js, October 2026: the hierarchy issue's case) instead of generated",
	],
	[
		'evoVoice',
		'maxCountPerPage',
		'2',
		'the most customers a page of GET /customers holds, whatever countPerPage asks (default 0: as asked)',
	],
	['evoVoice', 'numbersAsStrings', 'true', 'aiMinutes sent as strings'],
	['lumin', 'numericTokens', 'true', 'paging tokens sent as numbers, as the document allows'],
	[
		'lumin',
		'inclusiveTokens',
		'true',
		'each next_token points at the last event of its page, which the next page repeats',
	],
	['lumin', 'eventCount, pageSize', '1000000', 'how many events, and how many a page'],
	[
		'imiassist',
		'statusInOutputLog',
		'true',
		"a transaction's status and report URLs only inside output_log",
	],
	['imiassist', 'pollsToComplete', '3', 'polls before a usage report is COMPLETED'],
	[
		'imiassist',
		'statusCase',
		'"lower"',
		'how statuses are written: upper (default), lower or title (In_Progress)',
	],
	['imiassist', 'outputLogAsText', 'true', 'output_log sent as JSON text instead of an object'],
	[
		'imiassist',
		'finalStatus',
		'"ARCHIVED"',
		"the status a report's transaction ends in instead of COMPLETED (report URLs and files as usual)",
	],
	[
		'imiassist',
		'transactionList',
		'false',
		"no transaction list: the credential test's GET /api/v1/transactions answers 404",
	],
	[
		'stripe',
		'secretKey, restrictedKey',
		'"sk_test_51MyOwnSecretKey000"',
		'the keys Bearer authentication takes (sk_... and rk_..., both test or both live: livemode follows)',
	],
	[
		'stripe',
		'customers',
		'\'["cus_Acme","cus_Globex"]\'',
		'the customers that exist; any other is a 400 resource_missing',
	],
	[
		'stripe',
		'now',
		'"2027-01-01T06:00:00Z"',
		'where the sandbox clock starts (`created`, search lag, the 24 h life of idempotency keys); it moves only by GET/POST /__sandbox/stripe/clock {"to"} or {"advanceSeconds"}',
	],
	[
		'stripe',
		'searchLagSeconds',
		'600',
		'seconds of sandbox time before an invoice, or its change, shows in GET /v1/invoices/search (default 60)',
	],
	[
		'stripe',
		'apiVersion',
		'"2025-08-27.basil"',
		'the Stripe-Version answered to a request that sends none (default 2026-09-30.endive)',
	],
];

const FAULTS = [
	['status (+ body, headers)', 'an answer of that status, e.g. 429 with Retry-After, 500, 503'],
	['delayMs, dripMs', 'a slow answer, or one sent a byte at a time'],
	[
		'holdMs',
		'Stripe: the request held that long with its Idempotency-Key in flight (a second request with it: 409)',
	],
	[
		'commitThenDrop',
		'the request takes effect (Stripe: its idempotency answer saved), then the connection drops, no answer',
	],
	[
		'reset, truncate, malformed, html',
		'a reset connection, a cut-off or broken body, an HTML page',
	],
	[
		'repeatToken, endlessPages',
		'a paging token that repeats, or pages that never end (Lumin, Twilio)',
	],
	[
		'repeatRecord',
		'the answer with a record that carries usage listed twice (Restcomm, Twilio, Evo Voice, Lumin)',
	],
	[
		'unreadableFigure',
		'a figure written as no plain number ("1,000.50"), or a Lumin timestamp as no time',
	],
	['excludedRow', 'a Lumin event of a type the query did not ask for'],
	['overlapPages', 'each Twilio page after the first starting with the last record before'],
	[
		'ignoreCategory',
		'Usage Records as if no Category had been sent: every category (Twilio, restcommAllCategories)',
	],
	[
		'otherDay',
		'the answer plus a record dated the day before its first with usage (Restcomm, Twilio)',
	],
	[
		'otherAccount',
		'the answer plus a record or row of an account not asked for (Restcomm, Twilio, Evo Voice)',
	],
	['otherCustomer', 'the answer plus an Evo Voice customer row of a customer not asked for'],
	[
		'accountWithoutSid',
		'an Accounts list whose first account has no sid, its auth_token kept (Restcomm, Twilio)',
	],
	[
		'unreadStartDate',
		'Usage Records as if no StartDate had been sent; Restcomm-Connect then answers from 1970',
	],
	[
		'replayPage',
		"the query's first page again under a fresh token, then the rest as asked (Lumin, Twilio)",
	],
];

function describeBehaviours() {
	const lines = ['Flavours (each at its own path prefix on one server):'];
	for (const [name, prefix, text] of FLAVOURS)
		lines.push(`  ${name.padEnd(22)}${prefix.padEnd(26)}${text}`);
	lines.push('', 'Settings: --<platform>.<setting>=<value> (a JSON value, else text), e.g.');
	lines.push(
		'  npm run sandbox -- --twilio.costOutsideCategories=0.75 --restcomm.timeOfDay=09:00',
		'',
	);
	for (const [platforms, setting, example, text] of SETTINGS) {
		lines.push(`  ${setting} (${platforms}), e.g. ${example}:`, `      ${text}`);
	}
	lines.push(
		'',
		'Faults: POST /__sandbox/faults {platform?, method?, path?, skip?, times?, ...} with one of:',
	);
	for (const [keys, text] of FAULTS) lines.push(`  ${keys.padEnd(34)}${text}`);
	return lines.join('\n');
}

/** `--lumin.eventCount=1000` and the like as startSandbox() options. */
function readSettingArguments(args) {
	const options = {};
	for (const arg of args) {
		const match = /^--([A-Za-z]+)\.([A-Za-z]+)=(.*)$/.exec(arg);
		if (!match) throw new TypeError(`Unknown argument ${arg}: see --help`);
		const [, platform, setting, text] = match;
		let value = text;
		try {
			value = JSON.parse(text);
		} catch {
			// Text, as given.
		}
		options[platform] = { ...options[platform], [setting]: value };
	}
	return options;
}

module.exports = { describeBehaviours, readSettingArguments };
