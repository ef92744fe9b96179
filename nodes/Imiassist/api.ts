/**
 * IMIASSIST's API. No public API reference exists: apart from the input and output variables
 * and the outcomes that the vendor's node pages name, this contract is assumed (docs/vendors.md)
 * and lives here only, to be corrected in one place.
 */
import type { IDataObject } from 'n8n-workflow';

import { Failure } from '../shared/outcome';
import { documentedObject, isJsonObject } from '../shared/records';
import type { PathRequest, PlatformRequest, PlatformResponse } from '../shared/request';

export const IMIASSIST_PATHS = {
	login: '/api/v1/auth/login',
	apiCredentials: '/api/v1/auth/token',
	appointments: '/api/v1/appointments',
	usageReports: '/api/v1/reports/usage',
	transactions: '/api/v1/transactions',
} as const;

/** Authenticate: the user's e-mail and password, nothing else. */
export const loginRequest = (email: string, password: string): PathRequest => ({
	httpMethod: 'POST',
	path: IMIASSIST_PATHS.login,
	kind: 'authentication',
	body: { email, password },
	withCredential: false,
});

/** Get New Token: the access token as a bearer, nothing else. */
export const newTokenRequest = (accessToken: string): PathRequest => ({
	httpMethod: 'POST',
	path: IMIASSIST_PATHS.apiCredentials,
	kind: 'authentication',
	headers: { Authorization: `Bearer ${accessToken}` },
	withCredential: false,
});

/** The usage report's variables and their names on the wire. */
export const USAGE_REPORT_WIRE_NAMES = {
	departmentId: 'department_id',
	teamId: 'team_id',
	startTime: 'start_time',
	endTime: 'end_time',
	reportTitle: 'report_title',
	sendEmail: 'send_email',
} as const;

/** A request body: each variable that was given, under its wire name; the others left out. */
export function wireBody(
	given: IDataObject,
	wireNames: Readonly<Record<string, string>>,
): IDataObject {
	const body: IDataObject = {};
	for (const [variable, wireName] of Object.entries(wireNames)) {
		if (given[variable] !== undefined) body[wireName] = given[variable];
	}
	return body;
}

/** The appointment's variables and their names on the wire. */
export const APPOINTMENT_WIRE_NAMES = {
	customerId: 'customer_id',
	customerPhone: 'customer_phone',
	customerEmail: 'customer_email',
	customerFirstName: 'customer_first_name',
	customerLastName: 'customer_last_name',
	customAttributes: 'custom_attributes',
	teamId: 'team_id',
	appointmentType: 'appointment_type',
	startTime: 'start_time',
	assigneeEmail: 'assignee_email',
	description: 'description',
	referenceCaseId: 'reference_case_id',
	priority: 'priority',
	externalReferenceId: 'external_reference_id',
	title: 'title',
	duration: 'duration',
} as const;

export const scheduleAppointmentRequest = (
	body: IDataObject,
	mayExistHint: string,
): PlatformRequest => ({
	httpMethod: 'POST',
	path: IMIASSIST_PATHS.appointments,
	kind: 'create',
	body,
	mayExistHint,
});

export const createUsageReportRequest = (
	body: IDataObject,
	mayExistHint: string,
): PlatformRequest => ({
	httpMethod: 'POST',
	path: IMIASSIST_PATHS.usageReports,
	kind: 'create',
	body,
	mayExistHint,
});

export const transactionRequest = (transactionId: string): PlatformRequest => ({
	httpMethod: 'GET',
	path: `${IMIASSIST_PATHS.transactions}/${encodeURIComponent(transactionId)}`,
	kind: 'read',
});

/**
 * A report file's request: a URL the vendor handed back, fetched on the credential's origin (with
 * the credential) or on one of `reportOrigins` (without it), nowhere else; `named` words its
 * refusal ("The summary report URL of transaction 42").
 */
export const reportFileRequest = (
	url: string,
	named: string,
	reportOrigins: readonly string[],
	maxBytes: number,
): PlatformRequest => ({
	httpMethod: 'GET',
	handedBack: { url, within: reportOrigins, named },
	kind: 'read',
	responseType: 'text',
	maxBytes,
});

