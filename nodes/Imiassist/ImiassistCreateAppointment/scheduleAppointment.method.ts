/**
 * Schedule an Appointment: an assigned or unassigned video appointment, with the sixteen input
 * variables of the vendor's Create Appointments page (docs/vendors.md). A create: never sent twice.
 */
import {
	collectionInput,
	dateInput,
	emailInput,
	jsonObjectInput,
	optionalChoiceInput,
	phoneInput,
	positiveIntegerInput,
	textInput,
} from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { responseRecord } from '../../shared/records';
import { APPOINTMENT_WIRE_NAMES, scheduleAppointmentRequest, wireBody } from '../api';

const text = (name: string, displayName: string, description: string, placeholder?: string) =>
	textInput({ name, displayName, description, placeholder });

export const scheduleAppointment = defineMethod({
	value: 'scheduleAppointment',
	name: 'Schedule an Appointment',
	action: 'Schedule an appointment',
	description: 'Schedule an assigned or unassigned video appointment',
	inputs: {
		startTime: dateInput({
			name: 'startTime',
			displayName: 'Start Time',
			description: 'Start of the appointment, ISO 8601 (e.g. 2021-05-09T07:00:00.000Z)',
			required: true,
		}),
		optional: collectionInput({
			name: 'additionalFields',
			displayName: 'Additional Fields',
			description: 'The optional variables of the appointment; only those added are sent',
			placeholder: 'Add Field',
			inputs: {
				customerId: text('customerId', 'Customer ID', 'Unique ID of the primary guest', 'NHSID_01'),
				customerPhone: phoneInput({
					name: 'customerPhone',
					displayName: 'Customer Phone',
					description: 'Phone of the primary guest in E.164: +, country code, digits only',
				}),
				customerEmail: emailInput({
					name: 'customerEmail',
					displayName: 'Customer Email',
					description: 'E-mail of the primary guest',
				}),
				customerFirstName: text(
					'customerFirstName',
					'Customer First Name',
					'First name of the primary guest',
				),
				customerLastName: text(
					'customerLastName',
					'Customer Last Name',
					'Last name of the primary guest',
				),
				customAttributes: jsonObjectInput({
					name: 'customAttributes',
					displayName: 'Custom Attributes',
					description:
						'Custom data of the primary guest, as configured for the company, e.g. {"age": 10}',
				}),
				teamId: text('teamId', 'Team ID', 'Team under which the appointment is created'),
				appointmentType: text(
					'appointmentType',
					'Appointment Type',
					'As defined under Department Settings',
				),
				assigneeEmail: emailInput({
					name: 'assigneeEmail',
					displayName: 'Assignee Email',
					description: 'E-mail of the host the appointment is assigned to',
				}),
				description: text('description', 'Description', 'Description of the appointment'),
				referenceCaseId: text(
					'referenceCaseId',
					'Reference Case ID',
					'Case the appointment maps to',
					'fn-6352',
				),
				priority: optionalChoiceInput({
					name: 'priority',
					displayName: 'Priority',
					description: 'LOW when not given',
					choices: [
						{ name: 'Low', value: 'LOW' },
						{ name: 'Medium', value: 'MEDIUM' },
						{ name: 'High', value: 'HIGH' },
					],
					default: 'LOW',
				}),
				externalReferenceId: text(
					'externalReferenceId',
					'External Reference ID',
					'Reference in an external CRM or PAS system; lets you check whether an unconfirmed create happened',
				),
				title: text(
					'title',
					'Title',
					'Title of the appointment (default: "Video appointment with ...")',
				),
				duration: positiveIntegerInput({
					name: 'duration',
					displayName: 'Duration',
					description:
						"Minutes; at most the department's maximum (default: the department's setting)",
					default: 15,
				}),
			},
		}),
	},
	outputVariables: [
		'appointment_id',
		'appointment_uid',
		'participants',
		'response_body',
		'response_status_code',
	],
	subject: ({ startTime }) => `appointment at ${startTime.toISO()}`,
	createdId: 'appointment_id',
	async execute({ values, request }) {
		const given = { ...values.optional, startTime: values.startTime.toUTC().toISO() };
		const body = wireBody(given, APPOINTMENT_WIRE_NAMES);
		const reference = values.optional.externalReferenceId;
		const mayExistHint = reference
			? `for an appointment with externalReferenceId "${reference}"`
			: `for an appointment starting at ${body.start_time} (give an externalReferenceId to make this check easy)`;
		const response = await request(scheduleAppointmentRequest(body, mayExistHint));
		return [
			{
				json: responseRecord(response, {
					required: ['appointment_id'],
					optional: ['appointment_uid', 'participants'],
				}),
			},
		];
	},
});
