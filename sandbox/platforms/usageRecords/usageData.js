'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { formatDay, weekdayOf, dayOfMonthOf } = require('../../calendarDays');

// Generated daily usage per account and leaf category of a flavour's catalog (catalog.js).
// Amounts are whole numbers of small units so that any sum is exact: usage in tenths, prices in
// hundred-thousandths of a dollar (Twilio prices carry up to 5 decimals). Aggregates are sums of
// their leaves, computed when asked; totalprice also holds any cost outside the categories.

const STREAM_DAY = 1;
const PRICE_UNITS_PER_USD = 100000;
const WEEKEND_FACTOR = 0.45;
// The main account is busy; its subaccount does about a third as much; further subaccounts (the
// `subaccounts` setting), in turn, a quarter to a tenth.
const ACCOUNT_SCALES = [1, 0.3];
const MORE_SCALES = [0.25, 0.2, 0.15, 0.1];
const scaleOf = (accountIndex) =>
	ACCOUNT_SCALES[accountIndex] ??
	MORE_SCALES[(accountIndex - ACCOUNT_SCALES.length) % MORE_SCALES.length];

/** Hundred-thousandths of a dollar as exact text with 5 decimals: 125000 -> "1.25000". */
function exactPrice(priceUnits) {
	const whole = Math.floor(priceUnits / PRICE_UNITS_PER_USD);
	return `${whole}.${String(priceUnits % PRICE_UNITS_PER_USD).padStart(5, '0')}`;
}

const NOTHING = { usageTenths: 0, count: 0, priceUnits: 0 };

/**
 * { usageTenths, count, priceUnits } of one leaf on one day, for an account: nothing after the day
 * it closed, nothing at all for one with no usage.
 */
