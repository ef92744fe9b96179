'use strict';

const { randomHex } = require('./identifiers');

// One shape for every appointment, seeded or scheduled through the API, so the store, the
// reports and the tests read the same fields.

const MEETING_BASE_URL = 'https://meet.sandbox.imiassist.test';
const MILLIS_PER_MINUTE = 60 * 1000;

function defaultTitle(firstName) {
	return `Video appointment with ${firstName || 'guest'}`;
}

/** 'amelia.hughes@clinic.example.org' -> 'Amelia Hughes': hosts are named by their login. */
function nameFromEmail(email) {
	return email
		.split('@')[0]
		.split(/[._-]+/)
		.filter(Boolean)
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

function buildParticipants(appointment, random) {
	const meetingLink = (role) =>
		`${MEETING_BASE_URL}/${appointment.appointment_uid}/${role}-${randomHex(random, 12)}`;
	const guestName = [appointment.customer_first_name, appointment.customer_last_name]
		.filter(Boolean)
		.join(' ');
	return [
		{
			role: 'host',
			email: appointment.assignee_email,
			name: appointment.assignee_email ? nameFromEmail(appointment.assignee_email) : null,
			meeting_link: meetingLink('host'),
		},
		{
			role: 'guest',
			email: appointment.customer_email,
			phone: appointment.customer_phone,
			name: guestName || null,
			meeting_link: meetingLink('guest'),
		},
	];
}

/**
 * The full appointment record. `fields` holds the request's fields (absent ones become null),
 * `usage` the billed amounts and status; `random` draws the meeting links.
 */
function appointmentRecord({ appointmentId, uid, team, startMs, fields, usage, random }) {
	const valueOf = (key) => (fields[key] === undefined ? null : fields[key]);
	const appointment = {
		appointment_id: appointmentId,
		appointment_uid: uid,
		department_id: team.department_id,
		team_id: team.team_id,
		customer_id: valueOf('customer_id'),
		customer_phone: valueOf('customer_phone'),
		customer_email: valueOf('customer_email'),
		customer_first_name: valueOf('customer_first_name'),
		customer_last_name: valueOf('customer_last_name'),
		custom_attributes: valueOf('custom_attributes'),
		appointment_type: valueOf('appointment_type'),
		start_time: new Date(startMs).toISOString(),
		end_time: new Date(startMs + fields.duration * MILLIS_PER_MINUTE).toISOString(),
		duration: fields.duration,
		assignee_email: valueOf('assignee_email'),
		description: valueOf('description'),
		reference_case_id: valueOf('reference_case_id'),
		priority: fields.priority,
		external_reference_id: valueOf('external_reference_id'),
		title: fields.title === undefined ? defaultTitle(fields.customer_first_name) : fields.title,
		status: usage.status,
		video_minutes: usage.video_minutes,
		translation_minutes: usage.translation_minutes,
		billable_sms: usage.billable_sms,
		billable_emails: usage.billable_emails,
		participants: null,
	};
	appointment.participants = buildParticipants(appointment, random);
	return appointment;
}

module.exports = { appointmentRecord, defaultTitle, MILLIS_PER_MINUTE };
