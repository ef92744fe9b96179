'use strict';

// Deterministic randomness: every generated record is derived from (seed, stream, index), so any
// record can be rebuilt on demand without generating the ones before it.

const UINT32_RANGE = 2 ** 32;

/** mulberry32: a small, fast 32-bit PRNG; returns a function yielding uint32 values. */
function mulberry32(seed) {
	let state = seed >>> 0;
	return function nextUint32() {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return (mixed ^ (mixed >>> 14)) >>> 0;
	};
}

/** murmur3's finaliser: spreads every input bit over the whole word. */
function avalanche(value) {
	let mixed = value >>> 0;
	mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
	mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
	return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** Folds non-negative safe integers into one 32-bit seed, e.g. deriveSeed(seed, stream, index). */
function deriveSeed(...values) {
	let hash = 0x811c9dc5;
	for (const value of values) {
		// Both halves, so that indexes and seeds above 2^32 still give distinct seeds.
		hash = avalanche(Math.imul(hash ^ (value >>> 0), 0x01000193));
		hash = avalanche(Math.imul(hash ^ Math.floor(value / UINT32_RANGE), 0x01000193));
	}
	return hash;
}

/** A seeded random source with the helpers the data generators need. */
function createRandom(seed) {
	const nextUint32 = mulberry32(seed);
	const random = {
		/** A float in [0, 1). */
		fraction: () => nextUint32() / UINT32_RANGE,
		/** An integer in [0, bound). */
		integer: (bound) => Math.floor(random.fraction() * bound),
		pick: (values) => values[random.integer(values.length)],
		/** A string of `count` decimal digits; the first is never 0, so the length is exact. */
		digits(count) {
			let text = String(1 + random.integer(9));
			// Nine digits a draw: a uint32 holds 10^9 values without bias worth caring about here.
			while (text.length < count) text += String(random.integer(1e9)).padStart(9, '0');
			return text.slice(0, count);
		},
	};
	return random;
}

/**
 * A picker over `weights` ({ value: weight }): picker(random) returns a value with probability
 * proportional to its weight. Built once, so that picking costs no allocation.
 */
function weightedPicker(weights) {
	const values = Object.keys(weights);
	const thresholds = [];
	let total = 0;
	for (const value of values) {
		total += weights[value];
		thresholds.push(total);
	}
	return function pick(random) {
		const target = random.fraction() * total;
		const index = thresholds.findIndex((threshold) => target < threshold);
		return values[index === -1 ? values.length - 1 : index];
	};
}

/** A float in [0, 1) drawn from one derived seed: cheap when only a single value is needed. */
function fractionFor(...values) {
	return mulberry32(deriveSeed(...values))() / UINT32_RANGE;
}

module.exports = { mulberry32, deriveSeed, createRandom, weightedPicker, fractionFor };
