'use strict';

const { createCatalog } = require('./catalog');

// The 26 usage categories of Restcomm's Usage Records page (docs/vendors.md), with their units.
// An aggregate lists the categories it adds up; `totalprice` adds up the price of every leaf.
// A leaf's profile says how its generated usage arises (usageData.js): `metered`, calls of some
// minutes each, priced per minute; `counted`, one usage unit per event, priced per event;
// `rental`, numbers or short codes owned (by the main account and its subaccount), charged on
// the first day of each month. Prices are in hundred-thousandths of a dollar. Recordings cost
// nothing to make: only storing them is charged.

const CATEGORIES = [
	{
		name: 'calls',
		description: 'All voice calls, inbound & outbound',
		usageUnit: 'minutes',
		countUnit: 'calls',
		parts: ['calls-inbound', 'calls-outbound', 'calls-client', 'calls-sip'],
	},
	{
		name: 'calls-inbound',
		description: 'All inbound voice calls, to both toll-free and local numbers',
		usageUnit: 'minutes',
		countUnit: 'calls',
		parts: ['calls-inbound-local', 'calls-inbound-tollfree'],
	},
	{
		name: 'calls-inbound-local',
		description: 'All inbound voice calls to local numbers',
		usageUnit: 'minutes',
		countUnit: 'calls',
		profile: { kind: 'metered', perDay: 140, minutesEach: 3.2, perMinute: 850 },
	},
	{
		name: 'calls-inbound-tollfree',
		description: 'All inbound voice calls to toll-free numbers',
		usageUnit: 'minutes',
		countUnit: 'calls',
		profile: { kind: 'metered', perDay: 35, minutesEach: 4.5, perMinute: 2200 },
	},
	{
		name: 'calls-outbound',
		description: 'All outbound voice calls',
		usageUnit: 'minutes',
		countUnit: 'calls',
		profile: { kind: 'metered', perDay: 90, minutesEach: 2.6, perMinute: 1400 },
	},
	{
		name: 'calls-client',
		description: 'All Restcomm Client voice calls',
		usageUnit: 'minutes',
		countUnit: 'calls',
		profile: { kind: 'metered', perDay: 20, minutesEach: 6, perMinute: 400 },
	},
	{
		name: 'calls-sip',
		description: 'All SIP calls',
		usageUnit: 'minutes',
		countUnit: 'calls',
		profile: { kind: 'metered', perDay: 15, minutesEach: 5, perMinute: 400 },
	},
	{
		name: 'sms',
		description: 'All SMS messages, both inbound and outbound',
		usageUnit: 'messages',
		countUnit: 'messages',
		parts: ['sms-inbound', 'sms-outbound'],
	},
	{
		name: 'sms-inbound',
		description: 'All inbound SMS messages, to both short-codes and long-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
		parts: ['sms-inbound-shortcode', 'sms-inbound-longcode'],
	},
	{
		name: 'sms-inbound-shortcode',
		description: 'All inbound SMS messages to short-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
		profile: { kind: 'counted', perDay: 60, each: 830 },
	},
	{
		name: 'sms-inbound-longcode',
		description: 'All inbound SMS messages to long-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
		profile: { kind: 'counted', perDay: 180, each: 790 },
	},
	{
		name: 'sms-outbound',
		description: 'All outbound SMS messages, from both short-codes and long-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
		parts: ['sms-outbound-shortcode', 'sms-outbound-longcode'],
	},
	{
		name: 'sms-outbound-shortcode',
		description: 'All outbound SMS messages from short-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
		profile: { kind: 'counted', perDay: 120, each: 1000 },
	},
	{
		name: 'sms-outbound-longcode',
		description: 'All outbound SMS messages from long-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
		profile: { kind: 'counted', perDay: 260, each: 790 },
	},
	{
		name: 'phonenumbers',
		description: 'All phone numbers owned by the account, toll-free and local',
		usageUnit: 'numbers',
		countUnit: 'numbers',
		parts: ['phonenumbers-tollfree', 'phonenumbers-local'],
	},
	{
		name: 'phonenumbers-tollfree',
		description: 'All toll-free phone numbers owned by the account',
		usageUnit: 'numbers',
		countUnit: 'numbers',
		profile: { kind: 'rental', owned: [2, 1], monthly: 215000 },
	},
	{
		name: 'phonenumbers-local',
		description: 'All local phone numbers owned by the account',
		usageUnit: 'numbers',
		countUnit: 'numbers',
		profile: { kind: 'rental', owned: [12, 4], monthly: 115000 },
	},
	{
		name: 'shortcodes',
		description: 'All ShortCodes owned by the account, of all types',
		usageUnit: 'shortcodes',
		countUnit: 'shortcodes',
		parts: ['shortcodes-vanity', 'shortcodes-random', 'shortcodes-customerowned'],
	},
	{
		name: 'shortcodes-vanity',
		description: 'All vanity ShortCodes owned by the account',
		usageUnit: 'shortcodes',
		countUnit: 'shortcodes',
		profile: { kind: 'rental', owned: [0, 0], monthly: 150000000 },
	},
	{
		name: 'shortcodes-random',
		description: 'All randomly-assigned ShortCodes owned by the account',
		usageUnit: 'shortcodes',
		countUnit: 'shortcodes',
		profile: { kind: 'rental', owned: [1, 0], monthly: 100000000 },
	},
	{
		name: 'shortcodes-customerowned',
		description: 'All ShortCodes owned by the account that are leased from another provider',
		usageUnit: 'shortcodes',
		countUnit: 'shortcodes',
		profile: { kind: 'rental', owned: [1, 0], monthly: 100000000 },
	},
	{
		name: 'calleridlookups',
		description: 'CallerID (CallerName) lookups',
		usageUnit: 'lookups',
		countUnit: 'lookups',
		profile: { kind: 'counted', perDay: 25, each: 1000 },
	},
	{
		name: 'recordings',
		description: 'Recordings of voice calls',
		usageUnit: 'minutes',
		countUnit: 'recordings',
		profile: { kind: 'metered', perDay: 40, minutesEach: 3, perMinute: 0 },
	},
	{
		name: 'transcriptions',
		description: 'Transcriptions of voice calls',
		usageUnit: 'minutes',
		countUnit: 'transcriptions',
		profile: { kind: 'metered', perDay: 10, minutesEach: 2.5, perMinute: 5000 },
	},
	{
		name: 'recordingstorage',
		description: 'Amount of storage used by call recordings stored for the account',
		usageUnit: 'minutes',
		countUnit: 'recordings',
		profile: { kind: 'metered', perDay: 40, minutesEach: 3, perMinute: 50 },
	},
	{
		name: 'totalprice',
		description: 'Total price of all usage',
		usageUnit: 'usd',
		countUnit: '',
		totalPrice: true,
	},
];

/** Restcomm's Java enum name of a category: `sms-inbound` -> `SMS_INBOUND`. */
function enumNameOf(name) {
	return name.toUpperCase().replace(/-/g, '_');
}

const RESTCOMM_PAGE_CATALOG = createCatalog(CATEGORIES);

module.exports = { CATEGORIES, RESTCOMM_PAGE_CATALOG, enumNameOf };
