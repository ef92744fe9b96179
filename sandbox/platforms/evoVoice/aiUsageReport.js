'use strict';

// GetAIUsage's answer: AI minutes per account and per customer over a date range. Sums are taken in
// tenths and turned into minutes only at the end.

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The AIUsage body for a parsed request, from each customer's own minutes. Account rows add up
 * the minutes of the customers shown, each minute once, so that a customerId filter narrows both
 * levels alike; without a customerId they also hold the account's minutes that no customer
 * holds. With `customerRows` includeSubCustomers, a customer's row holds its sub-customers'
 * minutes too, at every depth (`nestedCustomers` gives the parents). Customers without usage in
 * the range show 0. With `endDateExclusive`, endDate's own day is not counted. `dataset()` gives
 * the data set.
 */
function buildAiUsageReport({ customers, dataset, settings }, request) {
	const { accountId, customerId, startDay, endDay } = request;
	const data = dataset();
	const minutes = (tenths) => (settings.numbersAsStrings ? String(tenths / 10) : tenths / 10);
	const firstDay = startDay === null ? -Infinity : startDay;
	const lastDay = endDay === null ? Infinity : endDay - (settings.endDateExclusive ? 1 : 0);
	const ownTenths = (customer) => data.sumTenths(customers.indexOf(customer), firstDay, lastDay);
	const subCustomersOf = (customer) =>
		customers.filter(
			(other) => other.accountId === customer.accountId && other.parentId === customer.customerId,
		);
	const rowHolds = (customer) =>
		settings.customerRows === 'includeSubCustomers'
			? [customer, ...subCustomersOf(customer).flatMap(rowHolds)]
			: [customer];
	const tenthsByAccount = new Map();
	const addToAccount = (id, tenths) =>
		tenthsByAccount.set(id, (tenthsByAccount.get(id) || 0) + tenths);
	const customerRows = [];
	const counted = new Set();
	for (const customer of customers) {
		if (accountId !== null && customer.accountId !== accountId) continue;
		if (customerId !== null && customer.customerId !== customerId) continue;
		const held = rowHolds(customer);
		const tenths = held.reduce((sum, member) => sum + ownTenths(member), 0);
		customerRows.push({ accountId: customer.accountId, customerId: customer.customerId, tenths });
		for (const member of held.filter((one) => !counted.has(one))) {
			counted.add(member);
			addToAccount(customer.accountId, ownTenths(member));
		}
	}
	if (customerId === null) {
		for (const id of tenthsByAccount.keys())
			addToAccount(id, data.accountTenths(id, firstDay, lastDay));
	}
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
