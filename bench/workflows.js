// The benchmark's workflows: each job as the pack does it, as the floor (bench/floor) does it and
// as a user would build it by hand with n8n's HTTP Request node (its own pagination) and Split
// Out, plus an idle Manual Trigger; and the goals the pack is held to.
const pack = require('../harness/pack');
const { cpuRatioGoal, memoryGoal } = require('./goals');

/** The most CPU time the pack may take, as a share of the floor's. */
const FLOOR_LIMIT = 1.1;
/** Rounds of a group whose CPU times a goal compares, and of a goal measured again. */
const ROUNDS = 7;
/** Rounds of the idle baseline and of the 1,000,000 events, whose goal is memory (steadier). */
const FEWER_ROUNDS = 3;

const FROM = '2026-10-01T00:00:00Z';
const TO = '2026-11-01T00:00:00Z';
const EVENT_TYPES = [
	'billing.scheduled',
	'billing.rescheduled',
	'billing.lead-received',
	'billing.delete',
];
// The credentials' secrets shaped as the vendors issue them: a Twilio auth token is 32 hex digits,
// Lumin.ai's an opaque token (40 letters and digits here). Every answer is searched for the
// secret in each of its forms, and that search costs by the secret's letters: on a 1.5 MB Twilio
// page it took 1.35 ms for the sandbox's own 'twilio-sandbox-token' and 0.07 ms for 32 hex digits.
const VENDOR_TOKENS = {
	lumin: { token: 'Xq7ZpL2mN9vB4kR8tY1wE6sD3fG5hJ0cVbNmQaZx' },
	twilio: { authToken: '9f86d081884c7d659a2feaa0c55ad015' },
};

const LUMIN = {
	month: { eventCount: 200_000, pageSize: 1000, from: FROM, to: TO },
	bigMonth: { eventCount: 1_000_000, pageSize: 1000, from: FROM, to: TO },
};
const SUBACCOUNTS = {
	count: 500,
	latencyMs: 100,
	group: 'Twilio-compatible, 500 subaccounts, 100 ms per answer',
	// Twilio's Accounts list as the pack reads it (nodes/Restcomm/accounts.ts).
	accountsPageSize: 100,
	// Its most answered at once by default (nodes/shared/requestLimits.ts).
	defaultParallel: 10,
	// Accounts: Each Subaccount by default takes at most this share of one request at a time.
	mostOfOneAtATime: 0.25,
	// resellerSandbox, as the results say it.
	reseller:
		'a master and 500 subaccounts (10 never used, 5 suspended, 4 closed mid-month, the others active)',
};

/**
 * The options of a sandbox of its own for a reseller, as slow as the one above: the main account's
 * subaccount and 499 more, 500 subaccounts besides the master, each with usage of its own
 * (sandbox/platforms/usageRecords/usageData.js: a quarter to a tenth of the master's). As a month
 * finds them: of the 499, every 100th closed on the 14th of last month (4), every other 50th
 * suspended (5), every other 25th never used (10). The data starts last month, the only one read.
 */
function resellerSandbox(now = new Date()) {
	const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
	const closedOn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 14));
	const subaccounts = Array.from({ length: SUBACCOUNTS.count - 1 }, (_, index) => {
		const number = index + 1;
		if (number % 100 === 0)
			return { status: 'closed', closedOn: closedOn.toISOString().slice(0, 10) };
		if (number % 50 === 0) return { status: 'suspended' };
		if (number % 25 === 0) return { noUsage: true };
		return {};
	});
	return {
		latencyMs: SUBACCOUNTS.latencyMs,
		cacheAnswers: true,
		twilio: { subaccounts, from: lastMonth.toISOString().slice(0, 10) },
	};
}

// A quarter: the sandbox's Twilio has every category Twilio lists (hundreds), and n8n's HTTP
// Request node holds every page of a longer range in memory until it runs out.
const TWILIO = {
	startDate: '2025-10-01',
	endDate: '2025-12-31',
	description:
		'Daily usage records of every category over the last quarter of 2025, in pages of 1,000',
};

