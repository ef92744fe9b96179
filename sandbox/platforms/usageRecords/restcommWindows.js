'use strict';

const { DateTime } = require('luxon');
const { formatDay, monthStart, monthEnd, yearStart, yearEnd } = require('../../calendarDays');

// The windows of time Restcomm-Connect's server computes a list over (master c67f1423:
// UsageEndpoint.java getUsage, usage.xml): `date_created >= start AND date_created < end + 1 day`,
// with start and end Joda DateTimes in the server's own time zone. StartDate and EndDate are
// parsed there as midnight (1970 without StartDate, the current instant without EndDate); Today,
// Yesterday, ThisMonth and LastMonth take the current instant with its time of day, and ignore
// StartDate and EndDate: Today is [now, now + 1 day), always empty; Yesterday the last 24 hours;
// LastMonth run at 09:00 on the 2nd runs from the 1st of last month 09:00 to the 1st 09:00. Each
// record is labelled with start and end's dates, a Monthly or Yearly one with its whole month or
// year. Usage happens only before now. Days are numbered in the server's calendar.

const MS_PER_MINUTE = 60000;

const dayNumberOf = (instant) =>
	DateTime.fromISO(instant.toISODate(), { zone: 'utc' }).toMillis() / 86400000;

/** The local instant of a day number at a time of day, in the zone. */
const atDay = (zone, day, time = { hour: 0, minute: 0 }) =>
	DateTime.fromISO(formatDay(day), { zone }).set(time);

/** Start and end as the endpoint reads them (before its `+ 1 day`). */
function startAndEnd(subresource, range, now) {
	const zone = now.zoneName;
	const today = dayNumberOf(now);
	const time = { hour: now.hour, minute: now.minute };
	switch (subresource) {
		case 'Today':
			return [now, now];
		case 'Yesterday':
			return [now.minus({ days: 1 }), now.minus({ days: 1 })];
		case 'ThisMonth':
			return [atDay(zone, monthStart(today), time), atDay(zone, monthEnd(today), time)];
		case 'LastMonth':
			return [atDay(zone, monthStart(today, -1), time), atDay(zone, monthStart(today) - 1, time)];
		default:
			return [
				range.startDay === null
					? DateTime.fromMillis(0, { zone }).startOf('day')
					: atDay(zone, range.startDay),
				range.endDay === null ? now : atDay(zone, range.endDay),
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
 * request's StartDate and EndDate as day numbers (null when not given or not YYYY-MM-DD); `now` is
 * the server's current instant, in its zone; `data` the data set's { fromDay }.
 */
function restcommWindows(subresource, range, now, data) {
	const [start, end] = startAndEnd(subresource, range, now);
	const windowEnd = DateTime.min(end.plus({ days: 1 }), now);
	const minute = (instant) => Math.floor(instant.toMillis() / MS_PER_MINUTE);
	if (!(subresource in GROUPS)) {
		return [
			{
				startDay: dayNumberOf(start),
				endDay: dayNumberOf(end),
				fromMinute: minute(start),
				toMinute: Math.max(minute(start), minute(windowEnd)),
			},
		];
	}
	const periods = [];
	const zone = now.zoneName;
	// Groups before the data hold no usage, and so no record: start at the data.
	for (let day = Math.max(dayNumberOf(start), data.fromDay - 1); atDay(zone, day) < windowEnd; ) {
		const [labelStart, labelEnd] = GROUPS[subresource](day);
		const groupEnd = atDay(zone, labelEnd + 1);
		periods.push({
			startDay: labelStart,
			endDay: labelEnd,
			fromMinute: minute(DateTime.max(atDay(zone, day), start)),
			toMinute: minute(DateTime.min(groupEnd, windowEnd)),
		});
		day = labelEnd + 1;
	}
	return periods;
}

module.exports = { restcommWindows };
