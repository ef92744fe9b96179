// Every vendor answer is read against what was asked, by the node, its invoice lines and the usage
// trigger alike: an answer holding another category, day or account, a page replayed, or a period
// the server could not have meant for the request is a Failure (node) or a failed poll (trigger)
// naming what was asked and what came; legitimate shapes that look like them (Restcomm's whole
// month labels, its next-day Daily end, AllTime bounds, Twilio's clock a moment ahead) stay
// Success. The vendors are scripted in the sandbox (askedAnswers.cases.js).
const { singleNodeWorkflow } = require('../../harness/workflows');
const { pollTrigger } = require('../../harness/engine');
const { LUMIN_EVENT_TYPES } = require('../../dist/nodes/Lumin/api');
const { runScanned, useSandbox } = require('./engineRun');
const { NOW, DAY, usageRecord, twilioPage, scripted, usagePath } = require('./askedAnswers.cases');

let sandbox;
// Lumin.ai's events before the clock of every case, eight pages of them.
const LUMIN = {
	eventCount: 400,
	pageSize: 50,
	from: '2026-11-01T00:00:00Z',
	to: '2026-11-09T00:00:00Z',
};
useSandbox({ lumin: LUMIN }, (started) => (sandbox = started));

// Every event type the pack knows, so that the sandbox's every event is asked for.
const EVERY_EVENT_TYPE = LUMIN_EVENT_TYPES.map(({ value }) => value);

const answer = (faults) => faults.forEach((fault) => sandbox.injectFault(fault));

/** One run of a pack node, On Error: Continue, at `now`: its Success and Failure items' json. */
async function runNode(type, parameters, platform, now = NOW) {
	const result = await runScanned(
		singleNodeWorkflow('Node', { type, parameters, onError: 'continueRegularOutput' }),
		{ credentials: { commsBillingApi: sandbox.credentials[platform] }, now },
	);
	const [success, failure] = result.outputs('Node');
	return { success: success.map(({ json }) => json), failure: failure.map(({ json }) => json) };
}

/** One poll of the usage trigger at `now`: null or the items it fired; a failed poll throws. */
async function poll(parameters, platform, { mode = 'trigger', now = NOW } = {}) {
	const { emitted } = await pollTrigger(
		{
			name: 'Usage',
			type: 'n8n-nodes-comms-billing.commsUsageTrigger',
			parameters: { recurrence: 'daily', threshold: 1, ...parameters },
		},
		{ credentials: { commsBillingApi: sandbox.credentials[platform] }, mode, now },
	);
	return emitted;
}

/** The value Fetch Test Event gives. */
const valueNow = async (parameters, platform, now) =>
	(await poll(parameters, platform, { mode: 'manual', now }))[0][0].json.value;

/** The node's one Failure, its sentence holding every one of `words`. */
function expectFailure({ success, failure }, words) {
	expect(success).toEqual([]);
	expect(failure).toHaveLength(1);
	for (const word of words) expect(failure[0].error_message).toContain(word);
}

const usageRecords = (parameters, platform, now) =>
	runNode('restcommUsageRecords', parameters, platform, now);
const daily = { operation: 'daily', startDate: DAY, endDate: DAY };
const lines = { outputMode: 'invoiceLines', includeSubaccounts: false };
const twilioWatch = { operation: 'usageRecords', category: 'calls-inbound', triggerBy: 'usage' };

