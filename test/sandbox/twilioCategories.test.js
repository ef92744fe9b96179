'use strict';

// The twilio flavour's categories as Twilio reports them: its whole published list, usage beyond
// the Restcomm page's 26, prefix traps, a cost outside every category, and a record listed twice.
const { basicHeader, readReply } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

const TODAY = '2026-01-15';
const {
	categories: TWILIO_CATEGORIES,
	source,
} = require('../../sandbox/platforms/usageRecords/twilioCategories.json');

async function lastMonth(sandbox, query = {}) {
	const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
	const search = new URLSearchParams({ PageSize: '1000', IncludeSubaccounts: 'false', ...query });
	const response = await fetch(
		`${baseUrl}/2010-04-01/Accounts/${accountSid}/Usage/Records/LastMonth.json?${search}`,
		{ headers: { authorization: basicHeader(accountSid, token) } },
	);
	const { status, json } = await readReply(response);
	expect(status).toBe(200);
	expect(json.next_page_uri).toBeNull();
	return json.usage_records;
}

/** A record's price in hundred-thousandths of a dollar, read exactly from its text. */
function priceUnits(record) {
	const [whole, fraction = ''] = record.price.split('.');
	return Number(whole) * 100000 + Number(fraction.padEnd(5, '0'));
}

const byCategory = (records) => new Map(records.map((record) => [record.category, record]));

describe('sandbox: Twilio usage categories', () => {
	let sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ twilio: { today: TODAY } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearFaults());

	test("holds Twilio's last published list, naming its revision", () => {
		expect(TWILIO_CATEGORIES).toHaveLength(643);
		expect(new Set(TWILIO_CATEGORIES).size).toBe(643);
		expect(source).toMatch(/twilio\/twilio-oai.*7f0d627a.*usage_record_enum_category/);
	});

	test('puts usage and price on categories the Restcomm page does not have', async () => {
		const records = byCategory(await lastMonth(sandbox));
		for (const category of [
			'sms-outbound-tollfree',
			'mms',
			'mms-outbound',
			'sms-messages-carrierfees',
			'phonenumbers-mobile',
			'calls-inbound-mobile',
			'a2p-registration-fees',
			'lookups',
		]) {
			expect([category, priceUnits(records.get(category)) > 0]).toEqual([category, true]);
		}
	});

	test('keeps prefix traps out of the categories they look like parts of', async () => {
		const records = byCategory(await lastMonth(sandbox));
		const sum = (names) => names.reduce((total, name) => total + priceUnits(records.get(name)), 0);
		// sms is its inbound and outbound messages; the carrier fees on them are a category of their own.
		expect(priceUnits(records.get('sms'))).toBe(sum(['sms-inbound', 'sms-outbound']));
		expect(priceUnits(records.get('sms-messages-carrierfees'))).toBeGreaterThan(0);
		expect(priceUnits(records.get('calls'))).toBe(
			sum(['calls-inbound', 'calls-outbound', 'calls-client', 'calls-sip']),
		);
		expect(priceUnits(records.get('calls-recordings'))).toBeGreaterThan(0);
		// A name that extends another's, each with a price of its own.
		expect(priceUnits(records.get('sms-mms-penalty-fees'))).toBeGreaterThan(0);
		expect(priceUnits(records.get('sms-mms-penalty-fees-1'))).toBeGreaterThan(0);
	});

	test('answers a listing without Category with every category, totalprice the price of all the others that no roll-up holds', async () => {
		const records = await lastMonth(sandbox);
		expect(records.map((record) => record.category)).toEqual([...TWILIO_CATEGORIES].sort());
		const rollUps = ['calls', 'calls-inbound', 'sms', 'sms-inbound', 'sms-outbound', 'mms'];
		const rolledUp = new Set([...rollUps, 'mms-inbound', 'mms-outbound', 'phonenumbers']);
		rolledUp.add('shortcodes').add('totalprice');
		const leaves = records.filter((record) => !rolledUp.has(record.category));
		const total = byCategory(records).get('totalprice');
		expect(priceUnits(total)).toBe(leaves.reduce((sum, record) => sum + priceUnits(record), 0));
	});

	test('repeats a record that carries usage on a repeatRecord fault', async () => {
		sandbox.injectFault({ platform: 'twilio', repeatRecord: true });
		const records = await lastMonth(sandbox);
		expect(records).toHaveLength(TWILIO_CATEGORIES.length + 1);
		const repeated = records[records.length - 1];
		expect(priceUnits(repeated)).toBeGreaterThan(0);
		expect(records.filter((record) => record.category === repeated.category)).toEqual([
			repeated,
			repeated,
		]);
		expect(await lastMonth(sandbox)).toHaveLength(TWILIO_CATEGORIES.length);
	});

	test('writes the price of a record that carries usage as "1,000.50" on an unreadableFigure fault', async () => {
		const clean = await lastMonth(sandbox);
		sandbox.injectFault({ platform: 'twilio', unreadableFigure: true });
		const faulted = await lastMonth(sandbox);
		const changed = faulted.filter((record, index) => record.price !== clean[index].price);
		expect(changed).toHaveLength(1);
		expect(changed[0].price).toBe('1,000.50');
		expect(Number(clean[faulted.indexOf(changed[0])].usage)).toBeGreaterThan(0);
	});

	test('starts each page after the first with the last record of the page before on an overlapPages fault', async () => {
		const page = async (query) => {
			const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
			const search = new URLSearchParams({ PageSize: '400', ...query });
			const response = await fetch(
				`${baseUrl}/2010-04-01/Accounts/${accountSid}/Usage/Records/LastMonth.json?${search}`,
				{ headers: { authorization: basicHeader(accountSid, token) } },
			);
			return (await readReply(response)).json;
		};
		sandbox.injectFault({ platform: 'twilio', overlapPages: true, times: 0 });
		const first = await page({});
		const second = await page(
			Object.fromEntries(new URL(first.next_page_uri, 'http://x').searchParams),
		);
		// The same record; its as_of is the moment of each page's request, which may be a second apart.
		expect(second.usage_records[0]).toEqual({
			...first.usage_records[399],
			as_of: second.usage_records[0].as_of,
		});
		expect(second.usage_records).toHaveLength(TWILIO_CATEGORIES.length - 400 + 1);
		expect(second.next_page_uri).toBeNull();
	});
});

