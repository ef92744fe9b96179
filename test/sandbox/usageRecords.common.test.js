'use strict';

// What the usage records flavours have in common, or where they differ side by side: the
// documented API on restcommAllCategories and Twilio alike, categories and dates on all three
// flavours, and the sandbox's options and credentials.
const { basicHeader } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');
const {
	TODAY,
	DATA_FROM,
	API_VERSIONS,
	RECORD_KEYS,
	ALL_CATEGORIES,
	TWILIO_CATEGORIES,
	LISTED,
	AGGREGATES,
	leavesOf,
	TWILIO_UNAUTHORIZED,
	getJson,
	getRecords,
	listAll,
	wireCategory,
	indexDailyUsage,
	recordAmounts,
	expectAmountsMatch,
	splitRange,
} = require('./usageRecordsHelpers');

const TWILIO_EXTRA_KEYS = ['api_version', 'as_of', 'subresource_uris'];
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
const RESTCOMM_ENUM = 'org.restcomm.connect.dao.entities.Usage.Category';

/** A sandbox with every usage records flavour's clock on TODAY. */
const startEveryFlavourToday = () =>
	startSandbox({
		restcomm: { today: TODAY },
		restcommAllCategories: { today: TODAY },
		twilio: { today: TODAY },
	});

// Restcomm as its Usage Records page documents it (restcommAllCategories), and Twilio; the
// restcomm flavour, Restcomm-Connect's own server, has a file of its own
// (usageRecords.restcomm.test.js).
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
			const sid = sandbox.credentials[flavour].accountSid;
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
		expect(mainSid).toBe(sandbox.credentials[flavour].accountSid);
		expect(sandbox[flavour].settings).toMatchObject({ accountSid: mainSid, subaccountSid: subSid });
		const subCredential = sandbox.credentials[`${flavour}Subaccount`];
		expect(subCredential.accountSid).toBe(subSid);
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
		const { accountSid, token } = sandbox.credentials[flavour];
		const attempts = [
			{ noAuth: true },
			{ credential: { accountSid, token: 'wrong-token' } },
			{ credential: { accountSid: 'AC0000000000000000000000000000dead', token } },
		];
		for (const options of attempts) {
			const { status, json, headers } = await getRecords(sandbox, flavour, 'Today', {}, options);
			expect(status).toBe(401);
			expect(json).toEqual(expected);
			expect(headers.get('www-authenticate')).toMatch(/^Basic realm=/);
		}
	});

	test('keeps no credentials in the request log', async () => {
		const { accountSid, token } = sandbox.credentials[flavour];
		await getRecords(sandbox, flavour, 'Today', {});
		await getRecords(sandbox, flavour, 'Today', {}, { credential: { accountSid, token: 'wrong-one' } });
		const [good, wrong] = sandbox.requests;
		expect(good).toMatchObject({ auth: 'basic', authenticated: true, status: 200 });
		expect(wrong).toMatchObject({ auth: 'basic', authenticated: false, status: 401 });
		const served = await (await fetch(`${sandbox.url}/__sandbox/requests`)).text();
		for (const logText of [JSON.stringify(sandbox.requests), served]) {
			expect(logText).not.toContain(token);
			expect(logText).not.toContain('wrong-one');
			expect(logText).not.toContain(basicHeader(accountSid, token).slice(6));
			expect(logText).not.toContain(basicHeader(accountSid, 'wrong-one').slice(6));
		}
	});

	test('answers 404 to an unknown subresource and 405 to other methods', async () => {
		const unknown = await getRecords(sandbox, flavour, 'Weekly');
		expect(unknown.status).toBe(404);
		const noSuffix = await getJson(
			`${sandbox.credentials[flavour].baseUrl}/${API_VERSIONS[flavour]}/Accounts/` +
				`${sandbox.credentials[flavour].accountSid}/Usage/Records/Daily`,
			sandbox.credentials[flavour],
		);
		expect(noSuffix.status).toBe(404);
		const posted = await fetch(
			`${sandbox.credentials[flavour].baseUrl}/${API_VERSIONS[flavour]}/Accounts/` +
				`${sandbox.credentials[flavour].accountSid}/Usage/Records.json`,
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
		sandbox = await startEveryFlavourToday();
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
			const sid = sandbox.credentials.twilio.accountSid;
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
		sandbox = await startEveryFlavourToday();
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
				accountSid: 'ACrc0000000000000000000000000001',
				token: 'restcomm-sandbox-token',
			});
			expect(sandbox.credentials.restcommAllCategories).toEqual({
				platform: 'restcomm',
				baseUrl: `${sandbox.url}/restcomm-all-categories`,
				accountSid: 'ACra0000000000000000000000000001',
				token: 'restcomm-all-categories-token',
			});
			expect(sandbox.credentials.restcommAllCategoriesSubaccount).toEqual({
				platform: 'restcomm',
				baseUrl: `${sandbox.url}/restcomm-all-categories`,
				accountSid: 'ACra0000000000000000000000000002',
				token: 'restcomm-all-categories-subaccount-token',
			});
			expect(sandbox.credentials.twilio).toEqual({
				platform: 'twilio',
				baseUrl: `${sandbox.url}/twilio`,
				accountSid: 'ACtw0000000000000000000000000001',
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
