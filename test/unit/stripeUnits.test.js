// Delivery units (one draft invoice per Stripe customer, period and currency, in parts of at most
// 250 lines by line id), their fingerprints, the comparison with what Stripe holds, and the
// Idempotency-Keys of the creates. Golden values are frozen: a change re-creates objects.
const { describe, expect, test } = require('@jest/globals');

const { unitsOf, unitKeyOf, partsOf, MAX_LINES_PER_INVOICE } = require('../../nodes/Stripe/units');
const {
	fingerprintOf,
	fingerprintTextOf,
	compareUnit,
	FINGERPRINT_METADATA_KEY,
} = require('../../nodes/Stripe/fingerprint');
const {
	invoiceIdempotencyKey,
	invoiceItemIdempotencyKey,
} = require('../../nodes/Stripe/idempotencyKeys');

const id = (/** @type {number} */ n) => n.toString(16).padStart(32, '0');
/** @param {number} n @param {Partial<import('../../nodes/Stripe/units').DeliveryLine>} [fields] */
const line = (n, fields = {}) => ({
	lineId: id(n),
	stripeCustomer: 'cus_Acme',
	periodStart: '2026-11-01',
	periodEnd: '2026-11-30',
	currency: 'usd',
	amount: BigInt(n * 100),
	...fields,
});

describe('units and parts', () => {
	test('one unit per Stripe customer, period and currency, its lines by line id', () => {
		const lines = [
			line(3),
			line(1, { currency: 'eur' }),
			line(2),
			line(4, { stripeCustomer: 'cus_Beta' }),
			line(5, { periodEnd: '2026-11-15' }),
			line(6, { periodStart: '2026-11-16' }),
		];
		const units = unitsOf(lines);
		expect(
			units.map(({ key, lines: members }) => [key, members.map(({ lineId }) => lineId)]),
		).toEqual([
			['["cus_Acme","2026-11-01","2026-11-15","usd"]', [id(5)]],
			['["cus_Acme","2026-11-01","2026-11-30","eur"]', [id(1)]],
			['["cus_Acme","2026-11-01","2026-11-30","usd"]', [id(2), id(3)]],
			['["cus_Acme","2026-11-16","2026-11-30","usd"]', [id(6)]],
			['["cus_Beta","2026-11-01","2026-11-30","usd"]', [id(4)]],
		]);
		expect(units[2]).toMatchObject({
			stripeCustomer: 'cus_Acme',
			periodStart: '2026-11-01',
			periodEnd: '2026-11-30',
			currency: 'usd',
			parts: [[line(2), line(3)]],
		});
		expect(unitKeyOf(line(2))).toBe(units[2].key);
	});

	test('a unit of 250 lines is one part; of 251, two consecutive parts by line id, whatever the input order', () => {
		expect(MAX_LINES_PER_INVOICE).toBe(250);
		const lines = Array.from({ length: 251 }, (_, index) => line(index + 1));
		expect(unitsOf(lines.slice(0, 250))[0].parts).toHaveLength(1);
		const shuffled = [...lines].reverse();
		const [unit] = unitsOf(shuffled);
		expect(unit.parts.map((part) => part.length)).toEqual([250, 1]);
		expect(unit.parts[0][0].lineId).toBe(id(1));
		expect(unit.parts[0][249].lineId).toBe(id(250));
		expect(unit.parts[1]).toEqual([line(251)]);
		expect(unitsOf(lines)).toEqual(unitsOf(shuffled));
	});

	test('parts of 501 lines: 250, 250, 1; no lines, no units', () => {
		expect(
			partsOf(Array.from({ length: 501 }, (_, index) => index)).map((part) => part.length),
		).toEqual([250, 250, 1]);
		expect(unitsOf([])).toEqual([]);
	});
});

describe('fingerprints', () => {
	const lines = [line(2), line(1), line(3)];

	test('a canonical text of every line id and amount, by line id; frozen', () => {
		expect(fingerprintTextOf(lines)).toBe(`${id(1)}:100,${id(2)}:200,${id(3)}:300`);
		expect(fingerprintOf(lines)).toBe('cf6a50e0ee870b8310f318edb7bd27c7');
	});

	test('independent of input order; changed by an amount, a line more or a line less', () => {
		expect(fingerprintOf([...lines].reverse())).toBe(fingerprintOf(lines));
		expect(fingerprintOf([line(1), line(2), { ...line(3), amount: 301n }])).not.toBe(
			fingerprintOf(lines),
		);
		expect(fingerprintOf([...lines, line(4)])).not.toBe(fingerprintOf(lines));
		expect(fingerprintOf(lines.slice(1))).not.toBe(fingerprintOf(lines));
	});
});

