'use strict';

const { dayOfDate, formatDay, parseDay } = require('../calendarDays');
const { FLAVOURS } = require('./usageRecords/flavours');
const { resolveSettings, describeSettings } = require('./usageRecords/settings');
const { createUsageData } = require('./usageRecords/usageData');
const { readUsageRecordsRaise } = require('./usageRecords/usageRaise');
const { createTwilioPaging } = require('./usageRecords/twilioPaging');
const { createServerZone } = require('./usageRecords/serverZone');
const { registerUsageRecordsRoutes } = require('./usageRecords/routes');

// Usage Records as Restcomm serves them and as Twilio does (docs/vendors.md), and beside them the
// Accounts resource (usageRecords/accounts.js): one module, parameterised by flavour. Each flavour
// has a main account and one subaccount, each with a friendly name, whose usage and account the
// main account's credentials may also read.

// The account of an otherAccount fault's record: well-formed, and none of the sandbox's.
const OTHER_ACCOUNT_SID = 'ACff000000000000000000000000000001';

// An instant as usageBetween takes it: its zone written out, so that no machine's zone reads it.
const INSTANT_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function readInstant(name, text) {
	const instant = typeof text === 'string' && INSTANT_TEXT.test(text) ? Date.parse(text) : NaN;
	if (Number.isNaN(instant)) {
		throw new TypeError(
			`usageBetween: ${name} must be an ISO 8601 instant with Z or an offset, e.g. 2026-10-18T03:00:00Z`,
		);
	}
	return instant;
}

/** The record dated the day before its start: start_date, end_date and its uri's dates. */
function onTheDayBefore(record) {
	const day = formatDay(parseDay(record.start_date) - 1);
	const [path, search] = record.uri.split('?');
	const query = new URLSearchParams(search);
	for (const name of ['StartDate', 'EndDate']) if (query.has(name)) query.set(name, day);
	return { ...record, start_date: day, end_date: day, uri: `${path}?${query}` };
}

/** The record of another account: its SID replaced wherever it stands (account_sid, URIs). */
function ofOtherAccount(record) {
	return JSON.parse(JSON.stringify(record).split(record.account_sid).join(OTHER_ACCOUNT_SID));
}

/** A reply's records changed by `change(records, firstRecordWithUsage)`, in the reply's shape. */
function withRecords(reply, change) {
	const records = Array.isArray(reply.body) ? reply.body : reply.body && reply.body.usage_records;
	const record = records && records.find((one) => Number(one.usage) || Number(one.price));
	if (!record) return reply;
	const changed = change(records, record);
	return {
		...reply,
		body: Array.isArray(reply.body) ? changed : { ...reply.body, usage_records: changed },
	};
}

// Names for the subaccounts of the `subaccounts` setting, in turn; past them, "Customer <n>".
const CUSTOMER_NAMES = [
	'Litware Clinics',
	'Tailspin Travel',
	'Wingtip Toys',
	'Alpine Ski House',
	'Blue Yonder Airlines',
	'Coho Winery',
];

/**
 * The flavour's accounts: the main account, its subaccount, and those of the `subaccounts` setting,
 * their SIDs the main account's with a number at the end (skipping the two given), tokens and
 * names made up. `readableSids`: what its credentials may read (its own and those under it).
 */
function accountsOf(flavour, settings) {
	const emailOf = (index) =>
		flavour.accountsResource.emailAddresses
			? flavour.accountsResource.emailAddresses[Math.min(index, 1)]
			: null;
	const main = {
		sid: settings.accountSid,
		authToken: settings.authToken,
		apiKeys: settings.apiKeySid ? [{ sid: settings.apiKeySid, secret: settings.apiKeySecret }] : [],
		parentSid: null,
		friendlyName: settings.accountFriendlyName,
		status: 'active',
	};
	const sub = {
		sid: settings.subaccountSid,
		authToken: settings.subaccountAuthToken,
		apiKeys: [],
		parentSid: settings.accountSid,
		friendlyName: settings.subaccountFriendlyName,
		status: 'active',
	};
	const taken = new Set([main.sid, sub.sid]);
	let number = 2;
	const nextSid = () => {
		let sid;
		do sid = `${settings.accountSid.slice(0, -8)}${String(++number).padStart(8, '0')}`;
		while (taken.has(sid));
		return sid;
	};
	const more = settings.moreSubaccounts.map((spec, index) => ({
		sid: nextSid(),
		authToken: `${flavour.name}-subaccount-${index + 3}-token`,
		apiKeys: [],
		parentSid: spec.withinSubaccount ? sub.sid : main.sid,
		friendlyName:
			spec.friendlyName ||
			CUSTOMER_NAMES[index] ||
			`Customer ${String(index + 3).padStart(4, '0')}`,
		status: spec.status,
		closedDay: spec.closedDay,
		noUsage: spec.noUsage,
	}));
	const accounts = [main, sub, ...more].map((account, index) => ({
		closedDay: null,
		noUsage: false,
		...account,
		index,
		emailAddress: emailOf(index),
	}));
	// An account reads itself and every account under it.
	const under = (sid) =>
		accounts
			.filter((account) => account.parentSid === sid)
			.flatMap((child) => [child.sid, ...under(child.sid)]);
	return accounts.map((account) => ({
		...account,
		readableSids: [account.sid, ...under(account.sid)],
	}));
}

