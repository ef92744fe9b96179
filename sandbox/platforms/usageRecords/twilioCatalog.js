'use strict';

const { CATEGORIES } = require('./categories');
const { createCatalog } = require('./catalog');
const { source, categories: TWILIO_CATEGORY_NAMES } = require('./twilioCategories.json');

// The twilio flavour's categories: every one of Twilio's last published list (twilioCategories.json,
// `source` names the revision), answered all at once by a listing without Category, as Twilio does.
// Twilio publishes no table of which category holds which, so the roll-ups below are written by
// hand from what the vendors' pages say (the Restcomm page's hierarchy, which is Twilio's older
// list; Twilio's usage page: sms is inbound and outbound messages, mms likewise), never from the
// pack's own rule. Usage and price sit also on categories the Restcomm page does not have, and on
// prefix traps: categories whose names look like parts of another but are not, and whose money is
// their own (docs/vendors.md).

const minutes = (description, profile) => ({
	description,
	usageUnit: 'minutes',
	countUnit: 'calls',
	profile,
});
const messages = (description, profile) => ({
	description,
	usageUnit: 'messages',
	countUnit: 'messages',
	profile,
});

// Categories with usage beyond the Restcomm page's, appended so that the page's leaves keep their
// data. Prices are in hundred-thousandths of a dollar, as in categories.js.
const TWILIO_LEAVES = {
	'calls-inbound-mobile': minutes('Inbound voice calls to mobile numbers', {
		kind: 'metered',
		perDay: 25,
		minutesEach: 3,
		perMinute: 1300,
	}),
	'sms-inbound-tollfree': messages('Inbound SMS messages to toll-free numbers', {
		kind: 'counted',
		perDay: 30,
		each: 830,
	}),
	'sms-outbound-tollfree': messages('Outbound SMS messages from toll-free numbers', {
		kind: 'counted',
		perDay: 80,
		each: 830,
	}),
	'mms-inbound-longcode': messages('Inbound MMS messages to long codes', {
		kind: 'counted',
		perDay: 20,
		each: 1000,
	}),
	'mms-inbound-shortcode': messages('Inbound MMS messages to short codes', {
		kind: 'counted',
		perDay: 5,
		each: 1000,
	}),
	'mms-outbound-longcode': messages('Outbound MMS messages from long codes', {
		kind: 'counted',
		perDay: 40,
		each: 2000,
	}),
	'mms-outbound-shortcode': messages('Outbound MMS messages from short codes', {
		kind: 'counted',
		perDay: 10,
		each: 2000,
	}),
	'mms-outbound-tollfree': messages('Outbound MMS messages from toll-free numbers', {
		kind: 'counted',
		perDay: 15,
		each: 2000,
	}),
	'phonenumbers-mobile': {
		description: 'Mobile phone numbers owned by the account',
		usageUnit: 'numbers',
		countUnit: 'numbers',
		profile: { kind: 'rental', owned: [3, 1], monthly: 115000 },
	},
	'a2p-registration-fees': {
		description: 'A2P 10DLC registration fees',
		usageUnit: 'registrations',
		countUnit: 'registrations',
		profile: { kind: 'rental', owned: [1, 0], monthly: 400000 },
	},
	lookups: {
		description: 'Lookups',
		usageUnit: 'lookups',
		countUnit: 'lookups',
		profile: { kind: 'counted', perDay: 15, each: 500 },
	},
	// Prefix traps: named like parts of sms, mms or calls, but fees and minutes of their own.
	'sms-messages-carrierfees': messages('Carrier fees on SMS messages', {
		kind: 'counted',
		perDay: 400,
		each: 300,
	}),
	'mms-messages-carrierfees': messages('Carrier fees on MMS messages', {
		kind: 'counted',
		perDay: 60,
		each: 500,
	}),
	'calls-recordings': minutes('Recording of voice calls', {
		kind: 'metered',
		perDay: 30,
		minutesEach: 3,
		perMinute: 250,
	}),
	// A name that extends another category's, both with money of their own (unit prices that no
	// count of the one can equal a count of the other at).
	'sms-mms-penalty-fees': messages('SMS and MMS penalty fees', {
		kind: 'counted',
		perDay: 1,
		each: 123457,
	}),
	'sms-mms-penalty-fees-1': messages('SMS and MMS penalty fees (second schedule)', {
		kind: 'counted',
		perDay: 1,
		each: 100000,
	}),
};

// The roll-ups: the Restcomm page's, with the parts Twilio added to them, and mms.
const TWILIO_PARTS = {
	'calls-inbound': ['calls-inbound-local', 'calls-inbound-tollfree', 'calls-inbound-mobile'],
	'sms-inbound': ['sms-inbound-shortcode', 'sms-inbound-longcode', 'sms-inbound-tollfree'],
	'sms-outbound': ['sms-outbound-shortcode', 'sms-outbound-longcode', 'sms-outbound-tollfree'],
	mms: ['mms-inbound', 'mms-outbound'],
	'mms-inbound': ['mms-inbound-longcode', 'mms-inbound-shortcode'],
	'mms-outbound': ['mms-outbound-longcode', 'mms-outbound-shortcode', 'mms-outbound-tollfree'],
	phonenumbers: ['phonenumbers-tollfree', 'phonenumbers-local', 'phonenumbers-mobile'],
};
const MMS_DESCRIPTIONS = {
	mms: 'All MMS messages, both inbound and outbound',
	'mms-inbound': 'All inbound MMS messages',
	'mms-outbound': 'All outbound MMS messages',
};

function twilioCategories() {
	const page = CATEGORIES.map((category) =>
		TWILIO_PARTS[category.name] ? { ...category, parts: TWILIO_PARTS[category.name] } : category,
	);
	const described = new Set(page.map(({ name }) => name));
	const added = Object.entries(TWILIO_LEAVES).map(([name, category]) => ({ name, ...category }));
	added.forEach(({ name }) => described.add(name));
	const rest = TWILIO_CATEGORY_NAMES.filter((name) => !described.has(name)).map((name) => ({
		name,
		description: MMS_DESCRIPTIONS[name] || name,
		usageUnit: name in MMS_DESCRIPTIONS ? 'messages' : '',
		countUnit: name in MMS_DESCRIPTIONS ? 'messages' : '',
		...(TWILIO_PARTS[name] ? { parts: TWILIO_PARTS[name] } : {}),
	}));
	return [...page, ...added, ...rest];
}

const TWILIO_CATALOG = createCatalog(twilioCategories());

module.exports = { TWILIO_CATALOG, TWILIO_CATEGORY_SOURCE: source };
