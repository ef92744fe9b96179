/**
 * The usage categories of Restcomm's Usage Records page (Twilio's older list), held once: their
 * names, descriptions and units, as the editor lists them and as Restcomm-Connect's records are
 * labelled. Which category holds which is read from the figures (rollUps.ts). Pure.
 */
export interface UsageCategory {
	name: string;
	/** How the editor lists it (Title Case); `name` is its value on the wire. */
	label: string;
	description: string;
	usageUnit: string;
	countUnit: string;
}

/** Categories of one kind share their units. */
const ofUnits =
	(usageUnit: string, countUnit: string) =>
	(name: string, label: string, description: string): UsageCategory => ({
		name,
		label,
		description,
		usageUnit,
		countUnit,
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
	),
	calls(
		'calls-inbound-local',
		'Inbound Calls to Local Numbers',
		'Inbound voice calls to local numbers',
	),
	calls(
		'calls-inbound-tollfree',
		'Inbound Calls to Toll-Free Numbers',
		'Inbound voice calls to toll-free numbers',
	),
	calls('calls-outbound', 'Outbound Calls', 'All outbound voice calls'),
	calls('calls-client', 'Client Calls', 'All Restcomm Client voice calls'),
	calls('calls-sip', 'SIP Calls', 'All SIP calls'),
	messages('sms', 'SMS', 'All SMS messages, inbound and outbound'),
	messages('sms-inbound', 'Inbound SMS', 'Inbound SMS messages, to short codes and long codes'),
	messages(
		'sms-inbound-shortcode',
		'Inbound SMS to Short Codes',
		'Inbound SMS messages to short codes',
	),
	messages(
		'sms-inbound-longcode',
		'Inbound SMS to Long Codes',
		'Inbound SMS messages to long codes',
	),
	messages(
		'sms-outbound',
		'Outbound SMS',
		'Outbound SMS messages, from short codes and long codes',
	),
	messages(
		'sms-outbound-shortcode',
		'Outbound SMS From Short Codes',
		'Outbound SMS messages from short codes',
	),
	messages(
		'sms-outbound-longcode',
		'Outbound SMS From Long Codes',
		'Outbound SMS messages from long codes',
	),
	numbers('phonenumbers', 'Phone Numbers', 'All phone numbers owned by the account'),
	numbers(
		'phonenumbers-tollfree',
		'Toll-Free Phone Numbers',
		'Toll-free phone numbers owned by the account',
	),
	numbers('phonenumbers-local', 'Local Phone Numbers', 'Local phone numbers owned by the account'),
	shortcodes('shortcodes', 'Short Codes', 'All short codes owned by the account'),
	shortcodes('shortcodes-vanity', 'Vanity Short Codes', 'Vanity short codes'),
	shortcodes('shortcodes-random', 'Random Short Codes', 'Randomly assigned short codes'),
	shortcodes(
		'shortcodes-customerowned',
		'Customer-Owned Short Codes',
		'Short codes leased from another provider',
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
	// The price of everything, so never a line beside others.
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

/**
 * What Restcomm-Connect's server computes: an `SMS_*` category reads its SMS table, any other its
 * call records, and every record comes back labelled as calls; so calls and sms are the whole of
 * its usage, and the other documented categories only repeat them (docs/vendors.md).
 */
export const RESTCOMM_CONNECT_CATEGORIES: readonly string[] = ['calls', 'sms'];

/** Each category as an editor option: its label, its wire name as value and at its description's end. */
export const USAGE_CATEGORY_OPTIONS = USAGE_CATEGORY_LIST.map(({ name, label, description }) => ({
	name: label,
	value: name,
	description: `${description} (${name})`,
}));
