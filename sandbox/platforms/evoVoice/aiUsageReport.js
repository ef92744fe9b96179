'use strict';

// GetAIUsage's answer: AI minutes per account and per customer over a date range. Sums are taken in
// tenths and turned into minutes only at the end.

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The AIUsage body for a parsed request. Account rows add up the customer rows shown, so that a
 * customerId filter narrows both levels alike. Customers without usage in the range show 0.
 * `dataset()` gives the generated data set.
 */
function buildAiUsageReport({ customers, dataset, numbersAsStrings }, request) {
	const { accountId, customerId, startDay, endDay } = request;
	const data = dataset();
	const minutes = (tenths) => (numbersAsStrings ? String(tenths / 10) : tenths / 10);
	const tenthsByAccount = new Map();
	const customerRows = [];
	customers.forEach((customer, index) => {
		if (accountId !== null && customer.accountId !== accountId) return;
		if (customerId !== null && customer.customerId !== customerId) return;
		const tenths = data.sumTenths(
			index,
			startDay === null ? -Infinity : startDay,
			endDay === null ? Infinity : endDay,
		);
		customerRows.push({ accountId: customer.accountId, customerId: customer.customerId, tenths });
		tenthsByAccount.set(
			customer.accountId,
			(tenthsByAccount.get(customer.accountId) || 0) + tenths,
		);
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
