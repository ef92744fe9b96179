/**
 * Get a Transaction: the status of an asynchronous job such as a usage report, optionally
 * waiting until it is done and attaching the report's two CSV files (docs/vendors.md).
 */
import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { flagInput, oneOrManyInput, pathIdInput, positiveIntegerInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { Failure } from '../../shared/outcome';
import { pollUntilDone } from '../../shared/polling';
import { MEGABYTE } from '../../shared/transport';
import { checkOrigin } from '../../shared/validation';
import {
	knownStatus,
	notCsv,
	readTransaction,
	reportFileRequest,
	transactionField,
	transactionRequest,
	TRANSACTION_STATUSES,
	type TransactionStatus,
} from '../api';

const TRANSACTION_FIELDS = ['transaction_id', 'status', 'output_log'] as const;
const DONE = new Set<TransactionStatus>(['COMPLETED', 'FAILED']);
const REPORT_FILES = { summary: 'summary_report_url', detailed: 'detailed_report_url' } as const;
const DEFAULT_MAX_REPORT_MB = 50;

/** What a Failure about a transaction tells besides: its output variables too. */
const transactionAnswer = (transaction: IDataObject) => ({
	statusCode: transaction.response_status_code as number,
	body: transaction.response_body,
	outputs: Object.fromEntries(TRANSACTION_FIELDS.map((field) => [field, transaction[field]])),
});

/** A Failure about a transaction, told as a sentence of its own. */
const transactionFailure = (sentence: string, transaction: IDataObject) =>
	new Failure(() => sentence, transactionAnswer(transaction));

const logMessage = (record: IDataObject) => (record.output_log as IDataObject | null)?.message;

// A status outside the four may mean done or not: it is neither waited for nor taken as done.
const unknownStatus = (transactionId: string, transaction: IDataObject) =>
	transactionFailure(
		`Transaction ${transactionId} has the status ${JSON.stringify(transaction.status)}, which is none of ${TRANSACTION_STATUSES.join(', ')} (in any case): whether it is done is not known, so it is not waited for and no report is downloaded.`,
		transaction,
	);

// A page served instead of a report can be large: the Failure keeps its start.
const excerpt = (body: unknown) =>
	typeof body === 'string' && body.length > 1000 ? `${body.slice(0, 1000)}…` : body;

export const getTransaction = defineMethod({
	value: 'getTransaction',
	name: 'Get a Transaction',
	action: 'Get a transaction',
	description: 'Get the status of a transaction, such as a usage report being generated',
	inputs: {
		transactionId: pathIdInput({
			name: 'transactionId',
			displayName: 'Transaction ID',
			description: 'The transaction_id from Create Usage Report',
		}),
		waitForCompletion: flagInput({
			name: 'waitForCompletion',
			displayName: 'Wait for Completion',
			description: 'Whether to poll, with back-off, until the transaction is COMPLETED or FAILED',
			default: false,
		}),
		maxWait: positiveIntegerInput({
			name: 'maxWait',
			displayName: 'Max Wait (Seconds)',
			description: 'How long to wait at most; then the item goes to Failure with the last status',
			show: { waitForCompletion: [true] },
			default: 300,
		}),
		downloadReports: flagInput({
			name: 'downloadReports',
			displayName: 'Download Reports',
			description:
				'Whether to attach the two CSV reports as binary properties "summary" and "detailed", ready for Extract from File',
			default: false,
		}),
		reportOrigins: oneOrManyInput({
			name: 'reportOrigins',
			displayName: 'Report Origins',
			description:
				"Origins other than the credential's that report URLs may point to, separated by commas, e.g. https://files.example.com (fetched without the credential). Any other origin is refused.",
			placeholder: 'https://files.example.com',
			show: { downloadReports: [true] },
			check: checkOrigin,
		}),
		maxReportSize: positiveIntegerInput({
			name: 'maxReportSize',
			displayName: 'Max Report Size (MB)',
			description:
				'Stop reading a report past this size (after decompression) and go to Failure, so that no download can fill the memory',
			show: { downloadReports: [true] },
			default: DEFAULT_MAX_REPORT_MB,
		}),
	},
	outputVariables: [
		'transaction_id',
		'status',
		'output_log',
		'response_body',
		'response_status_code',
	],
	subject: ({ transactionId }) => `transaction ${transactionId}`,
	async execute({ values, request, binaryFile }) {
		const { transactionId } = values;
		const fetchTransaction = async () =>
			readTransaction(await request(transactionRequest(transactionId)));

		let transaction: IDataObject;
		if (values.waitForCompletion) {
			const maxWait = values.maxWait ?? 300;
			const last = await pollUntilDone(async () => {
				const current = await fetchTransaction();
				const status = knownStatus(current.status);
				return { done: status === undefined || DONE.has(status), value: current };
			}, maxWait * 1000);
			transaction = last.value;
			if (!last.done) {
				throw transactionFailure(
					`Transaction ${transactionId} was still ${transaction.status} after waiting ${maxWait} s (${last.polls} polls); run again later or raise Max Wait.`,
					transaction,
				);
			}
		} else {
			transaction = await fetchTransaction();
		}

		const status = knownStatus(transaction.status);
		if (status === undefined) throw unknownStatus(transactionId, transaction);
		if (status === 'FAILED') {
			throw transactionFailure(
				`Transaction ${transactionId} FAILED${logMessage(transaction) ? `: ${logMessage(transaction)}` : ''}.`,
				transaction,
			);
		}
		if (!values.downloadReports) return [{ json: transaction }];

		if (status !== 'COMPLETED') {
			throw transactionFailure(
				`The reports of transaction ${transactionId} cannot be downloaded yet: it is ${transaction.status}. Turn on Wait for Completion.`,
				transaction,
			);
		}
		const answer = transaction.response_body as IDataObject;
		const binary: IBinaryKeyData = {};
		for (const [property, urlField] of Object.entries(REPORT_FILES)) {
			const url = transactionField(answer, urlField);
			if (typeof url !== 'string' || url === '') {
				throw transactionFailure(
					`Transaction ${transactionId} is COMPLETED but its output_log has no ${urlField}.`,
					transaction,
				);
			}
			const origins = (values.reportOrigins ?? []).map((origin) => new URL(origin).origin);
			const maxBytes = (values.maxReportSize ?? DEFAULT_MAX_REPORT_MB) * MEGABYTE;
			const fileRequest = reportFileRequest(
				url,
				`The ${property} report URL of transaction ${transactionId}`,
				origins,
				maxBytes,
			);
			// A download that fails still tells the transaction's status and output_log.
			const file = await request(fileRequest).catch((error: Error) => error);
			if (file instanceof Failure) {
				// A download that got no answer (refused before sending, or no connection) leaves the
				// transaction's as the last answer.
				const answered = file.statusCode
					? { ...transaction, response_status_code: file.statusCode, response_body: file.body }
					: transaction;
				throw file.with(transactionAnswer(answered as IDataObject));
			}
			if (file instanceof Error) throw file;
			const problem = notCsv(file);
			if (problem) {
				throw transactionFailure(
					`The ${property} report of transaction ${transactionId} is ${problem}, not a CSV file; nothing is attached.`,
					{
						...transaction,
						response_status_code: file.statusCode,
						response_body: excerpt(file.body) as IDataObject,
					},
				);
			}
			binary[property] = await binaryFile(
				Buffer.from(String(file.body), 'utf8'),
				`${transactionId}-${property}.csv`,
				'text/csv',
			);
		}
		return [{ json: transaction, binary }];
	},
});
