// Usage Records' days as the user means them: a date-time is the calendar date it is written with,
// and on Restcomm every day is the server's, in the credential's Server Time Zone. Each test
// asserts the days on the wire, and the money against the sandbox's own truth (what its data holds
// between two instants, never computed by the node's rules).
const { DateTime } = require('luxon');
const { Decimal } = require('decimal.js');

const { singleNodeWorkflow } = require('../../harness/workflows');
const { pollTrigger } = require('../../harness/engine');
const { runScanned, startScannedSandbox, useSandbox } = require('./engineRun');

const NEW_YORK = 'America/New_York';
let sandbox;
useSandbox(
	// A New York server whose clock stands after every month these tests bill.
	{ restcomm: { timeZone: NEW_YORK, today: '2027-02-01', timeOfDay: '00:00' } },
	(started) => (sandbox = started),
);

const utc = (text) => DateTime.fromISO(text, { zone: 'utc' });
const newYorkServer = () => ({ ...sandbox.credentials.restcomm, serverTimeZone: NEW_YORK });
const usageQueries = () =>
	sandbox.requests
		.filter((entry) => entry.path.includes('/Usage/'))
		.map((entry) => [entry.path.split('/').pop(), entry.query.StartDate, entry.query.EndDate]);

/** One run of Usage Records at `now`: its Success items' json, or its error. */
async function usageRecords(parameters, credentials, now) {
	sandbox.clearRequests();
	const result = await runScanned(
		singleNodeWorkflow('Usage', { type: 'restcommUsageRecords', parameters }),
		{ credentials: { commsBillingApi: credentials }, now },
	);
	if (result.error) return { error: result.error };
	return { items: result.outputs('Usage')[0].map(({ json }) => json) };
}

/** The USD the lines bill, added exactly. */
const billed = (lines) =>
	lines.reduce((total, line) => total.plus(String(line.amount ?? 0)), new Decimal(0));

/** What the sandbox's main Restcomm account spent on calls and sms between two instants. */
function truth(from, to) {
	const { accountSid } = sandbox.credentials.restcomm;
	return ['calls', 'sms'].reduce(
		(total, category) =>
			total.plus(
				sandbox.restcomm.usageBetween(accountSid, category, from.toISO(), to.toISO()).price,
			),
		new Decimal(0),
	);
}
const newYorkMonth = (month) => {
	const start = DateTime.fromISO(`${month}-01`, { zone: NEW_YORK });
	return [start, start.plus({ months: 1 })];
};

describe('a date-time is the calendar date it is written with', () => {
	test.each([
		[
			"Berlin's 1 November 00:00 and New York's 30 November 23:59:59, as DateTimes",
			"={{ DateTime.fromISO('2026-11-01T00:00', { zone: 'Europe/Berlin' }) }}",
			"={{ DateTime.fromISO('2026-11-30T23:59:59', { zone: 'America/New_York' }) }}",
		],
		[
			'the same as ISO text with offsets',
			'2026-11-01T00:00:00.000+01:00',
			'2026-11-30T23:59:59-05:00',
		],
		[
			"Tokyo's 1 November 00:00 and Berlin's 30 November 00:30 (29 November in GMT), as DateTimes",
			"={{ DateTime.fromISO('2026-11-01T00:00', { zone: 'Asia/Tokyo' }) }}",
			"={{ DateTime.fromISO('2026-11-30T00:30', { zone: 'Europe/Berlin' }) }}",
		],
	])('%s: 2026-11-01 to 2026-11-30 on the wire', async (_, startDate, endDate) => {
		const parameters = { operation: 'daily', category: 'calls', startDate, endDate };
		await usageRecords(parameters, sandbox.credentials.twilio, utc('2026-12-03T12:00:00'));
		expect(usageQueries()).toEqual([['Daily.json', '2026-11-01', '2026-11-30']]);
		await usageRecords(parameters, newYorkServer(), utc('2026-12-03T12:00:00'));
		expect(usageQueries()).toEqual([['Daily.json', '2026-11-01', '2026-11-30']]);
	});
});

