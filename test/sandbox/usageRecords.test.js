'use strict';

const { basicHeader, readReply, raiseUsageOverHttp, expectRaiseRefused } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

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
const TWILIO_EXTRA_KEYS = ['api_version', 'as_of', 'subresource_uris'];
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
const UNITS = {
	calls: ['minutes', 'calls'],
	sms: ['messages', 'messages'],
	phonenumbers: ['numbers', 'numbers'],
	recordings: ['minutes', 'recordings'],
	recordingstorage: ['minutes', 'recordings'],
	transcriptions: ['minutes', 'transcriptions'],
	calleridlookups: ['lookups', 'lookups'],
	totalprice: ['usd', ''],
};
// What Restcomm-Connect's own records say, whatever category was asked (its DAO's labels).
const RESTCOMM_CONNECT_LABELS = {
	category: 'calls',
	description: 'Total Calls',
	usage_unit: 'minutes',
	count_unit: 'calls',
	price_unit: 'USD',
};
const RESTCOMM_ENUM = 'org.restcomm.connect.dao.entities.Usage.Category';
const TWILIO_UNAUTHORIZED = {
	code: 20003,
	message: 'Authenticate',
	more_info: 'https://www.twilio.com/docs/errors/20003',
	status: 401,
};

async function getJson(url, credential) {
	const headers = credential
		? { authorization: basicHeader(credential.apiKey, credential.token) }
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

/** What Restcomm-Connect's queries make of it: calls in whole minutes, rounded up (CEIL). */
function asRestcommConnect(amounts, computed) {
	return computed === 'calls'
		? { ...amounts, usageTenths: Math.ceil(amounts.usageTenths / 10) * 10 }
		: amounts;
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

// Restcomm as its Usage Records page documents it (restcommAllCategories), and Twilio; the
// restcomm flavour, Restcomm-Connect's own server, has a describe of its own below.
describe.each(['restcommAllCategories', 'twilio'])('sandbox: %s usage records', (flavour) => {
	let sandbox;
	let index;
	// Twilio adds a main account's subaccounts' usage to its own unless told not to.
	const ownUsageOnly = flavour === 'twilio' ? { IncludeSubaccounts: 'false' } : {};

	beforeAll(async () => {
		sandbox = await startSandbox({ [flavour]: { today: TODAY } });
		index = indexDailyUsage(sandbox[flavour].dailyUsage());
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	const expectedPeriods = {
		root: [[DATA_FROM, TODAY]],
		AllTime: [[DATA_FROM, TODAY]],
		Daily: splitRange(DATA_FROM, TODAY, 'day'),
		Monthly: splitRange(DATA_FROM, TODAY, 'month'),
		Yearly: [
			['2025-01-01', '2025-12-31'],
			['2026-01-01', TODAY],
		],
		Today: [[TODAY, TODAY]],
		Yesterday: [['2026-01-14', '2026-01-14']],
		ThisMonth: [['2026-01-01', '2026-01-31']],
		LastMonth: [['2025-12-01', '2025-12-31']],
	};

	test.each(Object.keys(expectedPeriods))(
		'answers %s with one record per period, amounts summing the daily usage',
		async (name) => {
			const subresource = name === 'root' ? null : name;
			const category = 'calls';
			const records = await listAll(sandbox, flavour, subresource, {
				Category: wireCategory(flavour, category),
				...ownUsageOnly,
			});
			expect(records.map((record) => [record.start_date, record.end_date])).toEqual(
				expectedPeriods[name],
			);
			const sid = sandbox.credentials[flavour].apiKey;
			for (const record of records) {
				const keys = flavour === 'twilio' ? [...RECORD_KEYS, ...TWILIO_EXTRA_KEYS] : RECORD_KEYS;
				expect(Object.keys(record).sort()).toEqual(keys.sort());
				expect(record).toMatchObject({
					category,
					account_sid: sid,
					usage_unit: 'minutes',
					count_unit: 'calls',
					price_unit: 'usd',
				});
				for (const amount of ['usage', 'count', 'price']) {
					expect(typeof record[amount]).toBe('string');
				}
				expect(record.usage).toMatch(/^\d+(\.\d)?$/);
				expect(record.count).toMatch(/^\d+$/);
				expect(record.price).toMatch(/^\d+\.\d{2,5}$/);
				expect(record.uri.startsWith(`/${API_VERSIONS[flavour]}/Accounts/${sid}/Usage/`)).toBe(
					true,
				);
				expectAmountsMatch(index, record);
			}
			if (flavour === 'twilio') {
				expect(records[0].api_version).toBe('2010-04-01');
				expect(records[0].as_of).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
				expect(records[0].subresource_uris.last_month).toBe(
					`/2010-04-01/Accounts/${sid}/Usage/Records/LastMonth.json?Category=calls`,
				);
			}
		},
	);

	test('gives each record a uri that answers that record alone', async () => {
		const records = await listAll(sandbox, flavour, 'Monthly', {
			Category: wireCategory(flavour, 'sms-inbound'),
		});
		const base = sandbox.credentials[flavour].baseUrl;
		for (const record of [records[0], records[5], records[records.length - 1]]) {
			const { status, json } = await getJson(`${base}${record.uri}`, sandbox.credentials[flavour]);
			expect(status).toBe(200);
			const again = flavour === 'twilio' ? json.usage_records : json;
			const { as_of: asOf, ...rest } = record;
			expect(again).toHaveLength(1);
			expect(again[0]).toMatchObject(rest);
		}
	});

	test('answers every category when none is given, by start_date then category', async () => {
		const records = await listAll(sandbox, flavour, 'Monthly', ownUsageOnly);
		const months = expectedPeriods.Monthly;
		expect(records).toHaveLength(months.length * LISTED[flavour].length);
		const expectedOrder = months.flatMap(([start, end]) =>
			LISTED[flavour].map((category) => `${start}|${end}|${category}`),
		);
		expect(records.map((r) => `${r.start_date}|${r.end_date}|${r.category}`)).toEqual(
			expectedOrder,
		);
		records.forEach((record) => expectAmountsMatch(index, record));
	});

	test('makes aggregates the sums of their leaves, and totalprice the sum of every price', async () => {
		const records = await listAll(sandbox, flavour, 'AllTime');
		const byCategory = Object.fromEntries(records.map((record) => [record.category, record]));
		expect(Object.keys(byCategory).sort()).toEqual(LISTED[flavour]);
		for (const [aggregate, parts] of Object.entries(AGGREGATES[flavour])) {
			const sum = { usageTenths: 0, count: 0, priceUnits: 0 };
			for (const part of parts) {
				const amounts = recordAmounts(byCategory[part]);
				for (const key of Object.keys(sum)) sum[key] += amounts[key];
			}
			expect([aggregate, recordAmounts(byCategory[aggregate])]).toEqual([aggregate, sum]);
		}
		const leafPrices = leavesOf(flavour).reduce(
			(total, leaf) => total + recordAmounts(byCategory[leaf]).priceUnits,
			0,
		);
		expect(recordAmounts(byCategory.totalprice).priceUnits).toBe(leafPrices);
		expect(byCategory.totalprice).toMatchObject({
			usage: byCategory.totalprice.price,
			count: '',
			usage_unit: 'usd',
			price_unit: 'usd',
		});
		expect(leafPrices).toBeGreaterThan(0);
		expect(Number(byCategory.recordings.usage)).toBeGreaterThan(0);
		expect(byCategory.recordings.price).toBe('0.00');
		for (const [category, [usageUnit, countUnit]] of Object.entries(UNITS)) {
			expect([category, byCategory[category].usage_unit, byCategory[category].count_unit]).toEqual([
				category,
				usageUnit,
				countUnit,
			]);
		}
		const prices = records.map((record) => record.price);
		expect(prices.every((price) => /^\d+\.\d{2,5}$/.test(price))).toBe(true);
		expect(prices.some((price) => /\.\d{3,5}$/.test(price))).toBe(true);
	});

	test('keeps aggregates consistent on every single day', () => {
		const daily = sandbox[flavour].dailyUsage();
		const byKey = new Map(
			daily.map((row) => [`${row.accountSid}|${row.date}|${row.category}`, row]),
		);
		const mismatches = [];
		for (const row of daily) {
			const key = (category) => `${row.accountSid}|${row.date}|${category}`;
			const parts =
				row.category === 'totalprice'
					? leavesOf(flavour)
					: AGGREGATES[flavour][row.category] || null;
			if (!parts) continue;
			const units = (value, scale) => Math.round(value * scale);
			const sum = (field, scale) =>
				parts.reduce((total, part) => total + units(byKey.get(key(part))[field], scale), 0);
			const priceMatches = units(row.price, 1e5) === sum('price', 1e5);
			const countMatches = row.category === 'totalprice' || row.count === sum('count', 1);
			const usageMatches =
				row.category === 'totalprice'
					? row.usage === row.price
					: units(row.usage, 10) === sum('usage', 10);
			if (!(priceMatches && countMatches && usageMatches)) mismatches.push(row);
		}
		expect(mismatches).toEqual([]);
		expect(new Set(daily.map((row) => row.category)).size).toBe(LISTED[flavour].length);
		expect(daily.filter((row) => row.category === 'calls').every((row) => row.count >= 0)).toBe(
			true,
		);
	});

	test('narrows the fixed periods with StartDate and EndDate', async () => {
		const records = await listAll(sandbox, flavour, 'LastMonth', {
			Category: wireCategory(flavour, 'sms'),
			StartDate: '2025-12-10',
			EndDate: '2026-01-10',
			...ownUsageOnly,
		});
		expect(records.map((r) => [r.start_date, r.end_date])).toEqual([['2025-12-10', '2025-12-31']]);
		expectAmountsMatch(index, records[0]);
		const daily = await listAll(sandbox, flavour, 'Daily', {
			Category: wireCategory(flavour, 'sms'),
			StartDate: '2025-03-30',
			EndDate: '2025-04-02',
		});
		expect(daily.map((r) => r.start_date)).toEqual([
			'2025-03-30',
			'2025-03-31',
			'2025-04-01',
			'2025-04-02',
		]);
	});

	test('reads the subaccount with the main credentials and refuses the reverse with 403', async () => {
		const [mainSid, subSid] = sandbox[flavour].accounts;
		expect(mainSid).toBe(sandbox.credentials[flavour].apiKey);
		expect(sandbox[flavour].settings).toMatchObject({ accountSid: mainSid, subaccountSid: subSid });
		const subCredential = sandbox.credentials[`${flavour}Subaccount`];
		expect(subCredential.apiKey).toBe(subSid);
		const query = { Category: wireCategory(flavour, 'calls') };
		const viaMain = await listAll(sandbox, flavour, 'AllTime', query, {
			accountSid: subSid,
		});
		expect(viaMain).toHaveLength(1);
		expect(viaMain[0].account_sid).toBe(subSid);
		expectAmountsMatch(index, viaMain[0]);
		const mainRecord = (await listAll(sandbox, flavour, 'AllTime', query))[0];
		expect(viaMain[0].usage).not.toBe(mainRecord.usage);
		const viaSub = await listAll(sandbox, flavour, 'AllTime', query, {
			credential: subCredential,
		});
		expect(viaSub).toEqual(
			flavour === 'twilio'
				? viaMain.map((record) => ({ ...record, as_of: expect.any(String) }))
				: viaMain,
		);
		for (const accountSid of [mainSid, 'AC0000000000000000000000000000dead']) {
			const refused = await getRecords(sandbox, flavour, 'AllTime', query, {
				credential: subCredential,
				accountSid,
			});
			expect(refused.status).toBe(403);
		}
	});

	test('refuses missing and wrong credentials with 401 in the vendor shape', async () => {
		const expected = flavour === 'twilio' ? TWILIO_UNAUTHORIZED : { message: 'Unauthorized' };
		const { apiKey, token } = sandbox.credentials[flavour];
		const attempts = [
			{ noAuth: true },
			{ credential: { apiKey, token: 'wrong-token' } },
			{ credential: { apiKey: 'AC0000000000000000000000000000dead', token } },
		];
		for (const options of attempts) {
			const { status, json, headers } = await getRecords(sandbox, flavour, 'Today', {}, options);
			expect(status).toBe(401);
			expect(json).toEqual(expected);
			expect(headers.get('www-authenticate')).toMatch(/^Basic realm=/);
		}
	});

	test('keeps no credentials in the request log', async () => {
		const { apiKey, token } = sandbox.credentials[flavour];
		await getRecords(sandbox, flavour, 'Today', {});
		await getRecords(sandbox, flavour, 'Today', {}, { credential: { apiKey, token: 'wrong-one' } });
		const [good, wrong] = sandbox.requests;
		expect(good).toMatchObject({ auth: 'basic', authenticated: true, status: 200 });
		expect(wrong).toMatchObject({ auth: 'basic', authenticated: false, status: 401 });
		const served = await (await fetch(`${sandbox.url}/__sandbox/requests`)).text();
		for (const logText of [JSON.stringify(sandbox.requests), served]) {
			expect(logText).not.toContain(token);
			expect(logText).not.toContain('wrong-one');
			expect(logText).not.toContain(basicHeader(apiKey, token).slice(6));
			expect(logText).not.toContain(basicHeader(apiKey, 'wrong-one').slice(6));
		}
	});

	test('answers 404 to an unknown subresource and 405 to other methods', async () => {
		const unknown = await getRecords(sandbox, flavour, 'Weekly');
		expect(unknown.status).toBe(404);
		const noSuffix = await getJson(
			`${sandbox.credentials[flavour].baseUrl}/${API_VERSIONS[flavour]}/Accounts/` +
				`${sandbox.credentials[flavour].apiKey}/Usage/Records/Daily`,
			sandbox.credentials[flavour],
		);
		expect(noSuffix.status).toBe(404);
		const posted = await fetch(
			`${sandbox.credentials[flavour].baseUrl}/${API_VERSIONS[flavour]}/Accounts/` +
				`${sandbox.credentials[flavour].apiKey}/Usage/Records.json`,
			{ method: 'POST' },
		);
		expect(posted.status).toBe(405);
	});

	test('applies faults for its own platform only, in its error shape', async () => {
		const other = flavour === 'twilio' ? 'restcomm' : 'twilio';
		sandbox.injectFault({ platform: other, status: 500, times: 0 });
		sandbox.injectFault({ platform: flavour, status: 429, headers: { 'Retry-After': '3' } });
		const limited = await getRecords(sandbox, flavour, 'Today');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.json).toEqual(
			flavour === 'twilio'
				? {
						code: 20429,
						message: 'Too Many Requests',
						more_info: 'https://www.twilio.com/docs/errors/20429',
						status: 429,
					}
				: { message: 'Too Many Requests' },
		);
		expect((await getRecords(sandbox, flavour, 'Today')).status).toBe(200);
		expect(sandbox.requests.map((entry) => entry.fault)).toEqual(['status 429', null]);
	});
});

describe('sandbox: usage record categories on the wire', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({
			restcomm: { today: TODAY },
			restcommAllCategories: { today: TODAY },
			twilio: { today: TODAY },
		});
	});
	afterAll(() => sandbox.close());

	test('takes Restcomm enum names on restcommAllCategories, answering 500 to the document names (issue #2302)', async () => {
		const flavour = 'restcommAllCategories';
		const hyphenated = await getRecords(sandbox, flavour, 'Today', { Category: 'sms-inbound' });
		expect(hyphenated.status).toBe(500);
		expect(hyphenated.json.message).toMatch(/No enum constant .*sms-inbound/);
		const enumName = await getRecords(sandbox, flavour, 'Today', { Category: 'SMS_INBOUND' });
		expect(enumName.status).toBe(200);
		expect(enumName.json.map((record) => record.category)).toEqual(['sms-inbound']);
		expect(enumName.json[0].uri).toContain('Category=SMS_INBOUND');
		const unknown = await getRecords(sandbox, flavour, 'Today', { Category: 'FAXES' });
		expect(unknown.status).toBe(400);
		expect(typeof unknown.json.message).toBe('string');
	});

	test.each(['sms', 'sms-inbound', 'calls', 'SMS-INBOUND', 'FAXES'])(
		'has restcomm (Restcomm-Connect) answer Category=%s with 500, naming the enum constant',
		async (value) => {
			const { status, json } = await getRecords(sandbox, 'restcomm', 'Today', { Category: value });
			expect(status).toBe(500);
			expect(json).toEqual({ message: `No enum constant ${RESTCOMM_ENUM}.${value}` });
		},
	);

	test('takes the document names on Twilio, refusing others with 400', async () => {
		const named = await getRecords(sandbox, 'twilio', 'Today', { Category: 'sms-inbound' });
		expect(named.status).toBe(200);
		expect(named.json.usage_records.map((record) => record.category)).toEqual(['sms-inbound']);
		const enumName = await getRecords(sandbox, 'twilio', 'Today', { Category: 'SMS_INBOUND' });
		expect(enumName.status).toBe(400);
		expect(enumName.json).toMatchObject({ code: 20001, status: 400 });
	});

	// The leaves a category adds up on a flavour (every leaf for totalprice).
	const leavesUnder = (flavour, category) =>
		category === 'totalprice'
			? leavesOf(flavour)
			: (AGGREGATES[flavour][category] || [category]).flatMap((part) =>
					part === category ? [part] : leavesUnder(flavour, part),
				);

	test.each(ALL_CATEGORIES)('serves %s on restcommAllCategories and twilio', async (category) => {
		const restcomm = await listAll(sandbox, 'restcommAllCategories', 'LastMonth', {
			Category: wireCategory('restcommAllCategories', category),
		});
		const twilio = await listAll(sandbox, 'twilio', 'LastMonth', {
			Category: category,
			IncludeSubaccounts: 'false',
		});
		expect(restcomm.map((record) => record.category)).toEqual([category]);
		expect(twilio.map((record) => record.category)).toEqual([category]);
		expect(twilio[0].usage_unit).toBe(restcomm[0].usage_unit);
		expect(twilio[0].count_unit).toBe(restcomm[0].count_unit);
		// Same seed, same data: only the account differs, and Twilio's further parts.
		const wider =
			leavesUnder('twilio', category).join() !==
			leavesUnder('restcommAllCategories', category).join();
		// totalprice has no count on either.
		expect(twilio[0].count === '').toBe(restcomm[0].count === '');
		const amounts = category === 'totalprice' ? ['usage', 'price'] : ['usage', 'count', 'price'];
		for (const amount of amounts) {
			if (wider) expect(Number(twilio[0][amount])).toBeGreaterThan(Number(restcomm[0][amount]));
			else expect(twilio[0][amount]).toBe(restcomm[0][amount]);
		}
	});

	test.each(['wireless-usage-data', 'sms-outbound-tollfree-2031'])(
		'answers a well-formed category without usage on Twilio (%s) with a record of nothing, labelled by its name',
		async (category) => {
			const sid = sandbox.credentials.twilio.apiKey;
			for (const query of [{}, { IncludeSubaccounts: 'false' }]) {
				const { status, json } = await getRecords(sandbox, 'twilio', 'LastMonth', {
					Category: category,
					...query,
				});
				expect(status).toBe(200);
				expect(json.usage_records).toHaveLength(1);
				expect(json.usage_records[0]).toMatchObject({
					category,
					description: category,
					account_sid: sid,
					start_date: '2025-12-01',
					end_date: '2025-12-31',
					usage: '0',
					usage_unit: '',
					count: '0',
					count_unit: '',
					price: '0.00',
					price_unit: 'usd',
				});
			}
			const daily = await listAll(sandbox, 'twilio', 'Daily', {
				Category: category,
				StartDate: '2025-12-30',
				EndDate: '2026-01-02',
			});
			expect(daily.map((r) => [r.start_date, r.category])).toEqual(
				['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'].map((day) => [day, category]),
			);
			expect(daily.map(recordAmounts)).toEqual(
				daily.map(() => ({ usageTenths: 0, count: 0, priceUnits: 0 })),
			);
		},
	);

	test('treats parameter names case-sensitively: `category` is not Category', async () => {
		const { json } = await getRecords(sandbox, 'twilio', 'Today', {
			category: 'sms',
			PageSize: 1000,
		});
		expect(json.usage_records).toHaveLength(TWILIO_CATEGORIES.length);
	});
});

