// The Time Zone list: the workflow's zone first, UTC, every zone under its current name labelled
// with its old ones, the fixed offsets; searched as n8n's editor searches an options list (the
// labels that hold what is typed, in any case).
const { describe, expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');

const { timeZoneChoices, zoneNames } = require('../../nodes/shared/timeZoneChoices');
const { OLD_ZONE_NAMES } = require('../../nodes/shared/timeZoneNames');
const { isValidTimeZone, presetRange } = require('../../nodes/shared/billingPeriod');

/** The entries whose label holds `typed`, as the editor's search of a list finds them. */
const search = (
	/** @type {Array<{ name: string, value: string }>} */ choices,
	/** @type {string} */ typed,
) => choices.filter((choice) => choice.name.toLowerCase().includes(typed.toLowerCase()));

describe('the Time Zone list', () => {
	const choices = timeZoneChoices({ defaultZone: 'Europe/Berlin' });

	test('"Kolkata", "Kyiv" and "Ho Chi Minh" find their zones, under the current name and the old', () => {
		expect(search(choices, 'Kolkata')).toEqual([
			{ name: 'Asia/Kolkata (Asia/Calcutta)', value: 'Asia/Kolkata' },
		]);
		expect(search(choices, 'kyiv')).toEqual([
			{
				name: 'Europe/Kyiv (Europe/Kiev, Europe/Uzhgorod, Europe/Zaporozhye)',
				value: 'Europe/Kyiv',
			},
		]);
		expect(search(choices, 'Ho Chi Minh')).toEqual([
			{ name: 'Asia/Ho Chi Minh (Asia/Saigon)', value: 'Asia/Ho_Chi_Minh' },
		]);
		expect(search(choices, 'Buenos Aires')).toEqual([
			{
				name: 'America/Argentina/Buenos Aires (America/Buenos Aires)',
				value: 'America/Argentina/Buenos_Aires',
			},
		]);
		// The old names find the same entries.
		expect(search(choices, 'Calcutta')).toEqual(search(choices, 'Kolkata'));
		expect(search(choices, 'Kiev')).toEqual(search(choices, 'Kyiv'));
		expect(search(choices, 'Saigon')).toEqual(search(choices, 'Ho Chi Minh'));
	});

	test("the workflow's zone first (n8n's default named), then UTC, the zones by label, the offsets in order", () => {
		expect(choices[0]).toEqual({
			name: "Workflow's Time Zone",
			value: '',
			description: "The zone in the workflow's settings; without one, n8n's default: Europe/Berlin",
		});
		expect(choices[1]).toEqual({ name: 'UTC', value: 'UTC' });
		const offsets = choices.filter((choice) => /^UTC[+-]/.test(choice.value));
		const zones = choices.slice(2, choices.length - offsets.length);
		expect(choices.slice(-offsets.length)).toEqual(offsets);
		const labels = zones.map((zone) => zone.name);
		expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
		expect(offsets.map((offset) => offset.value)).toEqual([
			'UTC-12:00',
			'UTC-11:00',
			'UTC-10:00',
			'UTC-09:30',
			'UTC-09:00',
			'UTC-08:00',
			'UTC-07:00',
			'UTC-06:00',
			'UTC-05:00',
			'UTC-04:00',
			'UTC-03:30',
			'UTC-03:00',
			'UTC-02:00',
			'UTC-01:00',
			'UTC+01:00',
			'UTC+02:00',
			'UTC+03:00',
			'UTC+03:30',
			'UTC+04:00',
			'UTC+04:30',
			'UTC+05:00',
			'UTC+05:30',
			'UTC+05:45',
			'UTC+06:00',
			'UTC+06:30',
			'UTC+07:00',
			'UTC+08:00',
			'UTC+08:45',
			'UTC+09:00',
			'UTC+09:30',
			'UTC+10:00',
			'UTC+10:30',
			'UTC+11:00',
			'UTC+12:00',
			'UTC+12:45',
			'UTC+13:00',
			'UTC+14:00',
		]);
		expect(timeZoneChoices()[0].description).toBe(
			"The zone in the workflow's settings; without one, n8n's default",
		);
	});

	test('every zone Intl lists, once, valued by its current name; labels with spaces for underscores', () => {
		const values = choices.map((choice) => choice.value);
		expect(new Set(values).size).toBe(values.length);
		for (const listed of Intl.supportedValuesOf('timeZone'))
			expect(values).toContain(zoneNames(listed)[0]);
		for (const choice of choices.slice(1)) {
			expect(isValidTimeZone(choice.value)).toBe(true);
			expect(choice.name).not.toContain('_');
			expect(choice.name.startsWith(choice.value.replace(/_/g, ' '))).toBe(true);
		}
		// Intl lists these under their old names only.
		for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'America/Buenos_Aires'])
			expect(values).not.toContain(old);
		expect(search(choices, 'Los Angeles')).toEqual([
			{ name: 'America/Los Angeles (PST8PDT, US/Pacific)', value: 'America/Los_Angeles' },
		]);
		expect(search(choices, 'Port-au-Prince')).toEqual([
			{ name: 'America/Port-au-Prince', value: 'America/Port-au-Prince' },
		]);
	});

	test('a zone saved under its old name keeps that value, so the editor shows it as chosen', () => {
		const saved = timeZoneChoices({ saved: 'Asia/Calcutta' });
		expect(search(saved, 'Kolkata')).toEqual([
			{ name: 'Asia/Kolkata (Asia/Calcutta)', value: 'Asia/Calcutta' },
		]);
		expect(saved.length).toBe(choices.length);
		// Saved under its current name, or an offset on the list: the list as it is.
		for (const value of ['Asia/Kolkata', 'UTC+05:30', '', '={{ $json.zone }}'])
			expect(timeZoneChoices({ saved: value }).map((choice) => choice.value)).toEqual(
				choices.map((choice) => choice.value),
			);
	});

	test("a valid zone saved outside the list is listed after the workflow's; an invalid one is not", () => {
		expect(timeZoneChoices({ saved: 'utc+2' }).slice(0, 3)).toEqual([
			expect.objectContaining({ value: '' }),
			{ name: 'utc+2', value: 'utc+2', description: 'As saved in this node' },
			{ name: 'UTC', value: 'UTC' },
		]);
		expect(timeZoneChoices({ saved: 'Mars/Olympus' }).length).toBe(choices.length);
	});
});

