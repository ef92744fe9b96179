'use strict';

const { formatDay } = require('../../calendarDays');
const { PRICE_UNITS_PER_USD } = require('./usageData');

// UsageRecords as the APIs send them: the amounts are strings, and `uri` names the one record,
// relative to the API root. Twilio adds api_version, as_of and links to the same category in every
// subresource.

const PRICE_DECIMALS = 5;
const TWILIO_SUBRESOURCE_KEYS = {
	all_time: 'AllTime',
	today: 'Today',
	yesterday: 'Yesterday',
	this_month: 'ThisMonth',
	last_month: 'LastMonth',
	daily: 'Daily',
	monthly: 'Monthly',
	yearly: 'Yearly',
};

/** Hundred-thousandths of a dollar as text with 2 to 5 decimals: 125000 -> "1.25". */
function formatPrice(units) {
	const whole = Math.floor(units / PRICE_UNITS_PER_USD);
	const fraction = String(units % PRICE_UNITS_PER_USD)
		.padStart(PRICE_DECIMALS, '0')
		.replace(/0+$/, '')
		.padEnd(2, '0');
	return `${whole}.${fraction}`;
}

/**
 * A roll-up's price as a server sends it rounded, half away from zero, to `decimals` (0 to 5),
 * written with exactly that many: 1234567 to 2 -> "12.35", to 0 -> "12".
 */
function formatRounded(units, decimals) {
	const step = 10 ** (PRICE_DECIMALS - decimals);
	// Prices are never negative (usageData.js): half away from zero is half up.
	const steps = Math.floor((units + step / 2) / step);
	const scale = 10 ** decimals;
	const whole = Math.floor(steps / scale);
	const fraction = decimals === 0 ? '' : `.${String(steps % scale).padStart(decimals, '0')}`;
	return `${whole}${fraction}`;
}

/** A record's price: a roll-up's rounded where the flavour says so, every other exact. */
function priceText(flavour, categoryName, units) {
	const { catalog, rollUpDecimals = PRICE_DECIMALS } = flavour;
	const rounded =
		rollUpDecimals < PRICE_DECIMALS &&
		catalog.byName.has(categoryName) &&
		catalog.isRollUp(categoryName);
	return rounded ? formatRounded(units, rollUpDecimals) : formatPrice(units);
}

/** Tenths as text without float noise: 1205 -> "120.5", 370 -> "37". */
function formatTenths(tenths) {
	return String(tenths / 10);
}

/** The path of a subresource (null = the root list) of an account, from the API root. */
function recordsPath(flavour, accountSid, subresource) {
	const list = subresource === null ? 'Records.json' : `Records/${subresource}.json`;
	return `/${flavour.apiVersion}/Accounts/${accountSid}/Usage/${list}`;
}

function queryText(entries) {
	return new URLSearchParams(entries).toString();
}

/**
 * The record of one category over one period, labelled as the flavour labels it. `amounts` are
 * the data set's sums; `context` is { flavour, accountSid, subresource, asOf }.
 */
function buildRecord(context, categoryName, { startDay, endDay }, amounts) {
	const { flavour, accountSid, subresource } = context;
	const category = flavour.catalog.byName.get(categoryName);
	const wireCategory = flavour.categoryOnWire(categoryName);
	const startDate = formatDay(startDay);
	// Restcomm-Connect's Daily query ends a day's record on the next day.
	const endDate = formatDay(
		flavour.dailyEndIsNextDay && subresource === 'Daily' ? endDay + 1 : endDay,
	);
	const price = priceText(flavour, categoryName, amounts.priceUnits);
	// A category Twilio has but the sandbox generates nothing for: labelled by its name only.
	const labels = flavour.label || {
		category: categoryName,
		description: category ? category.description : categoryName,
		usageUnit: category ? category.usageUnit : '',
		countUnit: category ? category.countUnit : '',
		priceUnit: 'usd',
	};
	const record = {
		category: labels.category,
		description: labels.description,
		account_sid: accountSid,
		start_date: startDate,
		end_date: endDate,
		// totalprice's usage is its price, exact however the price is sent.
		usage:
			amounts.usageTenths === null
				? formatPrice(amounts.priceUnits)
				: formatTenths(amounts.usageTenths),
		usage_unit: labels.usageUnit,
		count: amounts.count === null ? '' : String(amounts.count),
		count_unit: labels.countUnit,
		price,
		price_unit: labels.priceUnit,
		uri: `${recordsPath(flavour, accountSid, subresource)}?${queryText([
			['Category', wireCategory],
			['StartDate', startDate],
			['EndDate', endDate],
		])}`,
	};
	if (flavour.name !== 'twilio') return record;
	return {
		...record,
		api_version: flavour.apiVersion,
		as_of: context.asOf,
		subresource_uris: Object.fromEntries(
			Object.entries(TWILIO_SUBRESOURCE_KEYS).map(([key, name]) => [
				key,
				`${recordsPath(flavour, accountSid, name)}?${queryText([['Category', wireCategory]])}`,
			]),
		),
	};
}

module.exports = { buildRecord, recordsPath, formatPrice, formatRounded, formatTenths };