describe('sandbox: usage record dates', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({
			restcomm: { today: TODAY },
			restcommAllCategories: { today: TODAY },
			twilio: { today: TODAY },
		});
	});
	afterAll(() => sandbox.close());

	test('has Restcomm ignore -30days, as its build does, while Twilio resolves it', async () => {
		const query = { Category: 'TOTALPRICE', StartDate: '-30days', EndDate: '+30days' };
		// Without dates Restcomm-Connect's AllTime runs from 1970; the documented build's from the data.
		for (const [flavour, from] of [
			['restcomm', '1970-01-01'],
			['restcommAllCategories', DATA_FROM],
		]) {
			const restcomm = await listAll(sandbox, flavour, 'AllTime', query);
			expect(restcomm.map((r) => [r.start_date, r.end_date])).toEqual([[from, TODAY]]);
		}
		const twilio = await listAll(sandbox, 'twilio', 'AllTime', {
			...query,
			Category: 'totalprice',
		});
		expect(twilio.map((r) => [r.start_date, r.end_date])).toEqual([['2025-12-16', '2026-02-14']]);
		const twilioDaily = await listAll(sandbox, 'twilio', 'Daily', {
			Category: 'calls',
			StartDate: '-3days',
		});
		expect(twilioDaily.map((r) => r.start_date)).toEqual([
			'2026-01-12',
			'2026-01-13',
			'2026-01-14',
			'2026-01-15',
		]);
	});

	test('has Restcomm ignore malformed dates and Twilio refuse them with 400', async () => {
		const malformed = { Category: 'CALLS', StartDate: '2025-02-30', EndDate: 'yesterday' };
		const restcomm = await listAll(sandbox, 'restcommAllCategories', null, malformed);
		expect(restcomm.map((r) => [r.start_date, r.end_date])).toEqual([[DATA_FROM, TODAY]]);
		// Restcomm-Connect has no root list; its AllTime ignores them alike.
		const connect = await listAll(sandbox, 'restcomm', 'AllTime', malformed);
		expect(connect.map((r) => [r.start_date, r.end_date])).toEqual([['1970-01-01', TODAY]]);
		const twilio = await getRecords(sandbox, 'twilio', null, { StartDate: '2025-02-30' });
		expect(twilio.status).toBe(400);
		expect(twilio.json).toMatchObject({ code: 20001, status: 400 });
	});

	test('dates LastMonth, ThisMonth and Yesterday across month and year boundaries', async () => {
		const march = await startSandbox({ restcomm: { today: '2024-03-01', from: '2023-06-01' } });
		try {
			expect(march.restcomm.today).toBe('2024-03-01');
			const period = async (subresource) =>
				(await listAll(march, 'restcomm', subresource, { Category: 'CALLS' })).map((r) => [
					r.start_date,
					r.end_date,
				])[0];
			expect(await period('Yesterday')).toEqual(['2024-02-29', '2024-02-29']);
			expect(await period('LastMonth')).toEqual(['2024-02-01', '2024-02-29']);
			// From the 1st at 12:00 to now: nothing yet, so no record.
			expect(await period('ThisMonth')).toBeUndefined();
		} finally {
			await march.close();
		}
		for (const flavour of ['restcomm', 'restcommAllCategories', 'twilio']) {
			const category = wireCategory(flavour, 'calls');
			const lastMonth = await listAll(sandbox, flavour, 'LastMonth', { Category: category });
			expect(lastMonth.map((r) => [r.start_date, r.end_date])).toEqual([
				['2025-12-01', '2025-12-31'],
			]);
			const thisMonth = await listAll(sandbox, flavour, 'ThisMonth', { Category: category });
			expect(thisMonth.map((r) => [r.start_date, r.end_date])).toEqual([
				['2026-01-01', '2026-01-31'],
			]);
		}
	});

	test('takes Restcomm subresource names in any case, Twilio only as documented', async () => {
		expect((await getRecords(sandbox, 'restcomm', 'lastmonth')).status).toBe(200);
		expect((await getRecords(sandbox, 'restcommAllCategories', 'lastmonth')).status).toBe(200);
		expect((await getRecords(sandbox, 'twilio', 'lastmonth')).status).toBe(404);
	});

	test('defaults to the real UTC date and data from 2025-01-01 to it', async () => {
		const plain = await startSandbox();
		try {
			const today = new Date().toISOString().slice(0, 10);
			expect(plain.twilio.today).toBe(today);
			expect(plain.restcomm.settings).toMatchObject({ seed: 13, from: DATA_FROM, to: today });
			const records = await listAll(plain, 'twilio', 'Today', { Category: 'calls' });
			expect(records.map((r) => r.start_date)).toEqual([today]);
		} finally {
			await plain.close();
		}
	});
});

