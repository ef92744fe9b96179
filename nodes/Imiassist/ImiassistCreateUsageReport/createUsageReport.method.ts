/**
 * Create a Usage Report: video and translation minutes, billable SMS and e-mails, generated
 * asynchronously; the Transactions node gets its status and files (docs/vendors.md). A create: never
 * sent twice.
 */
import { describePeriod } from '../../shared/billingPeriod';
import { oneOrManyInput, optionalBillingPeriodInput, textInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { responseRecord } from '../../shared/records';
import { checkEmail } from '../../shared/validation';
import { createUsageReportRequest, USAGE_REPORT_WIRE_NAMES, wireBody } from '../api';

const ONE_OR_MANY = 'One ID, several separated by commas, or an array from an expression';

/**
 * Version 1, as saved workflows have it, starts with a Custom period whose empty bounds send no
 * start or end: a report without bounds. Version 2 starts with Last Month.
 */
export const createUsageReportMethod = (version: 1 | 2) =>
	defineMethod({
		value: 'createUsageReport',
		name: 'Create a Usage Report',
		action: 'Create a usage report',
		description: 'Start generating a usage report; poll it with IMIASSIST Transactions',
		inputs: {
			departmentId: oneOrManyInput({
				name: 'departmentId',
				displayName: 'Department ID',
				description: `Only appointments of these departments. ${ONE_OR_MANY}.`,
				placeholder: '5ce4f00328fb30f8b054e422',
			}),
			teamId: oneOrManyInput({
				name: 'teamId',
				displayName: 'Team ID',
				description: `Only appointments of these teams. ${ONE_OR_MANY}.`,
				placeholder: '5c754e7a53a5031864272d7d',
			}),
			period: optionalBillingPeriodInput({
				defaultPeriod: version === 1 ? 'custom' : 'lastMonth',
				start: {
					name: 'startTime',
					displayName: 'Start Time',
					description:
						'Appointments scheduled after this instant (ISO 8601; without an offset, in the time zone below); empty: no lower bound',
				},
				end: {
					name: 'endTime',
					displayName: 'End Time',
					description:
						'Appointments ended before this instant (ISO 8601; without an offset, in the time zone below); empty: no upper bound',
				},
			}),
			reportTitle: textInput({
				name: 'reportTitle',
				displayName: 'Report Title',
				description: 'Title of the report',
				placeholder: 'Appointment Summary',
			}),
			sendEmail: oneOrManyInput({
				name: 'sendEmail',
				displayName: 'Send Email',
				description:
					'E-mail the report to these addresses when it is ready: one, several separated by commas, or an array',
				placeholder: 'finance@example.com',
				check: checkEmail,
			}),
		},
		outputVariables: ['transaction_id', 'response_body', 'response_status_code'],
		subject: ({ period }) => `report of ${describePeriod(period)}`,
		createdId: 'transaction_id',
		async execute({ values, request }) {
			const body = wireBody(
				{
					departmentId: values.departmentId,
					teamId: values.teamId,
					startTime: values.period.start?.toUTC().toISO(),
					endTime: values.period.end?.toUTC().toISO(),
					reportTitle: values.reportTitle,
					sendEmail: values.sendEmail,
				},
				USAGE_REPORT_WIRE_NAMES,
			);
			const title = values.reportTitle ? ` titled "${values.reportTitle}"` : '';
			const mayExistHint = `for a usage report${title} among its transactions`;
			const response = await request(createUsageReportRequest(body, mayExistHint));
			return [{ json: responseRecord(response, { required: ['transaction_id'] }) }];
		},
	});
