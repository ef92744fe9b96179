'use strict';

const { MICROS_PER_DAY } = require('../../instants');
const {
	UsageSpecError,
	checkSpecKeys,
	readAmount,
	readAt,
	checkDayInData,
} = require('../../usageRaises');
const { PRICE_UNITS_PER_USD } = require('./usageData');

// A usage raise on Restcomm or Twilio:
// { platform, category, usage?, count?, price?, at?, account? }, for the account whose SID
// `account` is (default: the flavour's main account).

// The data set keeps usage in tenths of its unit (usageData.js).
const TENTHS_PER_UNIT = 10;

/**
 * { account, category, leaf, day, amounts (in the data set's units), added (as given) } for a
 * spec, `account` one of the flavour's `accounts`, or
 * throws UsageSpecError. Amounts go to a leaf, which the aggregates add up: an aggregate (or
 * totalprice) is raised through its first leaf. The category is named as the Twilio document
 * and sandbox.restcomm.dailyUsage() name it. The day is the GMT day of `at`, by default `today`
 * (the flavour's clock: its `today` option, else the real date).
 */
function readUsageRecordsRaise(spec, { dataRange, today, catalog, accounts }) {
	checkSpecKeys(spec, ['category', 'usage', 'count', 'price', 'at', 'account']);
	const { category } = spec;
	// A silent category has no leaf to carry usage.
	if (
		typeof category !== 'string' ||
		!catalog.byName.has(category) ||
		!catalog.leavesOf(category).length
	) {
		throw new UsageSpecError(
			`category must be one of those with usage: ${catalog.names.filter((name) => catalog.leavesOf(name).length).join(', ')}`,
		);
	}
	const given = {
		usageTenths: readAmount(spec, 'usage', { perUnit: TENTHS_PER_UNIT }),
		count: readAmount(spec, 'count'),
		priceUnits: readAmount(spec, 'price', { perUnit: PRICE_UNITS_PER_USD }),
	};
	if (Object.values(given).every((amount) => amount === undefined)) {
		throw new UsageSpecError('give at least one of usage, count and price');
	}
	const pricedOnly = catalog.isPriceOnly(category);
	if (pricedOnly && (given.usageTenths !== undefined || given.count !== undefined)) {
		throw new UsageSpecError('totalprice has a price only: give price, not usage or count');
	}
	const account =
		spec.account === undefined ? accounts[0] : accounts.find(({ sid }) => sid === spec.account);
	if (!account) {
		throw new UsageSpecError(`account must be one of ${accounts.map(({ sid }) => sid).join(', ')}`);
	}
	const at = readAt(spec);
	const day = at === null ? today : Math.floor(at.micros / MICROS_PER_DAY);
	checkDayInData(day, dataRange);
	const orZero = (amount) => (amount === undefined ? 0 : amount);
	return {
		account,
		category,
		leaf: catalog.leavesOf(category)[0],
		day,
		amounts: Object.fromEntries(
			Object.entries(given).map(([name, units]) => [name, orZero(units)]),
		),
		added: { usage: orZero(spec.usage), count: orZero(spec.count), price: orZero(spec.price) },
	};
}

module.exports = { readUsageRecordsRaise };
