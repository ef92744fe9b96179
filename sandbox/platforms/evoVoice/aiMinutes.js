'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { formatDay, weekdayOf } = require('../../calendarDays');

// Each customer's AI minutes per day, in tenths of a minute: the vendor reports minutes with at
// most one decimal, and whole tenths add up without float drift. A day's value depends only on
// (seed, account, customer, day), so a wider range never changes the days they share.

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

/** The data set: per customer, prefix sums of tenths over the days from fromDay to toDay. */
function createAiMinutesDataset({ seed, fromDay, toDay }, customers) {
	const dayCount = toDay - fromDay + 1;
	const series = customers.map((customer) => {
		const levelRandom = createRandom(
			deriveSeed(seed, STREAM_LEVEL, customer.accountIndex, customer.customerIndex),
		);
		const level = MIN_DAILY_MINUTES + DAILY_MINUTES_SPREAD * levelRandom.fraction();
		const daily = Array.from({ length: dayCount }, (_, offset) =>
			dailyTenthsFor(seed, customer, level, fromDay + offset),
		);
		// prefix[k] = tenths of the first k days.
		const prefix = [0];
		daily.forEach((tenths, index) => prefix.push(prefix[index] + tenths));
		return { customer, daily, prefix };
	});

	/** Tenths of a customer (its index in `customers`) from startDay to endDay, inclusive. */
	function sumTenths(customerIndex, startDay, endDay) {
		const first = Math.max(startDay, fromDay) - fromDay;
		const last = Math.min(endDay, toDay) - fromDay;
		if (first > last) return 0;
		const { prefix } = series[customerIndex];
		return prefix[last + 1] - prefix[first];
	}

	/** Adds tenths to a customer's day within the data, as if they had been generated. */
	function addTenths(customerIndex, day, tenths) {
		const { daily, prefix } = series[customerIndex];
		daily[day - fromDay] += tenths;
		for (let next = day - fromDay + 1; next <= dayCount; next += 1) prefix[next] += tenths;
	}

	/** Every customer's every day, by date then account and customer: for independent checks. */
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
		}
		return rows;
	}

	return { sumTenths, addTenths, dailyUsage };
}

module.exports = { createAiMinutesDataset };
