'use strict';

// Evo Voice accounts and their customers. The first account's customers carry the Lumin
// sandbox's host ids, so that a monthly bill can join AI minutes with Lumin billing events.

const FIRST_ACCOUNT_NUMBER = 1001;
const NAMED_CUSTOMERS = [
	['store-001', 'store-002', 'store-003', 'store-004', 'store-005'],
	['clinic-01', 'clinic-02', 'clinic-03'],
];
const OTHER_CUSTOMERS_PER_ACCOUNT = 4;

function customerIdsOf(accountIndex) {
	if (accountIndex < NAMED_CUSTOMERS.length) return NAMED_CUSTOMERS[accountIndex];
	const prefix = `site-${accountIndex + 1}`;
	return Array.from(
		{ length: OTHER_CUSTOMERS_PER_ACCOUNT },
		(_, index) => `${prefix}-${String(index + 1).padStart(2, '0')}`,
	);
}

/**
 * { accounts: [accountId], customers: [{ accountId, customerId, accountIndex, customerIndex,
 * parentId }] }, in id order; the indexes (position within the account) seed each customer's
 * usage. With `nested`, each account's second customer is a child of its first.
 */
function createAccountDirectory(accountCount, nested = false) {
	const accounts = Array.from(
		{ length: accountCount },
		(_, index) => `acct-${FIRST_ACCOUNT_NUMBER + index}`,
	);
	const customers = accounts.flatMap((accountId, accountIndex) =>
		customerIdsOf(accountIndex).map((customerId, customerIndex, ids) => ({
			accountId,
			customerId,
			accountIndex,
			customerIndex,
			parentId: nested && customerIndex === 1 ? ids[0] : null,
		})),
	);
	return { accounts, customers };
}

module.exports = { createAccountDirectory };
