/**
 * The usage categories of Restcomm's Usage Records page (Twilio's older list), held once: their
 * descriptions, units and place in the hierarchy. A roll-up (`calls`) adds up its parts
 * (`calls-inbound`, ...), and `totalprice` the price of everything, so a table that holds a
 * roll-up beside its parts counts the same usage twice. Pure.
 */
export interface UsageCategory {
	name: string;
	/** How the editor lists it (Title Case); `name` is its value on the wire. */
	label: string;
	description: string;
	usageUnit: string;
	countUnit: string;
	/** The roll-up this category is a part of; none for a top-level category. */
	partOf?: string;
}

/** Categories of one kind share their units. */
const ofUnits =
	(usageUnit: string, countUnit: string) =>
	(name: string, label: string, description: string, partOf?: string): UsageCategory => ({
		name,
		label,
		description,
		usageUnit,
		countUnit,
		partOf,
	});
const calls = ofUnits('minutes', 'calls');
const messages = ofUnits('messages', 'messages');
const numbers = ofUnits('numbers', 'numbers');
const shortcodes = ofUnits('shortcodes', 'shortcodes');

export const USAGE_CATEGORY_LIST: readonly UsageCategory[] = [
	calls('calls', 'Calls', 'All voice calls, inbound and outbound'),
	calls(
		'calls-inbound',
		'Inbound Calls',
		'All inbound voice calls, to toll-free and local numbers',
		'calls',
	),
	calls(
		'calls-inbound-local',
		'Inbound Calls to Local Numbers',
		'Inbound voice calls to local numbers',
		'calls-inbound',
	),
	calls(
		'calls-inbound-tollfree',
		'Inbound Calls to Toll-Free Numbers',
		'Inbound voice calls to toll-free numbers',
		'calls-inbound',
	),
	calls('calls-outbound', 'Outbound Calls', 'All outbound voice calls', 'calls'),
	calls('calls-client', 'Client Calls', 'All Restcomm Client voice calls', 'calls'),
	calls('calls-sip', 'SIP Calls', 'All SIP calls', 'calls'),
	messages('sms', 'SMS', 'All SMS messages, inbound and outbound'),
	messages(
		'sms-inbound',
		'Inbound SMS',
		'Inbound SMS messages, to short codes and long codes',
		'sms',
	),
	messages(
		'sms-inbound-shortcode',
		'Inbound SMS to Short Codes',
		'Inbound SMS messages to short codes',
		'sms-inbound',
	),
	messages(
		'sms-inbound-longcode',
		'Inbound SMS to Long Codes',
		'Inbound SMS messages to long codes',
		'sms-inbound',
	),
	messages(
		'sms-outbound',
		'Outbound SMS',
		'Outbound SMS messages, from short codes and long codes',
		'sms',
	),
	messages(
		'sms-outbound-shortcode',
		'Outbound SMS From Short Codes',
		'Outbound SMS messages from short codes',
		'sms-outbound',
	),
	messages(
		'sms-outbound-longcode',
		'Outbound SMS From Long Codes',
		'Outbound SMS messages from long codes',
		'sms-outbound',
	),
	numbers('phonenumbers', 'Phone Numbers', 'All phone numbers owned by the account'),
	numbers(
		'phonenumbers-tollfree',
		'Toll-Free Phone Numbers',
		'Toll-free phone numbers owned by the account',
		'phonenumbers',
	),
	numbers(
		'phonenumbers-local',
		'Local Phone Numbers',
		'Local phone numbers owned by the account',
		'phonenumbers',
	),
	shortcodes('shortcodes', 'Short Codes', 'All short codes owned by the account'),
	shortcodes('shortcodes-vanity', 'Vanity Short Codes', 'Vanity short codes', 'shortcodes'),
	shortcodes(
		'shortcodes-random',
		'Random Short Codes',
		'Randomly assigned short codes',
		'shortcodes',
	),
	shortcodes(
		'shortcodes-customerowned',
		'Customer-Owned Short Codes',
		'Short codes leased from another provider',
		'shortcodes',
	),
	ofUnits('lookups', 'lookups')(
		'calleridlookups',
		'Caller ID Lookups',
		'Caller ID (CallerName) lookups',
	),
	ofUnits('minutes', 'recordings')('recordings', 'Recordings', 'Recordings of voice calls'),
	ofUnits('minutes', 'transcriptions')(
		'transcriptions',
		'Transcriptions',
		'Transcriptions of voice calls',
	),
	ofUnits('minutes', 'recordings')(
		'recordingstorage',
		'Recording Storage',
		'Storage used by call recordings',
	),
	// Not a roll-up of parts but of prices: everything's price, so never a line beside others.
	{
		name: 'totalprice',
		label: 'Total Price',
		description: 'Total price of all usage',
		usageUnit: 'usd',
		countUnit: '',
	},
];

export const USAGE_CATEGORIES = new Map(
	USAGE_CATEGORY_LIST.map((category) => [category.name, category]),
);

/** The categories whose usage no other category holds: each unit of usage is in one of them. */
export const LEAF_CATEGORIES: ReadonlySet<string> = new Set(
	USAGE_CATEGORY_LIST.filter(
		({ name }) =>
			name !== 'totalprice' && !USAGE_CATEGORY_LIST.some(({ partOf }) => partOf === name),
	).map(({ name }) => name),
);

/**
 * What Restcomm-Connect's server computes: an `SMS_*` category reads its SMS table, any other its
 * call records, and every record comes back labelled as calls; so calls and sms are the whole of
 * its usage, and the other documented categories only repeat them (docs/vendors.md).
 */
export const RESTCOMM_CONNECT_CATEGORIES: readonly string[] = ['calls', 'sms'];

/** The leaf categories whose usage `name` adds up: all of them for totalprice, none for a leaf. */
export function leavesUnder(name: string): ReadonlySet<string> {
	if (name === 'totalprice') return LEAF_CATEGORIES;
	const isUnder = (category: string | undefined): boolean =>
		category !== undefined &&
		(category === name || isUnder(USAGE_CATEGORIES.get(category)?.partOf));
	return new Set(
		[...LEAF_CATEGORIES].filter((leaf) => isUnder(USAGE_CATEGORIES.get(leaf)?.partOf)),
	);
}

/** Each category as an editor option: its label, its wire name as value and at its description's end. */
export const USAGE_CATEGORY_OPTIONS = USAGE_CATEGORY_LIST.map(({ name, label, description }) => ({
	name: label,
	value: name,
	description: `${description} (${name})`,
}));
