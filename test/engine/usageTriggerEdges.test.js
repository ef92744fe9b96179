// Comms Usage Trigger at the edges, polled in n8n-core's own PollContext against the sandbox, each
// poll at an instant the test gives: one crossing gives exactly one item whatever the overlap of
// two polls, a clock stepping back, the shape of the stored state or the moment of the crossing; an
// edited watch starts afresh; an unreadable figure and a list that never ends fail the poll.
const { DateTime } = require('luxon');

const { startScannedSandbox } = require('./engineRun');
const { pollTrigger } = require('../../harness/engine');

let sandbox;
beforeAll(async () => {
	sandbox = await startScannedSandbox({});
});
afterAll(async () => await sandbox?.close());
beforeEach(() => {
	sandbox.clearRequests();
	sandbox.clearFaults();
});

const utc = (text) => DateTime.fromISO(text, { zone: 'utc' });

/** A Twilio watch of calls-inbound usage, daily, with the given parameters. */
const twilioWatch = (parameters) => ({
	name: 'Usage',
	type: 'n8n-nodes-comms-billing.commsUsageTrigger',
	parameters: {
		operation: 'usageRecords',
		category: 'calls-inbound',
		triggerBy: 'usage',
		recurrence: 'daily',
		threshold: 0,
		...parameters,
	},
});
/** One poll of `node` at the instant `now`. */
const poll = async (node, staticData, now, platform = 'twilio') =>
	(
		await pollTrigger(node, {
			credentials: { commsBillingApi: sandbox.credentials[platform] },
			staticData,
			now,
		})
	).emitted;
/** The watched value at `now`, as Fetch Test Event gives it. */
const valueAt = async (node, now) =>
	(
		await pollTrigger(node, {
			credentials: { commsBillingApi: sandbox.credentials.twilio },
			mode: 'manual',
			now,
		})
	).emitted[0][0].json.value;
const raise = (usage, instant) =>
	sandbox.raiseUsage({ platform: 'twilio', category: 'calls-inbound', usage, at: instant.toISO() });

