'use strict';

const { STATUS_CODES } = require('http');
const { parseDay } = require('../../calendarDays');
const { CATEGORIES_BY_NAME, CATEGORIES, enumNameOf } = require('./categories');
const { SUBRESOURCES } = require('./periods');

// Restcomm and Twilio serve the same Usage Records resource (docs/vendors.md) with different
// API versions, auth error shapes, category spellings, date handling and paging. Everything
// that differs between them is here.

const CATEGORIES_BY_ENUM_NAME = new Map(
	CATEGORIES.map((category) => [enumNameOf(category.name), category.name]),
);
const SUBRESOURCES_BY_LOWER_CASE = new Map(SUBRESOURCES.map((name) => [name.toLowerCase(), name]));
// Restcomm's Java enum, whose valueOf() throws on any other spelling (Restcomm issue #2302).
const RESTCOMM_CATEGORY_ENUM = 'org.restcomm.connect.dao.entities.Usage.Category';
const RELATIVE_DAYS = /^([+-])(\d{1,5})days?$/;
// Twilio's error codes for the statuses the sandbox answers; others fall back to 20000 + status.
const TWILIO_ERROR_CODES = { 400: 20001, 401: 20003, 403: 20403, 404: 20404, 405: 20004 };

const restcomm = {
	name: 'restcomm',
	displayName: 'Restcomm',
	pathPrefix: '/restcomm',
	apiVersion: '2012-04-24',
	accountDefaults: {
		accountSid: 'ACrc0000000000000000000000000001',
		authToken: 'restcomm-sandbox-token',
		subaccountSid: 'ACrc0000000000000000000000000002',
		subaccountAuthToken: 'restcomm-subaccount-token',
	},
	basicRealm: 'Restcomm',
	paged: false,
	errorBody: (status, message = STATUS_CODES[status] || `HTTP ${status}`) => ({ message }),
	/** Only the enum names; the document's own names make Restcomm's valueOf() throw: a 500. */
	readCategory(value) {
		if (CATEGORIES_BY_ENUM_NAME.has(value)) return { category: CATEGORIES_BY_ENUM_NAME.get(value) };
		if (CATEGORIES_BY_NAME.has(value)) {
			return { status: 500, message: `No enum constant ${RESTCOMM_CATEGORY_ENUM}.${value}` };
		}
		return { status: 400, message: `Unknown usage category: ${value}` };
	},
	categoryOnWire: enumNameOf,
	/** YYYY-MM-DD, anything else ignored: Restcomm's build leaves relative dates as a TODO. */
	readDate: (value) => ({ day: parseDay(value) }),
	/** Restcomm compares subresource names in lower case. */
	readSubresource: (name) => SUBRESOURCES_BY_LOWER_CASE.get(name.toLowerCase()) || null,
};

const twilio = {
	name: 'twilio',
	displayName: 'Twilio-compatible API',
	pathPrefix: '/twilio',
	apiVersion: '2010-04-01',
	accountDefaults: {
		accountSid: 'ACtw0000000000000000000000000001',
		authToken: 'twilio-sandbox-token',
		subaccountSid: 'ACtw0000000000000000000000000002',
		subaccountAuthToken: 'twilio-subaccount-token',
	},
	basicRealm: 'Twilio API',
	paged: true,
	errorBody(status, message) {
		const code = TWILIO_ERROR_CODES[status] || 20000 + status;
		return {
			code,
			message:
				message || (status === 401 ? 'Authenticate' : STATUS_CODES[status] || `HTTP ${status}`),
			more_info: `https://www.twilio.com/docs/errors/${code}`,
			status,
		};
	},
	readCategory(value) {
		if (CATEGORIES_BY_NAME.has(value)) return { category: value };
		return { status: 400, message: `Category is not a valid usage category: ${value}` };
	},
	categoryOnWire: (name) => name,
	/** YYYY-MM-DD, or an offset from today such as -30days or +30days. */
	readDate(value, today) {
		const relative = RELATIVE_DAYS.exec(value);
		if (relative) return { day: today + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) };
		const day = parseDay(value);
		if (day === null) return { message: 'must be YYYY-MM-DD or an offset such as -30days' };
		return { day };
	},
	readSubresource: (name) => (SUBRESOURCES.includes(name) ? name : null),
};

const FLAVOURS = { restcomm, twilio };

module.exports = { FLAVOURS };
