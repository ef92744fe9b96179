// Restcomm Usage Records through n8n's engine, against the sandbox's three flavours of the API:
// Restcomm-Connect's server as its master branch computes usage (platform restcomm), a Restcomm
// build that computes every documented category, and a Twilio-compatible API. Invoice Lines and
// the monthly billing example: invoiceLines.test.js.

const { DateTime } = require('luxon');

const { singleNodeWorkflow } = require('../../harness/workflows');
const { USAGE_CATEGORY_LIST } = require('../../dist/nodes/Restcomm/categories');
const { TWILIO_LEAF_CATEGORIES } = require('../expectations');
const { runScanned, useSandbox } = require('./engineRun');

const TODAY = '2026-01-15';
// The node's clock at the sandbox's day, unless a test sets another: a subresource such as
// LastMonth gives the records of the month that clock names.
const SANDBOX_NOON = DateTime.fromISO(`${TODAY}T12:00:00Z`);
// Twilio's published list, all of which a listing without Category answers.
const TWILIO_CATEGORY_COUNT = 643;
let sandbox;
useSandbox(
	{
		restcomm: { today: TODAY },
		restcommAllCategories: { today: TODAY },
		twilio: { today: TODAY },
	},
	(started) => {
		sandbox = started;
	},
);

const SUBRESOURCES = {
	allTime: 'AllTime',
	daily: 'Daily',
	monthly: 'Monthly',
	yearly: 'Yearly',
	today: 'Today',
	yesterday: 'Yesterday',
	thisMonth: 'ThisMonth',
	lastMonth: 'LastMonth',
};
const RECORD_FIELDS = [
	'category',
	'description',
	'account_sid',
	'start_date',
	'end_date',
	'usage',
	'usage_unit',
	'count',
	'count_unit',
	'price',
	'price_unit',
	'uri',
	'as_of',
	'subresource_uris',
];
const DOCUMENTED = USAGE_CATEGORY_LIST.map((category) => category.name);

// The usage requests to a flavour (a Restcomm run also reads its account, to check the server's
// zone: usageDays.test.js).
const requestsTo = (prefix) =>
	sandbox.requests.filter(
		(entry) => entry.path.startsWith(prefix) && entry.path.includes('/Usage/'),
	);

/**
 * Runs Usage Records, by default On Error Continue (regular output), so that a refusal is a
 * Failure item; parameter errors are checked under n8n's default, Stop Workflow. `now`: the
 * node's clock (default: the real one).
 */
async function usageRecords(
	parameters,
	credentials,
	{ onError = 'continueRegularOutput', now = SANDBOX_NOON } = {},
) {
	const result = await runScanned(
		singleNodeWorkflow('Usage', { type: 'restcommUsageRecords', parameters, onError }),
		{ credentials: { commsBillingApi: credentials }, now },
	);
	const error = result.nodeError('Usage');
	if (error) return { error, records: [], failure: [] };
	const [records, failure] = result.outputs('Usage');
	return { records: records.map((item) => item.json), failure };
}

/** The sandbox's own daily figures of one account (and its subaccount) in a date range. */
const dailyRows = (platform, sids, from, to, category) =>
	sandbox[platform]
		.dailyUsage()
		.filter(
			(row) =>
				sids.includes(row.accountSid) &&
				row.date >= from &&
				row.date <= to &&
				(category === undefined || row.category === category),
		);
const sum = (rows, field) => rows.reduce((total, row) => total + row[field], 0);

describe('the documented categories', () => {
	test('the 26 of the Restcomm page, each with a label and its units', () => {
		expect(DOCUMENTED).toHaveLength(26);
		for (const category of USAGE_CATEGORY_LIST) {
			expect(category.label).toEqual(expect.any(String));
			expect(category.usageUnit).toEqual(expect.any(String));
		}
	});
});

