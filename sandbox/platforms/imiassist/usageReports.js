'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { objectId } = require('./identifiers');
const { matchesReportFilter } = require('./usageReportRequest');

// Usage reports are asynchronous: creating one answers a transaction, and each GET of the
// transaction is one poll. It answers QUEUED on the first poll, IN_PROGRESS until poll number
// `pollsToComplete`, then COMPLETED (or FAILED when a failure was arranged for it).

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

function byStartThenId(a, b) {
	return (
		Date.parse(a.start_time) - Date.parse(b.start_time) ||
		(a.appointment_id < b.appointment_id ? -1 : a.appointment_id > b.appointment_id ? 1 : 0)
	);
}

function createUsageReports({ seed, pollsToComplete, statusInOutputLog }) {
	const transactions = [];
	const transactionsById = new Map();
	let pendingFailureMessage = null;

	function statusOf(transaction) {
		if (transaction.polls >= pollsToComplete) {
			return transaction.failureMessage === null ? 'COMPLETED' : 'FAILED';
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
			COMPLETED: () => ({
				summary_report_url: reportUrl(transaction, 'summary'),
				detailed_report_url: reportUrl(transaction, 'detailed'),
				message: 'Report generated',
			}),
			FAILED: () => ({ message: transaction.failureMessage }),
		};
		// The vendor's Transactions page says only that output_log "contains the transaction
		// status, and URLs of the reports": a server may send the status nowhere else.
		if (statusInOutputLog) {
			return {
				transaction_id: transaction.transaction_id,
				type: transaction.type,
				output_log: { status, ...outputLogs[status]() },
			};
		}
		return {
			transaction_id: transaction.transaction_id,
			type: transaction.type,
			status,
			output_log: outputLogs[status](),
		};
	}

	return {
		create,
		poll,
		describe,
		statusOf,
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
