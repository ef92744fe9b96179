// Comms Usage Trigger, polled in n8n-core's own PollContext against the sandbox, each poll at an
// instant the test gives: for every platform, quiet below the threshold, one item when the
// period's value reaches it, quiet for the rest of that period (a restart included: the static
// data is kept), one item again in the next period, and Fetch Test Event remembering nothing.
const { DateTime } = require('luxon');

const { startScannedSandbox } = require('./engineRun');
const { pollTrigger } = require('../../harness/engine');
const { TRIGGER_FIELDS } = require('../../dist/nodes/shared/trigger');

let sandbox;
beforeAll(async () => {
	sandbox = await startScannedSandbox({});
});
afterAll(async () => await sandbox?.close());
beforeEach(() => sandbox.clearRequests());

/** A day in the middle of the sandbox's data; the next one starts the next daily period. */
const DAY = DateTime.fromISO('2026-11-10T15:00:00Z', { zone: 'utc' });
const NEXT_DAY = DAY.plus({ days: 1 });

const PLATFORMS = [
	{
		platform: 'twilio',
		parameters: { operation: 'usageRecords', category: 'calls-inbound', triggerBy: 'usage' },
		raise: (amount, at) =>
			sandbox.raiseUsage({ platform: 'twilio', category: 'calls-inbound', usage: amount, at }),
		watched: 'usage of calls-inbound',
		timezone: 'UTC',
	},
	{
		platform: 'restcomm',
		parameters: { operation: 'usageRecords', category: 'sms', triggerBy: 'count' },
		raise: (amount, at) =>
			sandbox.raiseUsage({ platform: 'restcomm', category: 'sms', count: amount, at }),
		watched: 'count of sms',
		timezone: 'UTC',
	},
	{
		platform: 'evoVoice',
		parameters: { operation: 'evoVoiceAiMinutes', timezone: 'America/New_York' },
		raise: (amount, at) => sandbox.raiseUsage({ platform: 'evoVoice', aiMinutes: amount, at }),
		watched: 'AI minutes of every account',
		timezone: 'America/New_York',
	},
	{
		platform: 'lumin',
		parameters: {
			operation: 'luminEvents',
			eventTypes: ['billing.scheduled'],
			host: 'trigger-test-host',
			timezone: 'America/Los_Angeles',
		},
		raise: (amount, at) =>
			sandbox.raiseUsage({
				platform: 'lumin',
				type: 'billing.scheduled',
				count: amount,
				host: 'trigger-test-host',
				at,
			}),
		watched: 'billable events of type billing.scheduled for host trigger-test-host',
		timezone: 'America/Los_Angeles',
	},
];

describe.each(PLATFORMS)('Comms Usage Trigger on $platform', (platform) => {
	const credentials = () => ({ commsBillingApi: sandbox.credentials[platform.platform] });
	const trigger = (threshold) => ({
		name: 'Usage',
		type: 'n8n-nodes-comms-billing.commsUsageTrigger',
		parameters: { ...platform.parameters, threshold, recurrence: 'daily' },
	});
	const testEvent = async (threshold, now, staticData = {}) =>
		await pollTrigger(trigger(threshold), {
			credentials: credentials(),
			mode: 'manual',
			staticData,
			now,
		});

	test('quiet below the threshold, one item when crossed, quiet for the rest of the day and after a restart, one again the next day', async () => {
		const before = (await testEvent(0, DAY)).emitted[0][0].json.value;
		const threshold = before + 7;
		let staticData = {};
		const poll = async (now) =>
			(await pollTrigger(trigger(threshold), { credentials: credentials(), staticData, now }))
				.emitted;

		expect(await poll(DAY)).toBeNull();
		expect(sandbox.requests.length).toBeGreaterThan(0);

		platform.raise(7, DAY.toISO());
		const fired = await poll(DAY);
		expect(fired).toHaveLength(1);
		expect(fired[0]).toHaveLength(1);
		const [{ json }] = fired[0];
		expect(Object.keys(json)).toEqual(TRIGGER_FIELDS);
		expect(json).toMatchObject({
			watched: platform.watched,
			threshold,
			reached: true,
			recurrence: 'daily',
			timezone: platform.timezone,
		});
		expect(json.value).toBeCloseTo(before + 7, 6);
		const day = DAY.setZone(platform.timezone);
		expect(json.period_start).toBe(day.startOf('day').toISO());
		expect(json.period_end).toBe(day.endOf('day').toISO());

		// The same day: no item, and the platform is not asked again.
		sandbox.clearRequests();
		const later = DAY.plus({ hours: 1 });
		platform.raise(5, later.toISO());
		expect(await poll(later)).toBeNull();
		// n8n restarted: the workflow's static data is what n8n had saved.
		staticData = JSON.parse(JSON.stringify(staticData));
		expect(await poll(later)).toBeNull();
		expect(sandbox.requests).toEqual([]);

		// The next day is a new period: its own usage must reach the threshold again.
		expect(await poll(NEXT_DAY)).toBeNull();
		platform.raise(threshold, NEXT_DAY.toISO());
		const next = await poll(NEXT_DAY);
		expect(next).toHaveLength(1);
		expect(next[0][0].json.period_start).toBe(
			NEXT_DAY.setZone(platform.timezone).startOf('day').toISO(),
		);
		expect(next[0][0].json.value).toBeGreaterThanOrEqual(threshold);
		expect(await poll(NEXT_DAY)).toBeNull();
	});

	test('Fetch Test Event gives the current value, reached or not, and remembers nothing', async () => {
		const now = DAY.minus({ days: 3 });
		const staticData = {};
		const low = await testEvent(Number.MAX_SAFE_INTEGER, now, staticData);
		expect(low.emitted[0][0].json).toMatchObject({ reached: false, watched: platform.watched });
		const high = await testEvent(0, now, staticData);
		expect(high.emitted[0][0].json.reached).toBe(true);
		expect(high.emitted[0][0].json.value).toBe(low.emitted[0][0].json.value);
		expect(staticData).toEqual({});
		// An active poll of the same period still fires: the test events remembered nothing.
		const active = await pollTrigger(trigger(0), { credentials: credentials(), staticData, now });
		expect(active.emitted).toHaveLength(1);
	});
});