describe('Twilio: an answer that differs from the request', () => {
	const sid = () => sandbox.credentials.twilio.accountSid;
	const path = () => usagePath(sandbox, 'twilio');

	test('a server that ignores Category: every category answered is a Failure, and a failed poll', async () => {
		const page = twilioPage([
			usageRecord(sid(), 'calls-inbound', DAY, DAY, { usage: 10, price: '1.00' }),
			usageRecord(sid(), 'calls', DAY, DAY, { usage: 60, price: '6.00' }),
			usageRecord(sid(), 'totalprice', DAY, DAY, { usage: 90, price: '9.00' }),
		]);
		answer(scripted('twilio', path(), [page]));
		expectFailure(await usageRecords({ ...daily, category: 'calls-inbound' }, 'twilio'), [
			'"calls"',
			'calls-inbound',
		]);
		await expect(poll(twilioWatch, 'twilio')).rejects.toThrow(/"calls".*calls-inbound/s);
	});

	test('a record of another day: a Failure in records and lines, and a failed poll', async () => {
		const page = twilioPage([
			usageRecord(sid(), 'calls-inbound', DAY, DAY, { usage: 10, price: '1.00' }),
			usageRecord(sid(), 'calls-inbound', '2026-11-09', '2026-11-09', {
				usage: 500,
				price: '500.00',
			}),
		]);
		answer(scripted('twilio', path(), [page]));
		const named = ['2026-11-09', DAY];
		expectFailure(await usageRecords({ ...daily, category: 'calls-inbound' }, 'twilio'), named);
		expectFailure(await usageRecords({ ...daily, category: '', ...lines }, 'twilio'), named);
		await expect(poll(twilioWatch, 'twilio')).rejects.toThrow(/2026-11-09/);
	});

	test('a record of another account: a Failure in records and lines, and a failed poll', async () => {
		const other = 'AC0000000000000000000000000000ff';
		const page = twilioPage([
			usageRecord(sid(), 'calls-inbound', DAY, DAY, { usage: 10, price: '1.00' }),
			usageRecord(other, 'calls-inbound', DAY, DAY, { usage: 70, price: '7.00' }),
		]);
		answer(scripted('twilio', path(), [page]));
		expectFailure(await usageRecords({ ...daily, category: 'calls-inbound' }, 'twilio'), [
			other,
			sid(),
		]);
		expectFailure(await usageRecords({ ...daily, category: '', ...lines }, 'twilio'), [other]);
		await expect(poll(twilioWatch, 'twilio')).rejects.toThrow(other);
	});

	test('the same record on two pages is counted once by the node, its lines and the trigger', async () => {
		const record = usageRecord(sid(), 'calls-inbound', DAY, DAY, { usage: 60, price: '6.00' });
		const next = `/2010-04-01/Accounts/${sid()}/Usage/Records/Daily.json?Page=1&PageToken=PA2`;
		const pages = [twilioPage([record], next), twilioPage([record])];
		answer(scripted('twilio', path(), pages));
		const records = await usageRecords({ ...daily, category: 'calls-inbound' }, 'twilio');
		expect(records.failure).toEqual([]);
		expect(records.success.map(({ usage }) => usage)).toEqual([60]);

		// Every category read: the month's totalprice comes too, and the lines are held against it.
		sandbox.clearFaults();
		const total = usageRecord(sid(), 'totalprice', DAY, DAY, { usage: 6, price: '6.00' });
		answer(scripted('twilio', path(), [pages[0], twilioPage([record, total])]));
		const invoice = await usageRecords({ ...daily, category: '', ...lines }, 'twilio');
		expect(invoice.failure).toEqual([]);
		expect(invoice.success.map(({ amount }) => amount)).toEqual([6]);

		sandbox.clearFaults();
		answer(scripted('twilio', path(), pages));
		expect(await valueNow(twilioWatch, 'twilio')).toBe(60);
	});

	test('the same record on two pages with other figures: a Failure, and a failed poll', async () => {
		const record = usageRecord(sid(), 'calls-inbound', DAY, DAY, { usage: 60, price: '6.00' });
		const next = `/2010-04-01/Accounts/${sid()}/Usage/Records/Daily.json?Page=1&PageToken=PA2`;
		const pages = [twilioPage([record], next), twilioPage([{ ...record, usage: '61' }])];
		answer(scripted('twilio', path(), pages));
		expectFailure(await usageRecords({ ...daily, category: 'calls-inbound' }, 'twilio'), ['twice']);
		sandbox.clearFaults();
		answer(scripted('twilio', path(), pages));
		await expect(poll(twilioWatch, 'twilio')).rejects.toThrow(/twice/);
	});
});

