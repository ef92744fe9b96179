'use strict';

// Stripe's search lags its data: "Don't use search in read-after-write flows ... Under normal
// operating conditions, data is searchable in less than a minute"
// (https://docs.stripe.com/api/invoices/search, https://docs.stripe.com/search). Each write of
// an invoice is kept as a copy with its time; search sees, of each invoice, the newest copy at
// least `lagSeconds` of sandbox time old: a new invoice not at all, a changed one as it was.

// Query clauses: field:'value', joined by spaces or AND (the subset a billing run would use).
const CLAUSE = /^(metadata\['([^'\\]+)'\]|customer|status|currency|number):'([^'\\]*)'$/;

class SearchQueryError extends TypeError {}

function readQuery(query) {
	if (typeof query !== 'string' || query.trim() === '') {
		throw new SearchQueryError('Missing required param: query.');
	}
	return query
		.trim()
		.split(/\s+(?:AND\s+)?/)
		.map((text) => {
			const match = CLAUSE.exec(text);
			if (!match) {
				throw new SearchQueryError(
					`The sandbox reads field:'value' clauses joined by AND (metadata['key'], customer, status, currency, number), not ${text}`,
				);
			}
			const [, field, metadataKey, value] = match;
			return (invoice) =>
				metadataKey === undefined
					? String(invoice[field]) === value
					: invoice.metadata[metadataKey] === value;
		});
}

function createSearchIndex({ now, lagSeconds }) {
	// lagSeconds(): read at each search, so that a test may change it.
	// id -> [{ at, invoice (a copy) | null when deleted }], oldest first
	const writes = new Map();

	function record(id, invoice) {
		const copies = writes.get(id) || [];
		copies.push({ at: now(), invoice: invoice && structuredClone(invoice) });
		writes.set(id, copies);
	}

	/** The invoices search finds now for the query, newest first. */
	function search(query) {
		const clauses = readQuery(query);
		const found = [];
		for (const copies of writes.values()) {
			const seen = copies.filter(({ at }) => at + lagSeconds() <= now()).at(-1);
			if (seen && seen.invoice && clauses.every((matches) => matches(seen.invoice))) {
				found.push(seen.invoice);
			}
		}
		return found.reverse();
	}

	return { record, search };
}

module.exports = { createSearchIndex, SearchQueryError };