describe('a New York server: the periods are its days', () => {
	const lastMonth = { operation: 'lastMonth', category: 'leaves', outputMode: 'invoiceLines' };

	test('Last Month at 06:00 GMT on 1 December is November, to the sandbox’s truth', async () => {
		const { items } = await usageRecords(lastMonth, newYorkServer(), utc('2026-12-01T06:00:00'));
		expect(usageQueries()).toEqual([
			['AllTime.json', '2026-11-01', '2026-11-30'],
			['AllTime.json', '2026-11-01', '2026-11-30'],
		]);
		expect(billed(items).toString()).toBe(truth(...newYorkMonth('2026-11')).toString());
		const calls = items.find((line) => line.category === 'calls');
		const { accountSid } = sandbox.credentials.restcomm;
		const [from, to] = newYorkMonth('2026-11').map((instant) => instant.toISO());
		expect(String(calls.amount)).toBe('290.22591');
		expect(calls.amount).toBe(
			Number(sandbox.restcomm.usageBetween(accountSid, 'calls', from, to).price),
		);
	});

	test('at 02:00 GMT on 1 December the server is still in November: Last Month is October, and its lines say so', async () => {
		const { items } = await usageRecords(lastMonth, newYorkServer(), utc('2026-12-01T02:00:00'));
		expect(items.map((line) => [line.category, line.period_start, line.period_end])).toEqual([
			['calls', '2026-10-01', '2026-10-31'],
			['sms', '2026-10-01', '2026-10-31'],
		]);
		expect(billed(items).toString()).toBe(truth(...newYorkMonth('2026-10')).toString());
	});

	test('monthly runs at 02:00 GMT from November to February bill every unit exactly once', async () => {
		let total = new Decimal(0);
		for (const run of ['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']) {
			const at = utc(`${run}T02:00:00`);
			// The server's clock at the run, in New York the evening before: usage up to now only.
			const local = at.setZone(NEW_YORK);
			const server = await startScannedSandbox({
				restcomm: {
					timeZone: NEW_YORK,
					today: local.toISODate(),
					timeOfDay: local.toFormat('HH:mm'),
				},
			});
			try {
				const result = await runScanned(
					singleNodeWorkflow('Usage', { type: 'restcommUsageRecords', parameters: lastMonth }),
					{
						credentials: {
							commsBillingApi: { ...server.credentials.restcomm, serverTimeZone: NEW_YORK },
						},
						now: at,
					},
				);
				total = total.plus(billed(result.outputs('Usage')[0].map(({ json }) => json)));
			} finally {
				await server.close();
			}
		}
		const [from] = newYorkMonth('2026-09');
		const [, to] = newYorkMonth('2026-12');
		expect(total.toString()).toBe(truth(from, to).toString());
	});

	test.each([
		['02:00 GMT on 1 December', '2026-12-01T02:00:00', '2026-11-30'],
		['04:59 GMT on 1 December', '2026-12-01T04:59:59', '2026-11-30'],
		['05:00 GMT on 1 December', '2026-12-01T05:00:00', '2026-12-01'],
		['the evening before summer time begins', '2026-03-08T04:30:00', '2026-03-07'],
		['the night summer time ends', '2026-11-01T05:30:00', '2026-11-01'],
	])('Today at %s reads the server’s day', async (_, now, day) => {
		await usageRecords({ operation: 'today', category: 'calls' }, newYorkServer(), utc(now));
		expect(usageQueries()).toEqual([['AllTime.json', day, day]]);
	});

	test('offsets count from the server’s today', async () => {
		const parameters = {
			operation: 'daily',
			category: 'calls',
			startDate: '-1days',
			endDate: '+0days',
		};
		await usageRecords(parameters, newYorkServer(), utc('2026-12-01T02:00:00'));
		expect(usageQueries()).toEqual([['Daily.json', '2026-11-29', '2026-11-30']]);
	});

	test('the usage trigger’s day is the server’s day', async () => {
		await pollTrigger(
			{
				name: 'Usage',
				type: 'n8n-nodes-comms-billing.commsUsageTrigger',
				parameters: {
					operation: 'usageRecords',
					category: 'calls',
					triggerBy: 'usage',
					recurrence: 'daily',
					threshold: 1,
				},
			},
			{
				credentials: { commsBillingApi: newYorkServer() },
				now: utc('2026-12-01T02:00:00'),
				mode: 'manual',
			},
		).then(({ emitted }) => {
			expect(emitted[0][0].json).toMatchObject({
				period_start: '2026-11-30T00:00:00.000-05:00',
				timezone: NEW_YORK,
			});
		});
		expect(usageQueries()).toEqual([['Daily.json', '2026-11-30', '2026-11-30']]);
	});

	test('a Server Time Zone that does not fit the server is a credential error naming both offsets, before any usage is read', async () => {
		const { error } = await usageRecords(
			lastMonth,
			{ ...sandbox.credentials.restcomm, serverTimeZone: 'UTC' },
			utc('2026-12-01T06:00:00'),
		);
		expect(error.message).toMatch(
			/^Credential field "serverTimeZone" does not fit the Restcomm server: the server wrote the account's date as .* \(UTC-0[45]:00\), while UTC was UTC\+00:00 then/,
		);
		expect(usageQueries()).toEqual([]);
	});

	test('a Server Time Zone that is no zone is a credential error before any request', async () => {
		const { error } = await usageRecords(
			lastMonth,
			{ ...sandbox.credentials.restcomm, serverTimeZone: 'New York' },
			utc('2026-12-01T06:00:00'),
		);
		expect(error.message).toMatch(/^Credential field "serverTimeZone" does not fit this node/);
		expect(sandbox.requests).toEqual([]);
	});
});

