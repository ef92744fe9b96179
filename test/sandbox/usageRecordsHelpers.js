// What the usage records suites share: the dates and categories the data runs over, the
// aggregates as the vendors document them, a list read on any flavour (every Twilio page), and
// the daily usage summed by hand to check a record's amounts against.
const { basicHeader, readReply } = require('./sandboxHttp');

// Today is fixed just after a year boundary, so that LastMonth is December of the year before.
const TODAY = '2026-01-15';
const DATA_FROM = '2025-01-01';
const API_VERSIONS = {
	restcomm: '2012-04-24',
	restcommAllCategories: '2012-04-24',
	twilio: '2010-04-01',
};
const RECORD_KEYS = [
	'account_sid',
	'category',
	'count',
	'count_unit',
	'description',
	'end_date',
	'price',
	'price_unit',
	'start_date',
	'uri',
	'usage',
	'usage_unit',
];
const ALL_CATEGORIES = [
	'calls',
	'calls-inbound',
	'calls-inbound-local',
	'calls-inbound-tollfree',
	'calls-outbound',
	'calls-client',
	'calls-sip',
	'sms',
	'sms-inbound',
	'sms-inbound-shortcode',
	'sms-inbound-longcode',
	'sms-outbound',
	'sms-outbound-shortcode',
	'sms-outbound-longcode',
	'phonenumbers',
	'phonenumbers-tollfree',
	'phonenumbers-local',
	'shortcodes',
	'shortcodes-vanity',
	'shortcodes-random',
	'shortcodes-customerowned',
	'calleridlookups',
	'recordings',
	'transcriptions',
	'recordingstorage',
	'totalprice',
];
// Twilio's last published list (643 categories), as the sandbox's data file holds it.
const TWILIO_CATEGORIES =
	require('../../sandbox/platforms/usageRecords/twilioCategories.json').categories;
// The categories a listing without Category answers, per flavour, sorted as listed.
const LISTED = {
	restcommAllCategories: [...ALL_CATEGORIES].sort(),
	twilio: [...TWILIO_CATEGORIES].sort(),
};
// Aggregates and the categories they add up, as the vendors document them (docs/vendors.md):
// the Restcomm page's, and on Twilio the same with Twilio's further parts, and mms.
const RESTCOMM_PAGE_AGGREGATES = {
	calls: ['calls-inbound', 'calls-outbound', 'calls-client', 'calls-sip'],
	'calls-inbound': ['calls-inbound-local', 'calls-inbound-tollfree'],
	sms: ['sms-inbound', 'sms-outbound'],
	'sms-inbound': ['sms-inbound-shortcode', 'sms-inbound-longcode'],
	'sms-outbound': ['sms-outbound-shortcode', 'sms-outbound-longcode'],
	phonenumbers: ['phonenumbers-tollfree', 'phonenumbers-local'],
	shortcodes: ['shortcodes-vanity', 'shortcodes-random', 'shortcodes-customerowned'],
};
const AGGREGATES = {
	restcommAllCategories: RESTCOMM_PAGE_AGGREGATES,
	twilio: {
		...RESTCOMM_PAGE_AGGREGATES,
		'calls-inbound': ['calls-inbound-local', 'calls-inbound-tollfree', 'calls-inbound-mobile'],
		'sms-inbound': ['sms-inbound-shortcode', 'sms-inbound-longcode', 'sms-inbound-tollfree'],
		'sms-outbound': ['sms-outbound-shortcode', 'sms-outbound-longcode', 'sms-outbound-tollfree'],
		phonenumbers: ['phonenumbers-tollfree', 'phonenumbers-local', 'phonenumbers-mobile'],
		mms: ['mms-inbound', 'mms-outbound'],
		'mms-inbound': ['mms-inbound-longcode', 'mms-inbound-shortcode'],
		'mms-outbound': ['mms-outbound-longcode', 'mms-outbound-shortcode', 'mms-outbound-tollfree'],
	},
};
// The categories whose price totalprice adds up: every one that is no aggregate.
const leavesOf = (flavour) =>
	LISTED[flavour].filter(
		(category) => !(category in AGGREGATES[flavour]) && category !== 'totalprice',
	);
const TWILIO_UNAUTHORIZED = {
	code: 20003,
	message: 'Authenticate',
	more_info: 'https://www.twilio.com/docs/errors/20003',
	status: 401,
};

async function getJson(url, credential) {
	const headers = credential
		? { authorization: basicHeader(credential.apiKey || credential.accountSid, credential.token) }
		: {};
	const response = await fetch(url, { headers });
	return await readReply(response);
}

/**
 * GET a Usage Records list. `subresource` null = the root `Records.json`; `query` an object or
 * entries; `credential` defaults to the flavour's main account; the path names its accountSid
 * (an API key's account) or else its apiKey.
 */