describe('what Stripe holds compared with the lines', () => {
	const lines = [line(1), line(2), line(3)];
	const fingerprint = fingerprintOf(lines);
	/** @param {Array<{ id: string, amount: bigint, lineId: string | undefined }>} items */
	const invoice = (items, recorded = fingerprint, invoiceId = 'in_1') => ({
		id: invoiceId,
		metadata: { [FINGERPRINT_METADATA_KEY]: recorded },
		items,
	});
	const item = (/** @type {number} */ n, amount = BigInt(n * 100)) => ({
		id: `ii_${n}`,
		amount,
		lineId: id(n),
	});

	test('equal: same fingerprint, no difference', () => {
		expect(compareUnit(lines, [invoice([item(1), item(2), item(3)])], 'usd')).toEqual({
			fingerprint,
			sameFingerprint: true,
			differences: [],
		});
	});

	test('interrupted run: same fingerprint, the lines without items are missing', () => {
		const comparison = compareUnit(lines, [invoice([item(2)])], 'usd');
		expect(comparison.sameFingerprint).toBe(true);
		expect(
			comparison.differences.map((difference) => [
				difference.kind,
				'lineId' in difference ? difference.lineId : undefined,
			]),
		).toEqual([
			['missing', id(1)],
			['missing', id(3)],
		]);
		expect(comparison.differences[0].sentence).toBe(
			`Line ${id(1)} (1.00 USD) has no invoice item in Stripe.`,
		);
	});

	test('a corrected figure: another fingerprint, and the amount held against the amount now', () => {
		const now = [line(1), line(2), { ...line(3), amount: 350n }];
		const comparison = compareUnit(now, [invoice([item(1), item(2), item(3)])], 'usd');
		expect(comparison.sameFingerprint).toBe(false);
		expect(comparison.differences).toEqual([
			{
				kind: 'fingerprint',
				invoiceId: 'in_1',
				held: fingerprint,
				now: fingerprintOf(now),
				sentence: `Invoice in_1 was drafted for other lines or amounts: its fingerprint is ${fingerprint}, these lines' is ${fingerprintOf(now)}.`,
			},
			{
				kind: 'amount',
				lineId: id(3),
				invoiceId: 'in_1',
				itemId: 'ii_3',
				amountHeld: 300n,
				amountNow: 350n,
				sentence: `Line ${id(3)}: Stripe holds 3.00 USD (item ii_3 on in_1), the line now says 3.50 USD.`,
			},
		]);
	});

	test('a line removed, a line added, an item no line made, a line held twice: each named, across parts', () => {
		const now = [line(1), line(2), line(4)];
		const held = [
			invoice([item(1), item(3)], fingerprint, 'in_1'),
			invoice(
				[item(2), { id: 'ii_9', amount: 5n, lineId: undefined }, { ...item(1), id: 'ii_1b' }],
				fingerprint,
				'in_2',
			),
		];
		const comparison = compareUnit(now, held, 'usd');
		expect(comparison.differences.map(({ kind }) => kind)).toEqual([
			'fingerprint',
			'fingerprint',
			'twice',
			'extra',
			'missing',
			'extra',
		]);
		expect(comparison.differences.slice(2).map(({ sentence }) => sentence)).toEqual([
			`Line ${id(1)} is held by 2 invoice items (ii_1, ii_1b): it would be billed 2 times.`,
			`Line ${id(3)} (3.00 USD, item ii_3 on in_1) is in Stripe but not among these lines.`,
			`Line ${id(4)} (4.00 USD) has no invoice item in Stripe.`,
			'Invoice in_2 holds item ii_9 (0.05 USD), which no line delivered.',
		]);
	});

	test('an invoice without a recorded fingerprint is not this unit as delivered', () => {
		const comparison = compareUnit(
			lines,
			[{ id: 'in_1', metadata: {}, items: [item(1), item(2), item(3)] }],
			'jpy',
		);
		expect(comparison.sameFingerprint).toBe(false);
		expect(comparison.differences[0].sentence).toMatch(/its fingerprint is missing/);
	});
});

describe('idempotency keys', () => {
	const unitKey = unitKeyOf(line(1));

	test('are frozen: invoice and invoice item, generations 1 and 2', () => {
		expect(unitKey).toBe('["cus_Acme","2026-11-01","2026-11-30","usd"]');
		expect(invoiceIdempotencyKey(unitKey, 1, 1)).toBe('cb1-inv-7c27e2cb668de7ede7c57283b0f25950');
		expect(invoiceIdempotencyKey(unitKey, 1, 2)).toBe('cb1-inv-35b22ca0ae66a8f454d1ba93552e81ef');
		expect(invoiceItemIdempotencyKey('in_1', '80c37878e6c53dfd4f1254687300fe12', 1)).toBe(
			'cb1-ii-852fde24ee2be69328e3521c6c098dde',
		);
	});

	test('differ by part, generation, invoice and line; are the same on every call', () => {
		const keys = [
			invoiceIdempotencyKey(unitKey, 1, 1),
			invoiceIdempotencyKey(unitKey, 2, 1),
			invoiceIdempotencyKey(unitKey, 1, 2),
			invoiceIdempotencyKey(unitKeyOf(line(1, { currency: 'eur' })), 1, 1),
			invoiceItemIdempotencyKey('in_1', id(1), 1),
			invoiceItemIdempotencyKey('in_2', id(1), 1),
			invoiceItemIdempotencyKey('in_1', id(2), 1),
			invoiceItemIdempotencyKey('in_1', id(1), 2),
		];
		expect(new Set(keys).size).toBe(keys.length);
		expect(invoiceIdempotencyKey(unitKey, 1, 1)).toBe(keys[0]);
		// Stripe takes keys of up to 255 characters.
		expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(255);
	});

	test('a part or generation below 1 is a programming error', () => {
		expect(() => invoiceIdempotencyKey(unitKey, 0, 1)).toThrow(
			'part must be a whole number of 1 or more, not 0',
		);
		expect(() => invoiceItemIdempotencyKey('in_1', id(1), 1.5)).toThrow(RangeError);
	});
});