describe('Comms Usage Trigger: each recurrence reads its own period', () => {
	const fetchJson = async (url, authorization) =>
		await (await fetch(url, { headers: { Authorization: authorization } })).json();

	test.each([
		['monthly', 'Monthly', { StartDate: '2026-11-01', EndDate: '2026-11-30' }],
		['yearly', 'Yearly', { StartDate: '2026-01-01', EndDate: '2026-12-31' }],
		['alltime', 'AllTime', {}],
	])(
		'Twilio-compatible, %s: the %s record of the category, its price as the value',
		async (recurrence, subresource, dates) => {
			const { emitted } = await pollTrigger(
				{
					name: 'Usage',
					type: 'n8n-nodes-comms-billing.commsUsageTrigger',
					parameters: {
						operation: 'usageRecords',
						category: 'sms',
						triggerBy: 'price',
						threshold: 0,
						recurrence,
					},
				},
				{ credentials: { commsBillingApi: sandbox.credentials.twilio }, now: DAY },
			);
			const [request] = sandbox.requests;
			expect(request.path).toMatch(new RegExp(`/Usage/Records/${subresource}\\.json$`));
			expect(request.query).toEqual({ Category: 'sms', PageSize: '1000', ...dates });

			const { baseUrl, accountSid, token } = sandbox.credentials.twilio;
			const query = new URLSearchParams({ Category: 'sms', ...dates });
			const page = await fetchJson(
				`${baseUrl}/2010-04-01/Accounts/${accountSid}/Usage/Records/${subresource}.json?${query}`,
				`Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`,
			);
			const price = page.usage_records.reduce((sum, record) => sum + Number(record.price), 0);
			expect(emitted[0][0].json.value).toBeCloseTo(price, 6);
		},
	);

	test("Twilio-compatible: a Custom Category, and Include Subaccounts off reading the account's own usage", async () => {
		const poll = (parameters) =>
			pollTrigger(
				{
					name: 'Usage',
					type: 'n8n-nodes-comms-billing.commsUsageTrigger',
					parameters: {
						operation: 'usageRecords',
						category: 'calls',
						customCategory: 'mms',
						triggerBy: 'count',
						threshold: 0,
						recurrence: 'monthly',
						...parameters,
					},
				},
				{ credentials: { commsBillingApi: sandbox.credentials.twilio }, now: DAY },
			);
		const withSubaccounts = (await poll({})).emitted[0][0].json;
		const alone = (await poll({ includeSubaccounts: false })).emitted[0][0].json;
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ Category: 'mms', StartDate: '2026-11-01', EndDate: '2026-11-30', PageSize: '1000' },
			{
				Category: 'mms',
				StartDate: '2026-11-01',
				EndDate: '2026-11-30',
				IncludeSubaccounts: 'false',
				PageSize: '1000',
			},
		]);
		expect(withSubaccounts.watched).toBe('count of mms');
		expect(alone.value).toBeGreaterThan(0);
		expect(withSubaccounts.value).toBeGreaterThan(alone.value);
	});

	test('Restcomm: a category its server does not compute (totalprice reads the calls) is a parameter error, unless it computes every category', async () => {
		const node = (parameters) => ({
			name: 'Usage',
			type: 'n8n-nodes-comms-billing.commsUsageTrigger',
			parameters: {
				operation: 'usageRecords',
				category: 'totalprice',
				triggerBy: 'price',
				threshold: 0,
				recurrence: 'daily',
				...parameters,
			},
		});
		await expect(
			pollTrigger(node({}), {
				credentials: { commsBillingApi: sandbox.credentials.restcomm },
				now: DAY,
			}),
		).rejects.toThrow(
			/^Invalid parameter "category" in item 0: Restcomm-Connect's server does not compute "totalprice"/,
		);
		expect(sandbox.requests).toEqual([]);
		const { emitted } = await pollTrigger(node({ restcommComputesAllCategories: true }), {
			credentials: { commsBillingApi: sandbox.credentials.restcommAllCategories },
			now: DAY,
		});
		// After the account, read to check the server's zone.
		const [usage] = sandbox.requests.filter((entry) => entry.path.includes('/Usage/'));
		expect(usage.query.Category).toBe('TOTALPRICE');
		expect(emitted[0][0].json.value).toBeGreaterThan(0);
	});

	test('Lumin.ai, all time: every event from before the first until the poll', async () => {
		const { emitted } = await pollTrigger(
			{
				name: 'Usage',
				type: 'n8n-nodes-comms-billing.commsUsageTrigger',
				parameters: {
					operation: 'luminEvents',
					eventTypes: ['billing.rescheduled'],
					threshold: 0,
					recurrence: 'alltime',
					timezone: 'UTC',
				},
			},
			{ credentials: { commsBillingApi: sandbox.credentials.lumin }, now: DAY },
		);
		expect(sandbox.requests[0].body).toMatchObject({
			type: 'billing.rescheduled',
			start: '1970-01-01T00:00:00Z',
			end: '2026-11-10T15:00:00Z',
		});
		const expected = [...sandbox.lumin.events()].filter(
			(event) =>
				event.type === 'billing.rescheduled' && Date.parse(event.timestamp) <= DAY.toMillis(),
		);
		expect(emitted[0][0].json).toMatchObject({
			value: expected.length,
			period_start: null,
			period_end: null,
		});
	});
});

