'use strict';

// Restcomm-Connect's server under the zone rules of its Joda-Time (setting zoneRules): Joda-Time
// 2.9.7 carries tzdata 2016j, where São Paulo still sets its clocks forward at midnight on the third
// Sunday of October, Santiago on the second Sunday of August, and Cairo not at all. A date with no
// local midnight there cannot be parsed, and is ignored as a malformed one is; the server's days
// run from its own local midnights. The amounts are held against usageBetween, the data set's own
// sums between two instants written out by hand here.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { startSandbox } = require('../../sandbox');
const { basicHeader } = require('./sandboxHttp');
const { listAll, recordAmounts } = require('./usageRecordsHelpers');

const TODAY = '2026-12-02';

/** Runs `check` against a restcomm sandbox with these settings, then closes it. */
async function withRestcomm(settings, check) {
	const sandbox = await startSandbox({
		restcomm: { today: TODAY, timeOfDay: '12:00', ...settings },
	});
	try {
		return await check(sandbox);
	} finally {
		await sandbox.close();
	}
}

/** A list's records as [start_date, end_date, amounts]. */
async function listed(sandbox, subresource, query) {
	const records = await listAll(sandbox, 'restcomm', subresource, { Category: 'CALLS', ...query });
	return records.map((record) => [record.start_date, record.end_date, recordAmounts(record)]);
}

/** The data set's calls between two instants, as Restcomm-Connect sums them: CEIL of minutes. */
function callsBetween(sandbox, from, to) {
	const [sid] = sandbox.restcomm.accounts;
	const { usageTenths, count, priceUnits } = sandbox.restcomm.usageBetween(sid, 'calls', from, to);
	return { usageTenths: Math.ceil(usageTenths / 10) * 10, count, priceUnits };
}

/**
 * Lists Daily from the first of `days` to the last, and expects a record for each (Restcomm-Connect
 * ends it on the next day) with the calls from its bound in `bounds` to the next one.
 */
async function expectDaily(sandbox, days, bounds) {
	const daily = await listed(sandbox, 'Daily', { StartDate: days[0], EndDate: days.at(-1) });
	expect(daily).toEqual(
		days.map((day, index) => [
			day,
			new Date(Date.parse(day) + 86400000).toISOString().slice(0, 10),
			callsBetween(sandbox, bounds[index], bounds[index + 1]),
		]),
	);
	return daily;
}

/** Where the server read StartDate and EndDate: its AllTime record's labels, `start..end`. */
async function labelsOf(sandbox, StartDate, EndDate) {
	const [record, ...others] = await listed(sandbox, 'AllTime', { StartDate, EndDate });
	expect(others).toEqual([]);
	return `${record[0]}..${record[1]}`;
}

