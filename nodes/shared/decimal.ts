/**
 * Exact decimal arithmetic for money: a value is an integer count of units of 10^-scale, so that
 * 0.1 + 0.2 is 0.3 and a sum of many charges drifts by nothing. Binary floats appear only at the
 * edges: as input, read as the decimal that prints them, and as output, for items. Pure.
 */

/** `units / 10^scale`; scale is a whole number >= 0. */
export interface Decimal {
	readonly units: bigint;
	readonly scale: number;
}

export const ZERO: Decimal = Object.freeze({ units: 0n, scale: 0 });

// Exponent forms are for numbers only: String(n) prints them, whereas in a text field they are
// more likely a typo or an identifier than an amount.
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function powerOfTen(exponent: number): bigint {
	return 10n ** BigInt(exponent);
}

/** Trailing fractional zeros stripped, so that equal values have equal representations. */
function normalised(units: bigint, scale: number): Decimal {
	while (scale > 0 && units % 10n === 0n) {
		units /= 10n;
		scale--;
	}
	return { units, scale };
}

/** Both values' units counted at the larger scale of the two. */
function aligned(a: Decimal, b: Decimal): { a: bigint; b: bigint; scale: number } {
	const scale = Math.max(a.scale, b.scale);
	return {
		a: a.units * powerOfTen(scale - a.scale),
		b: b.units * powerOfTen(scale - b.scale),
		scale,
	};
}

function fromDigits(
	negative: boolean,
	integer: string,
	fraction: string,
	exponent: number,
): Decimal {
	const units = BigInt(integer + fraction);
	const scale = fraction.length - exponent;
	const signed = negative ? -units : units;
	return scale >= 0 ? normalised(signed, scale) : normalised(signed * powerOfTen(-scale), 0);
}

/**
 * A plain decimal: a finite number (read as the shortest decimal that prints it, as String(n)
 * does, including forms like 1e-7 and 1.5e+21), or a string of an optional sign, digits, an
 * optional point and digits ("12", "-0.5", "1.", ".5", surrounding spaces allowed). Anything else
 * (thousands separators "1,000.50", currency signs "$1", "abc", "", "NaN", "Infinity", exponent
 * strings like "1e5", null, objects, booleans, bigint) gives undefined.
 */
export function readDecimal(value: unknown): Decimal | undefined {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		const match = NUMBER_TEXT.exec(String(value));
		if (!match) return undefined;
		const [, sign, integer, fraction = '', exponent = '0'] = match;
		return fromDigits(sign === '-', integer, fraction, Number(exponent));
	}
	if (typeof value !== 'string') return undefined;
	const match = DECIMAL_TEXT.exec(value.trim());
	if (!match) return undefined;
	const [, sign, integer, fraction = ''] = match;
	if (integer === '' && fraction === '') return undefined;
	return fromDigits(sign === '-', integer || '0', fraction, 0);
}

/** Whether readDecimal reads `value`, without making the decimal. */
export function isPlainDecimal(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	if (typeof value !== 'string') return false;
	const match = DECIMAL_TEXT.exec(value.trim());
	return match !== null && (match[2] !== '' || (match[3] ?? '') !== '');
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
	const { a: left, b: right, scale } = aligned(a, b);
	return normalised(left + right, scale);
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
	const { a: left, b: right, scale } = aligned(a, b);
	return normalised(left - right, scale);
}

export function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
	return normalised(a.units * b.units, a.scale + b.scale);
}

export function sumDecimals(values: Iterable<Decimal>): Decimal {
	let total = ZERO;
	for (const value of values) total = addDecimals(total, value);
	return total;
}

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
	const { a: left, b: right } = aligned(a, b);
	if (left === right) return 0;
	return left < right ? -1 : 1;
}

export function isZeroDecimal(a: Decimal): boolean {
	return a.units === 0n;
}

export function negateDecimal(a: Decimal): Decimal {
	return normalised(-a.units, a.scale);
}

/**
 * Rounded to `places` decimal places (>= 0): 'halfUp' rounds halves away from zero; 'down'
 * truncates toward zero.
 */
export function roundDecimal(
	a: Decimal,
	places: number,
	mode: 'halfUp' | 'down' = 'halfUp',
): Decimal {
	if (!Number.isInteger(places) || places < 0) {
		throw new RangeError(`Decimal places must be a whole number >= 0, not ${places}`);
	}
	if (a.scale <= places) return normalised(a.units, a.scale);
	const divisor = powerOfTen(a.scale - places);
	// BigInt division truncates toward zero, which is 'down' already.
	let units = a.units / divisor;
	const remainder = a.units % divisor;
	const magnitude = remainder < 0n ? -remainder : remainder;
	if (mode === 'halfUp' && magnitude * 2n >= divisor) units += a.units < 0n ? -1n : 1n;
	return normalised(units, places);
}

/**
 * Plain text without exponent and without trailing fractional zeros: "1.25", "-0.5", "0",
 * "1000000000000000000000".
 */
export function decimalToString(a: Decimal): string {
	const { units, scale } = normalised(a.units, a.scale);
	const sign = units < 0n ? '-' : '';
	const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
	if (scale === 0) return sign + digits;
	return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The nearest JavaScript number, for output items only (Number of the text). */
export function decimalToNumber(a: Decimal): number {
	return Number(decimalToString(a));
}
