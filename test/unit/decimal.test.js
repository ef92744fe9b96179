// Exact decimals for money: hand-written cases, then generated ones checked against decimal.js
// (a dev-only oracle, never imported from nodes/) on decimal strings and on finite doubles.
// Seeded: the seed is in each property's name; FC_SEED=<seed> replays a run.
const { describe, expect, test } = require('@jest/globals');
const fc = require('fast-check');
const { Decimal: OracleBase } = require('decimal.js');

const {
	ZERO,
	readDecimal,
	addDecimals,
	subtractDecimals,
	multiplyDecimals,
	sumDecimals,
	compareDecimals,
	isZeroDecimal,
	isPlainDecimal,
	negateDecimal,
	roundDecimal,
	decimalToString,
	decimalToNumber,
} = require('../../nodes/shared/decimal');

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const CASES = 1000;

// Enough precision that no operation here rounds (doubles reach 10^308 and 10^-324), and plain
// notation throughout, so that its text is comparable with decimalToString.
const Oracle = OracleBase.clone({ precision: 2000, toExpNeg: -9e15, toExpPos: 9e15 });

/** @param {unknown} value */
const read = (value) => {
	const decimal = readDecimal(value);
	if (decimal === undefined) throw new Error(`not read: ${String(value)}`);
	return decimal;
};
/** @param {unknown} value */
const text = (value) => decimalToString(read(value));

