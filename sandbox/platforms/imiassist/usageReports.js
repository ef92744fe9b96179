'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { objectId } = require('./identifiers');
const { matchesReportFilter } = require('./usageReportRequest');

// Usage reports are asynchronous: creating one answers a transaction, and each GET of the
// transaction is one poll. It answers QUEUED on the first poll, IN_PROGRESS until poll number
// `pollsToComplete`, then COMPLETED, or the setting `finalStatus` (or FAILED when a failure was
// arranged for it). Statuses go on the wire in the case `statusCase` names.

const STREAM_TRANSACTION = 14;
const DEFAULT_FAILURE_MESSAGE = 'Report generation failed: data warehouse unavailable';
// What a report keeps of each appointment: the columns of the detailed CSV.
const REPORTED_FIELDS = [
	'appointment_id',
	'appointment_uid',
	'department_id',
	'team_id',
	'start_time',
	'end_time',
	'status',
	'video_minutes',
	'translation_minutes',
	'billable_sms',
	'billable_emails',
];

// How a status is written: `IN_PROGRESS`, `in_progress` or `In_Progress`.
const STATUS_CASES = {
	upper: (status) => status.toUpperCase(),
	lower: (status) => status.toLowerCase(),
	title: (status) =>
		status
			.toLowerCase()
			.replace(/(^|[^a-z])([a-z])/g, (_, before, letter) => before + letter.toUpperCase()),
};

function byStartThenId(a, b) {
	return (
		Date.parse(a.start_time) - Date.parse(b.start_time) ||
		(a.appointment_id < b.appointment_id ? -1 : a.appointment_id > b.appointment_id ? 1 : 0)
	);
}

function createUsageReports({
	seed,
	pollsToComplete,
	statusInOutputLog,
	statusCase,
	outputLogAsText,
	finalStatus,
}) {
	const transactions = [];
	const transactionsById = new Map();
	let pendingFailureMessage = null;

	/** Whether the report was generated: its files are served, whatever its status is called. */
	const isGenerated = (transaction) =>
		transaction.polls >= pollsToComplete && transaction.failureMessage === null;

	function statusOf(transaction) {
		if (transaction.polls >= pollsToComplete) {
			return transaction.failureMessage === null ? finalStatus : 'FAILED';
		}
		return transaction.polls <= 1 ? 'QUEUED' : 'IN_PROGRESS';
	}

	/**
	 * Starts a report over the appointments that match now: later appointments are not in it,
	 * as a real report is a snapshot taken when it is requested.
	 */
	function create({ query, filter }, appointments, now = new Date()) {
		const index = transactions.length;
		const random = createRandom(deriveSeed(seed, STREAM_TRANSACTION, index));
		const rows = appointments
			.filter((appointment) => matchesReportFilter(appointment, filter))
			.map((appointment) =>
				Object.fromEntries(REPORTED_FIELDS.map((key) => [key, appointment[key]])),
			)
			.sort(byStartThenId);
		const transaction = {
			transaction_id: objectId(now.getTime() / 1000, random, index),
			type: 'USAGE_REPORT',
			created_at: now.toISOString(),
			query,
			rows,
			polls: 0,
			failureMessage: pendingFailureMessage,
		};
		pendingFailureMessage = null;
		transactions.push(transaction);
		transactionsById.set(transaction.transaction_id, transaction);
		return transaction;
	}

	/** Counts one poll of the transaction and returns it; undefined when there is none. */
	function poll(transactionId) {
		const transaction = transactionsById.get(transactionId);
		if (transaction) transaction.polls += 1;
		return transaction;
	}

	/** The transaction's answer; `reportUrl(transaction, kind)` gives a CSV's absolute URL. */
	function describe(transaction, reportUrl) {
		const status = statusOf(transaction);
		const outputLogs = {
			QUEUED: () => ({ message: 'Report generation queued' }),
			IN_PROGRESS: () => ({ message: 'Report generation in progress' }),
			FAILED: () => ({ message: transaction.failureMessage }),
		};
		const log = isGenerated(transaction)
			? {
					summary_report_url: reportUrl(transaction, 'summary'),
					detailed_report_url: reportUrl(transaction, 'detailed'),
					message: 'Report generated',
				}
			: outputLogs[status]();
		const wireStatus = STATUS_CASES[statusCase](status);
		// The vendor's Transactions page says only that output_log "contains the transaction
		// status, and URLs of the reports": a server may send the status nowhere else.
		const outputLog = statusInOutputLog ? { status: wireStatus, ...log } : log;
		return {
			transaction_id: transaction.transaction_id,
			type: transaction.type,
			...(statusInOutputLog ? {} : { status: wireStatus }),
			// The page gives no example either: output_log may come as JSON text.
			output_log: outputLogAsText ? JSON.stringify(outputLog) : outputLog,
		};
	}

	return {
		create,
		poll,
		describe,
		statusOf,
		isGenerated,
		/** The transaction with this id, without counting a poll. */
		find: (transactionId) => transactionsById.get(transactionId),
		/** The newest transactions first, at most `limit`. */
		latest: (limit) => transactions.slice(-limit).reverse(),
		/** The next report created fails, with this message in its output_log. */
		failNext(message = DEFAULT_FAILURE_MESSAGE) {
			if (typeof message !== 'string' || message.trim() === '') {
				throw new TypeError('The failure message must be a non-empty string');
			}
			pendingFailureMessage = message;
		},
		clearPendingFailure() {
			pendingFailureMessage = null;
		},
		/** Copies for callers outside the platform: each transaction's query and state. */
		copy: () =>
			transactions.map((transaction) => ({
				transaction_id: transaction.transaction_id,
				type: transaction.type,
				created_at: transaction.created_at,
				status: statusOf(transaction),
				polls: transaction.polls,
				query: structuredClone(transaction.query),
				appointment_ids: transaction.rows.map((row) => row.appointment_id),
				failure_message: transaction.failureMessage,
			})),
	};
}

module.exports = { createUsageReports, DEFAULT_FAILURE_MESSAGE, REPORTED_FIELDS };
