'use strict';

const { STATUS_CODES } = require('http');
const { parseDay } = require('../../calendarDays');
const { RESTCOMM_PAGE_CATALOG, enumNameOf } = require('./categories');
const { TWILIO_CATALOG, TWILIO_LIST_CATALOG } = require('./twilioCatalog');
const { SUBRESOURCES } = require('./periods');

// Restcomm and Twilio serve the same Usage Records resource (docs/vendors.md) with different
// API versions, auth error shapes, category spellings, date handling, paging, and what they
// compute. Everything that differs between them is here, as named flavours.

const CATEGORIES_BY_ENUM_NAME = new Map(
	RESTCOMM_PAGE_CATALOG.names.map((name) => [enumNameOf(name), name]),
);
const SUBRESOURCES_BY_LOWER_CASE = new Map(SUBRESOURCES.map((name) => [name.toLowerCase(), name]));
// Restcomm's Java enum, whose valueOf() throws on any other spelling (Restcomm issue #2302).
const RESTCOMM_CATEGORY_ENUM = 'org.restcomm.connect.dao.entities.Usage.Category';
const RELATIVE_DAYS = /^([+-])(\d{1,5})days?$/;
const TWILIO_CATEGORY_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Twilio's error codes for the statuses the sandbox answers; others fall back to 20000 + status.
const TWILIO_ERROR_CODES = { 400: 20001, 401: 20003, 403: 20403, 404: 20404, 405: 20004 };

/** What Restcomm's own records say, whatever was asked: its DAO labels every record as calls. */
const RESTCOMM_CONNECT_LABEL = {
	category: 'calls',
	description: 'Total Calls',
	usageUnit: 'minutes',
	countUnit: 'calls',
	priceUnit: 'USD',
};

/**
 * Restcomm-Connect's server as its code on master (revision c67f1423, and the same in the DAO on
 * branch Issue2302_UsageRecordsAPI) computes usage records: only enum names parse (the page's
 * names are a 500), no Category means calls, an SMS_* category reads the SMS table and every other
 * category all call records, every record is labelled as calls, a Daily record ends the next day,
 * relative dates are ignored, and the root list has no handler (docs/vendors.md).
 */
const restcomm = {
	name: 'restcomm',
	displayName: 'Restcomm (Restcomm-Connect master, c67f1423)',
	pathPrefix: '/restcomm',
	apiVersion: '2012-04-24',
	catalog: RESTCOMM_PAGE_CATALOG,
	accountDefaults: {
		accountSid: 'ACrc0000000000000000000000000001',
		authToken: 'restcomm-sandbox-token',
		subaccountSid: 'ACrc0000000000000000000000000002',
		subaccountAuthToken: 'restcomm-subaccount-token',
		accountFriendlyName: 'Acme Telecom (master)',
		subaccountFriendlyName: 'Northwind Retail',
	},
	basicRealm: 'Restcomm',
	paged: false,
	/** Accounts.json and Accounts/<sid>.json as AccountConverter writes them (accounts.js). */
	accountsResource: {
		shape: 'restcomm',
		organizationSid: 'ORrc0000000000000000000000000001',
		emailAddresses: ['billing@acme-telecom.example', 'it@northwind-retail.example'],
	},
	errorBody: (status, message = STATUS_CODES[status] || `HTTP ${status}`) => ({ message }),
	/** valueOf() on its Java enum: any other spelling throws, and nothing maps that to a 400. */
	readCategory(value) {
		if (CATEGORIES_BY_ENUM_NAME.has(value)) return { category: CATEGORIES_BY_ENUM_NAME.get(value) };
		return { status: 500, message: `No enum constant ${RESTCOMM_CATEGORY_ENUM}.${value}` };
	},
	categoryOnWire: enumNameOf,
	/** `if (category == null) category = Usage.Category.CALLS;` */
	defaultCategories: ['calls'],
	/** The data set a category reads: the SMS table for SMS_*, call records for the rest. */
	computedCategory: (name) => (name.startsWith('sms') ? 'sms' : 'calls'),
	label: RESTCOMM_CONNECT_LABEL,
	/** Its calls query sums seconds, then `CEIL(SUM(duration)/60)`: whole minutes, rounded up. */
	roundAmounts: (amounts) =>
		amounts.usageTenths === null
			? amounts
			: { ...amounts, usageTenths: Math.ceil(amounts.usageTenths / 10) * 10 },
	dailyEndIsNextDay: true,
	/** Lists over windows of time from the current instant, in its own zone (restcommWindows.js). */
	windowsFromNow: true,
	hasRootList: false,
	/**
	 * YYYY-MM-DD, anything else ignored: Restcomm's build leaves relative dates as a TODO. Joda's
	 * strict parse makes the date its local midnight in the server's zone (serverZone.js, under
	 * its zone rules); a day without one (a gap at midnight) throws IllegalInstantException, and
	 * the date is ignored as a malformed one is: StartDate as 1970, EndDate as now.
	 */
	readDate(value, today, serverZone) {
		const day = parseDay(value);
		return { day: day !== null && serverZone.midnightOf(day) === null ? null : day };
	},
	/** Restcomm compares subresource names in lower case. */
	readSubresource: (name) => SUBRESOURCES_BY_LOWER_CASE.get(name.toLowerCase()) || null,
};