describe('sandbox: restcomm usage records as Restcomm-Connect computes them (master, c67f1423)', () => {
	let sandbox;
	let index;
	let sid;

	beforeAll(async () => {
		sandbox = await startSandbox({ restcomm: { today: TODAY } });
		index = indexDailyUsage(sandbox.restcomm.dailyUsage());
		sid = sandbox.credentials.restcomm.apiKey;
	});
	afterAll(() => sandbox.close());

	// The category asked for, and the data set Restcomm-Connect computes it from.
	test.each([
		['SMS', 'sms'],
		['SMS_INBOUND', 'sms'],
		['SMS_OUTBOUND_LONGCODE', 'sms'],
		['CALLS', 'calls'],
		['CALLS_INBOUND', 'calls'],
		['PHONENUMBERS', 'calls'],
		['TOTALPRICE', 'calls'],
	])('labels Category=%s as calls, with amounts of the %s data', async (category, computed) => {
		const records = await listAll(sandbox, 'restcomm', 'Monthly', {
			Category: category,
			StartDate: '2025-10-01',
			EndDate: '2025-12-31',
		});
		expect(records.map((r) => [r.start_date, r.end_date])).toEqual(
			splitRange('2025-10-01', '2025-12-31', 'month'),
		);
		for (const record of records) {
			expect(Object.keys(record).sort()).toEqual([...RECORD_KEYS].sort());
			expect(record).toMatchObject({ ...RESTCOMM_CONNECT_LABELS, account_sid: sid });
			expect(record.uri).toContain(`Category=${category}&`);
			expect(recordAmounts(record)).toEqual(
				asRestcommConnect(
					expectedAmounts(index, [sid], computed, record.start_date, record.end_date),
					computed,
				),
			);
		}
		// The two data sets differ, so that the amounts tell which one was read.
		const other = computed === 'sms' ? 'calls' : 'sms';
		const [first] = records;
		expect(recordAmounts(first)).not.toEqual(
			asRestcommConnect(
				expectedAmounts(index, [sid], other, first.start_date, first.end_date),
				other,
			),
		);
	});

	test('answers calls only, one record per period, when no Category is given, a month labelled whole', async () => {
		const monthly = await listAll(sandbox, 'restcomm', 'Monthly');
		const months = splitRange(DATA_FROM, TODAY, 'month');
		// The month of today is labelled to its end, though it holds usage only until now.
		expect(monthly.map((r) => [r.start_date, r.end_date])).toEqual([
			...months.slice(0, -1),
			['2026-01-01', '2026-01-31'],
		]);
		const callsOf = (start, end) =>
			asRestcommConnect(expectedAmounts(index, [sid], 'calls', start, end), 'calls');
		for (const record of monthly) {
			expect(record).toMatchObject(RESTCOMM_CONNECT_LABELS);
			expect(record.uri).toContain('Category=CALLS&');
		}
		for (const record of monthly.slice(0, -1)) {
			expect(recordAmounts(record)).toEqual(callsOf(record.start_date, record.end_date));
		}
		// Today's usage until its clock's 12:00, and none after.
		const expectUntilNoon = (record, from) => {
			const amounts = recordAmounts(record);
			const [before, through] = [callsOf(from, '2026-01-14'), callsOf(from, TODAY)];
			expect(amounts.count).toBeGreaterThan(before.count);
			expect(amounts.count).toBeLessThan(through.count);
		};
		expectUntilNoon(monthly[monthly.length - 1], '2026-01-01');
		// Without StartDate from 1970, without EndDate until now.
		const allTime = await listAll(sandbox, 'restcomm', 'AllTime');
		expect(allTime).toHaveLength(1);
		expect(allTime[0]).toMatchObject({
			...RESTCOMM_CONNECT_LABELS,
			start_date: '1970-01-01',
			end_date: TODAY,
		});
		expectUntilNoon(allTime[0], DATA_FROM);
	});

	test("ends a Daily record on the day after its start, its amounts the start day's", async () => {
		const records = await listAll(sandbox, 'restcomm', 'Daily', {
			Category: 'SMS',
			StartDate: '2025-12-30',
			EndDate: '2026-01-02',
		});
		expect(records.map((r) => [r.start_date, r.end_date])).toEqual([
			['2025-12-30', '2025-12-31'],
			['2025-12-31', '2026-01-01'],
			['2026-01-01', '2026-01-02'],
			['2026-01-02', '2026-01-03'],
		]);
		for (const record of records) {
			expect(record).toMatchObject(RESTCOMM_CONNECT_LABELS);
			expect(record.uri).toContain(`StartDate=${record.start_date}&EndDate=${record.end_date}`);
			expect(recordAmounts(record)).toEqual(
				expectedAmounts(index, [sid], 'sms', record.start_date, record.start_date),
			);
		}
		const today = await listAll(sandbox, 'restcomm', 'Daily', { StartDate: TODAY });
		expect(today.map((r) => [r.start_date, r.end_date])).toEqual([[TODAY, '2026-01-16']]);
	});

	test('has no root list: Records.json answers 404', async () => {
		for (const query of [{}, { Category: 'CALLS' }]) {
			const { status, json } = await getRecords(sandbox, 'restcomm', null, query);
			expect(status).toBe(404);
			expect(json).toEqual({
				message: `The requested resource /2012-04-24/Accounts/${sid}/Usage/Records.json was not found`,
			});
		}
		expect((await getRecords(sandbox, 'restcomm', 'AllTime')).status).toBe(200);
	});
});

