'use strict';

// Identifiers shaped like the vendor's: 24-hex ids (a MongoDB ObjectId: 4 bytes of seconds,
// 5 random bytes, a 3-byte counter, e.g. '5ce4f00328fb30f8b054e422') and friendly uids.

const COUNTER_RANGE = 0x1000000;

function randomHex(random, length) {
	let text = '';
	for (let index = 0; index < length; index += 1) text += random.integer(16).toString(16);
	return text;
}

/** A 24-hex id; distinct counters give distinct ids for the same second and random draw. */
function objectId(seconds, random, counter) {
	const time = (Math.floor(seconds) >>> 0).toString(16).padStart(8, '0');
	const count = (counter % COUNTER_RANGE).toString(16).padStart(6, '0');
	return `${time}${randomHex(random, 10)}${count}`;
}

/** 'APT-000121' for the 121st appointment. */
function appointmentUid(number) {
	return `APT-${String(number).padStart(6, '0')}`;
}

module.exports = { objectId, randomHex, appointmentUid };