/** Manual Trigger -> each of `nodes` in turn. */
function chain(id, name, nodes) {
	const all = [
		{
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			parameters: {},
		},
		...nodes,
	].map((node, index) => ({ id: `${id}-${index}`, position: [220 * index, 0], ...node }));
	const connections = Object.fromEntries(
		all
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] },
			]),
	);
	return { id, name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

const credentialsOf = (credentialId) => ({
	commsBillingApi: { id: credentialId, name: credentialId },
});

const packNode = (type, parameters, credentialId, typeVersion = 1) => ({
	name: 'Pack',
	type: `${pack.packageName}.${type}`,
	typeVersion,
	parameters,
	credentials: credentialsOf(credentialId),
});

/** A floor of bench/floor, which the benchmark's n8n loads as a custom node. */
const floorNode = (type, parameters, credentialId) => ({
	name: 'Floor',
	type: `CUSTOM.${type}`,
	typeVersion: 1,
	parameters,
	credentials: credentialsOf(credentialId),
});

/** n8n's HTTP Request node with its own pagination, as the n8n docs show it. */
const httpRequest = (parameters, pagination) => ({
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: { ...parameters, options: { pagination: { pagination } } },
});

const splitOut = (field) => ({
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, options: {} },
});

const luminEvents = (credentialId, parameters) =>
	packNode(
		'luminBillingEvents',
		{
			operation: 'getBillingEvents',
			eventTypes: EVENT_TYPES,
			period: 'custom',
			start: FROM,
			end: TO,
			timezone: 'America/Los_Angeles',
			returnAll: true,
			...parameters,
		},
		credentialId,
	);

/** Lumin.ai's floor: the same pages, the least a community node may do with them. */
const luminFloor = (credentialId, summary) =>
	floorNode(
		'luminFloor',
		{ body: JSON.stringify({ type: EVENT_TYPES.join(','), start: FROM, end: TO }), summary },
		credentialId,
	);

/** The Twilio-compatible floor: Daily records of every category over TWILIO's quarter. */
const twilioFloor = (credentialId) =>
	floorNode('twilioFloor', { startDate: TWILIO.startDate, endDate: TWILIO.endDate }, credentialId);

/** Usage Records 2 over TWILIO's quarter, Granularity Daily; Category and Output as given. */
const twilioDaily = (credentialId, parameters) =>
	packNode(
		'restcommUsageRecords',
		{
			operation: 'getUsageRecords',
			period: 'custom',
			granularity: 'daily',
			startDate: TWILIO.startDate,
			endDate: TWILIO.endDate,
			...parameters,
		},
		credentialId,
		2,
	);

/**
 * A reseller's month on a network: one Usage Records item per subaccount (the sandbox's two
 * accounts, by turns), every answer `SUBACCOUNTS.latencyMs` late.
 */
function subaccountMonth(sandbox, parallelRequests) {
	const { accountSid, subaccountSid } = sandbox.twilio.settings;
	const accounts = Array.from({ length: SUBACCOUNTS.count }, (_, index) =>
		index % 2 ? subaccountSid : accountSid,
	);
	return [
		{
			name: 'Subaccounts',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ accounts }), options: {} },
		},
		splitOut('accounts'),
		packNode(
			'restcommUsageRecords',
			{
				operation: 'getUsageRecords',
				period: 'lastMonth',
				category: 'calls',
				accountSid: '={{ $json.accounts }}',
				parallelRequests,
			},
			'benchTwilioSlow',
			2,
		),
	];
}

/**
 * A reseller's month in one item: Usage Records 2 reads the credential's list of accounts, then
 * each account's last month, every category, as invoice lines of its own.
 */
const everySubaccountMonth = (parallelRequests) => [
	packNode(
		'restcommUsageRecords',
		{
			operation: 'getUsageRecords',
			accounts: 'eachSubaccount',
			period: 'lastMonth',
			category: 'leaves',
			outputMode: 'invoiceLines',
			parallelRequests,
		},
		'benchTwilioReseller',
		2,
	),
];

/**
 * What a run of Accounts: Each Subaccount must have sent, else why not: the list's pages, then
 * each account's own usage once (IncludeSubaccounts=false); no account fetched for its name, which
 * the list gives.
 */
