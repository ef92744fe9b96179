'use strict';

const { createHash } = require('crypto');
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
const STREAM_RAISED = 4;
const STREAM_RAISED_HOST = 5;

// Event ids are 16-digit numbers like the vendor's, one block of ID_STRIDE per event: unique.
// Raised events (eventLog.js) number from RAISED_ID_BASE, past the largest data set's blocks.
const ID_BASE = 5e15;
const ID_STRIDE = 1000;
const RAISED_ID_BASE = 6e15;

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

	/** The event's fields after its kind and id, drawn from `random` in the same order always. */
	function describeEvent(random, { idNumber, host, hostDid, type, micros }) {
		const conversationId = random.digits(16);
		const country = pickUserCountry(random);
		const userDid = `${country}${random.digits(NATIONAL_DIGITS[country])}`;
		// Keys in the order of the vendor's sample.
		return {
			conversation_id: conversationId,
			host_did: hostDid,
			host_id: host,
			id: Buffer.from(String(idNumber).padStart(32, '0')).toString('base64'),
			timestamp: formatInstant(micros),
			type,
			user_did: userDid,
		};
	}

	function eventAt(index) {
		const { random, hostIndex, type } = drawKind(index);
		const idNumber = ID_BASE + index * ID_STRIDE + random.integer(ID_STRIDE);
		const host = hosts[hostIndex];
		const hostDid = hostDids[hostIndex];
		return describeEvent(random, { idNumber, host, hostDid, type, micros: timestampAt(index) });
	}

	/** A host's DID; a host of raised events only gets one derived from its name. */
	function hostDidOf(host) {
		const index = hosts.indexOf(host);
		if (index !== -1) return hostDids[index];
		const name = createHash('sha256').update(host).digest().readUIntBE(0, 6);
		return `1${createRandom(deriveSeed(seed, STREAM_RAISED_HOST, name)).digits(10)}`;
	}

	/** The `sequence`-th event raised by a test, with its own id and digits. */
	function raisedEventAt(sequence, { host_id: host, type }, micros) {
		const random = createRandom(deriveSeed(seed, STREAM_RAISED, sequence));
		const idNumber = RAISED_ID_BASE + sequence;
		return describeEvent(random, { idNumber, host, hostDid: hostDidOf(host), type, micros });
	}

	return { eventCount, timestampAt, firstIndexAtOrAfter, kindAt, eventAt, raisedEventAt };
}

module.exports = { createEventDataset, EVENT_TYPE_WEIGHTS };
