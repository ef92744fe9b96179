// Requests in parallel (lanes.ts): a node's items run side by side, their requests to one vendor
// never more in flight than its limit, and what comes out is what one request at a time gives,
// item for item. Lumin.ai is always asked one request at a time; a Retry-After pauses every
// request to that vendor. The sandbox adds latency to each answer and logs how many of its
// platform's requests were in flight with each.
const { describe, expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');

const { singleNodeWorkflow } = require('../../harness/workflows');
const { fixClock, runScanned, useSandbox } = require('./engineRun');

/** @type {any} */
let sandbox;
// Long enough that the requests a run sends together are in flight together on a busy machine.
const LATENCY_MS = 150;
useSandbox({ latencyMs: LATENCY_MS }, (started) => {
	sandbox = started;
});

const ITEMS = 24;
const inputItems = Array.from({ length: ITEMS }, (_, index) => ({ json: { index } }));
const mostInFlight = (platform) =>
	Math.max(
		0,
		...sandbox.requests
			.filter((entry) => entry.path.startsWith(`/${platform}/`))
			.map((entry) => entry.inFlight),
	);

/** Usage Records 2 for every item, `parallelRequests` at once; its outputs and the requests sent. */
async function usageRecords(parallelRequests, credentials = sandbox.credentials.twilio) {
	sandbox.clearRequests();
	const result = await runScanned(
		singleNodeWorkflow('Usage', {
			type: 'restcommUsageRecords',
			typeVersion: 2,
			// Each item its own window, so that no two items ask the same.
			parameters: {
				period: 'custom',
				startDate: '={{ $now.minus({ days: $json.index + 1 }).toISODate() }}',
				endDate: '={{ $now.minus({ days: $json.index + 1 }).toISODate() }}',
				granularity: 'daily',
				category: 'calls',
				parallelRequests,
			},
		}),
		{ credentials: { commsBillingApi: credentials }, inputItems },
	);
	return { outputs: result.outputs('Usage'), inFlight: mostInFlight(credentials.platform) };
}

describe('Usage Records, one item per window', () => {
	test('5 at once: never more in flight, and the output of one at a time, item for item', async () => {
		// The sandbox stamps each answer's as_of with the clock: held still, the runs compare.
		fixClock(new Date());
		const one = await usageRecords(1);
		const five = await usageRecords(5);
		expect(one.inFlight).toBe(1);
		expect(five.inFlight).toBe(5);
		expect(five.outputs).toEqual(one.outputs);
		expect(five.outputs[0].map((item) => item.pairedItem.item)).toEqual(
			one.outputs[0].map((item) => item.pairedItem.item),
		);
		expect(new Set(five.outputs[0].map((item) => item.pairedItem.item)).size).toBe(ITEMS);
		jest.useRealTimers();
	});

	test("0 is the platform's default: Twilio 10 at once, Restcomm 4", async () => {
		expect((await usageRecords(0)).inFlight).toBe(10);
		expect((await usageRecords(0, sandbox.credentials.restcomm)).inFlight).toBe(4);
	});

	test('a number the limit cannot be is a parameter error, before any request', async () => {
		for (const wrong of [-1, 2.5, 51]) {
			sandbox.clearRequests();
			const error = await usageRecords(wrong).catch((caught) => caught);
			expect(error.message).toBe(
				'Invalid parameter "parallelRequests" in item 0: must be a whole number from 0 to 50',
			);
			expect(sandbox.requests).toEqual([]);
		}
	});

	test('the first refused item in item order fails the run, as one at a time', async () => {
		// From the 7th request to arrive on, every one is refused: which items sent them depends
		// on timing, so the run must name the first of them in item order.
		sandbox.injectFault({ platform: 'twilio', status: 400, skip: 6, times: 0 });
		const error = await usageRecords(5).catch((caught) => caught);
		expect(error.message).toMatch(/refused the request with HTTP 400/);
		const itemOf = (entry) =>
			inputItems.findIndex(
				({ json }) =>
					DateTime.utc()
						.minus({ days: json.index + 1 })
						.toISODate() === entry.query.StartDate,
			);
		const refused = sandbox.requests.filter((entry) => entry.status === 400).map(itemOf);
		expect(refused).not.toContain(-1);
		expect(`${error.message} ${error.description}`).toContain(`item ${Math.min(...refused)}`);
	});
});

test("Failure in item order: an item's parameter error after an earlier item's refusal, as one at a time", async () => {
	sandbox.injectFault({ platform: 'twilio', status: 400, times: 0 });
	const failureOrder = async (parallelRequests) => {
		const day = '$now.minus({ days: $json.index + 1 }).toISODate()';
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				typeVersion: 2,
				onError: 'continueRegularOutput',
				parameters: {
					period: 'custom',
					startDate: `={{ $json.index === 3 ? 'no day' : ${day} }}`,
					endDate: `={{ ${day} }}`,
					granularity: 'daily',
					category: 'calls',
					parallelRequests,
				},
			}),
			{
				credentials: { commsBillingApi: sandbox.credentials.twilio },
				inputItems: inputItems.slice(0, 6),
			},
		);
		const [success, failure] = result.outputs('Usage');
		expect(success).toEqual([]);
		expect(failure[3].json.error_message).toMatch(/^Invalid parameter "startDate" in item 3/);
		return failure.map((item) => item.pairedItem.item);
	};
	expect(await failureOrder(5)).toEqual([0, 1, 2, 3, 4, 5]);
	expect(await failureOrder(1)).toEqual([0, 1, 2, 3, 4, 5]);
});

