'use strict';

// GetAIUsage's answer: AI minutes per account and per customer over a date range. Sums are taken in
// tenths and turned into minutes only at the end.

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The AIUsage body for a parsed request. Account rows add up the minutes of the customers shown,
 * each minute once, so that a customerId filter narrows both levels alike; a parent customer's
 * row holds its children's minutes too (`nestedCustomers`). Customers without usage in the range
 * show 0. With `endDateExclusive`, endDate's own day is not counted. `dataset()` gives the
 * generated data set.
 */
function buildAiUsageReport({ customers, dataset, settings }, request) {
	const { accountId, customerId, startDay, endDay } = request;
	const data = dataset();
	const minutes = (tenths) => (settings.numbersAsStrings ? String(tenths / 10) : tenths / 10);
	const lastDay = endDay === null ? Infinity : endDay - (settings.endDateExclusive ? 1 : 0);
	const ownTenths = (index) =>
		data.sumTenths(index, startDay === null ? -Infinity : startDay, lastDay);
	const childrenOf = (customer) =>
		customers.filter(
			(other) => other.accountId === customer.accountId && other.parentId === customer.customerId,
		);
	const tenthsByAccount = new Map();
	const customerRows = [];
	const counted = new Set();
	customers.forEach((customer, index) => {
		if (accountId !== null && customer.accountId !== accountId) return;
		if (customerId !== null && customer.customerId !== customerId) return;
		const family = [customer, ...childrenOf(customer)];
		const tenths = family.reduce((sum, member) => sum + ownTenths(customers.indexOf(member)), 0);
		customerRows.push({ accountId: customer.accountId, customerId: customer.customerId, tenths });
		for (const member of family.filter((one) => !counted.has(one))) {
			counted.add(member);
			tenthsByAccount.set(
				customer.accountId,
				(tenthsByAccount.get(customer.accountId) || 0) + ownTenths(customers.indexOf(member)),
			);
		}
	});
	const accountUsage = [...tenthsByAccount.keys()]
		.sort(byText)
		.map((id) => ({ accountId: id, aiMinutes: minutes(tenthsByAccount.get(id)) }));
	const customerUsage = customerRows
		.sort((a, b) => byText(a.accountId, b.accountId) || byText(a.customerId, b.customerId))
		.map((row) => ({
			accountId: row.accountId,
			customerId: row.customerId,
			aiMinutes: minutes(row.tenths),
		}));
	return { accountUsage, customerUsage };
}

module.exports = { buildAiUsageReport };
