'use strict';

// Usage Records answers that differ from the request the way real servers and proxies do, on
// request (faults): a record of another day or of another account.
const { startSandbox } = require('../../sandbox');
const { TODAY, listAll, wireCategory } = require('./usageRecordsHelpers');

const FLAVOURS = ['restcomm', 'restcommAllCategories', 'twilio'];
const PATHS = {
	restcomm: '/restcomm/2012-04-24/Accounts',
	restcommAllCategories: '/restcomm-all-categories/2012-04-24/Accounts',
	twilio: '/twilio/2010-04-01/Accounts',
};

/** Twilio stamps each record with the second it was answered: left out where lists are compared. */
const withoutAsOf = (records) => records.map((record) => ({ ...record, as_of: undefined }));

describe.each(FLAVOURS)('sandbox: %s usage records that differ from the request', (flavour) => {
	let sandbox;
	const calls = wireCategory(flavour, 'calls');
	const fault = (kind) => ({ platform: flavour, path: PATHS[flavour], [kind]: true });

	beforeAll(async () => {
		sandbox = await startSandbox({
			restcomm: { today: TODAY },
			restcommAllCategories: { today: TODAY },
			twilio: { today: TODAY },
		});
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.clearRequests();
	});

	test('otherDay: the answer plus its first record with usage, dated the day before it starts', async () => {
		const query = { Category: calls, StartDate: '2025-11-10', EndDate: '2025-11-10' };
		const clean = await listAll(sandbox, flavour, 'Daily', query);
		expect(clean).toHaveLength(1);
		expect(Number(clean[0].usage)).toBeGreaterThan(0);
		sandbox.injectFault(fault('otherDay'));
		const faulted = await listAll(sandbox, flavour, 'Daily', query);
		expect(withoutAsOf(faulted)).toEqual(
			withoutAsOf([
				...clean,
				{
					...clean[0],
					start_date: '2025-11-09',
					end_date: '2025-11-09',
					uri: clean[0].uri.replace(/StartDate=.*$/, 'StartDate=2025-11-09&EndDate=2025-11-09'),
				},
			]),
		);
		expect(sandbox.requests[1].fault).toBe('otherDay');
		expect(await listAll(sandbox, flavour, 'Daily', query)).toHaveLength(1);
	});

	test('otherAccount: the answer plus its first record with usage under an account no one has', async () => {
		const query = { Category: calls, StartDate: '2025-11-01', EndDate: '2025-11-30' };
		const clean = await listAll(sandbox, flavour, 'Monthly', query);
		sandbox.injectFault(fault('otherAccount'));
		const faulted = await listAll(sandbox, flavour, 'Monthly', query);
		expect(faulted).toHaveLength(clean.length + 1);
		expect(withoutAsOf(faulted.slice(0, -1))).toEqual(withoutAsOf(clean));
		const other = faulted[faulted.length - 1].account_sid;
		expect(other).toMatch(/^AC[0-9a-f]{32}$/);
		const sandboxAccounts = FLAVOURS.flatMap((name) => sandbox[name].accounts);
		expect(sandboxAccounts).not.toContain(other);
		// The same record, its account's SID replaced wherever it stands (account_sid, uri, links).
		const [first] = clean;
		expect(Number(first.usage)).toBeGreaterThan(0);
		const expected = JSON.parse(JSON.stringify(first).split(first.account_sid).join(other));
		expect(withoutAsOf(faulted.slice(-1))).toEqual(withoutAsOf([expected]));
		expect(faulted[faulted.length - 1].uri).toContain(`/Accounts/${other}/Usage/`);
	});
});
