'use strict';

const { MICROS_PER_MILLI } = require('../../instants');
const { UsageSpecError, checkSpecKeys, readAmount, readAt } = require('../../usageRaises');
const { EVENT_TYPE_WEIGHTS } = require('./eventDataset');

// A usage raise on Lumin.ai: { platform, type, count, host?, at? }.

const EVENT_TYPES = Object.keys(EVENT_TYPE_WEIGHTS);
// Raised events are kept in memory, one entry each.
const MAX_RAISED_EVENTS = 10000;

/**
 * { micros, kind: { host_id, type }, count } for a spec, or throws UsageSpecError. The host
 * defaults to the first of the sandbox's hosts; another name is a host with no generated events,
 * whose count starts at 0. The instant defaults to now.
 */
function readLuminRaise(spec, { hosts }) {
	checkSpecKeys(spec, ['type', 'count', 'host', 'at']);
	if (!EVENT_TYPES.includes(spec.type)) {
		throw new UsageSpecError(`type must be one of ${EVENT_TYPES.join(', ')}`);
	}
	const count = readAmount(spec, 'count', { required: true });
	if (count > MAX_RAISED_EVENTS) {
		throw new UsageSpecError(`count must be at most ${MAX_RAISED_EVENTS} a raise`);
	}
	const host = spec.host === undefined ? hosts[0] : spec.host;
	if (typeof host !== 'string' || host === '') {
		throw new UsageSpecError('host must be a non-empty string');
	}
	const at = readAt(spec);
	return {
		micros: at === null ? Date.now() * MICROS_PER_MILLI : at.micros,
		kind: { host_id: host, type: spec.type },
		count,
	};
}

module.exports = { readLuminRaise };
