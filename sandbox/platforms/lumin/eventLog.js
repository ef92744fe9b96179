'use strict';

// The events the billing route serves: the generated data set merged with the events tests raise
// (sandbox.raiseUsage), in timestamp order. A raised event comes after the generated events and
// the earlier raises of its timestamp. Positions count events in that merged order, so paging
// treats both alike; raised events are kept, the generated ones are still built on demand.
// Paging tokens stay valid across a raise: like new events in a live API, events raised before a
// token's position shift the rest of that listing by as many.

function createEventLog(dataset) {
	// Raised events in log order: { micros, kind: { host_id, type }, sequence }.
	let raised = [];

	const count = () => dataset.eventCount + raised.length;

	/** How many raised events come before `micros`, or with `orAt` also at it. */
	function raisedBefore(micros, orAt = false) {
		let low = 0;
		let high = raised.length;
		while (low < high) {
			const middle = Math.floor((low + high) / 2);
			const before = orAt ? raised[middle].micros <= micros : raised[middle].micros < micros;
			if (before) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	// Raised event j follows j raises and every generated event at or before its timestamp.
	const positionOfRaised = (j) => j + dataset.firstIndexAtOrAfter(raised[j].micros + 1);

	/** { index, raisedIndex }: how many generated and how many raised events precede `position`. */
	function cursorAt(position) {
		let low = 0;
		let high = raised.length;
		while (low < high) {
			const middle = Math.floor((low + high) / 2);
			if (positionOfRaised(middle) < position) low = middle + 1;
			else high = middle;
		}
		return { index: position - low, raisedIndex: low };
	}

	/** The position of the first event at or after `micros` (count() when there is none). */
	function firstPositionAtOrAfter(micros) {
		return dataset.firstIndexAtOrAfter(micros) + raisedBefore(micros);
	}

	/**
	 * The events from `position` on, in order, as { position, micros, index, raised }: a generated
	 * event's index, or the raised entry. kindOf and eventOf read them, so that a scan builds only
	 * what it needs.
	 */
	function* entriesFrom(position) {
		let { index, raisedIndex } = cursorAt(position);
		while (index < dataset.eventCount || raisedIndex < raised.length) {
			const micros = index < dataset.eventCount ? dataset.timestampAt(index) : Infinity;
			const next = raised[raisedIndex];
			const entryPosition = index + raisedIndex;
			if (next !== undefined && next.micros < micros) {
				raisedIndex += 1;
				yield { position: entryPosition, micros: next.micros, index: null, raised: next };
			} else {
				index += 1;
				yield { position: entryPosition, micros, index: index - 1, raised: null };
			}
		}
	}

	/** An entry's { host_id, type }, cheaper than its event. */
	const kindOf = ({ index, raised: entry }) => (entry ? entry.kind : dataset.kindAt(index));

	function eventOf({ index, raised: entry }) {
		return entry
			? dataset.raisedEventAt(entry.sequence, entry.kind, entry.micros)
			: dataset.eventAt(index);
	}

	/** Event `position`, or undefined outside the log (like Array.prototype.at without negatives). */
	function eventIfAny(position) {
		if (!Number.isInteger(position) || position < 0 || position >= count()) return undefined;
		return eventOf(entriesFrom(position).next().value);
	}

	/** Every event in order, array-like (length, at) and iterable, built lazily. */
	function events() {
		return {
			length: count(),
			at: eventIfAny,
			*[Symbol.iterator]() {
				for (const entry of entriesFrom(0)) yield eventOf(entry);
			},
		};
	}

	/** Adds `count` events of `kind` at `micros`, after any already there; returns them built. */
	function raise({ micros, kind, count: added }) {
		const firstSequence = raised.length;
		const entries = Array.from({ length: added }, (_, offset) => ({
			micros,
			kind,
			sequence: firstSequence + offset,
		}));
		const at = raisedBefore(micros, true);
		raised = [...raised.slice(0, at), ...entries, ...raised.slice(at)];
		return entries.map((entry) => eventOf({ raised: entry }));
	}

	return { count, firstPositionAtOrAfter, entriesFrom, kindOf, eventOf, eventIfAny, events, raise };
}

module.exports = { createEventLog };
