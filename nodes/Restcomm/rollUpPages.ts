/**
 * What the vendors' own pages say a roll-up holds, word for word: consulted only to choose
 * between subsets of a roll-up's name-children that both add up to it, price and usage alike,
 * never to decide from figures (docs/vendors.md). The source is the Usage Records page's list of
 * categories (seed 004, Restcomm's copy of Twilio's page; Twilio's own page says the same of sms).
 */
export const ROLL_UPS_BY_THEIR_PAGES: ReadonlyMap<string, { parts: string[]; page: string }> =
	new Map([
		[
			'calls',
			{ parts: ['calls-inbound', 'calls-outbound'], page: 'All voice calls, inbound & outbound.' },
		],
		[
			'calls-inbound',
			{
				parts: ['calls-inbound-local', 'calls-inbound-tollfree'],
				page: 'All inbound voice calls, to both toll-free and local numbers.',
			},
		],
		[
			'sms',
			{
				parts: ['sms-inbound', 'sms-outbound'],
				page: 'All SMS messages, both inbound and outbound.',
			},
		],
		[
			'sms-inbound',
			{
				parts: ['sms-inbound-shortcode', 'sms-inbound-longcode'],
				page: 'All inbound SMS messages, to both short-codes and long-codes.',
			},
		],
		[
			'sms-outbound',
			{
				parts: ['sms-outbound-shortcode', 'sms-outbound-longcode'],
				page: 'All outbound SMS messages, from both short-codes and long-codes.',
			},
		],
		[
			'phonenumbers',
			{
				parts: ['phonenumbers-tollfree', 'phonenumbers-local'],
				page: 'All phone numbers owned by the account, toll-free and local.',
			},
		],
	]);