describe('Twilio: periods the subresource may give', () => {
	const sid = () => sandbox.credentials.twilio.accountSid;
	const path = () => usagePath(sandbox, 'twilio');
	const calls = (start, end) =>
		usageRecord(sid(), 'calls', start, end, { usage: 5, price: '0.50' });
	const read = async (operation, record, parameters = {}, now = NOW) => {
		sandbox.clearFaults();
		answer(scripted('twilio', path(), [twilioPage([record])]));
		return await usageRecords({ operation, category: 'calls', ...parameters }, 'twilio', now);
	};
	const succeeds = (result) => {
		expect(result.failure).toEqual([]);
		expect(result.success).toHaveLength(1);
	};

	test('AllTime without a StartDate starts at the account’s creation day', async () => {
		succeeds(await read('allTime', calls('2019-03-01', DAY)));
		expectFailure(await read('allTime', calls('2019-03-01', DAY), { startDate: '2026-11-01' }), [
			'2019-03-01',
			'2026-11-01',
		]);
	});

	test('Today at 23:59:59.9 GMT: the day asked or the next one (the server’s clock a moment ahead), never another', async () => {
		const late = NOW.set({ hour: 23, minute: 59, second: 59, millisecond: 900 });
		succeeds(await read('today', calls(DAY, DAY), {}, late));
		succeeds(await read('today', calls('2026-11-11', '2026-11-11'), {}, late));
		expectFailure(await read('today', calls('2026-11-12', '2026-11-12'), {}, late), ['2026-11-12']);
		expectFailure(await read('today', calls('2026-11-11', '2026-11-11')), ['2026-11-11']);
	});

	test('ThisMonth, LastMonth and Yesterday: inside the GMT month or day they name', async () => {
		succeeds(await read('thisMonth', calls('2026-11-01', DAY)));
		succeeds(await read('lastMonth', calls('2026-10-01', '2026-10-31')));
		succeeds(await read('yesterday', calls('2026-11-09', '2026-11-09')));
		expectFailure(await read('lastMonth', calls('2026-09-01', '2026-09-30')), ['2026-09-01']);
		expectFailure(await read('thisMonth', calls('2026-10-31', DAY)), ['2026-10-31']);
	});

	test('Monthly and Yearly: within one calendar month or year that meets the days asked', async () => {
		const november = { startDate: DAY, endDate: '2026-11-20' };
		succeeds(await read('monthly', calls(DAY, '2026-11-20'), november));
		succeeds(await read('monthly', calls('2026-11-01', '2026-11-30'), november));
		expectFailure(await read('monthly', calls('2026-10-01', '2026-11-30'), november), [
			'2026-10-01',
		]);
		expectFailure(await read('monthly', calls('2026-12-01', '2026-12-31'), november), [
			'2026-12-01',
		]);
		succeeds(await read('yearly', calls('2026-01-01', '2026-12-31'), november));
	});
});

describe('Restcomm: an answer that differs from the request', () => {
	const sid = () => sandbox.credentials.restcomm.accountSid;
	const path = () => usagePath(sandbox, 'restcomm');
	// Restcomm-Connect labels every record calls, and ends a Daily record on the next day.
	const calls = (start, end, figures = { usage: 60, price: '6.00' }) =>
		usageRecord(sid(), 'calls', start, end, figures);
	const restcommWatch = { operation: 'usageRecords', category: 'calls', triggerBy: 'usage' };

	test('the same record twice is counted once by the node, its lines and the trigger', async () => {
		const record = calls(DAY, '2026-11-11');
		answer(scripted('restcomm', path(), [[record, { ...record }]]));
		const records = await usageRecords({ ...daily, category: 'calls' }, 'restcomm');
		expect(records.failure).toEqual([]);
		expect(records.success.map(({ usage, end_date }) => [usage, end_date])).toEqual([[60, DAY]]);
		expect(await valueNow(restcommWatch, 'restcomm')).toBe(60);
	});

	test('a StartDate the server could not read (AllTime from 1970): a Failure naming both, and a failed poll', async () => {
		const month = { operation: 'allTime', startDate: '2026-11-01', endDate: '2026-11-30' };
		answer(scripted('restcomm', path(), [[calls('1970-01-01', '2026-11-30')]]));
		expectFailure(await usageRecords({ ...month, category: 'calls' }, 'restcomm'), [
			'1970-01-01',
			'2026-11-01',
		]);
		expectFailure(
			await usageRecords({ ...month, category: '', outputMode: 'invoiceLines' }, 'restcomm'),
			['1970-01-01'],
		);
		sandbox.clearFaults();
		// Monthly from 1970: every month since, each its whole month.
		answer(
			scripted('restcomm', path(), [
				[calls('2026-10-01', '2026-10-31'), calls('2026-11-01', '2026-11-30')],
			]),
		);
		await expect(poll({ ...restcommWatch, recurrence: 'monthly' }, 'restcomm')).rejects.toThrow(
			/2026-10-01/,
		);
	});

	test('legitimate labels: whole months over cutting dates, MySQL AllTime bounds, the next-day Daily end', async () => {
		const read = async (parameters, records) => {
			sandbox.clearFaults();
			answer(scripted('restcomm', path(), [records]));
			const result = await usageRecords({ category: 'calls', ...parameters }, 'restcomm');
			expect(result.failure).toEqual([]);
			return result.success;
		};
		const cut = { startDate: DAY, endDate: '2026-11-20' };
		const month = await read({ operation: 'monthly', ...cut, outputMode: 'invoiceLines' }, [
			calls('2026-11-01', '2026-11-30'),
		]);
		expect(month.map((line) => [line.period_start, line.period_end])).toEqual([
			[DAY, '2026-11-20'],
		]);
		const year = await read({ operation: 'yearly', ...cut }, [calls('2026-01-01', '2026-12-31')]);
		expect(year).toHaveLength(1);
		const allTime = await read(
			{ operation: 'allTime', startDate: '2026-11-01', endDate: '2026-11-30' },
			[calls('2026-11-03', '2026-11-27')],
		);
		expect(allTime).toHaveLength(1);
		const days = await read({ operation: 'daily', startDate: '2026-11-09', endDate: DAY }, [
			calls('2026-11-09', DAY),
			calls(DAY, '2026-11-11'),
		]);
		expect(days.map(({ start_date, end_date }) => [start_date, end_date])).toEqual([
			['2026-11-09', '2026-11-09'],
			[DAY, DAY],
		]);
	});
});

