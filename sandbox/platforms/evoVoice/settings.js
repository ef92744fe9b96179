'use strict';

const { toDay, dayOfDate, monthStart, formatDay } = require('../../calendarDays');

// The options of startSandbox({ evoVoice }) with their defaults, checked once at start.

const DEFAULT_SETTINGS = {
	seed: 11,
	accountCount: 2,
	numbersAsStrings: false,
	adminUserName: 'admin@evovoice.test',
	adminPassword: 'evo-sandbox-password',
	agentUserName: 'agent@evovoice.test',
	agentPassword: 'evo-agent-password',
	// GetAIUsage refuses a request without startDate or endDate, as the vendor's CLI says.
	datesRequired: true,
	// endDate read as the first day not counted, rather than the last day counted.
	endDateExclusive: false,
	// Customers with a parent (the CLI: customers are hierarchical; ListCustomers gives each
	// customer's parentCustomerId).
	nestedCustomers: false,
	// What a parent's GetAIUsage row holds: its own minutes, or its sub-customers' too (not
	// published).
	customerRows: 'includeSubCustomers',
	// The AI minutes served: generated, or the hand table of handTable.js.
	dataSet: 'generated',
	// The most customers a page of ListCustomers holds, whatever countPerPage asks (0: as asked).
	maxCountPerPage: 0,
};
const CUSTOMER_ROWS = ['own', 'includeSubCustomers'];
const DATA_SETS = ['generated', 'handTable'];
const RANGE_KEYS = ['from', 'to'];
const MAX_ACCOUNTS = 26;
// Ten years of days per customer are kept in memory: plenty for a billing sandbox.
const MAX_DAYS = 3660;
const DEFAULT_MONTHS_BACK = 14;

function isWholeNumber(value, min, max = Number.MAX_SAFE_INTEGER) {
	return Number.isSafeInteger(value) && value >= min && value <= max;
}

function resolveSettings(options = {}, now = new Date()) {
	const unknown = Object.keys(options).filter(
		(key) => !(key in DEFAULT_SETTINGS) && !RANGE_KEYS.includes(key),
	);
	if (unknown.length > 0) throw new TypeError(`Unknown evoVoice options: ${unknown.join(', ')}`);
	const settings = { ...DEFAULT_SETTINGS, ...options };
	// User names and passwords travel in a Basic header: `user:password`, so no colon in names.
	for (const key of ['adminUserName', 'agentUserName']) {
		if (typeof settings[key] !== 'string' || !/^[^\s:]+$/.test(settings[key])) {
			throw new TypeError(`evoVoice.${key} must be a non-empty string without spaces or colons`);
		}
	}
	if (settings.adminUserName.toLowerCase() === settings.agentUserName.toLowerCase()) {
		throw new TypeError('evoVoice.adminUserName and evoVoice.agentUserName must differ');
	}
	for (const key of ['adminPassword', 'agentPassword']) {
		if (typeof settings[key] !== 'string' || settings[key] === '') {
			throw new TypeError(`evoVoice.${key} must be a non-empty string`);
		}
	}
	if (!isWholeNumber(settings.seed, 0)) {
		throw new TypeError('evoVoice.seed must be a whole number, 0 or more');
	}
	if (!isWholeNumber(settings.accountCount, 1, MAX_ACCOUNTS)) {
		throw new TypeError(`evoVoice.accountCount must be a whole number from 1 to ${MAX_ACCOUNTS}`);
	}
	for (const key of ['numbersAsStrings', 'datesRequired', 'endDateExclusive', 'nestedCustomers']) {
		if (typeof settings[key] !== 'boolean') {
			throw new TypeError(`evoVoice.${key} must be true or false`);
		}
	}
	if (!CUSTOMER_ROWS.includes(settings.customerRows)) {
		throw new TypeError(`evoVoice.customerRows must be one of ${CUSTOMER_ROWS.join(', ')}`);
	}
	if (!DATA_SETS.includes(settings.dataSet)) {
		throw new TypeError(`evoVoice.dataSet must be one of ${DATA_SETS.join(', ')}`);
	}
	if (!isWholeNumber(settings.maxCountPerPage, 0)) {
		throw new TypeError('evoVoice.maxCountPerPage must be a whole number, 0 or more');
	}
	const today = dayOfDate(now);
	const fromDay =
		settings.from === undefined ? monthStart(today, -DEFAULT_MONTHS_BACK) : toDay(settings.from);
	const toDayNumber = settings.to === undefined ? today : toDay(settings.to);
	if (fromDay === null || toDayNumber === null || fromDay < 0) {
		throw new TypeError(
			'evoVoice.from and evoVoice.to must be Dates, YYYY-MM-DD or ISO 8601 date-times, from 1970 on',
		);
	}
	if (fromDay > toDayNumber) throw new TypeError('evoVoice.from must not be after evoVoice.to');
	if (toDayNumber - fromDay + 1 > MAX_DAYS) {
		throw new TypeError(`evoVoice.from to evoVoice.to must span at most ${MAX_DAYS} days`);
	}
	const resolved = { ...settings, fromDay, toDay: toDayNumber };
	delete resolved.from;
	delete resolved.to;
	return resolved;
}

/** The settings as `sandbox.evoVoice.settings` shows them. */
function describeSettings(settings) {
	const { fromDay, toDay: lastDay, ...rest } = settings;
	return { ...rest, from: formatDay(fromDay), to: formatDay(lastDay) };
}

module.exports = { resolveSettings, describeSettings, DEFAULT_SETTINGS };