describe("a server on older zone rules (Restcomm-Connect's tzdata 2016j): a boundary day without a midnight there", () => {
	const servers = {};
	beforeAll(async () => {
		for (const zone of ['America/Sao_Paulo', 'America/Santiago'])
			servers[zone] = await startScannedSandbox({
				restcomm: { timeZone: zone, zoneRules: '2016j', today: '2026-12-02', timeOfDay: '12:00' },
			});
	});
	afterAll(async () => await Promise.all(Object.values(servers).map((server) => server.close())));

	/** Usage Records on the zone's server, and the queries it received. */
	async function onServer(zone, parameters) {
		const server = servers[zone];
		server.clearRequests();
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				parameters: { category: 'calls', ...parameters },
			}),
			{
				credentials: { commsBillingApi: { ...server.credentials.restcomm, serverTimeZone: zone } },
				now: utc('2026-12-02T15:00:00'),
			},
		);
		const [success, failure] = result.outputs('Usage');
		expect(failure).toEqual([]);
		const queries = server.requests
			.filter((entry) => entry.path.includes('/Usage/'))
			.map((entry) => [entry.path.split('/').pop(), entry.query.StartDate, entry.query.EndDate]);
		return { records: success.map(({ json }) => json), queries, server };
	}
	/** The sandbox's calls between two instants: its own data, its price exact. */
	const callsBetween = (server, from, to) =>
		server.restcomm.usageBetween(server.credentials.restcomm.accountSid, 'calls', from, to);

	test.each([
		[
			"São Paulo's 2026-10-18 (summer time from 00:00 in 2016j) as the first day",
			'America/Sao_Paulo',
			['2026-10-18', '2026-10-31'],
			[
				['Daily.json', '2026-10-17', '2026-10-19'],
				['AllTime.json', '2026-10-19', '2026-10-31'],
			],
			// The server's 18th begins at 01:00, UTC-02:00; its 1 November at 00:00, UTC-02:00.
			['2026-10-18T03:00:00Z', '2026-11-01T02:00:00Z'],
		],
		[
			"São Paulo's 2026-10-18 as the last day",
			'America/Sao_Paulo',
			['2026-10-01', '2026-10-18'],
			[
				['Daily.json', '2026-10-17', '2026-10-19'],
				['AllTime.json', '2026-10-01', '2026-10-17'],
			],
			['2026-10-01T03:00:00Z', '2026-10-19T02:00:00Z'],
		],
		[
			"Santiago's 2026-08-09 (summer time from 00:00 in 2016j, a month later in Node's rules)",
			'America/Santiago',
			['2026-08-09', '2026-08-31'],
			[
				['Daily.json', '2026-08-08', '2026-08-10'],
				['AllTime.json', '2026-08-10', '2026-08-31'],
			],
			['2026-08-09T04:00:00Z', '2026-09-01T03:00:00Z'],
		],
	])(
		'%s: read around it, one record of the days asked, its price the sandbox’s truth',
		async (_, zone, [startDate, endDate], queries, [from, to]) => {
			const result = await onServer(zone, { operation: 'allTime', startDate, endDate });
			expect(result.queries).toEqual(queries);
			expect(result.records).toHaveLength(1);
			const [record] = result.records;
			expect([record.start_date, record.end_date]).toEqual([startDate, endDate]);
			const truth = callsBetween(result.server, from, to);
			expect(String(record.price)).toBe(String(Number(truth.price)));
			expect(record.count).toBe(truth.count);
		},
	);

	test('the usage trigger reads such a day around it too', async () => {
		const server = servers['America/Sao_Paulo'];
		server.clearRequests();
		const { emitted } = await pollTrigger(
			{
				name: 'Usage',
				type: 'n8n-nodes-comms-billing.commsUsageTrigger',
				parameters: {
					operation: 'usageRecords',
					category: 'calls',
					triggerBy: 'count',
					recurrence: 'daily',
					threshold: 1,
				},
			},
			{
				credentials: {
					commsBillingApi: { ...server.credentials.restcomm, serverTimeZone: 'America/Sao_Paulo' },
				},
				now: utc('2026-10-18T15:00:00'),
				mode: 'manual',
			},
		);
		const day = server.requests.filter((entry) => entry.path.includes('/Usage/'));
		expect(day.map((entry) => [entry.query.StartDate, entry.query.EndDate])).toEqual([
			['2026-10-17', '2026-10-19'],
		]);
		const truth = callsBetween(server, '2026-10-18T03:00:00Z', '2026-10-19T02:00:00Z');
		expect(emitted[0][0].json.value).toBe(truth.count);
	});

	test('days the server reads are asked as they are', async () => {
		const { queries } = await onServer('America/Sao_Paulo', {
			operation: 'allTime',
			startDate: '2026-11-01',
			endDate: '2026-11-30',
		});
		expect(queries).toEqual([['AllTime.json', '2026-11-01', '2026-11-30']]);
	});
});

describe('a Berlin server across its changes of summer time', () => {
	let berlin;
	beforeAll(async () => {
		berlin = await startScannedSandbox({
			restcomm: { timeZone: 'Europe/Berlin', today: '2026-12-02', timeOfDay: '12:00' },
		});
	});
	afterAll(async () => await berlin.close());

	test.each([
		['00:30 GMT on the day summer time begins', '2026-03-29T00:30:00', '2026-03-29'],
		['23:30 GMT the evening before it ends', '2026-10-24T23:30:00', '2026-10-25'],
		[
			'23:30 GMT on the last day of October, already November in Berlin',
			'2026-10-31T23:30:00',
			'2026-11-01',
		],
	])('Today at %s is the server’s day', async (_, now, day) => {
		berlin.clearRequests();
		await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				parameters: { operation: 'today', category: 'calls' },
			}),
			{
				credentials: {
					commsBillingApi: { ...berlin.credentials.restcomm, serverTimeZone: 'Europe/Berlin' },
				},
				now: utc(now),
			},
		);
		const usage = berlin.requests.filter((entry) => entry.path.includes('/Usage/'));
		expect(usage.map((entry) => [entry.query.StartDate, entry.query.EndDate])).toEqual([
			[day, day],
		]);
	});
});
