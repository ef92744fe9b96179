'use strict';

// The usage categories (docs/vendors.md), with their units. An aggregate lists the categories
// it adds up; `totalprice` adds up the price of every leaf. Leaves carry the generated data.

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
	},
	{
		name: 'calls-inbound-tollfree',
		description: 'All inbound voice calls to toll-free numbers',
		usageUnit: 'minutes',
		countUnit: 'calls',
	},
	{
		name: 'calls-outbound',
		description: 'All outbound voice calls',
		usageUnit: 'minutes',
		countUnit: 'calls',
	},
	{
		name: 'calls-client',
		description: 'All Restcomm Client voice calls',
		usageUnit: 'minutes',
		countUnit: 'calls',
	},
	{ name: 'calls-sip', description: 'All SIP calls', usageUnit: 'minutes', countUnit: 'calls' },
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
	},
	{
		name: 'sms-inbound-longcode',
		description: 'All inbound SMS messages to long-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
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
	},
	{
		name: 'sms-outbound-longcode',
		description: 'All outbound SMS messages from long-codes',
		usageUnit: 'messages',
		countUnit: 'messages',
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
	},
	{
		name: 'phonenumbers-local',
		description: 'All local phone numbers owned by the account',
		usageUnit: 'numbers',
		countUnit: 'numbers',
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
	},
	{
		name: 'shortcodes-random',
		description: 'All randomly-assigned ShortCodes owned by the account',
		usageUnit: 'shortcodes',
		countUnit: 'shortcodes',
	},
	{
		name: 'shortcodes-customerowned',
		description: 'All ShortCodes owned by the account that are leased from another provider',
		usageUnit: 'shortcodes',
		countUnit: 'shortcodes',
	},
	{
		name: 'calleridlookups',
		description: 'CallerID (CallerName) lookups',
		usageUnit: 'lookups',
		countUnit: 'lookups',
	},
	{
		name: 'recordings',
		description: 'Recordings of voice calls',
		usageUnit: 'minutes',
		countUnit: 'recordings',
	},
	{
		name: 'transcriptions',
		description: 'Transcriptions of voice calls',
		usageUnit: 'minutes',
		countUnit: 'transcriptions',
	},
	{
		name: 'recordingstorage',
		description: 'Amount of storage used by call recordings stored for the account',
		usageUnit: 'minutes',
		countUnit: 'recordings',
	},
	{
		name: 'totalprice',
		description: 'Total price of all usage',
		usageUnit: 'usd',
		countUnit: '',
		totalPrice: true,
	},
];

const CATEGORIES_BY_NAME = new Map(CATEGORIES.map((category) => [category.name, category]));
const LEAF_NAMES = CATEGORIES.filter((category) => !category.parts && !category.totalPrice).map(
	(category) => category.name,
);

/** The leaves an aggregate adds up (itself for a leaf; every leaf for totalprice). */
function leavesOf(name) {
	const category = CATEGORIES_BY_NAME.get(name);
	if (category.totalPrice) return LEAF_NAMES;
	if (!category.parts) return [name];
	return category.parts.flatMap(leavesOf);
}

/** Restcomm's Java enum name of a category: `sms-inbound` -> `SMS_INBOUND`. */
function enumNameOf(name) {
	return name.toUpperCase().replace(/-/g, '_');
}

module.exports = { CATEGORIES, CATEGORIES_BY_NAME, LEAF_NAMES, leavesOf, enumNameOf };