describe('sandbox: Twilio subaccounts and API keys', () => {
	let sandbox;
	let index;

	beforeAll(async () => {
		sandbox = await startSandbox({ twilio: { today: TODAY } });
		index = indexDailyUsage(sandbox.twilio.dailyUsage());
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearRequests());

	test("adds the subaccount's usage to the main account's unless IncludeSubaccounts=false", async () => {
		const [mainSid, subSid] = sandbox.twilio.accounts;
		const query = { StartDate: '2025-10-01', EndDate: '2025-12-31' };
		const combined = await listAll(sandbox, 'twilio', 'Monthly', query);
		const mainOnly = await listAll(sandbox, 'twilio', 'Monthly', {
			...query,
			IncludeSubaccounts: 'false',
		});
		const subViaMain = await listAll(sandbox, 'twilio', 'Monthly', query, { accountSid: subSid });
		const subOwn = await listAll(sandbox, 'twilio', 'Monthly', query, {
			credential: sandbox.credentials.twilioSubaccount,
		});
		for (const records of [combined, mainOnly, subViaMain, subOwn]) {
			expect(records).toHaveLength(3 * TWILIO_CATEGORIES.length);
		}
		for (const record of combined) {
			expect(record.account_sid).toBe(mainSid);
			expectAmountsMatch(index, record, [mainSid, subSid]);
		}
		for (const record of mainOnly) {
			expect(record.account_sid).toBe(mainSid);
			expectAmountsMatch(index, record);
		}
		for (const record of [...subViaMain, ...subOwn]) {
			expect(record.account_sid).toBe(subSid);
			expectAmountsMatch(index, record);
		}
		const calls = (records) => records.find((record) => record.category === 'calls');
		expect(Number(calls(combined).usage)).toBeGreaterThan(Number(calls(mainOnly).usage));
	});

	test('authenticates an API key of the main account, the account SID in the path', async () => {
		const key = sandbox.credentials.twilioApiKey;
		expect(key).toEqual({
			...sandbox.credentials.twilio,
			apiKey: 'SKtw0000000000000000000000000001',
			token: 'twilio-sandbox-api-key-secret',
			accountSid: sandbox.twilio.accounts[0],
		});
		const query = { Category: 'calls' };
		const viaKey = await getRecords(sandbox, 'twilio', 'LastMonth', query, { credential: key });
		expect(viaKey.status).toBe(200);
		const viaToken = await getRecords(sandbox, 'twilio', 'LastMonth', query);
		expect(viaKey.json.usage_records).toHaveLength(1);
		expect(viaKey.json.usage_records).toEqual(
			viaToken.json.usage_records.map((record) => ({ ...record, as_of: expect.any(String) })),
		);
		expect(viaKey.json.usage_records[0].account_sid).toBe(key.accountSid);
		expect(sandbox.requests[0]).toMatchObject({ auth: 'basic', authenticated: true, status: 200 });
		expect(JSON.stringify(sandbox.requests)).not.toContain(key.token);
	});

	test('refuses an API key with a wrong secret, or its secret with the account SID, with 401', async () => {
		const key = sandbox.credentials.twilioApiKey;
		for (const credential of [
			{ ...key, token: 'wrong-api-key-secret' },
			{ apiKey: key.accountSid, token: key.token },
		]) {
			const { status, json, headers } = await getRecords(
				sandbox,
				'twilio',
				'Today',
				{},
				{
					credential,
					accountSid: key.accountSid,
				},
			);
			expect(status).toBe(401);
			expect(json).toEqual(TWILIO_UNAUTHORIZED);
			expect(headers.get('www-authenticate')).toMatch(/^Basic realm=/);
		}
	});
});

describe('sandbox: Twilio paging', () => {
	let sandbox;
	const sid = 'ACtw0000000000000000000000000001';

	beforeAll(async () => {
		sandbox = await startSandbox({ twilio: { today: TODAY, from: '2025-10-01' } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test('yields every record exactly once when following next_page_uri to the last page', async () => {
		const days = splitRange('2025-10-01', TODAY, 'day');
		const pages = await allTwilioPages(sandbox, 'Daily', { PageSize: 97 });
		const total = days.length * TWILIO_CATEGORIES.length;
		expect(pages).toHaveLength(Math.ceil(total / 97));
		const records = pages.flatMap((page) => page.usage_records);
		expect(records).toHaveLength(total);
		const keys = records.map((r) => `${r.start_date}|${r.category}`);
		expect(new Set(keys).size).toBe(total);
		expect(keys).toEqual(
			days.flatMap(([day]) => LISTED.twilio.map((category) => `${day}|${category}`)),
		);
		pages.forEach((page, number) => {
			expect(page).toMatchObject({ page: number, page_size: 97, start: number * 97 });
			expect(page.end).toBe(number * 97 + page.usage_records.length - 1);
			expect(page.first_page_uri).toBe(
				`/2010-04-01/Accounts/${sid}/Usage/Records/Daily.json?PageSize=97&Page=0`,
			);
			if (number === 0) expect(page.previous_page_uri).toBeNull();
			else expect(page.previous_page_uri).toMatch(/^\/2010-04-01\/.*Page=\d+/);
		});
		expect(pages[pages.length - 1].next_page_uri).toBeNull();
		expect(pages[0].usage_records).toHaveLength(97);
	});

	test('keeps the query in next_page_uri and defaults to 50 a page', async () => {
		const query = { Category: 'sms', StartDate: '2025-10-01', EndDate: '2025-12-31' };
		const pages = await allTwilioPages(sandbox, 'Daily', query);
		expect(pages.map((page) => page.usage_records.length)).toEqual([50, 42]);
		const next = new URL(pages[0].next_page_uri, 'http://example.invalid');
		expect(next.pathname).toBe(`/2010-04-01/Accounts/${sid}/Usage/Records/Daily.json`);
		expect(Object.fromEntries(next.searchParams)).toMatchObject({
			...query,
			PageSize: '50',
			Page: '1',
		});
		expect(next.searchParams.get('PageToken')).toEqual(expect.any(String));
	});

	test('refuses a PageSize over 1000 and a PageToken from another list', async () => {
		const tooLarge = await getRecords(sandbox, 'twilio', 'Daily', { PageSize: 1001 });
		expect(tooLarge.status).toBe(400);
		const first = await getRecords(sandbox, 'twilio', 'Daily', { PageSize: 10 });
		const token = new URL(first.json.next_page_uri, 'http://x.invalid').searchParams.get(
			'PageToken',
		);
		const otherList = await getRecords(sandbox, 'twilio', 'Monthly', {
			PageSize: 10,
			Page: 1,
			PageToken: token,
		});
		expect(otherList.status).toBe(400);
		expect(otherList.json).toMatchObject({ code: 20001, status: 400 });
	});

	test('repeats next_page_uri on the page after a repeatToken fault', async () => {
		sandbox.injectFault({ platform: 'twilio', repeatToken: true });
		const first = await getRecords(sandbox, 'twilio', 'Daily', { PageSize: 100 });
		const second = await getJson(
			`${sandbox.credentials.twilio.baseUrl}${first.json.next_page_uri}`,
			sandbox.credentials.twilio,
		);
		expect(second.status).toBe(200);
		expect(second.json.next_page_uri).toBe(first.json.next_page_uri);
		expect(sandbox.requests[0].fault).toBe('repeatToken');
	});
});

describe('sandbox: usage record options', () => {
	test('generates the same data from the same seed and other data from another', async () => {
		const options = { today: TODAY, from: '2025-11-01' };
		const [first, second, other] = await Promise.all([
			startSandbox({ twilio: options }),
			startSandbox({ twilio: options }),
			startSandbox({ twilio: { ...options, seed: 14 } }),
		]);
		try {
			expect(second.twilio.dailyUsage()).toEqual(first.twilio.dailyUsage());
			expect(other.twilio.dailyUsage()).not.toEqual(first.twilio.dailyUsage());
		} finally {
			await Promise.all([first.close(), second.close(), other.close()]);
		}
	});

	test('gives the credential values that reach each flavour', async () => {
		const sandbox = await startSandbox();
		try {
			expect(sandbox.credentials.restcomm).toEqual({
				platform: 'restcomm',
				baseUrl: `${sandbox.url}/restcomm`,
				apiKey: 'ACrc0000000000000000000000000001',
				token: 'restcomm-sandbox-token',
			});
			expect(sandbox.credentials.restcommAllCategories).toEqual({
				platform: 'restcomm',
				baseUrl: `${sandbox.url}/restcomm-all-categories`,
				apiKey: 'ACra0000000000000000000000000001',
				token: 'restcomm-all-categories-token',
			});
			expect(sandbox.credentials.restcommAllCategoriesSubaccount).toEqual({
				platform: 'restcomm',
				baseUrl: `${sandbox.url}/restcomm-all-categories`,
				apiKey: 'ACra0000000000000000000000000002',
				token: 'restcomm-all-categories-subaccount-token',
			});
			expect(sandbox.credentials.twilio).toEqual({
				platform: 'twilio',
				baseUrl: `${sandbox.url}/twilio`,
				apiKey: 'ACtw0000000000000000000000000001',
				token: 'twilio-sandbox-token',
			});
			expect(sandbox.credentials.twilioApiKey).toEqual({
				platform: 'twilio',
				baseUrl: `${sandbox.url}/twilio`,
				apiKey: 'SKtw0000000000000000000000000001',
				token: 'twilio-sandbox-api-key-secret',
				accountSid: 'ACtw0000000000000000000000000001',
			});
			expect(sandbox.restcomm.accounts).toEqual([
				'ACrc0000000000000000000000000001',
				'ACrc0000000000000000000000000002',
			]);
			expect(sandbox.credentials.restcommApiKey).toBeUndefined();
			const names = sandbox.platforms.map((platform) => platform.name);
			expect(names).toEqual(
				expect.arrayContaining(['restcomm', 'restcommAllCategories', 'twilio']),
			);
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		['an unknown option', { colour: 'red' }],
		['a malformed today', { today: '15/01/2026' }],
		['from after to', { from: '2026-01-10', to: '2026-01-01' }],
		['a negative seed', { seed: -1 }],
		['a SID that is not one', { accountSid: 'not-a-sid' }],
		['the same SID twice', { subaccountSid: 'ACrc0000000000000000000000000001' }],
	])('refuses %s', async (_, restcommOptions) => {
		await expect(startSandbox({ restcomm: restcommOptions })).rejects.toThrow(TypeError);
	});
});

describe.each(['twilio', 'restcommAllCategories', 'restcomm'])(
	'sandbox: raising %s usage',
	(flavour) => {
		let sandbox;
		const ZERO = { usageTenths: 0, count: 0, priceUnits: 0 };
		// Restcomm-Connect computes every category from its calls or its SMS data (see above).
		const computedOf = (category) => {
			if (flavour !== 'restcomm') return category;
			return category.startsWith('sms') ? 'sms' : 'calls';
		};
		const aggregates = AGGREGATES[flavour] || RESTCOMM_PAGE_AGGREGATES;
		const categories = flavour === 'twilio' ? LISTED.twilio : ALL_CATEGORIES;
		const leaves = leavesOf(flavour === 'twilio' ? 'twilio' : 'restcommAllCategories');
		const addsUp = (category, leaf) =>
			category === leaf || (aggregates[category] || []).some((part) => addsUp(part, leaf));
		/** The categories whose records show what is added to `leaf`. */
		const gainersOf = (leaf) =>
			categories
				.filter(
					(category) =>
						addsUp(computedOf(category), leaf) ||
						(category === 'totalprice' && flavour !== 'restcomm'),
				)
				.sort();

		// Restcomm-Connect counts only usage before its clock's instant: at 23:59 all of today's is.
		const clockTime = flavour === 'restcomm' ? { timeOfDay: '23:59' } : {};
		beforeAll(async () => {
			sandbox = await startSandbox({ [flavour]: { today: TODAY, ...clockTime } });
		});
		afterAll(() => sandbox.close());

		/**
		 * Every category's amounts per period of a list, keyed `category|start_date`, and whether the
		 * period holds `day` (a Restcomm-Connect Daily record ends the next day: its start day counts;
		 * `holds` says it where the label does not tell).
		 */
		async function figures(subresource, query, day, holds) {
			const asks =
				flavour === 'restcomm'
					? ALL_CATEGORIES.map((category) => [
							category,
							{ Category: wireCategory(flavour, category) },
						])
					: [[null, {}]];
			const byKey = new Map();
			for (const [asked, category] of asks) {
				for (const record of await listAll(sandbox, flavour, subresource, {
					...query,
					...category,
				})) {
					const { start_date: start, end_date: end } = record;
					const amounts = recordAmounts(record);
					// Twilio's totalprice has a price only: its usage repeats the price.
					if (record.category === 'totalprice') {
						expect(record.usage).toBe(record.price);
						amounts.usageTenths = 0;
					}
					const labelHolds = subresource === 'Daily' ? start === day : start <= day && day <= end;
					byKey.set(`${asked || record.category}|${start}`, {
						category: asked || record.category,
						holdsDay: holds ? holds : labelHolds,
						amounts,
					});
				}
			}
			return byKey;
		}

		/** What a record of `category` gains from amounts added to `leaf`, in the period of the day. */
		function gainOf(category, leaf, added) {
			if (category === 'totalprice' && flavour !== 'restcomm') {
				return { ...ZERO, priceUnits: added.priceUnits };
			}
			return addsUp(computedOf(category), leaf) ? added : ZERO;
		}

		/**
		 * Expects each record to have gained its share of `added` in a period holding the day and
		 * nothing elsewhere; returns the keys of the records that gained.
		 */
		function expectGains(before, after, leaf, added) {
			expect([...after.keys()]).toEqual([...before.keys()]);
			const wrong = [];
			const gainers = [];
			for (const [key, { category, holdsDay, amounts }] of before) {
				const now = after.get(key).amounts;
				const gain = Object.fromEntries(
					Object.keys(ZERO).map((name) => [name, now[name] - amounts[name]]),
				);
				const expected = holdsDay ? gainOf(category, leaf, added) : ZERO;
				if (JSON.stringify(gain) !== JSON.stringify(expected)) wrong.push({ key, gain, expected });
				if (JSON.stringify(gain) !== JSON.stringify(ZERO)) gainers.push(key);
			}
			expect(wrong).toEqual([]);
			return gainers.sort();
		}

		/** Aggregates still add up their parts, and totalprice every leaf's price, in every period. */
		function expectConsistent(byKey) {
			if (flavour === 'restcomm') return;
			const starts = new Set([...byKey.keys()].map((key) => key.split('|')[1]));
			const amountsOf = (category, start) => byKey.get(`${category}|${start}`).amounts;
			for (const start of starts) {
				for (const [aggregate, parts] of Object.entries(aggregates)) {
					const sum = { ...ZERO };
					for (const part of parts) {
						for (const name of Object.keys(sum)) sum[name] += amountsOf(part, start)[name];
					}
					expect([aggregate, start, amountsOf(aggregate, start)]).toEqual([aggregate, start, sum]);
				}
				const prices = leaves.reduce((total, leaf) => total + amountsOf(leaf, start).priceUnits, 0);
				expect([start, amountsOf('totalprice', start).priceUnits]).toEqual([start, prices]);
			}
		}

		test('raises a leaf, its aggregates and totalprice on the GMT day of `at` only, by sandbox.raiseUsage', async () => {
			// 21:30 at -05:00 on the 20th is 02:30 GMT on the 21st.
			const day = '2025-11-21';
			const lists = [
				['Daily', { StartDate: '2025-11-20', EndDate: '2025-11-22' }, day],
				['Monthly', { StartDate: '2025-10-01', EndDate: '2025-12-31' }, '2025-11-01'],
				['Yearly', {}, DATA_FROM],
				// Restcomm-Connect's AllTime without StartDate runs from 1970.
				['AllTime', {}, flavour === 'restcomm' ? '1970-01-01' : DATA_FROM],
			];
			const read = () => Promise.all(lists.map(([name, query]) => figures(name, query, day)));
			const subaccountSid = sandbox[flavour].accounts[1];
			const subaccountUsage = async () =>
				(await listAll(sandbox, flavour, 'AllTime', {}, { accountSid: subaccountSid })).map(
					recordAmounts,
				);
			const before = await read();
			const subaccountBefore = await subaccountUsage();
			const raised = sandbox.raiseUsage({
				platform: flavour,
				category: 'sms-outbound-longcode',
				usage: 40,
				count: 40,
				price: 0.31604,
				at: '2025-11-20T21:30:00-05:00',
			});
			expect(raised).toEqual({
				platform: flavour,
				accountSid: sandbox.credentials[flavour].apiKey,
				category: 'sms-outbound-longcode',
				leaf: 'sms-outbound-longcode',
				date: day,
				usage: 40,
				count: 40,
				price: 0.31604,
			});
			const after = await read();
			const added = { usageTenths: 400, count: 40, priceUnits: 31604 };
			const gainers = gainersOf('sms-outbound-longcode');
			expect(gainers).toEqual(
				flavour === 'restcomm'
					? ALL_CATEGORIES.filter((category) => category.startsWith('sms')).sort()
					: ['sms', 'sms-outbound', 'sms-outbound-longcode', 'totalprice'],
			);
			lists.forEach(([, , periodStart], index) => {
				expect(expectGains(before[index], after[index], 'sms-outbound-longcode', added)).toEqual(
					gainers.map((category) => `${category}|${periodStart}`).sort(),
				);
				expectConsistent(after[index]);
			});
			expect(await subaccountUsage()).toEqual(subaccountBefore);
		});

		test('raises today by default over POST /__sandbox/usage, an aggregate through its first leaf', async () => {
			// Restcomm-Connect's Today is [now, now + 1 day), never with a record; its Yesterday the
			// last 24 hours, labelled yesterday: at 23:59, all of today.
			const lists =
				flavour === 'restcomm'
					? [
							['Today', {}, null],
							['Yesterday', {}, '2026-01-14', true],
							['ThisMonth', {}, '2026-01-01'],
							['LastMonth', {}, null],
							['Daily', { StartDate: '2026-01-13' }, TODAY],
						]
					: [
							['Today', {}, TODAY],
							['Yesterday', {}, null],
							['ThisMonth', {}, '2026-01-01'],
							['LastMonth', {}, null],
							['Daily', { StartDate: '2026-01-13' }, TODAY],
						];
			const read = () =>
				Promise.all(lists.map(([name, query, , holds]) => figures(name, query, TODAY, holds)));
			const before = await read();
			sandbox.clearRequests();
			// Restcomm-Connect rounds calls up to whole minutes: whole minutes raise it exactly.
			const usage = flavour === 'restcomm' ? 4 : 3.5;
			const spec = { platform: flavour, category: 'calls', usage, count: 2, price: 0.0425 };
			const { status, json } = await raiseUsageOverHttp(sandbox, spec);
			expect(status).toBe(200);
			expect(json).toEqual({
				ok: true,
				raised: {
					...spec,
					accountSid: sandbox.credentials[flavour].apiKey,
					leaf: 'calls-inbound-local',
					date: TODAY,
				},
			});
			// Control routes are not logged.
			expect(sandbox.requests).toEqual([]);
			const after = await read();
			const added = { usageTenths: usage * 10, count: 2, priceUnits: 4250 };
			const gainers = gainersOf('calls-inbound-local');
			expect(gainers).toEqual(
				flavour === 'restcomm'
					? ALL_CATEGORIES.filter((category) => !category.startsWith('sms')).sort()
					: ['calls', 'calls-inbound', 'calls-inbound-local', 'totalprice'],
			);
			lists.forEach(([, , periodStart], index) => {
				expect(expectGains(before[index], after[index], 'calls-inbound-local', added)).toEqual(
					periodStart === null
						? []
						: gainers.map((category) => `${category}|${periodStart}`).sort(),
				);
				expectConsistent(after[index]);
			});
		});

		const valid = { category: 'calls-outbound', count: 1, at: '2025-11-20T12:00:00Z' };
		test.each([
			['no category', { category: undefined }, /^category must be one of those with usage: /],
			['an unknown category', { category: 'faxes' }, /^category must be one of/],
			['a Restcomm enum name', { category: 'CALLS_OUTBOUND' }, /^category must be one of/],
			['no amount', { count: undefined }, /^give at least one of usage, count and price$/],
			[
				'a negative usage',
				{ usage: -1 },
				/^usage must be a number with at most one decimal, 0 or more$/,
			],
			['usage finer than a tenth', { usage: 1.25 }, /^usage must be/],
			['a count as text', { count: '3' }, /^count must be a whole number, 0 or more$/],
			['a fractional count', { count: 1.5 }, /^count must be a whole number/],
			[
				'a price finer than 5 decimals',
				{ price: 0.000001 },
				/^price must be a number with at most 5 decimals/,
			],
			[
				'a usage on totalprice',
				{ category: 'totalprice', count: undefined, usage: 1, price: 1 },
				/^totalprice has a price only/,
			],
			[
				'a date without a time',
				{ at: '2025-11-20' },
				/^at must be an ISO 8601 date-time with an offset/,
			],
			['a date-time without an offset', { at: '2025-11-20T12:00:00' }, /^at must be an ISO 8601/],
			['an impossible date', { at: '2025-02-30T12:00:00Z' }, /^at must be an ISO 8601/],
			['a number for at', { at: 1763640000000 }, /^at must be an ISO 8601/],
			[
				'a day before the data',
				{ at: '2024-12-31T23:59:59Z' },
				/^at must fall within the data, 2025-01-01 to 2026-01-15 \(2024-12-31\)$/,
			],
			['a day after today', { at: '2026-01-16T00:00:00Z' }, /^at must fall within the data/],
			['an unknown key', { colour: 'red' }, /^Unknown keys for \w+: colour$/],
		])('refuses %s with 400, changing nothing', async (_, change, message) => {
			// Every day's usage adds up in AllTime (Restcomm-Connect's: in its calls and its SMS).
			const categories = flavour === 'restcomm' ? ['CALLS', 'SMS'] : [undefined];
			const snapshot = async () => {
				const lists = categories.map((category) =>
					listAll(sandbox, flavour, 'AllTime', category ? { Category: category } : {}),
				);
				return (await Promise.all(lists)).flat().map(recordAmounts);
			};
			await expectRaiseRefused(
				sandbox,
				{ platform: flavour, ...valid, ...change },
				message,
				snapshot,
			);
		});
	},
);

describe('sandbox: raising usage with cacheAnswers', () => {
	test('answers from the raised figures, not from an answer cached before', async () => {
		const sandbox = await startSandbox({ twilio: { today: TODAY }, cacheAnswers: true });
		try {
			const today = async () =>
				recordAmounts((await listAll(sandbox, 'twilio', 'Today', { Category: 'sms' }))[0]);
			const before = await today();
			expect(await today()).toEqual(before);
			sandbox.raiseUsage({ platform: 'twilio', category: 'sms-inbound-longcode', count: 5 });
			expect(await today()).toEqual({ ...before, count: before.count + 5 });
		} finally {
			await sandbox.close();
		}
	});
});
