'use strict';

const { dayOfDate, parseDayOrDateTime } = require('../../calendarDays');
const {
	UsageSpecError,
	checkSpecKeys,
	readAmount,
	readAt,
	checkDayInData,
} = require('../../usageRaises');

// A usage raise on Evo Voice: { platform, aiMinutes, customerId?, accountId?, at? }.

// The data set keeps AI minutes in tenths (aiMinutes.js).
const TENTHS_PER_MINUTE = 10;

/** The index in `customers` of the customer a spec names, or of its account's first customer. */
function customerIndexOf(spec, { customers, accounts }) {
	const { accountId, customerId } = spec;
	if (accountId !== undefined && !accounts.includes(accountId)) {
		throw new UsageSpecError(`accountId must be one of ${accounts.join(', ')}`);
	}
	if (customerId === undefined) {
		const account = accountId === undefined ? accounts[0] : accountId;
		return customers.findIndex((customer) => customer.accountId === account);
	}
	const index = customers.findIndex(
		(customer) =>
			customer.customerId === customerId &&
			(accountId === undefined || customer.accountId === accountId),
	);
	if (index === -1) {
		const owner = accountId === undefined ? '' : ` of ${accountId}`;
		throw new UsageSpecError(`customerId must name a customer${owner}, not ${customerId}`);
	}
	return index;
}

/**
 * { customerIndex, day, tenths } for a spec, or throws UsageSpecError. Without customerId the
 * minutes go to the first customer of the account (by default the first account): GetAIUsage's
 * account rows add up their customers' rows, so that is how an account's usage rises.
 * The day is `at`'s date as written, in its own offset, as GetAIUsage reads a date-time; without
 * `at`, today's GMT date, as the data's range is counted.
 */
function readEvoVoiceRaise(spec, { customers, accounts, dataRange }) {
	checkSpecKeys(spec, ['aiMinutes', 'customerId', 'accountId', 'at']);
	const tenths = readAmount(spec, 'aiMinutes', { perUnit: TENTHS_PER_MINUTE, required: true });
	const customerIndex = customerIndexOf(spec, { customers, accounts });
	const at = readAt(spec);
	const day = at === null ? dayOfDate(new Date()) : parseDayOrDateTime(at.text);
	checkDayInData(day, dataRange);
	return { customerIndex, day, tenths };
}

module.exports = { readEvoVoiceRaise };