test('Lumin.ai: one request at a time, whatever the items', async () => {
	sandbox.clearRequests();
	const result = await runScanned(
		singleNodeWorkflow('Events', {
			type: 'luminBillingEvents',
			typeVersion: 2,
			parameters: { eventTypes: ['billing.scheduled'], period: 'lastMonth', outputMode: 'summary' },
		}),
		{
			credentials: { commsBillingApi: sandbox.credentials.lumin },
			inputItems: inputItems.slice(0, 6),
		},
	);
	expect(result.outputs('Events')[0].length).toBeGreaterThan(0);
	expect(sandbox.requests.length).toBeGreaterThan(6);
	expect(mostInFlight('lumin')).toBe(1);
});

test('a Retry-After holds every request to that vendor, not only the one that heard it', async () => {
	sandbox.injectFault({ platform: 'twilio', status: 429, headers: { 'Retry-After': '1' } });
	// The three sent beside it are answered well after it, so that no item starts before the
	// node has heard the 429.
	sandbox.injectFault({ platform: 'twilio', delayMs: 300, times: 3 });
	const { outputs } = await usageRecords(4);
	expect(outputs[0].length).toBeGreaterThan(0);
	const [refused] = sandbox.requests.filter((entry) => entry.status === 429);
	// Its answer left LATENCY_MS after it arrived; the three sent beside it were in flight
	// already. Every later request waited out the second it asked for.
	const answeredAt = Date.parse(refused.time) + LATENCY_MS;
	const later = sandbox.requests.filter((entry) => entry.seq > refused.seq + 3);
	expect(later.length).toBeGreaterThan(0);
	for (const entry of later)
		expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(answeredAt + 1000 - 5);
});

test("one item's independent requests too: Restcomm's calls and sms side by side, read in their order", async () => {
	fixClock(new Date());
	const leaves = async (parallelRequests) => {
		sandbox.clearRequests();
		const result = await runScanned(
			singleNodeWorkflow('Usage', {
				type: 'restcommUsageRecords',
				typeVersion: 2,
				parameters: { parallelRequests },
			}),
			{ credentials: { commsBillingApi: sandbox.credentials.restcomm } },
		);
		const categories = sandbox.requests.map((entry) => entry.query.Category).sort();
		return { outputs: result.outputs('Usage'), inFlight: mostInFlight('restcomm'), categories };
	};
	const one = await leaves(1);
	const both = await leaves(0);
	jest.useRealTimers();
	expect(both.categories).toEqual(['CALLS', 'SMS']);
	expect(one.inFlight).toBe(1);
	expect(both.inFlight).toBe(2);
	expect(both.outputs).toEqual(one.outputs);
});