export const TRANSACTION_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/**
 * Which of the four statuses a transaction's status is, in any case (the vendor publishes no
 * status values), or undefined for any other value. Only ASCII letters change case, so that no
 * other character (a long s, a dotless i) passes for one of them.
 */
export function knownStatus(status: unknown): TransactionStatus | undefined {
	if (typeof status !== 'string') return undefined;
	const upper = status.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
	return TRANSACTION_STATUSES.find((known) => known === upper);
}

/**
 * A transaction's output_log as an object, or undefined when it is none: the page gives no
 * example, so a server may send it as JSON text as well as an object (docs/vendors.md).
 */
export function outputLogObject(outputLog: unknown): IDataObject | undefined {
	if (isJsonObject(outputLog)) return outputLog;
	if (typeof outputLog !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(outputLog);
		return isJsonObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A field of a transaction at its top level or inside its output_log: the vendor's page says only
 * that output_log "contains the transaction status, and URLs of the reports", so a server may
 * send them there alone (docs/vendors.md).
 */
export function transactionField(transaction: IDataObject, field: string): unknown {
	const log = outputLogObject(transaction.output_log) ?? {};
	return transaction[field] ?? log[field];
}

/**
 * The transaction's output variables, output_log as an object even when it came as JSON text;
 * a body without a status anywhere is a Failure.
 */
export function readTransaction(response: PlatformResponse): IDataObject {
	const body = documentedObject(response);
	const status = transactionField(body, 'status');
	if (status === undefined || status === null)
		throw new Failure(`answered HTTP ${response.statusCode} without status.`, response);
	return {
		status,
		transaction_id: body.transaction_id ?? null,
		output_log: outputLogObject(body.output_log) ?? body.output_log ?? null,
		response_body: body,
		response_status_code: response.statusCode,
	};
}

/**
 * Whether text reads as a CSV file with a header row (RFC 4180): at least two named columns, and
 * every record as many fields as the header.
 */
function readsAsCsv(text: string): boolean {
	let fields = 0;
	let header: number | undefined;
	let quoted = false;
	let field = '';
	let named = true;
	const endField = () => {
		if (header === undefined && field.trim() === '') named = false;
		fields++;
		field = '';
	};
	const endRecord = () => {
		endField();
		if (header === undefined) header = fields;
		else if (fields !== header) return false;
		fields = 0;
		return true;
	};
	const body = text.replace(/(\r?\n)+$/, '');
	for (let index = 0; index < body.length; index++) {
		const character = body[index];
		if (quoted) {
			if (character !== '"') field += character;
			else if (body[index + 1] === '"') field += body[++index];
			else quoted = false;
		} else if (character === '"') quoted = true;
		else if (character === ',') endField();
		else if (character === '\n' || (character === '\r' && body[index + 1] === '\n')) {
			if (character === '\r') index++;
			if (!endRecord()) return false;
		} else field += character;
	}
	return !quoted && endRecord() && named && (header ?? 0) >= 2;
}

/**
 * What is wrong with a report download that is not a CSV file (an HTML page, JSON, nothing, less
 * than it announced, bytes that are no text, or text that does not read as CSV with a header row), or undefined when
 * it is one.
 */
export function notCsv(response: PlatformResponse): string | undefined {
	const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
	const type = String(response.headers['content-type'] ?? 'none');
	const announced = Number(response.headers['content-length']);
	if (text === undefined || text.trim() === '') return 'empty';
	if (/html/i.test(type) || /^\s*</.test(text)) return 'an HTML page';
	if (/json/i.test(type) || /^\s*[[{]/.test(text)) return 'JSON';
	const received = Buffer.byteLength(text, 'utf8');
	if (Number.isFinite(announced) && received < announced)
		return `cut off (${received} of the ${announced} bytes it announced)`;
	// Bytes that are not UTF-8 text arrive as U+FFFD.
	if (text.includes('\u0000') || text.includes('\ufffd'))
		return `binary data (content type ${type})`;
	if (!readsAsCsv(text))
		return `text that does not read as CSV with a header row (content type ${type})`;
	return undefined;
}