describe("a zone's old and current names", () => {
	const nows = ['2026-01-15T12:00:00Z', '2026-03-29T00:30:00Z', '2026-10-25T23:30:00Z'].map(
		(text) => DateTime.fromISO(text),
	);
	/** @param {{ start: DateTime, end: DateTime }} range */
	const instants = ({ start, end }) => [start.toMillis(), end.toMillis()];

	test('both validate and give the same periods, to the instant', () => {
		for (const [current, old] of OLD_ZONE_NAMES) {
			for (const name of [current, ...old])
				expect([name, isValidTimeZone(name)]).toEqual([name, true]);
			for (const now of nows)
				for (const period of /** @type {const} */ (['thisMonth', 'lastMonth', 'last7Days'])) {
					const expected = instants(presetRange(period, current, now));
					for (const name of old)
						expect([name, period, instants(presetRange(period, name, now))]).toEqual([
							name,
							period,
							expected,
						]);
				}
		}
	});

	test('every name of a zone names its current one first', () => {
		expect(zoneNames('Asia/Calcutta')).toEqual(['Asia/Kolkata', 'Asia/Calcutta']);
		expect(zoneNames('Asia/Kolkata')).toEqual(['Asia/Kolkata', 'Asia/Calcutta']);
		expect(zoneNames('Europe/Paris')).toEqual(['Europe/Paris']);
	});
});
