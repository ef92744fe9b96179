'use strict';

// Usage raised on each usage records flavour, by sandbox.raiseUsage and over HTTP: the leaf,
// its aggregates and totalprice gain in the period of the day only, and a bad raise changes
// nothing; with cacheAnswers, no answer cached before a raise is served after it.
const { raiseUsageOverHttp, expectRaiseRefused } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');
const {
	TODAY,
	DATA_FROM,
	ALL_CATEGORIES,
	LISTED,
	RESTCOMM_PAGE_AGGREGATES,
	AGGREGATES,
	leavesOf,
	listAll,
	wireCategory,
	recordAmounts,
} = require('./usageRecordsHelpers');

describe.each(['twilio', 'restcommAllCategories', 'restcomm'])(
	'sandbox: raising %s usage',
	(flavour) => {
		let sandbox;
		const ZERO = { usageTenths: 0, count: 0, priceUnits: 0 };
		// Restcomm-Connect computes every category from its calls or its SMS data
		// (usageRecords.restcomm.test.js).
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
				accountSid: sandbox.credentials[flavour].accountSid,
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
					accountSid: sandbox.credentials[flavour].accountSid,
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

		test("raises a subaccount's usage by its SID in `account`, and not the main account's own", async () => {
			const subaccountSid = sandbox[flavour].accounts[1];
			const sms = { Category: wireCategory(flavour, 'sms') };
			// On Twilio the main account's own usage is read without its subaccounts'.
			const own = flavour === 'twilio' ? { IncludeSubaccounts: 'false' } : {};
			const countOf = async (query, options) =>
				(await listAll(sandbox, flavour, 'AllTime', { ...sms, ...query }, options))
					.map(recordAmounts)
					.reduce((total, amounts) => total + amounts.count, 0);
			const counts = async () => [
				await countOf(own, {}),
				await countOf({}, { accountSid: subaccountSid }),
			];
			const [mainBefore, subaccountBefore] = await counts();
			const raised = sandbox.raiseUsage({
				platform: flavour,
				category: 'sms-outbound-longcode',
				count: 3,
				at: '2025-11-20T12:00:00Z',
				account: subaccountSid,
			});
			expect(raised.accountSid).toBe(subaccountSid);
			expect(await counts()).toEqual([mainBefore, subaccountBefore + 3]);
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
			['an account not served', { account: 'AC0123' }, /^account must be one of AC\w+, AC\w+$/],
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
