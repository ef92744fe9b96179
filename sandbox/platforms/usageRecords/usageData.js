'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { formatDay, weekdayOf, dayOfMonthOf } = require('../../calendarDays');
const { CATEGORIES, CATEGORIES_BY_NAME, LEAF_NAMES, leavesOf } = require('./categories');

// Generated daily usage per account and leaf category. Amounts are whole numbers of small units
// so that any sum is exact: usage in tenths, prices in hundred-thousandths of a dollar (Twilio
// prices carry up to 5 decimals). Aggregates are sums of their leaves, computed when asked.

const STREAM_DAY = 1;
const PRICE_UNITS_PER_USD = 100000;
const WEEKEND_FACTOR = 0.45;
// The main account is busy; its subaccount does about a third as much.
const ACCOUNT_SCALES = [1, 0.3];

// How each leaf's usage arises. `metered`: calls of some minutes each, priced per minute;
// `counted`: one usage unit per event, priced per event; `rental`: numbers or short codes owned,
// charged on the first day of each month. Prices are in hundred-thousandths of a dollar.
const LEAF_PROFILES = {
	'calls-inbound-local': { kind: 'metered', perDay: 140, minutesEach: 3.2, perMinute: 850 },
	'calls-inbound-tollfree': { kind: 'metered', perDay: 35, minutesEach: 4.5, perMinute: 2200 },
	'calls-outbound': { kind: 'metered', perDay: 90, minutesEach: 2.6, perMinute: 1400 },
	'calls-client': { kind: 'metered', perDay: 20, minutesEach: 6, perMinute: 400 },
	'calls-sip': { kind: 'metered', perDay: 15, minutesEach: 5, perMinute: 400 },
	'sms-inbound-shortcode': { kind: 'counted', perDay: 60, each: 830 },
	'sms-inbound-longcode': { kind: 'counted', perDay: 180, each: 790 },
	'sms-outbound-shortcode': { kind: 'counted', perDay: 120, each: 1000 },
	'sms-outbound-longcode': { kind: 'counted', perDay: 260, each: 790 },
	'phonenumbers-tollfree': { kind: 'rental', owned: [2, 1], monthly: 215000 },
	'phonenumbers-local': { kind: 'rental', owned: [12, 4], monthly: 115000 },
	'shortcodes-vanity': { kind: 'rental', owned: [0, 0], monthly: 150000000 },
	'shortcodes-random': { kind: 'rental', owned: [1, 0], monthly: 100000000 },
	'shortcodes-customerowned': { kind: 'rental', owned: [1, 0], monthly: 100000000 },
	calleridlookups: { kind: 'counted', perDay: 25, each: 1000 },
	// Recordings cost nothing to make: only storing them is charged (docs/vendors.md).
	recordings: { kind: 'metered', perDay: 40, minutesEach: 3, perMinute: 0 },
	transcriptions: { kind: 'metered', perDay: 10, minutesEach: 2.5, perMinute: 5000 },
	recordingstorage: { kind: 'metered', perDay: 40, minutesEach: 3, perMinute: 50 },
};

/** { usageTenths, count, priceUnits } of one leaf on one day. */
function generateLeafDay(seed, accountIndex, leafIndex, day) {
	const profile = LEAF_PROFILES[LEAF_NAMES[leafIndex]];
	if (profile.kind === 'rental') {
		if (dayOfMonthOf(day) !== 1) return { usageTenths: 0, count: 0, priceUnits: 0 };
		const owned = profile.owned[accountIndex];
		return { usageTenths: owned * 10, count: owned, priceUnits: owned * profile.monthly };
	}
	const random = createRandom(deriveSeed(seed, STREAM_DAY, accountIndex, leafIndex, day));
	const weekday = weekdayOf(day);
	const weekFactor = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
	const mean = profile.perDay * ACCOUNT_SCALES[accountIndex] * weekFactor;
	const count = Math.floor(mean * (0.4 + 1.2 * random.fraction()));
	if (profile.kind === 'counted') {
		return { usageTenths: count * 10, count, priceUnits: count * profile.each };
	}
	const minutes = count * profile.minutesEach * (0.6 + 0.8 * random.fraction());
	const usageTenths = count === 0 ? 0 : Math.max(count, Math.round(minutes * 10));
	// Per-minute prices are whole multiples of 10 units: a tenth of a minute costs whole units.
	return { usageTenths, count, priceUnits: (usageTenths * profile.perMinute) / 10 };
}

