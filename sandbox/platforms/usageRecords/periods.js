'use strict';

const { monthStart, monthEnd, yearStart, yearEnd } = require('../../calendarDays');

// Which periods a subresource answers (docs/vendors.md, "List Subresources"). Daily, Monthly and
// Yearly split the requested range, cut to the days the account has data for; AllTime (and the
// root) is the requested range as one period; Today ... LastMonth are fixed by the clock, and
// StartDate/EndDate narrow them further. Periods are { startDay, endDay }, inclusive.

const SPLITTING = {
	Daily: (day) => [day, day],
	Monthly: (day) => [monthStart(day), monthEnd(day)],
	Yearly: (day) => [yearStart(day), yearEnd(day)],
};
const FIXED = {
	Today: (today) => [today, today],
	Yesterday: (today) => [today - 1, today - 1],
	// Whole months, as Restcomm's own build answers them.
	ThisMonth: (today) => [monthStart(today), monthEnd(today)],
	LastMonth: (today) => [monthStart(today, -1), monthStart(today) - 1],
};
const SUBRESOURCES = ['Daily', 'Monthly', 'Yearly', 'AllTime', ...Object.keys(FIXED)];

/**
 * The periods of `subresource` (null for the root, which is AllTime), in date order.
 * `range` is the request's { startDay, endDay } (null = not given); `data` the data set's
 * { fromDay, toDay }; `today` the sandbox's clock.
 */
function periodsFor(subresource, range, data, today) {
	const start = range.startDay;
	const end = range.endDay;
	if (subresource in FIXED) {
		const [periodStart, periodEnd] = FIXED[subresource](today);
		const startDay = start === null ? periodStart : Math.max(periodStart, start);
		const endDay = end === null ? periodEnd : Math.min(periodEnd, end);
		return startDay <= endDay ? [{ startDay, endDay }] : [];
	}
	if (!(subresource in SPLITTING)) {
		const startDay = start === null ? data.fromDay : start;
		const endDay = end === null ? data.toDay : end;
		return startDay <= endDay ? [{ startDay, endDay }] : [];
	}
	const first = Math.max(start === null ? data.fromDay : start, data.fromDay);
	const last = Math.min(end === null ? data.toDay : end, data.toDay);
	const periods = [];
	for (let day = first; day <= last; ) {
		const [, periodEnd] = SPLITTING[subresource](day);
		periods.push({ startDay: day, endDay: Math.min(periodEnd, last) });
		day = periodEnd + 1;
	}
	return periods;
}

module.exports = { periodsFor, SUBRESOURCES };