// Values readDecimal reads, with the decimal each is; and values it refuses. isPlainDecimal is
// held to the same lists.
const READ_NUMBERS = [
	[0.1, '0.1'],
	[1e-7, '0.0000001'],
	[1.5e21, '1500000000000000000000'],
	[-0, '0'],
	[123.456, '123.456'],
	[-1.25e-10, '-0.000000000125'],
];
const READ_STRINGS = [
	['0.1', '0.1'],
	[' 2.50 ', '2.5'],
	['-.5', '-0.5'],
	['1.', '1'],
	['+7', '7'],
	['-0.000', '0'],
	['007.10', '7.1'],
	['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
];
const REFUSED = [
	'1,000.50',
	'$1.00',
	'abc',
	'',
	'   ',
	'.',
	'-',
	'+-1',
	'1.2.3',
	'NaN',
	'Infinity',
	'-Infinity',
	'1e5',
	'1E5',
	'0x10',
	null,
	undefined,
	{},
	[],
	true,
	false,
	NaN,
	Infinity,
	-Infinity,
	10n,
];

describe('readDecimal', () => {
	test.each(READ_NUMBERS)('reads the number %p as %s', (value, expected) => {
		expect(text(value)).toBe(expected);
	});

	test('reads the smallest double, 5e-324, exactly', () => {
		expect(text(5e-324)).toBe(`0.${'0'.repeat(323)}5`);
	});

	test.each(READ_STRINGS)('reads the string %p as %s', (value, expected) => {
		expect(text(value)).toBe(expected);
	});

	test('normalises: equal values have equal representations, and -0 is 0', () => {
		expect(read('2.50')).toEqual(read(2.5));
		expect(read('-0')).toEqual(ZERO);
		expect(read(-0)).toEqual({ units: 0n, scale: 0 });
		expect(read('1.2300')).toEqual({ units: 123n, scale: 2 });
	});

	test.each(REFUSED)('refuses %p', (value) => {
		expect(readDecimal(value)).toBeUndefined();
	});
});

describe('isPlainDecimal', () => {
	/** @type {unknown[]} */
	const CANDIDATES = [
		...[...READ_NUMBERS, ...READ_STRINGS].map(([value]) => value),
		5e-324,
		...REFUSED,
	];

	test.each(CANDIDATES.map((value) => [value]))('%p: as readDecimal reads it', (value) => {
		expect(isPlainDecimal(value)).toBe(readDecimal(value) !== undefined);
	});

	test(`any string or double: as readDecimal reads it (seed ${SEED})`, () => {
		const texts = fc.stringMatching(/^\s?[+-]?\d{0,3}\.?\d{0,3}[e,$]?\d?\s?$/);
		fc.assert(
			fc.property(fc.oneof(texts, fc.string(), fc.double()), (value) => {
				expect(isPlainDecimal(value)).toBe(readDecimal(value) !== undefined);
			}),
			{ seed: SEED, numRuns: CASES },
		);
	});
});

describe('arithmetic', () => {
	test('0.1 + 0.2 is exactly 0.3', () => {
		expect(addDecimals(read(0.1), read(0.2))).toEqual(read('0.3'));
		expect(decimalToString(addDecimals(read('0.1'), read('0.2')))).toBe('0.3');
	});

	test('subtracts, multiplies, negates and sums', () => {
		expect(decimalToString(subtractDecimals(read('1.10'), read('1.1')))).toBe('0');
		expect(decimalToString(subtractDecimals(read('1'), read('1.001')))).toBe('-0.001');
		expect(decimalToString(multiplyDecimals(read('1.5'), read('-0.2')))).toBe('-0.3');
		expect(decimalToString(negateDecimal(read('-2.5')))).toBe('2.5');
		expect(negateDecimal(ZERO)).toEqual(ZERO);
		expect(decimalToString(sumDecimals(Array(10).fill(read(0.1))))).toBe('1');
		expect(sumDecimals([])).toEqual(ZERO);
	});

	test('compares and tells zero', () => {
		expect(compareDecimals(read('1.10'), read('1.1'))).toBe(0);
		expect(compareDecimals(read('-1'), read('0.5'))).toBe(-1);
		expect(compareDecimals(read('0.02'), read('0.019'))).toBe(1);
		expect(isZeroDecimal(read('-0.00'))).toBe(true);
		expect(isZeroDecimal(read('0.001'))).toBe(false);
	});

	test('converts to a number for output', () => {
		expect(decimalToNumber(read('0.3'))).toBe(0.3);
		expect(Object.is(decimalToNumber(read('-0')), 0)).toBe(true);
		expect(decimalToNumber(read('1000000000000000000000'))).toBe(1e21);
	});
});

/** @typedef {NonNullable<Parameters<typeof roundDecimal>[2]>} RoundingMode */

describe('roundDecimal', () => {
	test.each(
		/** @type {[string, number, RoundingMode, string][]} */ ([
			['2.345', 2, 'halfUp', '2.35'],
			['-2.345', 2, 'halfUp', '-2.35'],
			['2.3449', 2, 'halfUp', '2.34'],
			['2.349', 2, 'down', '2.34'],
			['-2.349', 2, 'down', '-2.34'],
			['2.5', 0, 'halfUp', '3'],
			['-2.5', 0, 'halfUp', '-3'],
			['2.4999', 0, 'halfUp', '2'],
			['2.9', 0, 'down', '2'],
			['-2.9', 0, 'down', '-2'],
			['-0.4', 0, 'halfUp', '0'],
			['-0.001', 2, 'down', '0'],
			['9.995', 2, 'halfUp', '10'],
			['1.2', 5, 'halfUp', '1.2'],
		]),
	)('rounds %s to %i places (%s) as %s', (value, places, mode, expected) => {
		expect(decimalToString(roundDecimal(read(value), places, mode))).toBe(expected);
	});

	test('rounds half-up by default, and normalises', () => {
		expect(decimalToString(roundDecimal(read('0.125'), 2))).toBe('0.13');
		expect(roundDecimal(read('-0.4'), 0)).toEqual(ZERO);
		expect(roundDecimal({ units: 1200n, scale: 3 }, 3)).toEqual({ units: 12n, scale: 1 });
	});

	test.each([-1, 1.5, NaN])('refuses %p places', (places) => {
		expect(() => roundDecimal(read('1.5'), places)).toThrow(RangeError);
	});
});

// Generated values --------------------------------------------------------------------------

/** @param {number} maxLength */
const digits = (maxLength) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength });

/** Decimal strings in every accepted form: sign, up to 25 + 12 digits, "1.", ".5", spaces. */
const decimalString = fc
	.record({
		sign: fc.constantFrom('', '', '-', '+'),
		integer: digits(25),
		fraction: digits(12),
		point: fc.boolean(),
		before: fc.constantFrom('', '', ' '),
		after: fc.constantFrom('', '', ' '),
	})
	.map(({ sign, integer, fraction, point, before, after }) => {
		if (integer === '' && fraction === '') integer = '0';
		const body = integer === '' || point ? `${integer}.${fraction}` : integer;
		return `${before}${sign}${body}${after}`;
	});

/** Any finite double, with cent amounts favoured since those are what money looks like. */
const finiteDouble = fc.oneof(
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.integer({ min: -1e9, max: 1e9 }).map((cents) => cents / 100),
	fc.integer().map((n) => n / 1000),
);

/**
 * A value read both ways: ours, and the oracle's from the same text.
 * @param {string | number} value
 */