function getRecords(sandbox, flavour, subresource, query = {}, options = {}) {
	const credential = options.credential || sandbox.credentials[flavour];
	const accountSid = options.accountSid || credential.accountSid || credential.apiKey;
	const list = subresource === null ? 'Records.json' : `Records/${subresource}.json`;
	const search = new URLSearchParams(query).toString();
	const path = `/${API_VERSIONS[flavour]}/Accounts/${accountSid}/Usage/${list}`;
	return getJson(
		`${sandbox.credentials[flavour].baseUrl}${path}${search ? `?${search}` : ''}`,
		options.noAuth ? null : credential,
	);
}

/** Follows Twilio's next_page_uri (relative to the API root) to the end; returns the pages. */
async function allTwilioPages(sandbox, subresource, query, options) {
	const pages = [];
	let response = await getRecords(sandbox, 'twilio', subresource, query, options);
	for (;;) {
		expect(response.status).toBe(200);
		pages.push(response.json);
		const next = response.json.next_page_uri;
		if (next === null) return pages;
		expect(next.startsWith('/2010-04-01/')).toBe(true);
		expect(pages.length).toBeLessThan(1000);
		response = await getJson(
			`${sandbox.credentials.twilio.baseUrl}${next}`,
			(options && options.credential) || sandbox.credentials.twilio,
		);
	}
}

/** Every record of a list on any flavour (Twilio: every page, 1000 a page). */
async function listAll(sandbox, flavour, subresource, query = {}, options = {}) {
	if (flavour !== 'twilio') {
		const { status, json } = await getRecords(sandbox, flavour, subresource, query, options);
		expect(status).toBe(200);
		expect(Array.isArray(json)).toBe(true);
		return json;
	}
	const pages = await allTwilioPages(sandbox, subresource, { ...query, PageSize: 1000 }, options);
	return pages.flatMap((page) => page.usage_records);
}

function wireCategory(flavour, category) {
	return flavour === 'twilio' ? category : category.toUpperCase().replace(/-/g, '_');
}

/** Daily rows grouped by account and category, for sums over any range. */
function indexDailyUsage(dailyUsage) {
	const index = new Map();
	for (const row of dailyUsage) {
		const key = `${row.accountSid}|${row.category}`;
		if (!index.has(key)) index.set(key, []);
		index.get(key).push(row);
	}
	return index;
}

/**
 * Sums in whole units (tenths, hundred-thousandths of a dollar) of the accounts' daily usage,
 * computed here by hand.
 */
function expectedAmounts(index, accountSids, category, startDate, endDate) {
	const totals = { usageTenths: 0, count: 0, priceUnits: 0 };
	for (const accountSid of accountSids) {
		for (const row of index.get(`${accountSid}|${category}`) || []) {
			if (row.date < startDate || row.date > endDate) continue;
			totals.usageTenths += Math.round(row.usage * 10);
			totals.count += row.count === null ? 0 : row.count;
			totals.priceUnits += Math.round(row.price * 1e5);
		}
	}
	return totals;
}

function recordAmounts(record) {
	return {
		usageTenths: Math.round(Number(record.usage) * 10),
		count: record.count === '' ? 0 : Number(record.count),
		priceUnits: Math.round(Number(record.price) * 1e5),
	};
}

/** The record's amounts are those of the accounts' daily usage; by default its own account's. */
function expectAmountsMatch(index, record, accountSids = [record.account_sid]) {
	const { category, start_date: start, end_date: end } = record;
	const expected = expectedAmounts(index, accountSids, category, start, end);
	if (category === 'totalprice') {
		expect(record.usage).toBe(record.price);
		expect(record.count).toBe('');
		expect(recordAmounts(record).priceUnits).toBe(expected.priceUnits);
		return;
	}
	expect(recordAmounts(record)).toEqual(expected);
}

function isoDay(text) {
	return Date.parse(`${text}T00:00:00Z`) / 86400000;
}

function dayText(day) {
	return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** [start, end] of every day, month or year from `from` to `to`, cut to that range. */
function splitRange(from, to, unit) {
	const periods = [];
	for (let day = isoDay(from); day <= isoDay(to); ) {
		const date = new Date(day * 86400000);
		const year = date.getUTCFullYear();
		const month = date.getUTCMonth();
		let next = day + 1;
		if (unit === 'month') next = Date.UTC(year, month + 1, 1) / 86400000;
		if (unit === 'year') next = Date.UTC(year + 1, 0, 1) / 86400000;
		periods.push([dayText(day), dayText(Math.min(next - 1, isoDay(to)))]);
		day = next;
	}
	return periods;
}

module.exports = {
	TODAY,
	DATA_FROM,
	API_VERSIONS,
	RECORD_KEYS,
	ALL_CATEGORIES,
	TWILIO_CATEGORIES,
	LISTED,
	RESTCOMM_PAGE_AGGREGATES,
	AGGREGATES,
	leavesOf,
	TWILIO_UNAUTHORIZED,
	getJson,
	getRecords,
	allTwilioPages,
	listAll,
	wireCategory,
	indexDailyUsage,
	expectedAmounts,
	recordAmounts,
	expectAmountsMatch,
	splitRange,
};