describe('Evo Voice: rows of an account or customer not asked', () => {
	const path = '/evovoice/ai/usage';
	const november = { period: 'custom', startDate: '2026-11-01', endDate: '2026-11-30' };
	const aiUsage = (parameters) =>
		runNode('evoVoiceAiUsage', { operation: 'getAiUsage', ...november, ...parameters }, 'evoVoice');
	const evoWatch = { operation: 'evoVoiceAiMinutes', timezone: 'UTC' };

	test('account A1 asked, A2 answered too: a Failure in rows and lines, and a failed poll', async () => {
		const body = {
			accountUsage: [
				{ accountId: 'A1', aiMinutes: 60 },
				{ accountId: 'A2', aiMinutes: 90 },
			],
			customerUsage: [],
		};
		answer(scripted('evoVoice', path, [body]));
		expectFailure(await aiUsage({ accountId: 'A1', outputMode: 'rows' }), ['A2', 'A1']);
		expectFailure(await aiUsage({ accountId: 'A1', outputMode: 'invoiceLines' }), ['A2']);
		await expect(poll({ ...evoWatch, accountId: 'A1' }, 'evoVoice')).rejects.toThrow(/A2/);
	});

	test('customer C1 asked, C2 answered too: a Failure, and a failed poll', async () => {
		const body = {
			accountUsage: [{ accountId: 'A1', aiMinutes: 60 }],
			customerUsage: [
				{ accountId: 'A1', customerId: 'C1', aiMinutes: 20 },
				{ accountId: 'A1', customerId: 'C2', aiMinutes: 30 },
			],
		};
		answer(scripted('evoVoice', path, [body]));
		expectFailure(await aiUsage({ customerId: 'C1', outputMode: 'rows' }), ['C2', 'C1']);
		await expect(poll({ ...evoWatch, customerId: 'C1' }, 'evoVoice')).rejects.toThrow(/C2/);
	});
});

describe('Lumin.ai: a page replayed under a fresh token', () => {
	const path = '/lumin/billing';
	const event = (id) => ({
		id,
		conversation_id: `conversation-${id}`,
		host_id: 'store-001',
		host_did: '+15550000001',
		user_did: '+15550000002',
		timestamp: '2026-11-05T10:00:00Z',
		type: 'billing.scheduled',
	});
	const page = (ids, next) => ({ ok: true, items: ids.map(event), next_token: next });
	const pages = [page(['e1', 'e2'], 't1'), page(['e3', 'e4'], 't2'), page(['e1', 'e2'], 't3')];
	const november = {
		operation: 'getBillingEvents',
		eventTypes: ['billing.scheduled'],
		period: 'custom',
		start: '2026-11-01T00:00:00Z',
		end: '2026-11-30T23:59:59Z',
		returnAll: true,
	};

	test.each(['events', 'summary', 'invoiceLines'])(
		'%s: a Failure naming both pages, and a failed poll',
		async (outputMode) => {
			answer(scripted('lumin', path, [...pages, page([], null)]));
			expectFailure(await runNode('luminBillingEvents', { ...november, outputMode }, 'lumin'), [
				'page 3',
				'page 1',
			]);
		},
	);

	test('the trigger fails the poll', async () => {
		answer(scripted('lumin', path, [...pages, page([], null)]));
		await expect(
			poll(
				{
					operation: 'luminEvents',
					eventTypes: ['billing.scheduled'],
					timezone: 'UTC',
					recurrence: 'monthly',
				},
				'lumin',
			),
		).rejects.toThrow(/page 3.*page 1/s);
	});
});

