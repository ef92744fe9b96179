'use strict';

// Restcomm-Connect's windows of time, as its server computes them (master c67f1423): Today,
// Yesterday, ThisMonth and LastMonth from the current instant with its time of day, StartDate and
// EndDate read as midnights in the server's own zone, Monthly labelled whole.
const { basicHeader, readReply } = require('./sandboxHttp');
const { startSandbox } = require('../../sandbox');

/** The records of one Restcomm-Connect list, as [start_date, end_date, count, price]. */
async function records(sandbox, subresource, query = {}) {
	const { baseUrl, accountSid, token } = sandbox.credentials.restcomm;
	const search = new URLSearchParams({ Category: 'CALLS', ...query });
	const response = await fetch(
		`${baseUrl}/2012-04-24/Accounts/${accountSid}/Usage/Records/${subresource}.json?${search}`,
		{ headers: { authorization: basicHeader(accountSid, token) } },
	);
	const { status, json } = await readReply(response);
	expect(status).toBe(200);
	return json.map((record) => [record.start_date, record.end_date, record.count, record.price]);
}

/** Runs `check` against a restcomm sandbox with these settings, then closes it. */
async function withRestcomm(settings, check) {
	const sandbox = await startSandbox({ restcomm: settings });
	try {
		return await check(sandbox);
	} finally {
		await sandbox.close();
	}
}

const NOVEMBER = { StartDate: '2026-11-01', EndDate: '2026-11-30' };

describe('sandbox: Restcomm-Connect windows of time', () => {
	test.each(['00:00', '09:00', '23:59'])(
		'answers Today with no record, at %s',
		async (timeOfDay) => {
			await withRestcomm({ today: '2026-12-02', timeOfDay }, async (sandbox) => {
				expect(await records(sandbox, 'Today')).toEqual([]);
				// There was usage today before that instant (none yet at 00:00).
				const daily = await records(sandbox, 'Daily', { StartDate: '2026-12-02' });
				expect(daily.length).toBe(timeOfDay === '00:00' ? 0 : 1);
			});
		},
	);

	test('answers LastMonth at 09:00 on the 2nd from the 1st of last month 09:00 to the 1st 09:00, labelled as the whole month', async () => {
		const [atNine, atMidnight] = await Promise.all(
			['09:00', '00:00'].map((timeOfDay) =>
				withRestcomm({ today: '2026-12-02', timeOfDay }, async (sandbox) => ({
					lastMonth: await records(sandbox, 'LastMonth'),
					november: await records(sandbox, 'AllTime', NOVEMBER),
				})),
			),
		);
		for (const { lastMonth } of [atNine, atMidnight]) {
			expect(lastMonth.map(([start, end]) => [start, end])).toEqual([['2026-11-01', '2026-11-30']]);
		}
		// At midnight the window is the month; at 09:00 it is shifted by nine hours.
		expect(atMidnight.lastMonth).toEqual(atMidnight.november);
		expect(atNine.november).toEqual(atMidnight.november);
		expect(atNine.lastMonth).not.toEqual(atNine.november);
	});

	test('answers Yesterday with the last 24 hours, labelled yesterday', async () => {
		const at = (timeOfDay) =>
			withRestcomm({ today: '2026-12-02', timeOfDay }, (sandbox) => records(sandbox, 'Yesterday'));
		const [midnight, nine] = [await at('00:00'), await at('09:00')];
		const december1 = await withRestcomm({ today: '2026-12-02', timeOfDay: '00:00' }, (sandbox) =>
			records(sandbox, 'AllTime', { StartDate: '2026-12-01', EndDate: '2026-12-01' }),
		);
		expect(midnight).toEqual(december1);
		expect(nine[0].slice(0, 2)).toEqual(['2026-12-01', '2026-12-01']);
		expect(nine).not.toEqual(december1);
	});

	test('labels a Monthly record as its whole month when StartDate cuts it, its usage the days asked', async () => {
		await withRestcomm({ today: '2026-12-02' }, async (sandbox) => {
			const monthly = await records(sandbox, 'Monthly', {
				StartDate: '2026-10-15',
				EndDate: '2026-11-30',
			});
			expect(monthly.map(([start, end]) => [start, end])).toEqual([
				['2026-10-01', '2026-10-31'],
				['2026-11-01', '2026-11-30'],
			]);
			const [cut] = await records(sandbox, 'AllTime', {
				StartDate: '2026-10-15',
				EndDate: '2026-10-31',
			});
			expect(monthly[0].slice(2)).toEqual(cut.slice(2));
		});
	});

	test('reads StartDate and EndDate as midnights in its own time zone, not GMT', async () => {
		const november = (timeZone) =>
			withRestcomm({ today: '2026-12-02', timeZone }, (sandbox) =>
				records(sandbox, 'AllTime', NOVEMBER),
			);
		const [utc, newYork] = [await november('UTC'), await november('America/New_York')];
		expect(newYork.map(([start, end]) => [start, end])).toEqual([['2026-11-01', '2026-11-30']]);
		expect(newYork).not.toEqual(utc);
	});

	test.each([
		[{ timeOfDay: '25:00' }, /timeOfDay must be HH:MM/],
		[{ timeZone: 'Mars/Olympus' }, /timeZone must be an IANA time zone/],
	])('refuses the settings %j at start', async (settings, message) => {
		await expect(startSandbox({ restcomm: settings })).rejects.toThrow(message);
	});

	test('keeps the settings to the restcomm flavour', async () => {
		await expect(startSandbox({ twilio: { timeOfDay: '09:00' } })).rejects.toThrow(
			'twilio.timeOfDay is a setting of restcomm only',
		);
	});
});
