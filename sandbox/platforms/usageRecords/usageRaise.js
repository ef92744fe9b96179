'use strict';

const { MICROS_PER_DAY } = require('../../instants');
const {
	UsageSpecError,
	checkSpecKeys,
	readAmount,
	readAt,
	checkDayInData,
} = require('../../usageRaises');
const { CATEGORIES, CATEGORIES_BY_NAME, leavesOf } = require('./categories');
const { PRICE_UNITS_PER_USD } = require('./usageData');

// A usage raise on Restcomm or Twilio:
// { platform, category, usage?, count?, price?, at? }, for the flavour's main account.

const CATEGORY_NAMES = CATEGORIES.map((category) => category.name);
// The data set keeps usage in tenths of its unit (usageData.js).
const TENTHS_PER_UNIT = 10;

/**
 * { category, leaf, day, amounts (in the data set's units), added (as given) } for a spec, or
 * throws UsageSpecError. Amounts go to a leaf, which the aggregates add up: an aggregate (or
 * totalprice) is raised through its first leaf. The category is named as the Twilio document
 * and sandbox.restcomm.dailyUsage() name it. The day is the GMT day of `at`, by default `today`
 * (the flavour's clock: its `today` option, else the real date).
 */
function readUsageRecordsRaise(spec, { dataRange, today }) {
	checkSpecKeys(spec, ['category', 'usage', 'count', 'price', 'at']);
	const { category } = spec;
	if (typeof category !== 'string' || !CATEGORIES_BY_NAME.has(category)) {
		throw new UsageSpecError(`category must be one of ${CATEGORY_NAMES.join(', ')}`);
	}
	const given = {
		usageTenths: readAmount(spec, 'usage', { perUnit: TENTHS_PER_UNIT }),
		count: readAmount(spec, 'count'),
		priceUnits: readAmount(spec, 'price', { perUnit: PRICE_UNITS_PER_USD }),
	};
	if (Object.values(given).every((amount) => amount === undefined)) {
		throw new UsageSpecError('give at least one of usage, count and price');
	}
	const pricedOnly = CATEGORIES_BY_NAME.get(category).totalPrice;
	if (pricedOnly && (given.usageTenths !== undefined || given.count !== undefined)) {
		throw new UsageSpecError('totalprice has a price only: give price, not usage or count');
	}
	const at = readAt(spec);
	const day = at === null ? today : Math.floor(at.micros / MICROS_PER_DAY);
	checkDayInData(day, dataRange);
	const orZero = (amount) => (amount === undefined ? 0 : amount);
	return {
		category,
		leaf: leavesOf(category)[0],
		day,
		amounts: Object.fromEntries(
			Object.entries(given).map(([name, units]) => [name, orZero(units)]),
		),
		added: { usage: orZero(spec.usage), count: orZero(spec.count), price: orZero(spec.price) },
	};
}

module.exports = { readUsageRecordsRaise };