/**
 * A Restcomm build that computes every documented category as the Usage Records page describes
 * it, labelled as asked: what a user turns Restcomm Computes All Categories on for.
 */
const restcommAllCategories = {
	...restcomm,
	name: 'restcommAllCategories',
	displayName: 'Restcomm (a build computing every documented category)',
	credentialPlatform: 'restcomm',
	pathPrefix: '/restcomm-all-categories',
	accountsResource: {
		shape: 'restcomm',
		organizationSid: 'ORra0000000000000000000000000001',
		emailAddresses: ['billing@globex-communications.example', 'it@initech-help-desk.example'],
	},
	accountDefaults: {
		accountSid: 'ACra0000000000000000000000000001',
		authToken: 'restcomm-all-categories-token',
		subaccountSid: 'ACra0000000000000000000000000002',
		subaccountAuthToken: 'restcomm-all-categories-subaccount-token',
		accountFriendlyName: 'Globex Communications (master)',
		subaccountFriendlyName: 'Initech Help Desk',
	},
	readCategory(value) {
		if (CATEGORIES_BY_ENUM_NAME.has(value)) return { category: CATEGORIES_BY_ENUM_NAME.get(value) };
		if (RESTCOMM_PAGE_CATALOG.byName.has(value)) {
			return { status: 500, message: `No enum constant ${RESTCOMM_CATEGORY_ENUM}.${value}` };
		}
		return { status: 400, message: `Unknown usage category: ${value}` };
	},
	defaultCategories: undefined,
	computedCategory: undefined,
	label: undefined,
	roundAmounts: (amounts) => amounts,
	dailyEndIsNextDay: false,
	windowsFromNow: false,
	hasRootList: true,
};

const twilio = {
	name: 'twilio',
	displayName: 'Twilio-compatible API',
	pathPrefix: '/twilio',
	apiVersion: '2010-04-01',
	catalog: TWILIO_CATALOG,
	accountDefaults: {
		accountSid: 'ACtw0000000000000000000000000001',
		authToken: 'twilio-sandbox-token',
		subaccountSid: 'ACtw0000000000000000000000000002',
		subaccountAuthToken: 'twilio-subaccount-token',
		accountFriendlyName: 'Contoso Voice (master)',
		subaccountFriendlyName: 'Fabrikam Field Services',
		// An API key of the main account: Basic SK...:secret, the Account SID in the path.
		apiKeySid: 'SKtw0000000000000000000000000001',
		apiKeySecret: 'twilio-sandbox-api-key-secret',
	},
	basicRealm: 'Twilio API',
	paged: true,
	/** Accounts.json (a page, `accounts`) and Accounts/<sid>.json as Twilio's API (accounts.js). */
	accountsResource: { shape: 'twilio' },
	errorBody(status, message) {
		const code = TWILIO_ERROR_CODES[status] || 20000 + status;
		return {
			code,
			message:
				message || (status === 401 ? 'Authenticate' : STATUS_CODES[status] || `HTTP ${status}`),
			more_info: `https://www.twilio.com/docs/errors/${code}`,
			status,
		};
	},
	/**
	 * Twilio's several hundred categories (twilioCatalog.js); any other well-formed name, as a
	 * category newer than the list, is answered with no usage.
	 */
	readCategory(value) {
		if (TWILIO_CATALOG.byName.has(value)) return { category: value };
		if (TWILIO_CATEGORY_NAME.test(value)) return { category: value, unknown: true };
		return { status: 400, message: `Category is not a valid usage category: ${value}` };
	},
	categoryOnWire: (name) => name,
	roundAmounts: (amounts) => amounts,
	/** IncludeSubaccounts defaults to true: a master account's records hold its subaccounts'. */
	includesSubaccounts: (query) => query.IncludeSubaccounts !== 'false',
	hasRootList: true,
	/** YYYY-MM-DD, or an offset from today such as -30days or +30days. */
	readDate(value, today) {
		const relative = RELATIVE_DAYS.exec(value);
		if (relative) return { day: today + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) };
		const day = parseDay(value);
		if (day === null) return { message: 'must be YYYY-MM-DD or an offset such as -30days' };
		return { day };
	},
	readSubresource: (name) => (SUBRESOURCES.includes(name) ? name : null),
	/**
	 * The flavour as its settings shape it: the catalog whose calls has the name-children that
	 * callsChildren names (twilioCatalog.js), and the decimals a roll-up's price is sent with
	 * (records.js).
	 */
	withSettings: ({ callsChildren, rollUpDecimals }) => ({
		...twilio,
		catalog: callsChildren === 'twilioList' ? TWILIO_LIST_CATALOG : TWILIO_CATALOG,
		rollUpDecimals,
	}),
};

const FLAVOURS = { restcomm, restcommAllCategories, twilio };

module.exports = { FLAVOURS };