function checkEverySubaccountRequests(sandbox) {
	const accounts = [...sandbox.twilio.accounts].sort();
	const listPages = Math.ceil(accounts.length / SUBACCOUNTS.accountsPageSize);
	return (requests) => {
		const problems = [];
		const pages = requests.filter(({ path }) => path.endsWith('/Accounts.json'));
		const fetched = requests.filter(({ path }) => /\/Accounts\/[^/]+\.json$/.test(path));
		const usage = requests.filter(({ path }) => path.includes('/Usage/Records/'));
		const usageSids = usage.map(({ path }) => /\/Accounts\/([^/]+)\//.exec(path)[1]).sort();
		if (pages.length !== listPages)
			problems.push(
				`${pages.length} pages of Accounts.json, not ${listPages} (${accounts.length} accounts at ${SUBACCOUNTS.accountsPageSize} a page)`,
			);
		if (fetched.length > 0)
			problems.push(`${fetched.length} accounts fetched one by one (${fetched[0].path} ...)`);
		if (usageSids.join() !== accounts.join())
			problems.push(
				`${usage.length} usage requests, not one for each of the ${accounts.length} accounts`,
			);
		if (usage.some(({ query }) => query.IncludeSubaccounts !== 'false'))
			problems.push('usage read without IncludeSubaccounts=false');
		const other = requests.length - pages.length - fetched.length - usage.length;
		if (other > 0) problems.push(`${other} other requests`);
		return problems;
	};
}

function luminByHand({ baseUrl, token }) {
	return [
		httpRequest(
			{
				method: 'POST',
				url: baseUrl,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify({ type: EVENT_TYPES.join(','), start: FROM, end: TO }),
			},
			{
				paginationMode: 'updateAParameterInEachRequest',
				parameters: {
					parameters: [
						{ type: 'body', name: 'start_token', value: '={{ $response.body.next_token }}' },
					],
				},
				paginationCompleteWhen: 'other',
				completeExpression: '={{ !$response.body.next_token }}',
			},
		),
		splitOut('items'),
	];
}

function twilioByHand({ baseUrl, accountSid, token }) {
	const origin = new URL(baseUrl).origin;
	const prefix = new URL(baseUrl).pathname;
	return [
		httpRequest(
			{
				method: 'GET',
				url: `${baseUrl}/2010-04-01/Accounts/${accountSid}/Usage/Records/Daily.json?StartDate=${TWILIO.startDate}&EndDate=${TWILIO.endDate}&PageSize=1000`,
				sendHeaders: true,
				headerParameters: {
					parameters: [
						{
							name: 'Authorization',
							value: `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`,
						},
					],
				},
			},
			{
				paginationMode: 'responseContainsNextURL',
				nextURL: `={{ "${origin}${prefix}" + $response.body.next_page_uri }}`,
				paginationCompleteWhen: 'other',
				completeExpression: '={{ !$response.body.next_page_uri }}',
			},
		),
		splitOut('usage_records'),
	];
}

/**
 * A latency row's name by its Requests in Parallel, and for the default the row it is measured
 * against: the same workflow one request at a time.
 */
function parallelNames(what, parallelRequests) {
	const oneAtATime = `pack, ${what}one request at a time (Requests in Parallel 1)`;
	if (parallelRequests) return { name: oneAtATime };
	return {
		name: `pack, ${what}the platform's default (Twilio: ${SUBACCOUNTS.defaultParallel} at once)`,
		oneAtATime,
	};
}

/**
 * Credentials, workflows, the cases to run and the goals they are held to. The cases are in the
 * order of the table, which is also the order of each group's rounds: every pack case right after
 * its floor.
 */
function benchWorkflows({ month, bigMonth, slow, reseller }) {
	const credentials = [
		['benchLumin', month.credentials.lumin],
		['benchLuminBig', bigMonth.credentials.lumin],
		['benchTwilio', month.credentials.twilio],
		['benchTwilioSlow', slow.credentials.twilio],
		['benchTwilioReseller', reseller.credentials.twilio],
	].map(([id, data]) => ({ id, name: id, type: 'commsBillingApi', data }));

	const luminBare = (sandbox) => ({
		kind: 'lumin',
		url: sandbox.credentials.lumin.baseUrl,
		token: sandbox.credentials.lumin.token,
		body: { type: EVENT_TYPES.join(','), start: FROM, end: TO },
	});
	const twilio = month.credentials.twilio;
	const month200k = `Lumin.ai, ${LUMIN.month.eventCount.toLocaleString('en')} events`;
	const month1M = `Lumin.ai, ${LUMIN.bigMonth.eventCount.toLocaleString('en')} events`;
	const quarter = 'Twilio-compatible Usage Records, Daily, a quarter';
	const list = [
		{ group: '-', name: 'idle: Manual Trigger alone', workflow: chain('benchIdle', 'Idle', []) },
		{ group: month200k, name: 'bare fetch loop', bare: luminBare(month) },
		{
			group: month200k,
			name: 'floor, Events',
			workflow: chain('benchLuminFloorEvents', 'Lumin floor events', [
				luminFloor('benchLumin', false),
			]),
			node: 'Floor',
		},
		{
			group: month200k,
			name: 'pack, Events',
			floor: 'floor, Events',
			workflow: chain('benchLuminEvents', 'Lumin events', [
				luminEvents('benchLumin', { outputMode: 'events' }),
			]),
			node: 'Pack',
		},
		{
			group: month200k,
			name: 'floor, Summary',
			counts: 'count',
			workflow: chain('benchLuminFloorSummary', 'Lumin floor summary', [
				luminFloor('benchLumin', true),
			]),
			node: 'Floor',
		},
		{
			group: month200k,
			name: 'pack, Summary',
			floor: 'floor, Summary',
			counts: 'count',
			workflow: chain('benchLuminSummary', 'Lumin summary', [
				luminEvents('benchLumin', { outputMode: 'summary' }),
			]),
			node: 'Pack',
		},
		{
			group: month200k,
			name: 'pack, Invoice Lines',
			floor: 'floor, Summary',
			// Lines bill what the document bills: their quantities are not every event read.
			ownRecords: true,
			workflow: chain('benchLuminLines', 'Lumin invoice lines', [
				luminEvents('benchLumin', { outputMode: 'invoiceLines' }),
			]),
			node: 'Pack',
		},
		{
			group: month200k,
			name: 'HTTP Request (pagination) + Split Out',
			workflow: chain('benchLuminHttp', 'Lumin by hand', luminByHand(month.credentials.lumin)),
			node: 'Split Out',
		},
		{ group: month1M, name: 'bare fetch loop', bare: luminBare(bigMonth) },
		{
			group: month1M,
			name: 'pack, Summary',
			counts: 'count',
			workflow: chain('benchLuminSummary1M', 'Lumin summary 1M', [
				luminEvents('benchLuminBig', { outputMode: 'summary' }),
			]),
			node: 'Pack',
		},
		{
			group: month1M,
			name: 'pack, Summary, Group by Day',
			counts: 'count',
			workflow: chain('benchLuminDaily1M', 'Lumin summary by day 1M', [
				luminEvents('benchLuminBig', { outputMode: 'summary', groupByDay: true }),
			]),
			node: 'Pack',
		},
		{
			group: quarter,
			name: 'bare fetch loop',
			bare: {
				kind: 'twilio',
				url: `${twilio.baseUrl}/2010-04-01/Accounts/${twilio.accountSid}/Usage/Records/Daily.json?StartDate=${TWILIO.startDate}&EndDate=${TWILIO.endDate}&PageSize=1000`,
				base: twilio.baseUrl,
				authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.token}`).toString('base64')}`,
			},
		},
		{
			group: quarter,
			name: 'floor, Records',
			workflow: chain('benchTwilioFloor', 'Twilio floor', [twilioFloor('benchTwilio')]),
			node: 'Floor',
		},
		{
			group: quarter,
			name: 'pack, Usage Records 2, All Categories, Records',
			floor: 'floor, Records',
			workflow: chain('benchTwilioDaily', 'Twilio daily', [
				twilioDaily('benchTwilio', { category: '', outputMode: 'records' }),
			]),
			node: 'Pack',
		},
		{
			group: quarter,
			name: 'HTTP Request (pagination) + Split Out',
			workflow: chain('benchTwilioHttp', 'Twilio by hand', twilioByHand(twilio)),
			node: 'Split Out',
		},
		{
			group: quarter,
			name: 'pack, Usage Records 2, Leaf Categories, Records',
			floor: 'floor, Records',
			// Every category whose usage no other holds: not every record read.
			ownRecords: true,
			workflow: chain('benchTwilioDailyLeaves', 'Twilio daily leaves', [
				twilioDaily('benchTwilio', { category: 'leaves', outputMode: 'records' }),
			]),
			node: 'Pack',
		},
		{
			group: quarter,
			name: 'pack, Usage Records 2, Invoice Lines',
			floor: 'floor, Records',
			ownRecords: true,
			workflow: chain('benchTwilioDailyLines', 'Twilio daily invoice lines', [
				twilioDaily('benchTwilio', { category: '', outputMode: 'invoiceLines' }),
			]),
			node: 'Pack',
		},
		...[1, 0].map((parallelRequests) => ({
			group: SUBACCOUNTS.group,
			...parallelNames('', parallelRequests),
			latency: true,
			sandbox: slow,
			workflow: chain(
				`benchSubaccounts${parallelRequests}`,
				`Twilio subaccounts, ${parallelRequests || 'default'} at once`,
				subaccountMonth(slow, parallelRequests),
			),
			node: 'Pack',
		})),
		...[1, 0].map((parallelRequests) => ({
			group: SUBACCOUNTS.group,
			...parallelNames('one item, Each Subaccount, ', parallelRequests),
			latency: true,
			sandbox: reseller,
			// Each account's month is a page of every category, made once by the sandbox: the
			// default's run, untimed, has it made before either is timed.
			warmUp: parallelRequests ? 'benchEverySubaccount0' : undefined,
			mostOfOneAtATime: parallelRequests ? undefined : SUBACCOUNTS.mostOfOneAtATime,
			checkRequests: checkEverySubaccountRequests(reseller),
			workflow: chain(
				`benchEverySubaccount${parallelRequests}`,
				`Twilio, each subaccount, ${parallelRequests || 'default'} at once`,
				everySubaccountMonth(parallelRequests),
			),
			node: 'Pack',
		})),
	].map((benchCase) => ({
		...benchCase,
		workflowId: benchCase.workflow?.id,
		rounds: benchCase.group === '-' || benchCase.group === month1M ? FEWER_ROUNDS : ROUNDS,
	}));
	const caseOf = (group, name) =>
		list.find((benchCase) => benchCase.group === group && benchCase.name === name);
	const heldToFloor = (group, name) => {
		const packCase = caseOf(group, name);
		return cpuRatioGoal(packCase, caseOf(group, packCase.floor), { atMost: FLOOR_LIMIT });
	};
	const goals = [
		heldToFloor(month200k, 'pack, Events'),
		heldToFloor(month200k, 'pack, Summary'),
		heldToFloor(quarter, 'pack, Usage Records 2, All Categories, Records'),
		cpuRatioGoal(
			caseOf(quarter, 'pack, Usage Records 2, All Categories, Records'),
			caseOf(quarter, 'HTTP Request (pagination) + Split Out'),
			{ below: 1 },
		),
		memoryGoal(
			caseOf(month1M, 'pack, Summary'),
			caseOf(month200k, 'pack, Summary'),
			caseOf('-', 'idle: Manual Trigger alone'),
			{ factor: 1.15, extraMb: 25 },
		),
	];
	return {
		credentials,
		workflows: list
			.filter((benchCase) => benchCase.workflow)
			.map((benchCase) => benchCase.workflow),
		list,
		goals,
	};
}

module.exports = {
	benchWorkflows,
	resellerSandbox,
	LUMIN,
	ROUNDS,
	TWILIO,
	SUBACCOUNTS,
	VENDOR_TOKENS,
};
