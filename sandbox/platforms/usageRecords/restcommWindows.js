'use strict';

const { monthStart, monthEnd, yearStart, yearEnd } = require('../../calendarDays');

// The windows of time Restcomm-Connect's server computes a list over (master c67f1423:
// UsageEndpoint.java getUsage, usage.xml): `date_created >= start AND date_created < end + 1 day`,
// with start and end Joda DateTimes in the server's own time zone. StartDate and EndDate are
// parsed there as midnight (1970 without StartDate, the current instant without EndDate); Today,
// Yesterday, ThisMonth and LastMonth take the current instant with its time of day, and ignore
// StartDate and EndDate: Today is [now, now + 1 day), always empty; Yesterday the last 24 hours;
// LastMonth run at 09:00 on the 2nd runs from the 1st of last month 09:00 to the 1st 09:00. Each
// record is labelled with start and end's dates, a Monthly or Yearly one with its whole month or
// year. Usage happens only before now. Days are numbered in the server's calendar.
//
// Every day and instant is the server zone's (serverZone.js), under the zone rules of its
// Joda-Time (setting zoneRules): a StartDate or EndDate whose local midnight does not exist there
// cannot be parsed (IllegalInstantException), and reaches this module as not given (flavours.js,
// readDate). A Daily, Monthly or Yearly group runs from the first instant of its first local day
// (past a gap at midnight) to the first instant of the day after it.

const MS_PER_MINUTE = 60000;

/** Start and end (instants) as the endpoint reads them (before its `+ 1 day`). */
function startAndEnd(subresource, range, now, zone) {
	const { day: today, hour, minute } = zone.localOf(now);
	const atTime = (day) => zone.atLocal(day, (hour * 60 + minute) * MS_PER_MINUTE);
	switch (subresource) {
		case 'Today':
			return [now, now];
		case 'Yesterday':
			return [zone.plusDays(now, -1), zone.plusDays(now, -1)];
		case 'ThisMonth':
			return [atTime(monthStart(today)), atTime(monthEnd(today))];
		case 'LastMonth':
			return [atTime(monthStart(today, -1)), atTime(monthStart(today) - 1)];
		default:
			return [
				range.startDay === null
					? zone.startOfDay(zone.localOf(0).day)
					: zone.midnightOf(range.startDay),
				range.endDay === null ? now : zone.midnightOf(range.endDay),
			];
	}
}

// How Daily, Monthly and Yearly group a window, and label each group.
const GROUPS = {
	Daily: (day) => [day, day],
	Monthly: (day) => [monthStart(day), monthEnd(day)],
	Yearly: (day) => [yearStart(day), yearEnd(day)],
};

/**
 * The records' periods of a list: [{ startDay, endDay, fromMinute, toMinute }], the labels as day
 * numbers and the usage window in minutes since 1970 (UTC), `toMinute` excluded. `range` holds the
 * request's StartDate and EndDate as day numbers (null when not given or not readable); `now` is
 * the server's current instant (ms), `zone` its zone (serverZone.js); `data` the data set's
 * { fromDay }.
 */
function restcommWindows(subresource, range, now, data, zone) {
	const [start, end] = startAndEnd(subresource, range, now, zone);
	const windowEnd = Math.min(zone.plusDays(end, 1), now);
	const minute = (instant) => Math.floor(instant / MS_PER_MINUTE);
	if (!(subresource in GROUPS)) {
		return [
			{
				startDay: zone.localOf(start).day,
				endDay: zone.localOf(end).day,
				fromMinute: minute(start),
				toMinute: Math.max(minute(start), minute(windowEnd)),
			},
		];
	}
	const periods = [];
	// Groups before the data hold no usage, and so no record: start at the data.
	const firstDay = Math.max(zone.localOf(start).day, data.fromDay - 1);
	for (let day = firstDay; zone.startOfDay(day) < windowEnd; ) {
		const [labelStart, labelEnd] = GROUPS[subresource](day);
		const groupEnd = zone.startOfDay(labelEnd + 1);
		periods.push({
			startDay: labelStart,
			endDay: labelEnd,
			fromMinute: minute(Math.max(zone.startOfDay(day), start)),
			toMinute: minute(Math.min(groupEnd, windowEnd)),
		});
		day = labelEnd + 1;
	}
	return periods;
}

module.exports = { restcommWindows };