const AMOUNTS = ['usageTenths', 'count', 'priceUnits'];

/**
 * The data set of `accountCount` accounts from fromDay to toDay: prefix sums per account, leaf
 * and amount, so that any range sums in constant time.
 */
function createUsageData({ seed, fromDay, toDay }, accountCount) {
	const dayCount = toDay - fromDay + 1;
	const prefixes = Array.from({ length: accountCount }, (_, accountIndex) =>
		LEAF_NAMES.map((_, leafIndex) => {
			const sums = Object.fromEntries(AMOUNTS.map((amount) => [amount, [0]]));
			for (let offset = 0; offset < dayCount; offset += 1) {
				const amounts = generateLeafDay(seed, accountIndex, leafIndex, fromDay + offset);
				for (const amount of AMOUNTS) sums[amount].push(sums[amount][offset] + amounts[amount]);
			}
			return sums;
		}),
	);
	const leafIndexes = new Map(LEAF_NAMES.map((name, index) => [name, index]));

	function sumLeaf(accountIndex, leafName, startDay, endDay) {
		const first = Math.max(startDay, fromDay) - fromDay;
		const last = Math.min(endDay, toDay) - fromDay;
		const sums = prefixes[accountIndex][leafIndexes.get(leafName)];
		return Object.fromEntries(
			AMOUNTS.map((amount) => [
				amount,
				first > last ? 0 : sums[amount][last + 1] - sums[amount][first],
			]),
		);
	}

	/** Adds { usageTenths, count, priceUnits } to a leaf on a day of the data, as if generated so. */
	function addToLeaf(accountIndex, leafName, day, amounts) {
		const sums = prefixes[accountIndex][leafIndexes.get(leafName)];
		for (const amount of AMOUNTS) {
			for (let next = day - fromDay + 1; next <= dayCount; next += 1) {
				sums[amount][next] += amounts[amount];
			}
		}
	}

	/**
	 * A category's { usageTenths, count, priceUnits } from startDay to endDay (inclusive).
	 * For totalprice, usage is the price and count is null.
	 */
	function sumCategory(accountIndex, categoryName, startDay, endDay) {
		const total = { usageTenths: 0, count: 0, priceUnits: 0 };
		for (const leaf of leavesOf(categoryName)) {
			const amounts = sumLeaf(accountIndex, leaf, startDay, endDay);
			for (const amount of AMOUNTS) total[amount] += amounts[amount];
		}
		if (!CATEGORIES_BY_NAME.get(categoryName).totalPrice) return total;
		return { usageTenths: null, count: null, priceUnits: total.priceUnits };
	}

	/** Every category of every account on every day, as numbers: for independent checks. */
	function dailyUsage(accountSids) {
		const names = CATEGORIES.map((category) => category.name).sort();
		const rows = [];
		for (let day = fromDay; day <= toDay; day += 1) {
			const date = formatDay(day);
			accountSids.forEach((accountSid, accountIndex) => {
				for (const category of names) {
					const { usageTenths, count, priceUnits } = sumCategory(accountIndex, category, day, day);
					const price = priceUnits / PRICE_UNITS_PER_USD;
					rows.push({
						accountSid,
						date,
						category,
						usage: usageTenths === null ? price : usageTenths / 10,
						count,
						price,
					});
				}
			});
		}
		return rows;
	}

	return { sumCategory, addToLeaf, dailyUsage };
}

module.exports = { createUsageData, PRICE_UNITS_PER_USD, LEAF_PROFILES };
