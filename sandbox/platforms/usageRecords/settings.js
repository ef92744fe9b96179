'use strict';

const { DateTime } = require('luxon');
const { toDay, dayOfDate, formatDay } = require('../../calendarDays');
const { ZONE_RULES, zoneRuleSet } = require('./serverZone');

// The options of startSandbox({ restcomm }) and startSandbox({ twilio }), checked once at
// start. Account SIDs and tokens default per flavour; the rest is shared.

const SHARED_DEFAULTS = { seed: 13, from: '2025-01-01' };
const ACCOUNT_KEYS = [
	'accountSid',
	'authToken',
	'subaccountSid',
	'subaccountAuthToken',
	'apiKeySid',
	'apiKeySecret',
	'accountFriendlyName',
	'subaccountFriendlyName',
];
const OPTIONAL_KEYS = [
	'to',
	'today',
	'costOutsideCategories',
	'timeOfDay',
	'timeZone',
	'zoneRules',
	'rollUpDecimals',
	'callsChildren',
	'subaccounts',
];
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
// Prefix sums for every day, account and leaf are kept in memory: ten years is plenty.
const MAX_DAYS = 3660;
const SID_TEXT = /^AC[A-Za-z0-9]{8,64}$/;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
// An account's FriendlyName: "up to 64 characters long" (Twilio's and Restcomm's Accounts pages).
const MAX_FRIENDLY_NAME = 64;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// Dollars with at most the 5 decimals of Twilio's prices (usageData.js keeps hundred-thousandths).
const DOLLARS = /^\d{1,9}(\.\d{1,5})?$/;
// The decimals of a price as usageData.js keeps it: the most a roll-up's price can be sent with.
const PRICE_DECIMALS = 5;
const CALLS_CHILDREN = ['restcommPage', 'twilioList'];
const STATUSES = ['active', 'suspended', 'closed'];
const SUBACCOUNT_KEYS = ['status', 'closedOn', 'friendlyName', 'noUsage', 'withinSubaccount'];
// Plenty for a reseller's benchmark; each account's data is generated when first read.
const MAX_SUBACCOUNTS = 2000;

function resolveSettings(flavour, options = {}, now = new Date()) {
	const prefix = flavour.name;
	const known = [...Object.keys(SHARED_DEFAULTS), ...ACCOUNT_KEYS, ...OPTIONAL_KEYS];
	const unknown = Object.keys(options).filter((key) => !known.includes(key));
	if (unknown.length > 0) throw new TypeError(`Unknown ${prefix} options: ${unknown.join(', ')}`);
	const settings = { ...SHARED_DEFAULTS, ...flavour.accountDefaults, ...options };
	for (const key of ['accountSid', 'subaccountSid']) {
		if (typeof settings[key] !== 'string' || !SID_TEXT.test(settings[key])) {
			throw new TypeError(
				`${prefix}.${key} must be an Account SID: AC and 8 to 64 letters or digits`,
			);
		}
	}
	if (settings.accountSid === settings.subaccountSid) {
		throw new TypeError(`${prefix}.accountSid and ${prefix}.subaccountSid must differ`);
	}
	for (const key of ['authToken', 'subaccountAuthToken']) {
		if (typeof settings[key] !== 'string' || !VISIBLE_ASCII.test(settings[key])) {
			throw new TypeError(
				`${prefix}.${key} must be a non-empty string of visible ASCII characters`,
			);
		}
	}
	for (const key of ['accountFriendlyName', 'subaccountFriendlyName']) {
		if (!isFriendlyName(settings[key])) {
			throw new TypeError(
				`${prefix}.${key} must be a name of 1 to ${MAX_FRIENDLY_NAME} characters, no control characters`,
			);
		}
	}
	if (!Number.isSafeInteger(settings.seed) || settings.seed < 0) {
		throw new TypeError(`${prefix}.seed must be a whole number, 0 or more`);
	}
	// A fixed `today` makes Today, Yesterday, ThisMonth, LastMonth and -30days reproducible.
	const fixedToday = settings.today === undefined ? null : toDay(settings.today);
	if (fixedToday === null && settings.today !== undefined) {
		throw new TypeError(`${prefix}.today must be a Date or YYYY-MM-DD`);
	}
	const startToday = fixedToday === null ? dayOfDate(now) : fixedToday;
	const fromDay = toDay(settings.from);
	const lastDay = settings.to === undefined ? startToday : toDay(settings.to);
	if (fromDay === null || lastDay === null || fromDay < 0) {
		throw new TypeError(
			`${prefix}.from and ${prefix}.to must be Dates, YYYY-MM-DD or ISO 8601 date-times, from 1970 on`,
		);
	}
	if (fromDay > lastDay) throw new TypeError(`${prefix}.from must not be after ${prefix}.to`);
	if (lastDay - fromDay + 1 > MAX_DAYS) {
		throw new TypeError(`${prefix}.from to ${prefix}.to must span at most ${MAX_DAYS} days`);
	}
	const resolved = {
		...settings,
		fromDay,
		toDay: lastDay,
		fixedToday,
		outsidePriceUnits: readOutsideCost(flavour, settings.costOutsideCategories),
		...readServerClock(flavour, settings),
		...readTwilioShapes(flavour, settings),
		moreSubaccounts: readSubaccounts(flavour, settings.subaccounts),
	};
	for (const key of ['from', 'to', 'today', 'subaccounts']) delete resolved[key];
	return resolved;
}