describe('sandbox: a Twilio cost outside every category (costOutsideCategories)', () => {
	test('adds the price per day to totalprice only, for the main account', async () => {
		const plain = await startSandbox({ twilio: { today: TODAY } });
		const planted = await startSandbox({ twilio: { today: TODAY, costOutsideCategories: '0.75' } });
		try {
			const [before, after] = [await lastMonth(plain), await lastMonth(planted)];
			const totalOf = (records) => priceUnits(byCategory(records).get('totalprice'));
			// December: 31 days of 75,000 hundred-thousandths.
			expect(totalOf(after) - totalOf(before)).toBe(31 * 75000);
			expect(after.filter((r) => r.category !== 'totalprice')).toEqual(
				before
					.filter((r) => r.category !== 'totalprice')
					.map((r) => ({ ...r, as_of: expect.any(String) })),
			);
			const subaccount = planted.twilio.accounts[1];
			const { baseUrl, accountSid, token } = planted.credentials.twilio;
			const sub = await fetch(
				`${baseUrl}/2010-04-01/Accounts/${subaccount}/Usage/Records/LastMonth.json?Category=totalprice`,
				{ headers: { authorization: basicHeader(accountSid, token) } },
			);
			const subPlain = await fetch(
				`${plain.credentials.twilio.baseUrl}/2010-04-01/Accounts/${subaccount}/Usage/Records/LastMonth.json?Category=totalprice`,
				{ headers: { authorization: basicHeader(accountSid, token) } },
			);
			expect((await sub.json()).usage_records[0].price).toBe(
				(await subPlain.json()).usage_records[0].price,
			);
		} finally {
			await Promise.all([plain.close(), planted.close()]);
		}
	});

	test.each([
		['twilio', '1,000'],
		['twilio', '0.123456'],
		['twilio', -1],
		['restcomm', '0.75'],
	])('refuses %s costOutsideCategories %j at start', async (flavour, value) => {
		await expect(startSandbox({ [flavour]: { costOutsideCategories: value } })).rejects.toThrow(
			/costOutsideCategories/,
		);
	});
});
