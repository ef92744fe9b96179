'use strict';

// The twilio flavour's categories as Twilio reports them: its whole published list, usage beyond
// the Restcomm page's 26, prefix traps, a cost outside every category, and a record listed twice.
const { basicHeader, readReply } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');
const { TWILIO_ROLL_UPS, twilioLeavesOf } = require('../expectations');

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

/** Hundred-thousandths of a dollar rounded half up to cents, written with 2 decimals. */
function inCents(units) {
	const cents = Math.floor((units + 500) / 1000);
	return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

// Last month of TODAY, whose days LastMonth lists.
const [MONTH_START, MONTH_END] = ['2025-12-01', '2025-12-31'];

/** The data's own leaves for Last Month, of the main account or with its subaccount's added. */
function truthOf(sandbox, accountSids = [sandbox.twilio.accounts[0]]) {
	const leaves = sandbox.twilio.leafUsage(accountSids, MONTH_START, MONTH_END);
	return new Map(leaves.map((leaf) => [leaf.category, leaf]));
}

/** The price units the sandbox's leaves hold for a category: its own, or its roll-up's leaves'. */
function leafUnits(truth, category) {
	const leaves = category === 'totalprice' ? [...truth.keys()] : twilioLeavesOf(category);
	return leaves.reduce((sum, leaf) => sum + (truth.has(leaf) ? truth.get(leaf).priceUnits : 0), 0);
}

/**
 * Twilio's categories named `calls-<x>` whose nearest shorter name in the list (at a dash) is
 * calls: its direct name-children, computed here from the list itself.
 */
function directChildrenOfCalls() {
	const listed = new Set(TWILIO_CATEGORIES);
	const nearestParent = (name) => {
		const words = name.split('-');
		for (let length = words.length - 1; length > 0; length -= 1) {
			if (listed.has(words.slice(0, length).join('-'))) return words.slice(0, length).join('-');
		}
		return null;
	};
	return TWILIO_CATEGORIES.filter((name) => nearestParent(name) === 'calls');
}

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

describe("sandbox: Twilio's roll-ups sent rounded (rollUpDecimals)", () => {
	let plain;
	let rounded;
	beforeAll(async () => {
		[plain, rounded] = await Promise.all([
			startSandbox({ twilio: { today: TODAY } }),
			startSandbox({ twilio: { today: TODAY, rollUpDecimals: 2 } }),
		]);
	});
	afterAll(() => Promise.all([plain.close(), rounded.close()]));

	test("sends every roll-up's price and totalprice with 2 decimals, its leaves' exact sum rounded half up", async () => {
		const records = byCategory(await lastMonth(rounded));
		const truth = truthOf(rounded);
		const rollUps = [...Object.keys(TWILIO_ROLL_UPS), 'totalprice'];
		for (const category of rollUps) {
			const { price } = records.get(category);
			expect([category, price]).toEqual([category, inCents(leafUnits(truth, category))]);
		}
		// calls, for one: 328.36 from leaves that add up to 328.35785.
		expect(leafUnits(truth, 'calls')).toBe(32835785);
		expect(records.get('calls').price).toBe('328.36');
		expect(records.get('totalprice').price).toMatch(/^\d+\.\d{2}$/);
	});

	test("keeps every leaf's price, and every record's usage and count, as they are without it", async () => {
		const [before, after] = [await lastMonth(plain), await lastMonth(rounded)];
		const truth = truthOf(rounded);
		const rollUps = new Set([...Object.keys(TWILIO_ROLL_UPS), 'totalprice']);
		expect(after.map(({ category }) => category)).toEqual(before.map(({ category }) => category));
		after.forEach((record, index) => {
			const { as_of: asOf, price, ...figures } = record;
			const { as_of: _, price: exact, ...plainFigures } = before[index];
			expect(figures).toEqual(plainFigures);
			if (!rollUps.has(record.category))
				expect([record.category, price]).toEqual([record.category, exact]);
			if (truth.has(record.category)) {
				expect([record.category, priceUnits(record)]).toEqual([
					record.category,
					truth.get(record.category).priceUnits,
				]);
			}
		});
		// A leaf with a fifth decimal keeps it.
		expect(byCategory(after).get('calls-inbound-local').price).toBe('98.86605');
	});

	test('rounds half away from zero: a roll-up whose leaves end in half a cent is sent a cent up', async () => {
		const sandbox = await startSandbox({ twilio: { today: TODAY, rollUpDecimals: 2 } });
		try {
			const units = leafUnits(truthOf(sandbox), 'calls');
			const added = (((500 - (units % 1000)) % 1000) + 1000) % 1000;
			sandbox.raiseUsage({
				platform: 'twilio',
				category: 'calls-outbound',
				price: added / 100000,
				at: '2025-12-10T12:00:00Z',
			});
			const after = leafUnits(truthOf(sandbox), 'calls');
			expect(after % 1000).toBe(500);
			const records = byCategory(await lastMonth(sandbox));
			expect(records.get('calls').price).toBe(inCents(after));
			expect(priceUnits(records.get('calls'))).toBe(after + 500);
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		[0, '328'],
		[3, '328.358'],
		[5, '328.35785'],
	])('sends calls with exactly %s decimals', async (rollUpDecimals, price) => {
		const sandbox = await startSandbox({ twilio: { today: TODAY, rollUpDecimals } });
		try {
			expect(byCategory(await lastMonth(sandbox)).get('calls').price).toBe(price);
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		['twilio', 'rollUpDecimals', 6],
		['twilio', 'rollUpDecimals', -1],
		['twilio', 'rollUpDecimals', 2.5],
		['twilio', 'rollUpDecimals', '2'],
		['restcomm', 'rollUpDecimals', 2],
		['twilio', 'callsChildren', 'all'],
		['restcommAllCategories', 'callsChildren', 'twilioList'],
	])('refuses %s %s %j at start', async (flavour, setting, value) => {
		await expect(startSandbox({ [flavour]: { [setting]: value } })).rejects.toThrow(
			new RegExp(`${flavour}\\.${setting}`),
		);
	});
});

describe("sandbox: every name-child of calls in Twilio's list with money (callsChildren)", () => {
	const PARTS = ['calls-inbound', 'calls-outbound', 'calls-client', 'calls-sip'];
	let plain;
	let listed;
	beforeAll(async () => {
		[plain, listed] = await Promise.all([
			startSandbox({ twilio: { today: TODAY } }),
			startSandbox({ twilio: { today: TODAY, callsChildren: 'twilioList' } }),
		]);
	});
	afterAll(() => Promise.all([plain.close(), listed.close()]));

	test('lists 13 direct name-children of calls, each priced, of which calls adds up its 4 parts only, to the last decimal', async () => {
		const children = directChildrenOfCalls();
		expect(children).toEqual([
			'calls-client',
			'calls-emergency',
			'calls-globalconference',
			'calls-inbound',
			'calls-media-stream-minutes',
			'calls-outbound',
			'calls-pay-verb-transactions',
			'calls-recordings',
			'calls-sip',
			'calls-text-to-speech',
			'calls-transfers',
			'calls-trunking-inbound-tollfree-local',
			'calls-trunking-inbound-tollfree-mobile',
		]);
		const records = byCategory(await lastMonth(listed));
		for (const child of children) {
			expect([child, priceUnits(records.get(child)) > 0]).toEqual([child, true]);
		}
		const units = (names) => names.reduce((sum, name) => sum + priceUnits(records.get(name)), 0);
		expect(priceUnits(records.get('calls'))).toBe(units(PARTS));
		const others = children.filter((child) => !PARTS.includes(child));
		expect(others).toHaveLength(9);
		expect(units(children)).toBe(units(PARTS) + units(others));
		// Each of the others with a unit price of its own, and none of a part's.
		const unitPrice = (name) => priceUnits(records.get(name)) / Number(records.get(name).usage);
		const prices = [...others, ...PARTS].map((name) => unitPrice(name).toFixed(6));
		expect(new Set(prices).size).toBe(others.length + new Set(prices.slice(others.length)).size);
	});

	test("keeps every other category's data, and adds the new leaves' money to totalprice", async () => {
		const [before, after] = [
			byCategory(await lastMonth(plain)),
			byCategory(await lastMonth(listed)),
		];
		const truth = truthOf(listed);
		const added = [...truth.keys()].filter((leaf) => !truthOf(plain).has(leaf));
		expect(added).toHaveLength(8);
		for (const [category, record] of after) {
			if (added.includes(category) || category === 'totalprice') continue;
			expect({ ...record, as_of: '' }).toEqual({ ...before.get(category), as_of: '' });
		}
		const addedUnits = added.reduce((sum, leaf) => sum + truth.get(leaf).priceUnits, 0);
		expect(priceUnits(after.get('totalprice'))).toBe(
			priceUnits(before.get('totalprice')) + addedUnits,
		);
		expect(priceUnits(after.get('totalprice'))).toBe(leafUnits(truth, 'totalprice'));
	});

	test("gives a period's leaves of the main account and its subaccount added, as IncludeSubaccounts lists them", async () => {
		const records = byCategory(await lastMonth(listed, { IncludeSubaccounts: 'true' }));
		const truth = truthOf(listed, listed.twilio.accounts);
		for (const [category, leaf] of truth) {
			const { usage, count, price } = records.get(category);
			expect([category, usage, Number(count), priceUnits({ price })]).toEqual([
				category,
				leaf.usage,
				leaf.count,
				leaf.priceUnits,
			]);
		}
		expect(priceUnits(records.get('calls'))).toBe(leafUnits(truth, 'calls'));
	});

	test('with rollUpDecimals 2 too: calls rounded from its parts alone, its 13 children priced', async () => {
		const sandbox = await startSandbox({
			twilio: { today: TODAY, callsChildren: 'twilioList', rollUpDecimals: 2 },
		});
		try {
			const records = byCategory(await lastMonth(sandbox));
			const truth = truthOf(sandbox);
			expect(records.get('calls').price).toBe(inCents(leafUnits(truth, 'calls')));
			expect(records.get('calls').price).toMatch(/^\d+\.\d{2}$/);
			expect(records.get('totalprice').price).toBe(inCents(leafUnits(truth, 'totalprice')));
			for (const child of directChildrenOfCalls()) {
				expect([child, priceUnits(records.get(child)) > 0]).toEqual([child, true]);
				if (TWILIO_ROLL_UPS[child]) continue;
				expect([child, priceUnits(records.get(child))]).toEqual([
					child,
					truth.get(child).priceUnits,
				]);
			}
		} finally {
			await sandbox.close();
		}
	});
});