/**
 * costOutsideCategories: a price per day, in dollars, that Twilio bills the main account outside
 * every category (its page: "some costs may not be included in any usage category"), so that only
 * totalprice holds it. As hundred-thousandths of a dollar; 0 when not given.
 */
function readOutsideCost(flavour, dollars) {
	if (dollars === undefined) return 0;
	if (flavour.name !== 'twilio') {
		throw new TypeError(`${flavour.name}.costOutsideCategories is a setting of twilio only`);
	}
	const text = typeof dollars === 'number' ? String(dollars) : dollars;
	if (typeof text !== 'string' || !DOLLARS.test(text)) {
		throw new TypeError(
			'twilio.costOutsideCategories must be dollars a day, e.g. "0.75" (at most 5 decimals)',
		);
	}
	const [whole, fraction = ''] = text.split('.');
	return Number(whole) * 100000 + Number(fraction.padEnd(5, '0'));
}

/**
 * timeZone, timeOfDay and zoneRules: the server's own zone (IANA, default UTC), in which
 * Restcomm-Connect reads StartDate and EndDate, the time of day of its clock when `today` is fixed
 * (default 12:00), from which it computes Today ... LastMonth (restcommWindows.js), and the zone
 * rules its Joda-Time has: 'current' (Node's, the default) or '2016j' (serverZone.js).
 */
function readServerClock(
	flavour,
	{ timeZone = 'UTC', timeOfDay = '12:00', zoneRules = 'current' },
) {
	const given = [
		timeZone !== 'UTC' && 'timeZone',
		timeOfDay !== '12:00' && 'timeOfDay',
		zoneRules !== 'current' && 'zoneRules',
	];
	const foreign = given.filter(Boolean);
	if (!flavour.windowsFromNow && foreign.length > 0) {
		throw new TypeError(`${flavour.name}.${foreign[0]} is a setting of restcomm only`);
	}
	if (typeof timeZone !== 'string' || !DateTime.local().setZone(timeZone).isValid) {
		throw new TypeError(
			`${flavour.name}.timeZone must be an IANA time zone, e.g. America/New_York`,
		);
	}
	if (typeof timeOfDay !== 'string' || !TIME_OF_DAY.test(timeOfDay)) {
		throw new TypeError(`${flavour.name}.timeOfDay must be HH:MM, e.g. 09:00`);
	}
	if (!ZONE_RULES.includes(zoneRules)) {
		throw new TypeError(`${flavour.name}.zoneRules must be one of ${ZONE_RULES.join(', ')}`);
	}
	if (!zoneRuleSet(timeZone, zoneRules)) {
		throw new TypeError(
			`${flavour.name}.timeZone ${timeZone} is not a zone of tzdata ${zoneRules}: a server whose Joda-Time has those rules does not know it`,
		);
	}
	return { timeZone, timeOfDay, zoneRules };
}

/**
 * rollUpDecimals and callsChildren, the shapes of Twilio's own answers: a roll-up's price (each
 * category with parts, and totalprice) sent rounded half away from zero to that many decimals,
 * 0 to 5 (default 5: every price exact, as the leaves always are); and the direct name-children
 * of `calls` that carry money, 'restcommPage' (default: the Restcomm page's parts and the prefix
 * trap calls-recordings) or 'twilioList' (every one Twilio's list has, twilioCatalog.js).
 */
