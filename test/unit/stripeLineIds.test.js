// Line ids of priced lines delivered to Stripe: what a line bills for, never what it costs.
// The golden values are frozen: a change to them re-bills every line already in Stripe.
const { describe, expect, test } = require('@jest/globals');

const { lineIdOf, lineIdentityOf } = require('../../nodes/Stripe/lineIds');
const { splitByLineId, duplicateReason } = require('../../nodes/Stripe/duplicateLines');

/** @param {import('n8n-workflow').IDataObject} json */
const idOf = (json) => {
	const read = lineIdentityOf(json);
	if (!('identity' in read)) throw new Error(read.reason);
	return lineIdOf(read.identity);
};

const SMS = {
	customer: 'AC1',
	customer_name: 'Acme',
	platform: 'Twilio-compatible API',
	category: 'sms-outbound',
	description: 'SMS sent',
	quantity: 1200,
	unit: 'messages',
	amount: 9.6,
	currency: 'USD',
	period_start: '2026-11-01',
	period_end: '2026-11-30',
	source: '/2010-04-01/Accounts/AC1/Usage/Records/Monthly.json',
	sell_amount: 12.5,
	sell_currency: 'USD',
	rate_rule: 'twilio / sms-* / * : graduated',
};
const MINIMUM = {
	...SMS,
	category: 'minimum',
	description: 'Minimum charge of twilio / sms-* / * : graduated',
	sell_amount: 37.5,
};

describe('line ids', () => {
	test('are frozen: a usage line, a minimum line and a fee line', () => {
		expect(idOf(SMS)).toBe('80c37878e6c53dfd4f1254687300fe12');
		expect(idOf(MINIMUM)).toBe('571f8266dfaf9255ccd8bc54da7b4ec3');
		expect(idOf({ ...SMS, platform: null, category: 'fee', rate_rule: 'fee: Platform' })).toBe(
			'aab7d7f6a0324d7ac038d3d65babcefc',
		);
	});

	test('are the first 32 hex digits of SHA-256 of the identity as a JSON array', () => {
		// printf '%s' '["line","twilio","AC1","sms-outbound","2026-11-01","2026-11-30",""]' | sha256sum
		const { createHash } = require('node:crypto');
		const text = JSON.stringify([
			'line',
			'twilio',
			'AC1',
			'sms-outbound',
			'2026-11-01',
			'2026-11-30',
			'',
		]);
		expect(createHash('sha256').update(text).digest('hex').slice(0, 32)).toBe(idOf(SMS));
	});

	test('do not change with the amount, the rate rule, the description or the other fields of a usage line', () => {
		expect(
			idOf({
				...SMS,
				sell_amount: 99,
				amount: 1,
				cost_amount: 1,
				rate_rule: 'twilio / * / * : per_unit',
				description: 'Text messages',
				quantity: 1,
				customer_name: 'Acme Ltd',
				source: 'elsewhere',
			}),
		).toBe(idOf(SMS));
	});

	test('name the platform by its key, whether the line gives the key or the label', () => {
		expect(idOf({ ...SMS, platform: 'twilio' })).toBe(idOf(SMS));
		expect(idOf({ ...SMS, platform: 'TWILIO' })).toBe(idOf(SMS));
	});

	test.each([
		['platform', { platform: 'Restcomm' }],
		['customer', { customer: 'AC2' }],
		['category', { category: 'sms-inbound' }],
		['period start', { period_start: '2026-11-02' }],
		['period end', { period_end: '2026-11-29' }],
	])('change with the %s', (_, change) => {
		expect(idOf({ ...SMS, ...change })).not.toBe(idOf(SMS));
	});

	test('tell a minimum line by its rule, and no separator inside a field makes two identities alike', () => {
		expect(idOf({ ...MINIMUM, rate_rule: 'twilio / calls / * : per_unit' })).not.toBe(
			idOf(MINIMUM),
		);
		expect(idOf({ ...MINIMUM, sell_amount: 1 })).toBe(idOf(MINIMUM));
		expect(idOf({ ...SMS, customer: 'a","b', category: 'c' })).not.toBe(
			idOf({ ...SMS, customer: 'a', category: 'b","c' }),
		);
	});

	test('a line without a customer, category or period has no id, and says which fields are missing', () => {
		expect(lineIdentityOf({ ...SMS, period_start: null, period_end: '' })).toEqual({
			reason: 'The line has no period_start, period_end, so it has no line id to bill it once by.',
		});
		expect(lineIdentityOf({ ...SMS, customer: undefined })).toEqual({
			reason: 'The line has no customer, so it has no line id to bill it once by.',
		});
	});
});

describe('duplicate line ids', () => {
	const lines = [
		{ name: 'a', json: SMS },
		{ name: 'b', json: { ...SMS, category: 'calls' } },
		{ name: 'c', json: { ...SMS, sell_amount: 3 } },
		{ name: 'd', json: MINIMUM },
		{ name: 'e', json: { ...SMS, rate_rule: 'other' } },
	];
	/** @param {{ json: import('n8n-workflow').IDataObject }} line */
	const byJson = (line) => idOf(line.json);

	test('all lines sharing an id are duplicated, none summed or dropped; the others are unique, in input order', () => {
		const { unique, duplicated } = splitByLineId(lines, byJson);
		expect(unique.map(({ name }) => name)).toEqual(['b', 'd']);
		expect(duplicated).toEqual([{ lineId: idOf(SMS), lines: [lines[0], lines[2], lines[4]] }]);
		expect(unique.length + duplicated.flatMap((entry) => entry.lines).length).toBe(lines.length);
	});

	test('no shared id: every line unique', () => {
		expect(splitByLineId(lines.slice(0, 2), byJson)).toEqual({
			unique: lines.slice(0, 2),
			duplicated: [],
		});
		expect(splitByLineId([], byJson)).toEqual({ unique: [], duplicated: [] });
	});

	test('the reason names the id and the count', () => {
		expect(duplicateReason('abc', 3)).toMatch(/^3 input lines share line id abc /);
	});
});