// Restcomm-Connect's server computes these from its clock's time of day: on Restcomm the node asks
// AllTime for their whole GMT days instead (restcommPeriods.test.js).
const FIXED_PERIODS = {
	today: ['2026-01-15', '2026-01-15'],
	yesterday: ['2026-01-14', '2026-01-14'],
	thisMonth: ['2026-01-01', '2026-01-31'],
	lastMonth: ['2025-12-01', '2025-12-31'],
};

describe.each([
	['restcomm', '2012-04-24', 'SMS'],
	['twilio', '2010-04-01', 'sms'],
])('on %s', (platform, version, smsOnWire) => {
	// The node's clock at the sandbox's.
	const now = SANDBOX_NOON;

	test.each(Object.entries(SUBRESOURCES))(
		'%s reads %s, every record with the documented fields, numbers as numbers',
		async (operation, segment) => {
			const credentials = sandbox.credentials[platform];
			const range = ['allTime', 'daily', 'monthly', 'yearly'].includes(operation)
				? { startDate: '2025-12-01', endDate: '2026-01-10' }
				: {};
			const { records, failure } = await usageRecords(
				{ operation, category: 'sms', ...range },
				credentials,
				{ now },
			);
			expect(failure).toEqual([]);
			expect(records.length).toBeGreaterThan(0);
			for (const record of records) {
				expect(Object.keys(record)).toEqual(RECORD_FIELDS);
				expect(record.category).toBe('sms');
				expect(record.usage_unit).toBe('messages');
				for (const amount of ['usage', 'count', 'price'])
					expect(typeof record[amount]).toBe('number');
			}
			const [request] = requestsTo(`/${platform}/`);
			const asked = platform === 'restcomm' && FIXED_PERIODS[operation];
			expect(request.path).toBe(
				`/${platform}/${version}/Accounts/${credentials.accountSid}/Usage/Records/${asked ? 'AllTime' : segment}.json`,
			);
			expect(request.query.Category).toBe(smsOnWire);
			expect(request.query.StartDate).toBe(asked ? asked[0] : range.startDate);
			expect(request.query.EndDate).toBe(asked ? asked[1] : range.endDate);
		},
	);

	test("relative dates are resolved by the node, in the server's days (GMT here), and sent as YYYY-MM-DD", async () => {
		await usageRecords(
			{ operation: 'daily', category: 'sms', startDate: '-30days', endDate: '+0days' },
			sandbox.credentials[platform],
			{ now: DateTime.fromISO(`${TODAY}T23:30:00Z`) },
		);
		expect(requestsTo(`/${platform}/`)[0].query).toMatchObject({
			StartDate: '2025-12-16',
			EndDate: '2026-01-15',
		});
	});

	test("the account SID defaults to the credential's and can name another account", async () => {
		const other = sandbox[platform].accounts[1];
		const { records } = await usageRecords(
			{ operation: 'lastMonth', accountSid: other, category: 'calls' },
			sandbox.credentials[platform],
			{ now },
		);
		expect(records.length).toBeGreaterThan(0);
		expect(records.every((record) => record.account_sid === other)).toBe(true);
	});

	test('a wrong token goes to Failure with 401', async () => {
		const { records, failure } = await usageRecords(
			{ operation: 'today' },
			{ ...sandbox.credentials[platform], token: 'wrong-auth-token-1234' },
			{ now },
		);
		expect(records).toEqual([]);
		expect(failure[0].json.response_status_code).toBe(401);
	});
});

