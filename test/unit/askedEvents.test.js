// The Billing API reader places most events in the period by their timestamp's text
// (askedEvents.ts, isPlainUtcSecond): it must take and refuse exactly what parsing each timestamp
// takes and refuses, at the bounds and beside them, in every layout.
const { describe, expect, test } = require('@jest/globals');
const fc = require('fast-check');

const { AskedEvents } = require('../../nodes/Lumin/askedEvents');

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const TYPE = 'billing.scheduled';

/**
 * What parsing each timestamp says: taken, or refused.
 * @param {string} timestamp
 * @param {string} start
 * @param {string} end
 */
function parsedVerdict(timestamp, start, end) {
	const text = timestamp.trim();
	const at = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
	if (Number.isNaN(at)) return 'refused';
	return at < Date.parse(start) || at > Date.parse(end) ? 'refused' : 'taken';
}

/**
 * What the reader says: taken, or refused.
 * @param {string} timestamp
 * @param {string} start
 * @param {string} end
 */
function readerVerdict(timestamp, start, end) {
	const reader = new AskedEvents({ type: TYPE, start, end });
	try {
		reader.fresh([{ id: 'e1', type: TYPE, timestamp }]);
		return 'taken';
	} catch {
		return 'refused';
	}
}

/** @param {number} value @param {number} width */
const pad = (value, width) => String(value).padStart(width, '0');

/** Timestamps around `ms`: every layout the API or a proxy may write, and some no calendar has. */
/** @param {number} ms */
const timestampNear = (ms) =>
	fc
		.record({
			shiftMs: fc.integer({ min: -3000, max: 3000 }),
			fraction: fc.integer({ min: 0, max: 9 }),
			end: fc.constantFrom('Z', '+00:00', '+01:00', '-05:30', 'z', ''),
			odd: fc.constantFrom(null, 'day 31', 'day 29', 'hour 24', 'second 60', 'month 13', 'space'),
		})
		.map(({ shiftMs, fraction, end, odd }) => {
			const iso = new Date(ms + shiftMs).toISOString();
			const digits = `${iso.slice(20, 23)}${pad(Math.abs(shiftMs) % 1000000, 6)}`.slice(
				0,
				fraction,
			);
			let text = `${iso.slice(0, 19)}${fraction ? `.${digits}` : ''}${end}`;
			if (odd === 'day 31') text = `${text.slice(0, 8)}31${text.slice(10)}`;
			if (odd === 'day 29') text = `${text.slice(0, 5)}02-29${text.slice(10)}`;
			if (odd === 'hour 24') text = `${text.slice(0, 11)}24:00:00${text.slice(19)}`;
			if (odd === 'second 60') text = `${text.slice(0, 17)}60${text.slice(19)}`;
			if (odd === 'month 13') text = `${text.slice(0, 5)}13${text.slice(7)}`;
			if (odd === 'space') text = ` ${text} `;
			return text;
		});

describe('an event placed in the period by its text, as by its instant', () => {
	const START = '2026-10-01T07:00:00.000Z';
	const END = '2026-11-01T06:59:59.999Z';

	test(`at and beside both bounds, in every layout (seed ${SEED})`, () => {
		const near = fc.oneof(
			timestampNear(Date.parse(START)),
			timestampNear(Date.parse(END)),
			timestampNear(Date.parse('2026-10-15T12:00:00Z')),
		);
		fc.assert(
			fc.property(near, (timestamp) => {
				expect(readerVerdict(timestamp, START, END)).toBe(parsedVerdict(timestamp, START, END));
			}),
			{ seed: SEED, numRuns: 5000 },
		);
	});

	test('bounds with milliseconds, and a period of one second', () => {
		for (const [start, end] of [
			['2026-10-01T00:00:00.500Z', '2026-10-01T00:00:01.250Z'],
			['2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z'],
		]) {
			for (const timestamp of [
				'2026-10-01T00:00:00.499999+00:00',
				'2026-10-01T00:00:00.500000+00:00',
				'2026-10-01T00:00:00Z',
				'2026-10-01T00:00:01.250999Z',
				'2026-10-01T00:00:01.251Z',
				'2026-10-01T00:00:02Z',
			])
				expect([timestamp, readerVerdict(timestamp, start, end)]).toEqual([
					timestamp,
					parsedVerdict(timestamp, start, end),
				]);
		}
	});
});
