'use strict';

// CSV as RFC 4180 writes it: CRLF between records (none after the last), and a field quoted
// only when it holds a comma, a double quote or a line break, its quotes doubled.

const CSV_LINE_END = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value) {
	const text = value === null || value === undefined ? '' : String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The text of a header row and the records under it, each an array of fields. */
function formatCsv(header, records) {
	return [header, ...records].map((record) => record.map(csvField).join(',')).join(CSV_LINE_END);
}

module.exports = { formatCsv, csvField, CSV_LINE_END };
