/**
 * IMIASSIST's API. No public API reference exists: apart from the input and output variables
 * and the outcomes that the vendor's node pages name, this contract is assumed (docs/vendors.md)
 * and lives here only, to be corrected in one place.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PlatformRequest } from '../shared/request';

export const IMIASSIST_PATHS = {
	login: '/api/v1/auth/login',
	apiCredentials: '/api/v1/auth/token',
	appointments: '/api/v1/appointments',
	usageReports: '/api/v1/reports/usage',
	transactions: '/api/v1/transactions',
} as const;

/** Authenticate: the user's e-mail and password, nothing else. */
export const loginRequest = (
	baseUrl: string,
	email: string,
	password: string,
): PlatformRequest => ({
	httpMethod: 'POST',
	url: `${baseUrl}${IMIASSIST_PATHS.login}`,
	kind: 'authentication',
	body: { email, password },
	withCredential: false,
});

/** Get New Token: the access token as a bearer, nothing else. */
export const newTokenRequest = (baseUrl: string, accessToken: string): PlatformRequest => ({
	httpMethod: 'POST',
	url: `${baseUrl}${IMIASSIST_PATHS.apiCredentials}`,
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
	baseUrl: string,
	body: IDataObject,
	mayExistHint: string,
): PlatformRequest => ({
	httpMethod: 'POST',
	url: `${baseUrl}${IMIASSIST_PATHS.appointments}`,
	kind: 'create',
	body,
	mayExistHint,
});

export const createUsageReportRequest = (
	baseUrl: string,
	body: IDataObject,
	mayExistHint: string,
): PlatformRequest => ({
	httpMethod: 'POST',
	url: `${baseUrl}${IMIASSIST_PATHS.usageReports}`,
	kind: 'create',
	body,
	mayExistHint,
});

export const transactionRequest = (baseUrl: string, transactionId: string): PlatformRequest => ({
	httpMethod: 'GET',
	url: `${baseUrl}${IMIASSIST_PATHS.transactions}/${encodeURIComponent(transactionId)}`,
	kind: 'read',
});

/**
 * A report file: its URL comes from the transaction's output_log and takes the same headers,
 * which are sent to IMIASSIST's own origin only: a URL elsewhere (a storage service) gets none.
 */
export const reportFileRequest = (url: string, baseUrl: string): PlatformRequest => ({
	httpMethod: 'GET',
	url,
	kind: 'read',
	responseType: 'text',
	withCredential: new URL(url, baseUrl).origin === new URL(baseUrl).origin,
});

export const TRANSACTION_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;