function readTwilioShapes(
	flavour,
	{ rollUpDecimals = PRICE_DECIMALS, callsChildren = CALLS_CHILDREN[0] },
) {
	const given = [
		rollUpDecimals !== PRICE_DECIMALS && 'rollUpDecimals',
		callsChildren !== CALLS_CHILDREN[0] && 'callsChildren',
	].filter(Boolean);
	if (flavour.name !== 'twilio') {
		if (given.length > 0) {
			throw new TypeError(`${flavour.name}.${given[0]} is a setting of twilio only`);
		}
		return {};
	}
	if (!Number.isInteger(rollUpDecimals) || rollUpDecimals < 0 || rollUpDecimals > PRICE_DECIMALS) {
		throw new TypeError(
			`twilio.rollUpDecimals must be a whole number from 0 to ${PRICE_DECIMALS}, e.g. 2`,
		);
	}
	if (!CALLS_CHILDREN.includes(callsChildren)) {
		throw new TypeError(`twilio.callsChildren must be one of ${CALLS_CHILDREN.join(', ')}`);
	}
	return { rollUpDecimals, callsChildren };
}

/**
 * subaccounts: the main account's subaccounts beyond the one every flavour has, as a number (that
 * many, active, each with usage) or a list, each `{ status, closedOn, friendlyName, noUsage,
 * withinSubaccount }`: status active (default), suspended or closed; closedOn (YYYY-MM-DD, closed
 * only) the last day it has usage; noUsage: true for an account that never had any;
 * withinSubaccount: true (Restcomm flavours) makes it a sub-account of the flavour's subaccount
 * rather than a direct one of the main account. Their SIDs, tokens and names are generated
 * (usageRecords.js).
 */
function readSubaccounts(flavour, subaccounts = []) {
	const prefix = `${flavour.name}.subaccounts`;
	const specs =
		typeof subaccounts === 'number' && Number.isInteger(subaccounts) && subaccounts >= 0
			? Array.from({ length: subaccounts }, () => ({}))
			: subaccounts;
	if (!Array.isArray(specs) || specs.length > MAX_SUBACCOUNTS) {
		throw new TypeError(
			`${prefix} must be a number of subaccounts or a list of them, at most ${MAX_SUBACCOUNTS}`,
		);
	}
	return specs.map((spec, index) => {
		const where = `${prefix}[${index}]`;
		if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
			throw new TypeError(`${where} must be an object`);
		}
		const unknown = Object.keys(spec).filter((key) => !SUBACCOUNT_KEYS.includes(key));
		if (unknown.length > 0) throw new TypeError(`${where} has unknown keys: ${unknown.join(', ')}`);
		const { status = 'active', closedOn, friendlyName, noUsage = false } = spec;
		const { withinSubaccount = false } = spec;
		if (!STATUSES.includes(status)) {
			throw new TypeError(`${where}.status must be one of ${STATUSES.join(', ')}`);
		}
		const closedDay = closedOn === undefined ? null : toDay(closedOn);
		if (closedOn !== undefined && (closedDay === null || status !== 'closed')) {
			throw new TypeError(`${where}.closedOn must be YYYY-MM-DD, and the account closed`);
		}
		if (friendlyName !== undefined && !isFriendlyName(friendlyName)) {
			throw new TypeError(
				`${where}.friendlyName must be a name of 1 to ${MAX_FRIENDLY_NAME} characters, no control characters`,
			);
		}
		if (typeof noUsage !== 'boolean' || typeof withinSubaccount !== 'boolean') {
			throw new TypeError(`${where}.noUsage and .withinSubaccount must be true or false`);
		}
		// Twilio has no subaccounts of subaccounts.
		if (withinSubaccount && flavour.accountsResource.shape !== 'restcomm') {
			throw new TypeError(`${where}.withinSubaccount is a setting of the Restcomm flavours only`);
		}
		return { status, closedDay, friendlyName, noUsage, withinSubaccount };
	});
}

function isFriendlyName(name) {
	return (
		typeof name === 'string' &&
		name.trim() !== '' &&
		name.length <= MAX_FRIENDLY_NAME &&
		!CONTROL_CHARACTERS.test(name)
	);
}

/** The settings as `sandbox.restcomm.settings` (or `.twilio`) shows them. */
function describeSettings({
	fromDay,
	toDay: lastDay,
	fixedToday,
	outsidePriceUnits,
	moreSubaccounts,
	...rest
}) {
	return {
		...rest,
		subaccounts: moreSubaccounts.map(({ closedDay, ...spec }) => ({
			...spec,
			closedOn: closedDay === null ? null : formatDay(closedDay),
		})),
		from: formatDay(fromDay),
		to: formatDay(lastDay),
		today: fixedToday === null ? null : formatDay(fixedToday),
	};
}

module.exports = { resolveSettings, describeSettings };