describe("Restcomm-Connect's server (platform restcomm)", () => {
	const credentials = () => sandbox.credentials.restcomm;
	const own = () => [credentials().accountSid];
	const LAST_MONTH = ['2025-12-01', '2025-12-31'];

	test('All Categories asks for calls and for sms, each labelled with its own category and units', async () => {
		const { records, failure } = await usageRecords(
			{ operation: 'monthly', startDate: LAST_MONTH[0], endDate: LAST_MONTH[1] },
			credentials(),
		);
		expect(failure).toEqual([]);
		expect(requestsTo('/restcomm/').map((entry) => entry.query.Category)).toEqual(['CALLS', 'SMS']);
		expect(
			records.map(({ category, usage_unit, count_unit }) => [category, usage_unit, count_unit]),
		).toEqual([
			['calls', 'minutes', 'calls'],
			['sms', 'messages', 'messages'],
		]);
		// The server itself labels both as calls.
		expect(requestsTo('/restcomm/')).toHaveLength(2);
		const sms = records.find((record) => record.category === 'sms');
		expect(sms.count).toBe(sum(dailyRows('restcomm', own(), ...LAST_MONTH, 'sms'), 'count'));
		expect(sms.description).toBe('All SMS messages, inbound and outbound');
	});

	test('Leaf Categories mean calls and sms there too: the whole of what the server computes', async () => {
		await usageRecords({ operation: 'lastMonth', category: 'leaves' }, credentials());
		expect(requestsTo('/restcomm/').map((entry) => entry.query.Category)).toEqual(['CALLS', 'SMS']);
	});

	test.each(['calls-inbound', 'sms-inbound', 'phonenumbers', 'totalprice'])(
		'%s, which the server does not compute, is a parameter error saying why, before any request',
		async (category) => {
			const { error } = await usageRecords({ operation: 'lastMonth', category }, credentials(), {
				onError: 'stopWorkflow',
			});
			expect(error.message).toBe(
				`Invalid parameter "category" in item 0: Restcomm-Connect's server does not compute "${category}": it computes calls and sms only, and answers any other category with the same call records, labelled as calls. Turn on Restcomm Computes All Categories if your server is a build that computes every documented category.`,
			);
			expect(sandbox.requests).toEqual([]);
		},
	);

	test('a Custom Category is a parameter error on Restcomm', async () => {
		const { error } = await usageRecords(
			{ operation: 'lastMonth', customCategory: 'sms-outbound-tollfree' },
			credentials(),
			{ onError: 'stopWorkflow' },
		);
		expect(error.message).toMatch(/^Invalid parameter "customCategory" in item 0/);
	});

	test("the server answers the document's names with 500; the node sends its enum names", async () => {
		const { accountSid, token } = credentials();
		const response = await fetch(
			`${credentials().baseUrl}/2012-04-24/Accounts/${accountSid}/Usage/Records/Today.json?Category=sms`,
			{
				headers: {
					Authorization: `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`,
				},
			},
		);
		expect(response.status).toBe(500);
	});
});

describe('a Restcomm build that computes every documented category', () => {
	const credentials = () => sandbox.credentials.restcommAllCategories;

	test('with Restcomm Computes All Categories on, any documented category is sent as its enum name', async () => {
		const { records, failure } = await usageRecords(
			{ operation: 'lastMonth', category: 'sms-inbound', restcommComputesAllCategories: true },
			credentials(),
		);
		expect(failure).toEqual([]);
		expect(requestsTo('/restcomm-all-categories/')[0].query.Category).toBe('SMS_INBOUND');
		expect(records.map((record) => record.category)).toEqual(['sms-inbound']);
	});

	test('All Categories is then one request without a Category, every category as the server labels it', async () => {
		const { records } = await usageRecords(
			{ operation: 'lastMonth', restcommComputesAllCategories: true },
			credentials(),
		);
		expect(requestsTo('/restcomm-all-categories/')[0].query.Category).toBeUndefined();
		expect(records.map((record) => record.category).sort()).toEqual([...DOCUMENTED].sort());
	});
});