async function until(condition) {
	while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('Comms Usage Trigger: one crossing, one item', () => {
	test("two overlapping polls: the one started while the other's request is held sends nothing and fires nothing", async () => {
		const now = utc('2026-11-03T12:00:00');
		const staticData = {};
		sandbox.injectFault({ platform: 'twilio', delayMs: 400 });
		let firstDone = false;
		const first = poll(twilioWatch({}), staticData, now).finally(() => {
			firstDone = true;
		});
		await until(() => sandbox.requests.length === 1);

		const second = await poll(twilioWatch({}), staticData, now);
		expect(firstDone).toBe(false);
		expect(second).toBeNull();
		expect(sandbox.requests.map((entry) => entry.fault)).toEqual(['delay 400ms']);

		const fired = await first;
		expect(fired[0]).toHaveLength(1);
		expect(fired[0][0].json.period_start).toBe('2026-11-03T00:00:00.000Z');
		expect(sandbox.requests).toHaveLength(1);
		expect(await poll(twilioWatch({}), staticData, now)).toBeNull();
	});

	test('a clock that steps back across midnight does not fire the day before again', async () => {
		const staticData = {};
		expect(
			(await poll(twilioWatch({}), staticData, utc('2026-11-04T23:50:00')))[0][0].json.period_start,
		).toBe('2026-11-04T00:00:00.000Z');
		expect(
			(await poll(twilioWatch({}), staticData, utc('2026-11-05T00:05:00')))[0][0].json.period_start,
		).toBe('2026-11-05T00:00:00.000Z');
		sandbox.clearRequests();
		expect(await poll(twilioWatch({}), staticData, utc('2026-11-04T23:58:00'))).toBeNull();
		expect(sandbox.requests).toEqual([]);
	});

	test.each([
		['a key with a trailing space', { firedIn: 'daily 2026-11-06 UTC ' }],
		['a key with the zone spelled Etc/UTC', { firedIn: 'daily 2026-11-06 Etc/UTC' }],
		['an instant of the day as a number', { firedIn: utc('2026-11-06T08:00:00').toMillis() }],
		['the first shape as written', { firedIn: 'daily 2026-11-06 UTC' }],
	])('stored state with %s: the day already fired, no request', async (_, stored) => {
		const staticData = JSON.parse(JSON.stringify(stored));
		expect(await poll(twilioWatch({}), staticData, utc('2026-11-06T15:00:00'))).toBeNull();
		expect(sandbox.requests).toEqual([]);
		expect(staticData).toMatchObject({ version: 2, fired: [{ watch: null }], claims: [] });
	});

	test('stored state that cannot be read is dropped: the day fires once, then the new shape holds', async () => {
		const now = utc('2026-11-06T16:00:00');
		const staticData = { version: 2, fired: 'x', claims: [null, 5] };
		expect(await poll(twilioWatch({}), staticData, now)).toHaveLength(1);
		expect(await poll(twilioWatch({}), JSON.parse(JSON.stringify(staticData)), now)).toBeNull();
	});

	test('Lumin.ai: a watch fired with the zone Etc/UTC does not fire again once it reads UTC', async () => {
		const now = utc('2026-11-06T15:00:00');
		const lumin = (timezone) => ({
			name: 'Usage',
			type: 'n8n-nodes-comms-billing.commsUsageTrigger',
			parameters: {
				operation: 'luminEvents',
				eventTypes: ['billing.scheduled'],
				timezone,
				recurrence: 'daily',
				threshold: 0,
			},
		});
		const staticData = {};
		expect(await poll(lumin('Etc/UTC'), staticData, now, 'lumin')).toHaveLength(1);
		sandbox.clearRequests();
		expect(await poll(lumin('UTC'), staticData, now, 'lumin')).toBeNull();
		expect(sandbox.requests).toEqual([]);
	});

	test('a crossing in the last poll interval of a day fires at the first poll of the next, within the grace window', async () => {
		const lastPoll = utc('2026-11-07T23:50:00');
		const firstPoll = utc('2026-11-08T00:05:00');
		const dayValue = await valueAt(twilioWatch({}), lastPoll);
		const threshold = Math.max(dayValue, await valueAt(twilioWatch({}), firstPoll)) + 5;
		const withGrace = {};
		const withoutGrace = {};
		const watch = (graceMinutes) =>
			twilioWatch({
				threshold,
				...(graceMinutes === undefined ? {} : { options: { graceMinutes } }),
			});

		expect(await poll(watch(), withGrace, lastPoll)).toBeNull();
		expect(await poll(watch(0), withoutGrace, lastPoll)).toBeNull();
		raise(threshold - dayValue, utc('2026-11-07T23:55:00'));

		expect(await poll(watch(0), withoutGrace, firstPoll)).toBeNull();
		const fired = await poll(watch(), withGrace, firstPoll);
		expect(fired[0]).toHaveLength(1);
		expect(fired[0][0].json).toMatchObject({
			period_start: '2026-11-07T00:00:00.000Z',
			period_end: '2026-11-07T23:59:59.999Z',
			reached: true,
		});
		expect(fired[0][0].json.value).toBeCloseTo(threshold, 6);
		// Once fired, the ended day is not read again, and past the window it is not read at all.
		sandbox.clearRequests();
		expect(await poll(watch(), withGrace, utc('2026-11-08T00:20:00'))).toBeNull();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].query.StartDate).toBe('2026-11-08');
	});

	test("within the grace window, the ended day refused: the current day's crossing fires, and the ended day is read again at the next poll", async () => {
		const staticData = {};
		sandbox.injectFault({ platform: 'twilio', status: 403, times: 1 });
		const fired = await poll(twilioWatch({}), staticData, utc('2026-11-14T00:05:00'));
		expect(sandbox.requests.map((entry) => [entry.query.StartDate, entry.status])).toEqual([
			['2026-11-13', 403],
			['2026-11-14', 200],
		]);
		expect(fired[0].map(({ json }) => json.period_start)).toEqual(['2026-11-14T00:00:00.000Z']);
		const next = await poll(twilioWatch({}), staticData, utc('2026-11-14T00:20:00'));
		expect(next[0].map(({ json }) => json.period_start)).toEqual(['2026-11-13T00:00:00.000Z']);
		expect(await poll(twilioWatch({}), staticData, utc('2026-11-14T00:35:00'))).toBeNull();
	});

	test('an edited watch starts afresh in a period its former self fired in', async () => {
		const now = utc('2026-11-09T12:00:00');
		const staticData = {};
		expect(await poll(twilioWatch({ threshold: 0 }), staticData, now)).toHaveLength(1);
		expect(await poll(twilioWatch({ threshold: 0 }), staticData, now)).toBeNull();
		expect(await poll(twilioWatch({ threshold: 1 }), staticData, now)).toHaveLength(1);
		expect(
			await poll(twilioWatch({ threshold: 1, triggerBy: 'count' }), staticData, now),
		).toHaveLength(1);
		expect(
			await poll(twilioWatch({ threshold: 1, triggerBy: 'count' }), staticData, now),
		).toBeNull();
		// Options are not the watch: a longer grace window fires nothing again.
		expect(
			await poll(
				twilioWatch({ threshold: 1, triggerBy: 'count', options: { graceMinutes: 90 } }),
				staticData,
				now,
			),
		).toBeNull();
	});

	test('a claim left by a poll that never finished holds for an hour, then no longer', async () => {
		const now = utc('2026-11-12T12:00:00');
		const staticData = {};
		await poll(twilioWatch({}), staticData, now);
		const [fired] = staticData.fired;
		const claimed = (minutesAgo) => ({
			version: 2,
			fired: [],
			claims: [
				{
					period: fired.period,
					watch: fired.watch,
					at: now.minus({ minutes: minutesAgo }).toISO(),
				},
			],
		});
		expect(await poll(twilioWatch({}), claimed(30), now)).toBeNull();
		expect(await poll(twilioWatch({}), claimed(61), now)).toHaveLength(1);
	});
});

