'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { formatDay, toDay: dayOf, weekdayOf } = require('../../calendarDays');
const { HAND_TABLE } = require('./handTable');

// Each customer's own AI minutes per day, in tenths of a minute: the vendor reports minutes with
// at most one decimal, and whole tenths add up without float drift. Generated, a day's value
// depends only on (seed, account, customer, day), so a wider range never changes the days they
// share; or written by hand (handTable.js), which also gives minutes of an account no customer
// holds.

const STREAM_LEVEL = 1;
const STREAM_DAY = 2;
const MIN_DAILY_MINUTES = 15;
const DAILY_MINUTES_SPREAD = 70;
const WEEKEND_IDLE_CHANCE = 0.35;
const WEEKDAY_IDLE_CHANCE = 0.08;

function isWeekend(day) {
	const weekday = weekdayOf(day);
	return weekday === 0 || weekday === 6;
}

function dailyTenthsFor(seed, customer, level, day) {
	const random = createRandom(
		deriveSeed(seed, STREAM_DAY, customer.accountIndex, customer.customerIndex, day),
	);
	const idleChance = isWeekend(day) ? WEEKEND_IDLE_CHANCE : WEEKDAY_IDLE_CHANCE;
	if (random.fraction() < idleChance) return 0;
	return Math.round(level * (0.5 + random.fraction()) * 10);
}

/** Each table row's tenths by day, keyed by account and customer ('' for the account itself). */
function tableTenths(table, fromDay, dayCount) {
	const byKey = new Map();
	for (const { date, accountId, customerId = '', aiMinutes } of table) {
		const offset = dayOf(date) - fromDay;
		if (offset < 0 || offset >= dayCount) continue;
		const key = `${accountId}|${customerId}`;
		if (!byKey.has(key)) byKey.set(key, new Array(dayCount).fill(0));
		byKey.get(key)[offset] += Math.round(aiMinutes * 10);
	}
	return byKey;
}

/** prefix[k] = tenths of the first k days. */
function prefixSums(daily) {
	const prefix = [0];
	daily.forEach((tenths, index) => prefix.push(prefix[index] + tenths));
	return prefix;
}

/**
 * The data set: per customer (and per account, for minutes no customer holds), prefix sums of
 * tenths over the days from fromDay to toDay.
 */
function createAiMinutesDataset({ seed, fromDay, toDay, dataSet }, { customers, accounts }) {
	const dayCount = toDay - fromDay + 1;
	const table = dataSet === 'handTable' ? tableTenths(HAND_TABLE, fromDay, dayCount) : null;
	const none = () => new Array(dayCount).fill(0);
	const generatedDays = (customer) => {
		const levelRandom = createRandom(
			deriveSeed(seed, STREAM_LEVEL, customer.accountIndex, customer.customerIndex),
		);
		const level = MIN_DAILY_MINUTES + DAILY_MINUTES_SPREAD * levelRandom.fraction();
		return Array.from({ length: dayCount }, (_, offset) =>
			dailyTenthsFor(seed, customer, level, fromDay + offset),
		);
	};
	const series = customers.map((customer) => {
		const daily = table
			? table.get(`${customer.accountId}|${customer.customerId}`) || none()
			: generatedDays(customer);
		return { customer, daily, prefix: prefixSums(daily) };
	});
	const accountSeries = new Map(
		accounts.map((accountId) => {
			const daily = (table && table.get(`${accountId}|`)) || none();
			return [accountId, { daily, prefix: prefixSums(daily) }];
		}),
	);

	const sumOver = ({ prefix }, startDay, endDay) => {
		const first = Math.max(startDay, fromDay) - fromDay;
		const last = Math.min(endDay, toDay) - fromDay;
		return first > last ? 0 : prefix[last + 1] - prefix[first];
	};

	/** Own tenths of a customer (its index in `customers`) from startDay to endDay, inclusive. */
	const sumTenths = (customerIndex, startDay, endDay) =>
		sumOver(series[customerIndex], startDay, endDay);

	/** Tenths of an account that no customer holds, from startDay to endDay, inclusive. */
	const accountTenths = (accountId, startDay, endDay) =>
		accountSeries.has(accountId) ? sumOver(accountSeries.get(accountId), startDay, endDay) : 0;

	/** Adds tenths to a customer's day within the data, as if they had been generated. */
	function addTenths(customerIndex, day, tenths) {
		const { daily, prefix } = series[customerIndex];
		daily[day - fromDay] += tenths;
		for (let next = day - fromDay + 1; next <= dayCount; next += 1) prefix[next] += tenths;
	}

	/**
	 * Who used what: every customer's own minutes every day, by date then account and customer,
	 * and an account's minutes that no customer holds (customerId null) on the days it has any.
	 */
	function dailyUsage() {
		const rows = [];
		for (let offset = 0; offset < dayCount; offset += 1) {
			const date = formatDay(fromDay + offset);
			for (const { customer, daily } of series) {
				rows.push({
					date,
					accountId: customer.accountId,
					customerId: customer.customerId,
					aiMinutes: daily[offset] / 10,
				});
			}
			for (const [accountId, { daily }] of accountSeries) {
				if (daily[offset] > 0)
					rows.push({ date, accountId, customerId: null, aiMinutes: daily[offset] / 10 });
			}
		}
		return rows;
	}

	return { sumTenths, accountTenths, addTenths, dailyUsage };
}

module.exports = { createAiMinutesDataset };