describe("the sandbox's faults: the node, its invoice lines and the trigger give one verdict", () => {
	const usagePrefix = { twilio: '/twilio/2010-04-01/Accounts', evoVoice: '/evovoice/ai/usage' };
	/** Each consumer's verdict on the same fault: 'failure' or 'success'. */
	async function verdicts(fault, runs) {
		const seen = [];
		for (const run of runs) {
			sandbox.clearFaults();
			sandbox.injectFault(fault);
			seen.push(
				await run().then(
					(result) =>
						result && result.failure && result.failure.length > 0 ? 'failure' : 'success',
					() => 'failure',
				),
			);
		}
		return seen;
	}
	const twilioRuns = [
		() => usageRecords({ ...daily, category: 'calls-inbound' }, 'twilio'),
		() => usageRecords({ ...daily, category: '', ...lines }, 'twilio'),
		() => poll(twilioWatch, 'twilio'),
	];

	test.each([['otherDay'], ['otherAccount']])(
		'Twilio, %s: a Failure and a failed poll',
		async (kind) => {
			const fault = { platform: 'twilio', path: usagePrefix.twilio, [kind]: true };
			expect(await verdicts(fault, twilioRuns)).toEqual(['failure', 'failure', 'failure']);
		},
	);

	test('Twilio, Category ignored: the node and the trigger fail; the lines, which send none, are whole', async () => {
		const fault = { platform: 'twilio', path: usagePrefix.twilio, ignoreCategory: true };
		expect(await verdicts(fault, twilioRuns)).toEqual(['failure', 'success', 'failure']);
	});

	test('Evo Voice, a row of another account: rows, lines and the trigger fail', async () => {
		const november = { period: 'custom', startDate: '2026-11-01', endDate: '2026-11-30' };
		const node = (outputMode) => () =>
			runNode(
				'evoVoiceAiUsage',
				{ operation: 'getAiUsage', ...november, accountId: 'acct-1001', outputMode },
				'evoVoice',
			);
		const fault = { platform: 'evoVoice', path: usagePrefix.evoVoice, otherAccount: true };
		const trigger = () =>
			poll({ operation: 'evoVoiceAiMinutes', timezone: 'UTC', accountId: 'acct-1001' }, 'evoVoice');
		expect(await verdicts(fault, [node('rows'), node('invoiceLines'), trigger])).toEqual([
			'failure',
			'failure',
			'failure',
		]);
	});

	test('Lumin.ai, the first page replayed as the third: events, summary, lines and the trigger fail', async () => {
		const node = (outputMode) => () =>
			runNode(
				'luminBillingEvents',
				{
					operation: 'getBillingEvents',
					eventTypes: EVERY_EVENT_TYPE,
					period: 'custom',
					start: LUMIN.from,
					end: LUMIN.to,
					returnAll: true,
					outputMode,
				},
				'lumin',
			);
		const trigger = () =>
			poll(
				{
					operation: 'luminEvents',
					eventTypes: EVERY_EVENT_TYPE,
					timezone: 'UTC',
					recurrence: 'alltime',
				},
				'lumin',
			);
		const fault = { platform: 'lumin', replayPage: true, skip: 2 };
		const runs = [node('events'), node('summary'), node('invoiceLines'), trigger];
		expect(await verdicts(fault, runs)).toEqual(['failure', 'failure', 'failure', 'failure']);
		// Without the fault every one of them reads the events whole.
		sandbox.clearFaults();
		expect((await node('events')()).success).toHaveLength(LUMIN.eventCount);
	});
});
