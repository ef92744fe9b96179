'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { objectId, appointmentUid } = require('./identifiers');
const { appointmentRecord } = require('./appointmentRecords');
const { generateSeededAppointments } = require('./seededAppointments');

// Every appointment the company has: the seeded ones, then those scheduled through the API.

const STREAM_SCHEDULED = 13;
const NOT_YET_HELD = {
	status: 'SCHEDULED',
	video_minutes: 0,
	translation_minutes: 0,
	billable_sms: 0,
	billable_emails: 0,
};

function createAppointmentBook(settings, organisation) {
	const appointments = generateSeededAppointments(settings, organisation);

	/** Stores an appointment from a checked request ({ fields, startMs }) and returns it. */
	function schedule({ fields, startMs }, now = new Date()) {
		const index = appointments.length;
		const random = createRandom(deriveSeed(settings.seed, STREAM_SCHEDULED, index));
		const team = fields.team_id ? organisation.team(fields.team_id) : organisation.defaultTeam;
		const appointment = appointmentRecord({
			appointmentId: objectId(now.getTime() / 1000, random, index),
			uid: appointmentUid(index + 1),
			team,
			startMs,
			fields,
			usage: NOT_YET_HELD,
			random,
		});
		appointments.push(appointment);
		return appointment;
	}

	return {
		schedule,
		/** The live records, for reports; callers must not change them. */
		all: () => appointments,
		/** A copy for callers outside the platform. */
		copy: () => structuredClone(appointments),
	};
}

module.exports = { createAppointmentBook };