describe('a Twilio-compatible API', () => {
	const credentials = () => sandbox.credentials.twilio;
	const [master, subaccount] = [
		'ACtw0000000000000000000000000001',
		'ACtw0000000000000000000000000002',
	];
	const LAST_MONTH = ['2025-12-01', '2025-12-31'];

	test("Include Subaccounts (on by default): the master account's records hold its subaccount's usage", async () => {
		const expected = (sids) => sum(dailyRows('twilio', sids, ...LAST_MONTH, 'calls'), 'count');
		const both = await usageRecords({ operation: 'lastMonth', category: 'calls' }, credentials());
		expect(requestsTo('/twilio/')[0].query.IncludeSubaccounts).toBeUndefined();
		expect(both.records[0].count).toBe(expected([master, subaccount]));

		sandbox.clearRequests();
		const alone = await usageRecords(
			{ operation: 'lastMonth', category: 'calls', includeSubaccounts: false },
			credentials(),
		);
		expect(requestsTo('/twilio/')[0].query.IncludeSubaccounts).toBe('false');
		expect(alone.records[0].count).toBe(expected([master]));
	});

	test('a Custom Category is sent instead of the pick list', async () => {
		const { records, failure } = await usageRecords(
			{ operation: 'lastMonth', category: 'calls', customCategory: 'sms-outbound-tollfree' },
			credentials(),
		);
		expect(failure).toEqual([]);
		expect(requestsTo('/twilio/')[0].query.Category).toBe('sms-outbound-tollfree');
		expect(records.map((record) => record.category)).toEqual(['sms-outbound-tollfree']);
	});

	test('Leaf Categories: one request, only the categories no other one holds', async () => {
		const { records } = await usageRecords(
			{ operation: 'lastMonth', category: 'leaves' },
			credentials(),
		);
		expect(requestsTo('/twilio/')).toHaveLength(1);
		expect(requestsTo('/twilio/')[0].query.Category).toBeUndefined();
		expect(records.map((record) => record.category).sort()).toEqual(
			[...TWILIO_LEAF_CATEGORIES].sort(),
		);
	});

	test('as_of and subresource_uris are kept', async () => {
		const { records } = await usageRecords(
			{ operation: 'lastMonth', category: 'sms' },
			credentials(),
		);
		expect(records[0].as_of).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
		expect(records[0].subresource_uris).toMatchObject({
			daily: expect.stringContaining('Daily.json'),
		});
	});

	test("an API key (SK...) authenticates, and the credential's Account SID goes in the path", async () => {
		const apiKey = sandbox.credentials.twilioApiKey;
		expect(apiKey.apiKey).toMatch(/^SK/);
		const { records, failure } = await usageRecords(
			{ operation: 'lastMonth', category: 'sms' },
			apiKey,
		);
		expect(failure).toEqual([]);
		expect(records[0].account_sid).toBe(master);
		const [request] = requestsTo('/twilio/');
		expect(request.path).toContain(`/Accounts/${master}/`);
		expect(request.authenticated).toBe(true);
	});

	test('an API key (SK...) without an Account SID is a credential error naming it, before any request', async () => {
		const { error } = await usageRecords(
			{ operation: 'lastMonth', category: 'sms' },
			{ ...sandbox.credentials.twilioApiKey, accountSid: '' },
			{ onError: 'stopWorkflow' },
		);
		expect(error.message).toBe(
			'Credential field "accountSid" does not fit this node (item 0): the API key (SK...) signs the requests, so Account SID must name the account (AC...) whose usage is read',
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('Twilio pages are followed to the last page: every record exactly once', async () => {
		const { records } = await usageRecords(
			{ operation: 'daily', startDate: '2025-01-01', endDate: '2025-01-03' },
			credentials(),
		);
		const days = new Set(
			dailyRows('twilio', [master], '2025-01-01', '2025-01-03').map((row) => row.date),
		);
		expect(records).toHaveLength(days.size * TWILIO_CATEGORY_COUNT);
		expect(new Set(records.map((record) => `${record.start_date}|${record.category}`)).size).toBe(
			records.length,
		);
		const pages = requestsTo('/twilio/');
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0].query.PageSize).toBe('1000');
	});
});

test('an invalid date stops the node, naming it, before any request', async () => {
	const { error } = await usageRecords(
		{ operation: 'daily', startDate: 'last tuesday' },
		sandbox.credentials.restcomm,
		{ onError: 'stopWorkflow' },
	);
	expect(error.message).toBe(
		'Invalid parameter "startDate" in item 0: "last tuesday" is not YYYY-MM-DD, a date-time or an offset such as -30days',
	);
	expect(sandbox.requests).toEqual([]);
});