describe('sandbox: Restcomm-Connect under the zone rules of its Joda-Time (zoneRules)', () => {
	test('São Paulo under 2016j: 2026-10-18 has no midnight, so StartDate=2026-10-18 is read as none (from 1970) and EndDate=2026-10-18 as now', async () => {
		await withRestcomm({ timeZone: 'America/Sao_Paulo', zoneRules: '2016j' }, async (sandbox) => {
			const fromGap = await listed(sandbox, 'AllTime', {
				StartDate: '2026-10-18',
				EndDate: '2026-10-31',
			});
			const without = await listed(sandbox, 'AllTime', { EndDate: '2026-10-31' });
			// West of GMT, 1970's first instant is on 1969-12-31.
			expect(fromGap.map(([start, end]) => [start, end])).toEqual([['1969-12-31', '2026-10-31']]);
			expect(fromGap).toEqual(without);
			expect(await labelsOf(sandbox, '2026-10-01', '2026-10-18')).toBe(`2026-10-01..${TODAY}`);
			expect(await labelsOf(sandbox, '2026-10-17', '2026-10-19')).toBe('2026-10-17..2026-10-19');
		});
	});

	test("São Paulo under 2016j: a Daily list's 2026-10-18 runs from its first instant, 01:00 -02 (03:00 GMT), to the 19th's midnight -02 (02:00 GMT)", async () => {
		await withRestcomm({ timeZone: 'America/Sao_Paulo', zoneRules: '2016j' }, async (sandbox) => {
			const daily = await expectDaily(
				sandbox,
				['2026-10-17', '2026-10-18', '2026-10-19'],
				[
					'2026-10-17T03:00:00Z',
					'2026-10-18T03:00:00Z',
					'2026-10-19T02:00:00Z',
					'2026-10-20T02:00:00Z',
				],
			);
			// 23 hours: not the 24 of Node's rules.
			expect(daily[1][2]).not.toEqual(
				callsBetween(sandbox, '2026-10-18T03:00:00Z', '2026-10-19T03:00:00Z'),
			);
		});
	});

	test("São Paulo under Node's rules (the default), which have no summer time since 2019: 2026-10-18 is read, and is 24 hours long", async () => {
		await withRestcomm({ timeZone: 'America/Sao_Paulo' }, async (sandbox) => {
			expect(sandbox.restcomm.settings.zoneRules).toBe('current');
			expect(await labelsOf(sandbox, '2026-10-18', '2026-10-19')).toBe('2026-10-18..2026-10-19');
			await expectDaily(sandbox, ['2026-10-18'], ['2026-10-18T03:00:00Z', '2026-10-19T03:00:00Z']);
		});
	});

	test('Santiago under 2016j: 2026-08-09 (second Sunday of August) has no midnight; under current rules 2026-09-06 (first Sunday of September) has none', async () => {
		await withRestcomm({ timeZone: 'America/Santiago', zoneRules: '2016j' }, async (sandbox) => {
			expect(await labelsOf(sandbox, '2026-08-09', '2026-08-31')).toBe('1969-12-31..2026-08-31');
			expect(await labelsOf(sandbox, '2026-09-06', '2026-09-30')).toBe('2026-09-06..2026-09-30');
			await expectDaily(
				sandbox,
				['2026-08-08', '2026-08-09', '2026-08-10'],
				[
					'2026-08-08T04:00:00Z',
					'2026-08-09T04:00:00Z',
					'2026-08-10T03:00:00Z',
					'2026-08-11T03:00:00Z',
				],
			);
		});
		await withRestcomm({ timeZone: 'America/Santiago' }, async (sandbox) => {
			expect(await labelsOf(sandbox, '2026-08-09', '2026-08-31')).toBe('2026-08-09..2026-08-31');
			expect(await labelsOf(sandbox, '2026-09-06', '2026-09-30')).toBe('1969-12-31..2026-09-30');
		});
	});

	test('Cairo: no summer time in 2016j, so 2026-04-24 is read; under current rules (summer time from the last Friday of April at 00:00) it is not', async () => {
		const read = (zoneRules) =>
			withRestcomm({ timeZone: 'Africa/Cairo', zoneRules }, (sandbox) =>
				labelsOf(sandbox, '2026-04-24', '2026-04-30'),
			);
		expect(await read('2016j')).toBe('2026-04-24..2026-04-30');
		// East of GMT, 1970's first instant is on 1970-01-01.
		expect(await read('current')).toBe('1970-01-01..2026-04-30');
	});

	test("writes date_created at the 2016j offsets: São Paulo's January is summer time, -0200", async () => {
		const dates = (zoneRules) =>
			withRestcomm(
				{ timeZone: 'America/Sao_Paulo', zoneRules, from: '2025-02-01' },
				async (sandbox) => {
					const { baseUrl, accountSid, token } = sandbox.credentials.restcomm;
					const get = async (file) => {
						const headers = { authorization: basicHeader(accountSid, token) };
						return (await fetch(`${baseUrl}/2012-04-24/${file}`, { headers })).json();
					};
					const [subaccount] = await get('Accounts.json');
					const main = await get(`Accounts/${accountSid}.json`);
					return [main.date_created, subaccount.date_created];
				},
			);
		// Made 2025-01-02 09:00 GMT and 2025-01-31 14:30 GMT (30 days and 1 day before the data).
		expect(await dates('2016j')).toEqual([
			'Thu, 2 Jan 2025 07:00:00 -0200',
			'Fri, 31 Jan 2025 12:30:00 -0200',
		]);
		expect(await dates('current')).toEqual([
			'Thu, 2 Jan 2025 06:00:00 -0300',
			'Fri, 31 Jan 2025 11:30:00 -0300',
		]);
	});

	test.each([
		['America/New_York', 'current', '2026-11-01T00:00:00-04:00', '2026-12-01T00:00:00-05:00'],
		['America/Sao_Paulo', '2016j', '2026-11-01T00:00:00-02:00', '2026-12-01T00:00:00-02:00'],
		['UTC', 'current', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'],
	])(
		"usageBetween agrees with an AllTime list of November's whole days in %s (%s)",
		async (timeZone, zoneRules, from, to) => {
			await withRestcomm({ timeZone, zoneRules }, async (sandbox) => {
				const [[, , amounts]] = await listed(sandbox, 'AllTime', {
					StartDate: '2026-11-01',
					EndDate: '2026-11-30',
				});
				expect(amounts).toEqual(callsBetween(sandbox, from, to));
				const [sms] = await listAll(sandbox, 'restcomm', 'AllTime', {
					Category: 'SMS',
					StartDate: '2026-11-01',
					EndDate: '2026-11-30',
				});
				const [sid] = sandbox.restcomm.accounts;
				const truth = sandbox.restcomm.usageBetween(sid, 'sms', from, to);
				expect(sms.usage).toBe(truth.usage);
				expect(recordAmounts(sms)).toEqual({
					usageTenths: truth.usageTenths,
					count: truth.count,
					priceUnits: truth.priceUnits,
				});
			});
		},
	);

	test('usageBetween answers exact text, the data as it is, and refuses what it cannot read', async () => {
		await withRestcomm({}, async (sandbox) => {
			const [sid, subSid] = sandbox.restcomm.accounts;
			const day = sandbox.restcomm.usageBetween(
				sid,
				'calls',
				'2026-11-02T00:00:00Z',
				'2026-11-03T00:00:00Z',
			);
			expect(day.usage).toBe(String(day.usageTenths / 10));
			expect(day.price).toMatch(/^\d+\.\d{5}$/);
			expect(Math.round(Number(day.price) * 1e5)).toBe(day.priceUnits);
			// The same instants written at another offset, and the day as the sum of its hours.
			expect(
				sandbox.restcomm.usageBetween(
					sid,
					'calls',
					'2026-11-01T19:00:00-05:00',
					'2026-11-02T19:00:00-05:00',
				),
			).toEqual(day);
			const halves = [
				['2026-11-02T00:00:00Z', '2026-11-02T13:00:00Z'],
				['2026-11-02T13:00:00Z', '2026-11-03T00:00:00Z'],
			].map(([from, to]) => sandbox.restcomm.usageBetween(sid, 'calls', from, to));
			expect(halves[0].count + halves[1].count).toBe(day.count);
			expect(halves[0].priceUnits + halves[1].priceUnits).toBe(day.priceUnits);
			expect(
				sandbox.restcomm.usageBetween(
					subSid,
					'calls',
					'2026-11-02T00:00:00Z',
					'2026-11-03T00:00:00Z',
				),
			).not.toEqual(day);
			expect(() =>
				sandbox.restcomm.usageBetween(sid, 'calls', '2026-11-02', '2026-11-03T00:00:00Z'),
			).toThrow('fromIso must be an ISO 8601 instant with Z or an offset');
			expect(() =>
				sandbox.restcomm.usageBetween(sid, 'CALLS', '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'),
			).toThrow('CALLS is no category of restcomm');
			expect(() =>
				sandbox.restcomm.usageBetween(
					'ACnone00000000',
					'calls',
					'2026-11-02T00:00:00Z',
					'2026-11-03T00:00:00Z',
				),
			).toThrow('no account ACnone00000000');
		});
	});

	test.each([
		[{ restcomm: { zoneRules: '2017a' } }, 'restcomm.zoneRules must be one of current, 2016j'],
		[{ twilio: { zoneRules: '2016j' } }, 'twilio.zoneRules is a setting of restcomm only'],
		// Punta Arenas became a zone of its own in tzdata 2017a.
		[
			{ restcomm: { zoneRules: '2016j', timeZone: 'America/Punta_Arenas' } },
			'restcomm.timeZone America/Punta_Arenas is not a zone of tzdata 2016j',
		],
	])('refuses %j at start', async (options, message) => {
		await expect(startSandbox(options)).rejects.toThrow(message);
	});

	test('names the setting in npm run sandbox -- --help', () => {
		const help = execFileSync(
			process.execPath,
			[path.join(__dirname, '../../sandbox/cli.js'), '--help'],
			{ encoding: 'utf8' },
		);
		expect(help).toContain('  zoneRules (restcomm), e.g. "2016j":');
	});
});