function createUsageRecordsPlatform(namedFlavour, options) {
	const settings = resolveSettings(namedFlavour, options);
	const flavour = namedFlavour.withSettings ? namedFlavour.withSettings(settings) : namedFlavour;
	const clock = () => (settings.fixedToday === null ? dayOfDate(new Date()) : settings.fixedToday);
	// The server's zone under its zone rules (serverZone.js), and its current instant (ms): at
	// `timeOfDay` on its own clock when `today` is fixed (Restcomm-Connect computes from it).
	const serverZone = createServerZone(settings.timeZone, settings.zoneRules);
	const [hour, minute] = settings.timeOfDay.split(':').map(Number);
	const serverNow = () =>
		settings.fixedToday === null
			? Date.now()
			: serverZone.atLocal(settings.fixedToday, (hour * 60 + minute) * 60000);
	const accounts = accountsOf(flavour, settings);
	// Generated on first use, so that a sandbox started for another platform starts fast.
	let generated = null;
	const usageData = () => {
		generated = generated || createUsageData(settings, accounts, flavour.catalog);
		return generated;
	};
	const paging = createTwilioPaging();
	let endlessPages = 0;
	const credential = (url, account) => ({
		platform: flavour.credentialPlatform || flavour.name,
		baseUrl: `${url}${flavour.pathPrefix}`,
		accountSid: account.sid,
		token: account.authToken,
	});
	const [apiKey] = accounts[0].apiKeys;
	const dataRange = { fromDay: settings.fromDay, toDay: settings.toDay };

	return {
		name: flavour.name,
		displayName: flavour.displayName,
		pathPrefix: flavour.pathPrefix,
		errorBody: flavour.errorBody,
		registerRoutes(router) {
			registerUsageRecordsRoutes(router, {
				flavour,
				accounts,
				settings,
				usageData,
				dataRange,
				clock,
				serverNow,
				serverZone,
				paging,
			});
		},
		credentials: (url) => ({
			[flavour.name]: credential(url, accounts[0]),
			[`${flavour.name}Subaccount`]: credential(url, accounts[1]),
			...(apiKey
				? {
						[`${flavour.name}ApiKey`]: {
							...credential(url, accounts[0]),
							apiKey: apiKey.sid,
							token: apiKey.secret,
							accountSid: accounts[0].sid,
						},
					}
				: {}),
		}),
		credentialTitles: {
			[`${flavour.name}Subaccount`]: 'or as the subaccount (reads only its own usage):',
			...(apiKey ? { [`${flavour.name}ApiKey`]: 'or with an API key of the main account:' } : {}),
		},
		/** One line for people: what data the sandbox serves. */
		describeData: () =>
			`usage records from ${formatDay(settings.fromDay)} to ${formatDay(settings.toDay)}, ` +
			`account ${settings.accountSid} and its subaccount ${settings.subaccountSid}` +
			(accounts.length > 2 ? ` (and ${accounts.length - 2} more subaccounts)` : ''),
		resetFaults: paging.resetFaults,
		/** Adds usage to an account's data, the main one's by default (usageRecords/usageRaise.js). */
		raiseUsage(spec) {
			const raise = readUsageRecordsRaise(spec, {
				dataRange,
				today: clock(),
				catalog: flavour.catalog,
				accounts,
			});
			usageData().addToLeaf(raise.account.index, raise.leaf, raise.day, raise.amounts);
			return {
				platform: flavour.name,
				accountSid: raise.account.sid,
				category: raise.category,
				leaf: raise.leaf,
				date: formatDay(raise.day),
				...raise.added,
			};
		},
		answerFaults: {
			/**
			 * An Accounts list whose first account has lost its sid, its auth_token and the rest
			 * kept: what a consumer of the page must not show.
			 */
			accountWithoutSid: (reply) => {
				const listed = Array.isArray(reply.body) ? reply.body : reply.body && reply.body.accounts;
				if (!listed || listed.length === 0) return reply;
				const [{ sid, ...first }, ...rest] = listed;
				const accountsWithout = [first, ...rest];
				return {
					...reply,
					body: Array.isArray(reply.body)
						? accountsWithout
						: { ...reply.body, accounts: accountsWithout },
				};
			},
			/** The first record with usage or a price, listed twice. */
			repeatRecord: (reply) => withRecords(reply, (records, record) => [...records, { ...record }]),
			/** The first record with usage or a price, its price with a thousands separator. */
			unreadableFigure: (reply) =>
				withRecords(reply, (records, record) =>
					records.map((one) => (one === record ? { ...one, price: '1,000.50' } : one)),
				),
			/** The first record with usage or a price again, dated the day before its start. */
			otherDay: (reply) =>
				withRecords(reply, (records, record) => [...records, onTheDayBefore(record)]),
			/** The first record with usage or a price again, of an account no one asked for. */
			otherAccount: (reply) =>
				withRecords(reply, (records, record) => [...records, ofOtherAccount(record)]),
		},
		// An endlessPages fault: Twilio's page shape, always with a next page (Restcomm has none).
		// An overlapPages fault is done by twilioPaging.js.
		...(flavour.name === 'twilio'
			? {
					overlapsPages: true,
					endlessPage: (request) => ({
						status: 200,
						body: {
							[request.path.endsWith('/Accounts.json') ? 'accounts' : 'usage_records']: [],
							next_page_uri: `${request.path.slice(flavour.pathPrefix.length)}?PageToken=endless-${++endlessPages}`,
						},
					}),
				}
			: {}),
		api: {
			settings: describeSettings(settings),
			/** Account SIDs: the main account first, then its subaccount, then those of `subaccounts`. */
			accounts: Object.freeze(accounts.map((account) => account.sid)),
			/**
			 * Every account's auth token, which its Accounts answers carry: what a consumer must
			 * never show (test/secretScan.js looks for them).
			 */
			authTokens: Object.freeze(accounts.map((account) => account.authToken)),
			/** The date (YYYY-MM-DD) that Today, Yesterday, ThisMonth, LastMonth and offsets use. */
			get today() {
				return formatDay(clock());
			},
			dailyUsage: () => usageData().dailyUsage(accounts.map((account) => account.sid)),
			/**
			 * What the leaves hold (the categories that carry the data: every other is a roll-up
			 * of them, totalprice, or has no usage) for some accounts added up, as a listing with
			 * IncludeSubaccounts adds the subaccount's into the main account's, from one day to
			 * another (YYYY-MM-DD, both included): [{ category, usage, count, price, usageTenths,
			 * priceUnits }], price in USD with 5 decimals in exact text, however the server rounds
			 * a roll-up (rollUpDecimals). A leaf with nothing in the period is there with zeros.
			 */
			leafUsage(accountSids, startDate, endDate) {
				const indexes = accountSids.map((sid) => {
					const account = accounts.find((one) => one.sid === sid);
					if (!account) throw new TypeError(`leafUsage: no account ${sid}`);
					return account.index;
				});
				const [startDay, endDay] = [parseDay(startDate), parseDay(endDate)];
				if (startDay === null || endDay === null) {
					throw new TypeError('leafUsage: startDate and endDate must be YYYY-MM-DD');
				}
				return usageData().leafUsage(indexes, startDay, endDay);
			},
			/**
			 * What the generated data holds of a category (a name of the flavour's catalog: `calls`,
			 * `sms-inbound`, ...) for one account, its subaccounts not added, from one instant to
			 * another (ISO 8601 with Z or an offset, `toIso` excluded): { usage, count, price,
			 * usageTenths, priceUnits }, usage as minutes and price as USD with 5 decimals in exact
			 * text. The truth a test holds a server's record against; whatever the server then does
			 * (Restcomm-Connect's CEIL of minutes, its calls read for most categories) is not applied.
			 */
			usageBetween(accountSid, category, fromIso, toIso) {
				const account = accounts.find((one) => one.sid === accountSid);
				if (!account) throw new TypeError(`usageBetween: no account ${accountSid}`);
				if (!flavour.catalog.byName.has(category)) {
					throw new TypeError(`usageBetween: ${category} is no category of ${flavour.name}`);
				}
				const [from, to] = [readInstant('fromIso', fromIso), readInstant('toIso', toIso)];
				return usageData().usageBetween(account.index, category, from, to);
			},
		},
	};
}

const createRestcommPlatform = (options) => createUsageRecordsPlatform(FLAVOURS.restcomm, options);
const createRestcommAllCategoriesPlatform = (options) =>
	createUsageRecordsPlatform(FLAVOURS.restcommAllCategories, options);
const createTwilioPlatform = (options) => createUsageRecordsPlatform(FLAVOURS.twilio, options);

module.exports = {
	createRestcommPlatform,
	createRestcommAllCategoriesPlatform,
	createTwilioPlatform,
	createUsageRecordsPlatform,
};