const pairFrom = (value) => ({
	value,
	ours: read(value),
	oracle: new Oracle(typeof value === 'number' ? String(value) : value.trim()),
});
const generatedPair = fc.oneof(decimalString, finiteDouble).map(pairFrom);

const places = fc.integer({ min: 0, max: 14 });
const runs = { seed: SEED, numRuns: CASES };

describe(`generated decimals against decimal.js (seed ${SEED})`, () => {
	test(`reads strings and doubles as decimal.js does, and prints them alike: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(generatedPair, ({ ours, oracle }) => {
				expect(decimalToString(ours)).toBe(oracle.toString());
				// + 0: the oracle keeps a negative zero ("-0"), which here is 0.
				expect(decimalToNumber(ours)).toBe(oracle.toNumber() + 0);
				expect(isZeroDecimal(ours)).toBe(oracle.isZero());
			}),
			runs,
		);
	});

	test(`a double read and converted back is the same double: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(finiteDouble, (n) => {
				expect(decimalToNumber(read(n))).toBe(n === 0 ? 0 : n);
			}),
			runs,
		);
	});

	test(`adds, subtracts, multiplies and compares: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(generatedPair, generatedPair, (a, b) => {
				expect(decimalToString(addDecimals(a.ours, b.ours))).toBe(
					a.oracle.plus(b.oracle).toString(),
				);
				expect(decimalToString(subtractDecimals(a.ours, b.ours))).toBe(
					a.oracle.minus(b.oracle).toString(),
				);
				expect(decimalToString(multiplyDecimals(a.ours, b.ours))).toBe(
					a.oracle.times(b.oracle).toString(),
				);
				expect(compareDecimals(a.ours, b.ours)).toBe(a.oracle.comparedTo(b.oracle));
				// Normalised: equal values have equal representations.
				expect(addDecimals(a.ours, b.ours)).toEqual(read(a.oracle.plus(b.oracle).toString()));
			}),
			runs,
		);
	});

	test(`sums a list as decimal.js does: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(fc.array(generatedPair, { maxLength: 20 }), (pairs) => {
				const expected = pairs.reduce((total, { oracle }) => total.plus(oracle), new Oracle(0));
				expect(decimalToString(sumDecimals(pairs.map(({ ours }) => ours)))).toBe(
					expected.toString(),
				);
			}),
			runs,
		);
	});

	test(`rounds half-up and down as decimal.js does: ${CASES} cases (seed ${SEED})`, () => {
		fc.assert(
			fc.property(generatedPair, places, ({ ours, oracle }, to) => {
				expect(decimalToString(roundDecimal(ours, to, 'halfUp'))).toBe(
					oracle.toDecimalPlaces(to, Oracle.ROUND_HALF_UP).toString(),
				);
				expect(decimalToString(roundDecimal(ours, to, 'down'))).toBe(
					oracle.toDecimalPlaces(to, Oracle.ROUND_DOWN).toString(),
				);
			}),
			runs,
		);
	});

	// Random digits rarely land on an exact half; these always do, at the place rounded to.
	test(`rounds exact halves as decimal.js does: ${CASES} cases (seed ${SEED})`, () => {
		const half = fc
			.record({
				sign: fc.constantFrom('', '-'),
				integer: digits(25),
				kept: digits(12),
				zeros: fc.nat(3),
				tail: fc.constantFrom('', '1'),
			})
			.map(({ sign, integer, kept, zeros, tail }) => ({
				value: `${sign}${integer || '0'}.${kept}5${'0'.repeat(zeros)}${tail}`,
				to: kept.length,
			}));
		fc.assert(
			fc.property(half, ({ value, to }) => {
				const oracle = new Oracle(value);
				expect(decimalToString(roundDecimal(read(value), to, 'halfUp'))).toBe(
					oracle.toDecimalPlaces(to, Oracle.ROUND_HALF_UP).toString(),
				);
				expect(decimalToString(roundDecimal(read(value), to, 'down'))).toBe(
					oracle.toDecimalPlaces(to, Oracle.ROUND_DOWN).toString(),
				);
			}),
			runs,
		);
	});

	test(`reads exactly the plain decimal strings, as decimal.js reads them: ${CASES} cases (seed ${SEED})`, () => {
		const plain = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/;
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 12 }), decimalString), (value) => {
				const ours = readDecimal(value);
				expect(ours !== undefined).toBe(plain.test(value));
				if (ours !== undefined) {
					expect(decimalToString(ours)).toBe(new Oracle(value.trim()).toString());
				}
			}),
			runs,
		);
	});
});