function generateLeafDay(seed, profile, account, leafIndex, day) {
	if (account.noUsage || (account.closedDay !== null && day > account.closedDay)) return NOTHING;
	const accountIndex = account.index;
	if (profile.kind === 'rental') {
		if (dayOfMonthOf(day) !== 1) return NOTHING;
		// Further subaccounts own what the first one does.
		const owned = profile.owned[Math.min(accountIndex, profile.owned.length - 1)];
		return { usageTenths: owned * 10, count: owned, priceUnits: owned * profile.monthly };
	}
	const random = createRandom(deriveSeed(seed, STREAM_DAY, accountIndex, leafIndex, day));
	const weekday = weekdayOf(day);
	const weekFactor = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
	const mean = profile.perDay * scaleOf(accountIndex) * weekFactor;
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
 * The data set of `accounts` (each { index, closedDay, noUsage }) from fromDay to toDay: prefix
 * sums per account, leaf and amount, so that any range sums in constant time, each account's made
 * when first read. `outsidePriceUnits` is a cost per day of the main account that sits in no
 * category: only totalprice holds it.
 */
function createUsageData({ seed, fromDay, toDay, outsidePriceUnits = 0 }, accounts, catalog) {
	const dayCount = toDay - fromDay + 1;
	const { leafNames, leavesOf } = catalog;
	const generatePrefixes = (account) =>
		leafNames.map((leafName, leafIndex) => {
			const sums = Object.fromEntries(AMOUNTS.map((amount) => [amount, [0]]));
			const profile = catalog.profileOf(leafName);
			for (let offset = 0; offset < dayCount; offset += 1) {
				const day = fromDay + offset;
				const amounts = generateLeafDay(seed, profile, account, leafIndex, day);
				for (const amount of AMOUNTS) sums[amount].push(sums[amount][offset] + amounts[amount]);
			}
			return sums;
		});
	const generated = new Map();
	const prefixes = (accountIndex) => {
		if (!generated.has(accountIndex))
			generated.set(accountIndex, generatePrefixes(accounts[accountIndex]));
		return generated.get(accountIndex);
	};
	const leafIndexes = new Map(leafNames.map((name, index) => [name, index]));
	const daysInData = (startDay, endDay) =>
		Math.max(0, Math.min(endDay, toDay) - Math.max(startDay, fromDay) + 1);

	function sumLeaf(accountIndex, leafName, startDay, endDay) {
		const first = Math.max(startDay, fromDay) - fromDay;
		const last = Math.min(endDay, toDay) - fromDay;
		const sums = prefixes(accountIndex)[leafIndexes.get(leafName)];
		return Object.fromEntries(
			AMOUNTS.map((amount) => [
				amount,
				first > last ? 0 : sums[amount][last + 1] - sums[amount][first],
			]),
		);
	}

	/**
	 * A leaf's amounts in whole hours, hour indexes counted from 1970 (UTC), `endHour` excluded.
	 * A day's events are spread evenly over its 24 hours, and its other amounts with them (a day's
	 * SMS usage stays its count), in whole units, so that the hours add up to the day.
	 */
	function sumLeafHours(accountIndex, leafName, startHour, endHour) {
		const total = { usageTenths: 0, count: 0, priceUnits: 0 };
		const addDay = (day, fromHour, toHour) => {
			const amounts = sumLeaf(accountIndex, leafName, day, day);
			const weight = amounts.count || amounts.usageTenths || amounts.priceUnits;
			if (weight === 0) return;
			const eventsBefore = (hour) => Math.floor((weight * hour) / 24);
			for (const amount of AMOUNTS) {
				const share = (hour) => Math.floor((amounts[amount] * eventsBefore(hour)) / weight);
				total[amount] += share(toHour) - share(fromHour);
			}
		};
		if (startHour >= endHour) return total;
		const firstDay = Math.floor(startHour / 24);
		const lastDay = Math.floor((endHour - 1) / 24);
		if (firstDay === lastDay) {
			addDay(firstDay, startHour - firstDay * 24, endHour - firstDay * 24);
			return total;
		}
		addDay(firstDay, startHour - firstDay * 24, 24);
		const middle = sumLeaf(accountIndex, leafName, firstDay + 1, lastDay - 1);
		for (const amount of AMOUNTS) total[amount] += middle[amount];
		addDay(lastDay, 0, endHour - lastDay * 24);
		return total;
	}

	/** A category's amounts from fromMinute to toMinute (excluded), usage stamped on the hour. */
	function sumCategoryMinutes(accountIndex, categoryName, fromMinute, toMinute) {
		const [startHour, endHour] = [Math.ceil(fromMinute / 60), Math.ceil(toMinute / 60)];
		const total = { usageTenths: 0, count: 0, priceUnits: 0 };
		for (const leaf of leavesOf(categoryName)) {
			const amounts = sumLeafHours(accountIndex, leaf, startHour, endHour);
			for (const amount of AMOUNTS) total[amount] += amounts[amount];
		}
		return total;
	}

	/** Adds { usageTenths, count, priceUnits } to a leaf on a day of the data, as if generated so. */
	function addToLeaf(accountIndex, leafName, day, amounts) {
		const sums = prefixes(accountIndex)[leafIndexes.get(leafName)];
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
		if (!catalog.isPriceOnly(categoryName)) return total;
		const outside = accountIndex === 0 ? outsidePriceUnits * daysInData(startDay, endDay) : 0;
		return { usageTenths: null, count: null, priceUnits: total.priceUnits + outside };
	}

	/** Every category of every account on every day, as numbers: for independent checks. */
	function dailyUsage(accountSids) {
		const names = catalog.names;
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

	/**
	 * A category's amounts of one account from one instant to another (ms, `toInstant` excluded),
	 * as the data set holds them (usage stamped on the hour, as sumCategoryMinutes reads it), in
	 * exact text: usage in minutes (tenths at most), price in USD with 5 decimals. totalprice's
	 * usage is its price and its count null; with a cost outside the categories it is refused, as
	 * that cost has no hour.
	 */
	function usageBetween(accountIndex, categoryName, fromInstant, toInstant) {
		const priceOnly = catalog.isPriceOnly(categoryName);
		if (priceOnly && outsidePriceUnits > 0) {
			throw new TypeError(
				`${categoryName} holds a cost per day outside the categories: no hour has it`,
			);
		}
		const { usageTenths, count, priceUnits } =
			toInstant > fromInstant
				? sumCategoryMinutes(accountIndex, categoryName, fromInstant / 60000, toInstant / 60000)
				: { usageTenths: 0, count: 0, priceUnits: 0 };
		const price = exactPrice(priceUnits);
		return priceOnly
			? { usage: price, count: null, price, usageTenths: null, priceUnits }
			: { usage: String(usageTenths / 10), count, price, usageTenths, priceUnits };
	}

	/**
	 * Every leaf's amounts of some accounts (indexes) added up from startDay to endDay (both
	 * included), as the data set holds them: [{ category, usage, count, price, usageTenths,
	 * priceUnits }] in the catalog's order of leaves, usage in its unit and price in USD with 5
	 * decimals, in exact text. Every roll-up and totalprice (but for a cost outside the
	 * categories) is a sum of these, however a server rounds it.
	 */
	function leafUsage(accountIndexes, startDay, endDay) {
		return leafNames.map((category) => {
			const total = { usageTenths: 0, count: 0, priceUnits: 0 };
			for (const accountIndex of accountIndexes) {
				const amounts = sumLeaf(accountIndex, category, startDay, endDay);
				for (const amount of AMOUNTS) total[amount] += amounts[amount];
			}
			const [usage, price] = [String(total.usageTenths / 10), exactPrice(total.priceUnits)];
			return { category, usage, count: total.count, price, ...total };
		});
	}

	return { sumCategory, sumCategoryMinutes, addToLeaf, dailyUsage, usageBetween, leafUsage };
}

module.exports = { createUsageData, PRICE_UNITS_PER_USD };
