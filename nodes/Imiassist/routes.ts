/**
 * IMIASSIST's API. No public reference exists: apart from the variables and outcomes of the
 * vendor's pages (seeds 000, 001), this contract is assumed (SPEC section 4) and lives here only,
 * to be corrected in one place.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PlatformRequest } from '../shared/transport';

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
	method: 'POST',
	url: `${baseUrl}${IMIASSIST_PATHS.login}`,
	kind: 'authentication',
	body: { email, password },
	withCredential: false,
});

/** Get New Token: the access token as a bearer, nothing else. */
export const newTokenRequest = (baseUrl: string, accessToken: string): PlatformRequest => ({
	method: 'POST',
	url: `${baseUrl}${IMIASSIST_PATHS.apiCredentials}`,
	kind: 'authentication',
	headers: { Authorization: `Bearer ${accessToken}` },
	withCredential: false,
});

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
	method: 'POST',
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
	method: 'POST',
	url: `${baseUrl}${IMIASSIST_PATHS.usageReports}`,
	kind: 'create',
	body,
	mayExistHint,
});

export const transactionRequest = (baseUrl: string, transactionId: string): PlatformRequest => ({
	method: 'GET',
	url: `${baseUrl}${IMIASSIST_PATHS.transactions}/${encodeURIComponent(transactionId)}`,
	kind: 'read',
});

/**
 * A report file: its URL comes from the transaction's output_log and takes the same headers,
 * which are sent to IMIASSIST's own origin only: a URL elsewhere (a storage service) gets none.
 */
export const reportFileRequest = (url: string, baseUrl: string): PlatformRequest => ({
	method: 'GET',
	url,
	kind: 'read',
	responseType: 'text',
	withCredential: new URL(url, baseUrl).origin === new URL(baseUrl).origin,
});

export const TRANSACTION_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;
