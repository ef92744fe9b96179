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

const counted = (description, unit, { perDay, each }) => ({
	description,
	usageUnit: unit,
	countUnit: unit,
	profile: { kind: 'counted', perDay, each },
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

// The direct name-children of `calls` in Twilio's list (each named `calls-<x>`, with no longer
// name of the list between: calls-inbound-mobile is calls-inbound's) that are neither parts of
// calls nor a leaf above: with the setting callsChildren 'twilioList', each is a leaf of its own,
// money that calls does not hold. Distinct unit prices, none of calls' parts' (none is made to
// add up with others to calls' price). Appended after every other leaf, so that the others keep
// their data.
const CALLS_CHILDREN_LEAVES = {
	'calls-emergency': minutes('Emergency calls', {
		kind: 'metered',
		perDay: 3,
		minutesEach: 4,
		perMinute: 130,
	}),
	'calls-globalconference': minutes('Global conference participant minutes', {
		kind: 'metered',
		perDay: 12,
		minutesEach: 15,
		perMinute: 180,
	}),
	'calls-media-stream-minutes': minutes('Media Streams minutes', {
		kind: 'metered',
		perDay: 18,
		minutesEach: 4,
		perMinute: 360,
	}),
	'calls-pay-verb-transactions': counted('Pay verb transactions', 'transactions', {
		perDay: 6,
		each: 10000,
	}),
	'calls-text-to-speech': counted('Text-to-speech requests', 'requests', { perDay: 50, each: 160 }),
	'calls-transfers': counted('Transfers of voice calls', 'transfers', { perDay: 8, each: 2500 }),
	'calls-trunking-inbound-tollfree-local': minutes(
		'Elastic SIP Trunking inbound toll-free calls from local numbers',
		{ kind: 'metered', perDay: 10, minutesEach: 3.5, perMinute: 1700 },
	),
	'calls-trunking-inbound-tollfree-mobile': minutes(
		'Elastic SIP Trunking inbound toll-free calls from mobile numbers',
		{ kind: 'metered', perDay: 4, minutesEach: 3, perMinute: 2400 },
	),
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

/** The names of Twilio's list whose nearest shorter name in the list (at a dash) is `name`. */
function nameChildrenOf(name) {
	const listed = new Set(TWILIO_CATEGORY_NAMES);
	const parentOf = (child) => {
		const words = child.split('-');
		for (let length = words.length - 1; length > 0; length -= 1) {
			const prefix = words.slice(0, length).join('-');
			if (listed.has(prefix)) return prefix;
		}
		return null;
	};
	return TWILIO_CATEGORY_NAMES.filter((child) => parentOf(child) === name);
}

/** The catalog's categories; `extraLeaves` ({ name: category }) come after all others. */
function twilioCategories(extraLeaves = {}) {
	const page = CATEGORIES.map((category) =>
		TWILIO_PARTS[category.name] ? { ...category, parts: TWILIO_PARTS[category.name] } : category,
	);
	const described = new Set(page.map(({ name }) => name));
	const added = Object.entries(TWILIO_LEAVES).map(([name, category]) => ({ name, ...category }));
	const extra = Object.entries(extraLeaves).map(([name, category]) => ({ name, ...category }));
	[...added, ...extra].forEach(({ name }) => described.add(name));
	const rest = TWILIO_CATEGORY_NAMES.filter((name) => !described.has(name)).map((name) => ({
		name,
		description: MMS_DESCRIPTIONS[name] || name,
		usageUnit: name in MMS_DESCRIPTIONS ? 'messages' : '',
		countUnit: name in MMS_DESCRIPTIONS ? 'messages' : '',
		...(TWILIO_PARTS[name] ? { parts: TWILIO_PARTS[name] } : {}),
	}));
	// Leaves are numbered in this order (catalog.js): the extra ones last.
	return [...page, ...added, ...rest, ...extra];
}

const TWILIO_CATALOG = createCatalog(twilioCategories());

// Held against Twilio's list when loaded: every direct name-child of calls carries money with
// callsChildren 'twilioList', as a part of calls or as a leaf of its own.
const CALLS_CHILDREN = nameChildrenOf('calls');
const uncovered = CALLS_CHILDREN.filter(
	(name) =>
		!TWILIO_CATALOG.byName.get('calls').parts.includes(name) &&
		!TWILIO_LEAVES[name] &&
		!CALLS_CHILDREN_LEAVES[name],
);
const strangers = Object.keys(CALLS_CHILDREN_LEAVES).filter(
	(name) => !CALLS_CHILDREN.includes(name),
);
if (uncovered.length > 0 || strangers.length > 0) {
	throw new Error(
		`twilioCatalog.js: calls' name-children in twilioCategories.json and CALLS_CHILDREN_LEAVES differ: ${[...uncovered, ...strangers].join(', ')}`,
	);
}

const TWILIO_LIST_CATALOG = createCatalog(twilioCategories(CALLS_CHILDREN_LEAVES));

module.exports = {
	TWILIO_CATALOG,
	TWILIO_LIST_CATALOG,
	TWILIO_CATEGORY_SOURCE: source,
};
