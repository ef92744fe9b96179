'use strict';

const { formatCsv } = require('../../csv');
const { REPORTED_FIELDS } = require('./usageReports');

// The two CSV files of a completed usage report: a summary with the overall counts and a detailed
// report with one row per appointment.

const USAGE_FIELDS = ['video_minutes', 'translation_minutes', 'billable_sms', 'billable_emails'];
const SUMMARY_HEADER = ['report_title', 'start_time', 'end_time', 'appointments', ...USAGE_FIELDS];

function summaryCsv(transaction) {
	const { report_title: title, start_time: start, end_time: end } = transaction.query;
	const totals = USAGE_FIELDS.map((field) =>
		transaction.rows.reduce((sum, row) => sum + row[field], 0),
	);
	return formatCsv(SUMMARY_HEADER, [[title, start, end, transaction.rows.length, ...totals]]);
}

function detailedCsv(transaction) {
	return formatCsv(
		REPORTED_FIELDS,
		transaction.rows.map((row) => REPORTED_FIELDS.map((field) => row[field])),
	);
}

const REPORT_FILES = { summary: summaryCsv, detailed: detailedCsv };

module.exports = { REPORT_FILES, SUMMARY_HEADER };
