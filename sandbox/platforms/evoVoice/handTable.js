'use strict';

// Who used what, written out by hand: each customer's own AI minutes per day, and the minutes of
// an account that no customer holds (no customerId). With nestedCustomers, store-002 is
// store-001's child and clinic-02 is clinic-01's. October 2026 of acct-1001 is the case of the
// issue "Hierarchies reconciled": store-001 30 own minutes, its child store-002 20, store-003 20,
// the account itself 30, 100 in all; a parent's row that includes its child's reads 50.
const HAND_TABLE = Object.freeze([
	{ date: '2026-10-05', accountId: 'acct-1001', customerId: 'store-001', aiMinutes: 12.5 },
	{ date: '2026-10-06', accountId: 'acct-1001', customerId: 'store-002', aiMinutes: 8 },
	{ date: '2026-10-08', accountId: 'acct-1001', aiMinutes: 10 },
	{ date: '2026-10-13', accountId: 'acct-1001', customerId: 'store-003', aiMinutes: 20 },
	{ date: '2026-10-14', accountId: 'acct-1002', customerId: 'clinic-01', aiMinutes: 7.5 },
	{ date: '2026-10-19', accountId: 'acct-1001', customerId: 'store-001', aiMinutes: 17.5 },
	{ date: '2026-10-21', accountId: 'acct-1002', customerId: 'clinic-02', aiMinutes: 4.5 },
	{ date: '2026-10-27', accountId: 'acct-1001', customerId: 'store-002', aiMinutes: 12 },
	{ date: '2026-10-31', accountId: 'acct-1001', aiMinutes: 20 },
]);

module.exports = { HAND_TABLE };