describe('Comms Usage Trigger: bad input and refusals', () => {
	const node = (parameters) => ({
		name: 'Usage',
		type: 'n8n-nodes-comms-billing.commsUsageTrigger',
		parameters: { operation: 'luminEvents', recurrence: 'daily', threshold: 10, ...parameters },
	});
	const poll = (parameters, credentials = sandbox.credentials.lumin) =>
		pollTrigger(node(parameters), { credentials: { commsBillingApi: credentials } });

	test('a negative threshold or a zone that does not exist is a parameter error, before any request', async () => {
		await expect(poll({ threshold: -1 })).rejects.toThrow(
			'Invalid parameter "threshold" in item 0: -1 is not a number of 0 or more',
		);
		await expect(poll({ timezone: 'Mars/Olympus' })).rejects.toThrow(
			'Invalid parameter "timezone" in item 0',
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('a credential of a platform the watch does not read is a clear error, before any request', async () => {
		await expect(poll({}, sandbox.credentials.twilio)).rejects.toThrow(
			'Credential field "platform" does not fit this node (item 0): it is Twilio-compatible API; this node needs Lumin.ai',
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('a refusal is an error that says so, with no token in it, and remembers nothing', async () => {
		const staticData = {};
		const wrong = { ...sandbox.credentials.lumin, token: 'not-the-lumin-token-of-the-sandbox' };
		const refused = pollTrigger(node({}), { credentials: { commsBillingApi: wrong }, staticData });
		await expect(refused).rejects.toThrow(/^Lumin\.ai refused the request with HTTP 401/);
		await refused.catch((error) =>
			expect(
				JSON.stringify({ message: error.message, description: error.description }),
			).not.toContain(wrong.token),
		);
		expect(staticData).toEqual({});
	});
});
