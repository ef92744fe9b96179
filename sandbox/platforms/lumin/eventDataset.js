'use strict';

const { createRandom, deriveSeed, fractionFor, weightedPicker } = require('../../random');
const { formatInstant } = require('../../instants');

// Lumin.ai's billing events, generated on demand from (seed, index): a million need no memory.

const EVENT_TYPE_WEIGHTS = {
	'billing.scheduled': 80,
	'billing.rescheduled': 12,
	'billing.lead-received': 5,
	'billing.delete': 3,
};

// Calling codes of end users, with the digits that follow them.
const USER_COUNTRY_WEIGHTS = { 1: 85, 44: 10, 61: 5 };
const NATIONAL_DIGITS = { 1: 10, 44: 10, 61: 9 };
const pickEventType = weightedPicker(EVENT_TYPE_WEIGHTS);
const pickUserCountry = weightedPicker(USER_COUNTRY_WEIGHTS);

// Separate random streams, so that a timestamp costs one draw (binary search reads many).
const STREAM_TIMESTAMP = 1;
const STREAM_EVENT = 2;
const STREAM_HOST = 3;

// Event ids are 16-digit numbers like the vendor's, one block of ID_STRIDE per event: unique.
const ID_BASE = 5e15;
const ID_STRIDE = 1000;

function createEventDataset({ eventCount, seed, hosts, fromMicros, toMicros }) {
	const spanMicros = toMicros - fromMicros;
	const microsPerEvent = spanMicros / Math.max(eventCount, 1);
	const hostDids = hosts.map(
		(host, index) => `1${createRandom(deriveSeed(seed, STREAM_HOST, index)).digits(10)}`,
	);

	// Event i sits at a random point of the i-th equal slice of [from, to): timestamps never
	// decrease with i, which is what lets a query find its first event by binary search.
	function timestampAt(index) {
		const offset = Math.floor(
			(index + fractionFor(seed, STREAM_TIMESTAMP, index)) * microsPerEvent,
		);
		return fromMicros + Math.min(offset, spanMicros - 1);
	}

	/** The index of the first event at or after `micros` (eventCount when there is none). */
	function firstIndexAtOrAfter(micros) {
		let low = 0;
		let high = eventCount;
		while (low < high) {
			const middle = Math.floor((low + high) / 2);
			if (timestampAt(middle) < micros) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	// Host and type come first from the event's stream, so filtering need not build the rest.
	function drawKind(index) {
		const random = createRandom(deriveSeed(seed, STREAM_EVENT, index));
		const hostIndex = random.integer(hosts.length);
		const type = pickEventType(random);
		return { random, hostIndex, type };
	}

	function kindAt(index) {
		const { hostIndex, type } = drawKind(index);
		return { host_id: hosts[hostIndex], type };
	}

	function eventAt(index) {
		const { random, hostIndex, type } = drawKind(index);
		const idNumber = ID_BASE + index * ID_STRIDE + random.integer(ID_STRIDE);
		const conversationId = random.digits(16);
		const country = pickUserCountry(random);
		const userDid = `${country}${random.digits(NATIONAL_DIGITS[country])}`;
		// Keys in the order of the vendor's sample.
		return {
			conversation_id: conversationId,
			host_did: hostDids[hostIndex],
			host_id: hosts[hostIndex],
			id: Buffer.from(String(idNumber).padStart(32, '0')).toString('base64'),
			timestamp: formatInstant(timestampAt(index)),
			type,
			user_did: userDid,
		};
	}

	/** Event `index`, or undefined outside the data set (like Array.prototype.at without negatives). */
	function eventIfAny(index) {
		return Number.isInteger(index) && index >= 0 && index < eventCount ? eventAt(index) : undefined;
	}

	/** Every event in timestamp order, array-like (length, at) and iterable, built lazily. */
	function events() {
		return {
			length: eventCount,
			at: eventIfAny,
			*[Symbol.iterator]() {
				for (let index = 0; index < eventCount; index += 1) yield eventAt(index);
			},
		};
	}

	return { eventCount, timestampAt, firstIndexAtOrAfter, kindAt, eventAt, eventIfAny, events };
}

module.exports = { createEventDataset, EVENT_TYPE_WEIGHTS };
