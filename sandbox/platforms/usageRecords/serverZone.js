'use strict';

const { DateTime, FixedOffsetZone } = require('luxon');

// The time zone of Restcomm-Connect's server, under the zone rules its Joda-Time has: every place
// where the restcomm flavour turns a day into an instant, or an instant into a local day and time,
// asks this module (restcommWindows.js, readDate in flavours.js, the clock in usageRecords.js,
// date_created in accounts.js).
//
// Two rule sets, setting `zoneRules`:
// - 'current': Node's own tzdata (process.versions.tz), through Intl.
// - '2016j': IANA tzdata 2016j, the release Joda-Time 2.9.7 carries, which Restcomm-Connect
//   bundles (docs/vendors.md, "Zone rules older than Node's"). Its data is moment-timezone 0.5.11's
//   (the dev dependency tzdata-2016j), whose transitions run to 2037; after the last one a zone
//   keeps its last offset.
//
// A local time maps to an instant as Joda-Time maps it: in an overlap (the clocks set back) the
// earlier instant; in a gap (the clocks set forward) no instant at all. Joda's strict parse of a
// date then throws (IllegalInstantException), so a day without a local midnight is a date the
// server cannot read. Where the server itself moves a time (a day added to a time of day, the
// clock's fixed time of day) a time in a gap is moved forward by the gap, and a local day starts at
// its first instant (the end of the gap when its midnight is in one). Both assume a zone's
// transitions to be more than a day apart, as they are in every zone from 1970 on.

const ZONE_RULES = ['current', '2016j'];
const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60000;
const MS_PER_DAY = 86400000;
// Intl's "GMT-03:00" (with seconds before 1972 in a few zones; "GMT" alone for zero).
const LONG_OFFSET = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;

let moment2016j = null;

/** tzdata 2016j's zones (moment-timezone 0.5.11), loaded when first asked for. */
function zones2016j() {
	moment2016j = moment2016j || require('tzdata-2016j');
	return moment2016j.tz;
}

/** Node's rules for a zone, or null when Intl does not know it. */
function currentRules(timeZone) {
	let format;
	try {
		format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
	} catch {
		return null;
	}
	const offsetAt = (instant) => {
		const [, sign, hours, minutes, seconds = '0'] = LONG_OFFSET.exec(format.format(instant));
		if (!sign) return 0;
		const offset = Number(hours) * 60 + Number(minutes) + Number(seconds) / 60;
		return sign === '-' ? -offset : offset;
	};
	/**
	 * Intl names no transitions: they are found by asking every `step` and narrowing each change
	 * to the second (tzdata's transitions are whole seconds). Two within one step would be missed.
	 */
	function transitionsBetween(from, to, step = MS_PER_DAY) {
		const found = [];
		for (let at = from, before = offsetAt(from); at < to; ) {
			const next = Math.min(at + step, to);
			const after = offsetAt(next);
			if (after !== before) {
				let [low, high] = [Math.floor(at / MS_PER_SECOND), Math.ceil(next / MS_PER_SECOND)];
				while (high - low > 1) {
					const middle = Math.floor((low + high) / 2);
					if (offsetAt(middle * MS_PER_SECOND) === before) low = middle;
					else high = middle;
				}
				found.push(high * MS_PER_SECOND);
			}
			[at, before] = [next, after];
		}
		return found;
	}
	return { offsetAt, transitionsBetween };
}

/** tzdata 2016j's rules for a zone (or link), or null when 2016j does not have it. */
function rules2016j(timeZone) {
	const zone = zones2016j().zone(timeZone);
	if (!zone) return null;
	// untils[i] is the instant at which offsets[i] (minutes west of GMT) ends.
	const { untils, offsets } = zone;
	const offsetAt = (instant) => {
		let [low, high] = [0, untils.length - 1];
		while (low < high) {
			const middle = Math.floor((low + high) / 2);
			if (instant < untils[middle]) high = middle;
			else low = middle + 1;
		}
		return -offsets[low] || 0;
	};
	const transitionsBetween = (from, to) =>
		untils.filter((until, index) => index < untils.length - 1 && until > from && until <= to);
	return { offsetAt, transitionsBetween };
}

/**
 * A zone's rules under `zoneRules`: { offsetAt(instant) in minutes east of GMT,
 * transitionsBetween(from, to): the instants in (from, to] at which its offset changes }, or null
 * when that rule set does not know the zone.
 */
function zoneRuleSet(timeZone, zoneRules) {
	if (zoneRules === '2016j') return rules2016j(timeZone);
	if (zoneRules === 'current') return currentRules(timeZone);
	throw new TypeError(`zoneRules must be one of ${ZONE_RULES.join(', ')}`);
}

/** The names tzdata 2016j has, zones and links, sorted. */
const namesIn2016j = () => zones2016j().names();

/** The server's zone: `timeZone` (IANA) under `zoneRules` ('current' or '2016j'). */
function createServerZone(timeZone, zoneRules = 'current') {
	const rules = zoneRuleSet(timeZone, zoneRules);
	if (!rules) throw new TypeError(`${timeZone} is not a zone of tzdata ${zoneRules}`);
	const { offsetAt } = rules;

	/** The instants whose local time is `local` (ms since 1970 on the local clock), earliest first. */
	function instantsAt(local) {
		const candidates = new Set([local - MS_PER_DAY, local, local + MS_PER_DAY].map(offsetAt));
		const instants = [...candidates]
			.map((offset) => local - offset * MS_PER_MINUTE)
			.filter((instant) => instant + offsetAt(instant) * MS_PER_MINUTE === local);
		return { instants: instants.sort((a, b) => a - b), candidates: [...candidates] };
	}

	/** The instant of a day and time (ms of the day) on the server's clock, moved past a gap. */
	function atLocal(day, msOfDay = 0) {
		const local = day * MS_PER_DAY + msOfDay;
		const { instants, candidates } = instantsAt(local);
		// In a gap: read with the offset before it, which lands as far past the gap as it was in.
		return instants.length > 0 ? instants[0] : local - Math.min(...candidates) * MS_PER_MINUTE;
	}

	/** The server's local day (since 1970) and time of an instant. */
	function localOf(instant) {
		const local = instant + offsetAt(instant) * MS_PER_MINUTE;
		const day = Math.floor(local / MS_PER_DAY);
		const msOfDay = local - day * MS_PER_DAY;
		return {
			day,
			msOfDay,
			hour: Math.floor(msOfDay / 3600000),
			minute: Math.floor(msOfDay / MS_PER_MINUTE) % 60,
		};
	}

	return {
		timeZone,
		zoneRules,
		/** Minutes east of GMT at an instant. */
		offsetAt,
		/** The instant of a day's local midnight; null when it has none (Joda's parse throws). */
		midnightOf: (day) => instantsAt(day * MS_PER_DAY).instants[0] ?? null,
		/** The first instant of a local day. */
		startOfDay: (day) => atLocal(day),
		atLocal,
		localOf,
		/** `days` calendar days from an instant, at the same local time (moved past a gap). */
		plusDays(instant, days) {
			const { day, msOfDay } = localOf(instant);
			return atLocal(day + days, msOfDay);
		},
		/** A luxon DateTime of the instant at the server's offset then, for formatting. */
		dateTimeOf: (instant) =>
			DateTime.fromMillis(instant, { zone: FixedOffsetZone.instance(offsetAt(instant)) }),
	};
}

module.exports = { ZONE_RULES, createServerZone, zoneRuleSet, namesIn2016j };