describe('Comms Usage Trigger: answers that cannot be counted fail the poll', () => {
	test.each([
		['usage', 'abc'],
		['usage', '1,000.5'],
	])(
		'a %s of %j is an error naming the record and the field, and nothing is remembered',
		async (field, value) => {
			sandbox.injectFault({
				platform: 'twilio',
				status: 200,
				body: {
					usage_records: [
						{
							category: 'calls-inbound',
							account_sid: sandbox.twilio.accounts[0],
							start_date: '2026-11-13',
							end_date: '2026-11-13',
							usage: '3',
							price: '0.01',
							[field]: value,
						},
					],
					next_page_uri: null,
				},
			});
			const staticData = {};
			await expect(poll(twilioWatch({}), staticData, utc('2026-11-13T12:00:00'))).rejects.toThrow(
				`Twilio-compatible API answered the usage record of "calls-inbound" for 2026-11-13 to 2026-11-13 with ${field} ${JSON.stringify(value)}, which is not a plain number`,
			);
			expect(staticData).toEqual({});
		},
	);

	test.each([
		['twilio', {}, 100],
		['twilio', { options: { maxPages: 5 } }, 5],
		['lumin', {}, 100],
	])(
		'%s %j: a server that never sends a last page fails the poll at Max Pages, %i requests',
		async (platform, parameters, pages) => {
			sandbox.injectFault({ platform, endlessPages: true, times: 0 });
			const node =
				platform === 'twilio'
					? twilioWatch(parameters)
					: {
							name: 'Usage',
							type: 'n8n-nodes-comms-billing.commsUsageTrigger',
							parameters: {
								operation: 'luminEvents',
								eventTypes: ['billing.scheduled'],
								timezone: 'UTC',
								recurrence: 'daily',
								threshold: 0,
								...parameters,
							},
						};
			await expect(poll(node, {}, utc('2026-11-13T12:00:00'), platform)).rejects.toThrow(
				`after ${pages} (Max Pages)`,
			);
			expect(sandbox.requests).toHaveLength(pages);
		},
	);
});
