'use strict';

const { createRandom, deriveSeed, weightedPicker } = require('../../random');
const { objectId, appointmentUid } = require('./identifiers');
const { appointmentRecord, MILLIS_PER_MINUTE } = require('./appointmentRecords');

// Past video appointments with plausible usage, spread over [from, to) in start order. Each is
// drawn from (seed, index) alone, so the same options always give the same appointments.

const STREAM_APPOINTMENT = 12;
const SLOT_MINUTES = 5;
const MILLIS_PER_DAY = 24 * 60 * MILLIS_PER_MINUTE;

const FIRST_NAMES = [
	'Olivia',
	'Noah',
	'Amelia',
	'Oliver',
	'Isla',
	'George',
	'Ava',
	'Arthur',
	'Mia',
	'Leo',
	'Grace',
	'Harry',
	'Freya',
	'Jack',
	'Priya',
	'Mohammed',
	'Chloe',
	'Aisha',
];
const LAST_NAMES = [
	'Smith',
	'Jones',
	'Taylor',
	'Brown',
	'Williams',
	'Wilson',
	'Patel',
	'Khan',
	'Evans',
	'Thomas',
	'Roberts',
	"O'Neill",
	'Hughes',
	'Walker',
	'Wright',
	'Clarke',
];
const HOST_NAMES = [
	'amelia.hughes',
	'daniel.okafor',
	'sarah.lewis',
	'tom.fraser',
	'nadia.rahman',
	'james.carter',
	'lucy.bennett',
	'omar.siddiqui',
	'emma.doyle',
	'raj.mehta',
];
const HOSTS_PER_TEAM = 2;
const HOST_DOMAIN = 'clinic.example.org';
const CUSTOMER_DOMAINS = ['example.com', 'example.org', 'example.net'];
const APPOINTMENT_TYPES = ['consultation', 'follow-up', 'triage', 'review'];
const DESCRIPTIONS = [
	'Follow-up after referral',
	'Medication review',
	'Test results, discussed',
	'Post-operative check',
	'Initial consultation',
];
const DURATIONS = [15, 15, 15, 20, 30, 30, 45, 60];
const pickPriority = weightedPicker({ LOW: 70, MEDIUM: 20, HIGH: 10 });
const pickStatus = weightedPicker({ COMPLETED: 78, CANCELLED: 10, NO_SHOW: 7, EXPIRED: 5 });

function maybe(random, chance, value) {
	return random.fraction() < chance ? value() : undefined;
}

/** One of the team's own hosts: teams share no hosts until the names run out. */
function hostEmail(teamIndex, random) {
	const hostIndex = teamIndex * HOSTS_PER_TEAM + random.integer(HOSTS_PER_TEAM);
	return `${HOST_NAMES[hostIndex % HOST_NAMES.length]}@${HOST_DOMAIN}`;
}

function customerFields(random) {
	const first = random.pick(FIRST_NAMES);
	const last = random.pick(LAST_NAMES);
	const mailbox = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
	return {
		customer_id: maybe(random, 0.8, () => `NHSID_${random.digits(6)}`),
		// UK mobiles and North American numbers, always in E.164.
		customer_phone: maybe(random, 0.85, () =>
			random.fraction() < 0.7
				? `+447${random.digits(9)}`
				: `+1${2 + random.integer(8)}${random.digits(9)}`,
		),
		customer_email: maybe(
			random,
			0.7,
			() => `${mailbox}${random.integer(100)}@${random.pick(CUSTOMER_DOMAINS)}`,
		),
		customer_first_name: first,
		customer_last_name: last,
		custom_attributes: maybe(random, 0.3, () => ({ age: 18 + random.integer(70) })),
	};
}

/** Status and billed amounts; a host-less appointment never took place. */
function drawUsage(random, { duration, assigneeEmail, phone, email }) {
	let status = pickStatus(random);
	if (!assigneeEmail && (status === 'COMPLETED' || status === 'NO_SHOW')) status = 'EXPIRED';
	let videoMinutes = 0;
	if (status === 'COMPLETED') videoMinutes = Math.max(1, duration - 5 + random.integer(16));
	// The host waited in the call for a guest who never came.
	if (status === 'NO_SHOW') videoMinutes = random.integer(6);
	const translated = status === 'COMPLETED' && random.fraction() < 0.15;
	return {
		status,
		video_minutes: videoMinutes,
		translation_minutes: translated ? 1 + random.integer(videoMinutes) : 0,
		// Invitation and reminders; non-billable messages (password mails etc.) are not counted.
		billable_sms: phone ? 1 + random.integer(3) : 0,
		billable_emails: email ? 1 + random.integer(2) : 0,
	};
}

function generateSeededAppointments({ seed, appointmentCount, fromMs, toMs }, organisation) {
	const spanMs = toMs - fromMs;
	const msPerAppointment = spanMs / Math.max(appointmentCount, 1);
	const slotMs = SLOT_MINUTES * MILLIS_PER_MINUTE;
	return Array.from({ length: appointmentCount }, (_, index) => {
		const random = createRandom(deriveSeed(seed, STREAM_APPOINTMENT, index));
		// A point in the index-th slice of the range, on a 5-minute slot: starts never decrease.
		const pointMs = fromMs + Math.min((index + random.fraction()) * msPerAppointment, spanMs - 1);
		const startMs = Math.max(fromMs, Math.floor(pointMs / slotMs) * slotMs);
		const teamIndex = random.integer(organisation.teams.length);
		const team = organisation.teams[teamIndex];
		const assigneeEmail = maybe(random, 0.9, () => hostEmail(teamIndex, random));
		const customer = customerFields(random);
		const fields = {
			...customer,
			appointment_type: maybe(random, 0.8, () => random.pick(APPOINTMENT_TYPES)),
			assignee_email: assigneeEmail,
			description: maybe(random, 0.6, () => random.pick(DESCRIPTIONS)),
			reference_case_id: maybe(random, 0.4, () => `fn-${random.digits(4)}`),
			priority: pickPriority(random),
			external_reference_id: maybe(random, 0.5, () => `PAS-${random.digits(7)}`),
			duration: random.pick(DURATIONS),
		};
		const usage = drawUsage(random, {
			duration: fields.duration,
			assigneeEmail,
			phone: customer.customer_phone,
			email: customer.customer_email,
		});
		// Booked one to 21 days ahead: the id's timestamp is the booking's, as in MongoDB.
		const bookedMs = startMs - (1 + random.integer(21)) * MILLIS_PER_DAY;
		return appointmentRecord({
			appointmentId: objectId(bookedMs / 1000, random, index),
			uid: appointmentUid(index + 1),
			team,
			startMs,
			fields,
			usage,
			random,
		});
	});
}

module.exports = { generateSeededAppointments };
