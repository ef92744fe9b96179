'use strict';

const { DateTime } = require('luxon');
const { formatDay } = require('../../calendarDays');

// The Accounts resource beside Usage Records: GET .../Accounts.json (the accounts the credentials
// may read) and GET .../Accounts/<sid>.json (one of them), as each vendor's sources write them.
//
// Twilio (API 2010-04-01), from its OpenAPI description, twilio/twilio-oai
// spec/json/twilio_api_v2010.json: `api.v2010.account` and `ListAccountResponse`. A list is a page,
// `{ accounts, end, first_page_uri, next_page_uri, page, page_size, previous_page_uri, start, uri }`,
// filtered by FriendlyName (exact) and Status (active, suspended, closed); it holds the account of
// the credentials and its subaccounts. Every account, in the list as in a fetch, carries its
// `auth_token` (the schema's property, "handling: sensitive", and the readFull example): the
// sandbox serves the real token, so that a consumer's redaction of it is tested. Twilio's pages
// say that only a Main API key may read /Accounts; the sandbox's API key is taken as one.
//
// Restcomm (API 2012-04-24), from RestComm/Restcomm-Connect master c67f1423:
// restcomm/restcomm.http/src/main/java/org/restcomm/connect/http/AccountsEndpoint.java and
// .../http/converter/AccountConverter.java (and AbstractConverter.java, the dates). A list is a
// bare JSON array with no paging and no filters, and holds only the sub-accounts of the
// credentials' account (`accountsDao.getChildAccounts(account.getSid())`, `parent_sid = #{sid}`
// in restcomm.dao/.../mybatis/accounts.xml): the main account lists its subaccount, a subaccount
// an empty array. The JSON converter writes no parent: no `parent_sid` or owner field at all, but
// `organization`, `email_address` and `role`. Its `uri` is `/2012-04-24/Accounts.json/<sid>`,
// which the server also answers (its AcceptFilter drops `.json` from any path segment).
//
// Accounts have the statuses of Twilio's list filter, active, suspended and closed (the
// `subaccounts` setting); a closed one is still listed and read, as Twilio keeps it until it
// deletes it (docs/vendors.md). Where the credentials may not read an account, the sandbox
// answers 404 in the platform's error shape. (Restcomm-Connect answers an account it knows but the credentials may not read with an
// empty 403, InsufficientPermission in RestcommRuntimeExceptionMapper.java.)

/** The subresources of a Twilio account, as the OpenAPI description's examples list them. */
const TWILIO_SUBRESOURCES = [
	['available_phone_numbers', 'AvailablePhoneNumbers'],
	['calls', 'Calls'],
	['conferences', 'Conferences'],
	['incoming_phone_numbers', 'IncomingPhoneNumbers'],
	['notifications', 'Notifications'],
	['outgoing_caller_ids', 'OutgoingCallerIds'],
	['recordings', 'Recordings'],
	['transcriptions', 'Transcriptions'],
	['addresses', 'Addresses'],
	['signing_keys', 'SigningKeys'],
	['connect_apps', 'ConnectApps'],
	['sip', 'SIP'],
	['authorized_connect_apps', 'AuthorizedConnectApps'],
	['usage', 'Usage'],
	['keys', 'Keys'],
	['applications', 'Applications'],
	['short_codes', 'SMS/ShortCodes'],
	['queues', 'Queues'],
	['messages', 'Messages'],
	['balance', 'Balance'],
];
/** AccountConverter.writeSubResourceUris, in its order. */
const RESTCOMM_SUBRESOURCES = [
	['available_phone_numbers', 'AvailablePhoneNumbers'],
	['calls', 'Calls'],
	['conferences', 'Conferences'],
	['incoming_phone_numbers', 'IncomingPhoneNumbers'],
	['notifications', 'Notifications'],
	['outgoing_caller_ids', 'OutgoingCallerIds'],
	['recordings', 'Recordings'],
	['sandbox', 'Sandbox'],
	['sms_messages', 'SMS/Messages'],
	['transcriptions', 'Transcriptions'],
];
const TWILIO_STATUSES = ['active', 'suspended', 'closed'];
// RFC 2822 dates: Twilio's in GMT with a two-digit day ("Thu, 30 Jul 2015 20:00:00 +0000");
// Restcomm's SimpleDateFormat("EEE, d MMM yyyy HH:mm:ss Z", Locale.US), in the server's own zone
// under its zone rules (serverZone.js).
const TWILIO_DATE = 'ccc, dd LLL yyyy HH:mm:ss ZZZ';
const RESTCOMM_DATE = 'ccc, d LLL yyyy HH:mm:ss ZZZ';
// When the accounts were made: the main account 30 days before the data starts, at 09:00 GMT, its
// subaccount the day before, at 14:30 GMT; neither updated since.
const CREATED = [
	{ daysBefore: 30, time: '09:00:00' },
	{ daysBefore: 1, time: '14:30:00' },
];

function firstValue(value) {
	return Array.isArray(value) ? value[0] : value;
}

/** When account number `index` (0 the main account) was made, from the data's first day. */
function createdAt(fromDay, index) {
	const { daysBefore, time } = CREATED[Math.min(index, CREATED.length - 1)];
	return DateTime.fromISO(`${formatDay(fromDay - daysBefore)}T${time}`, { zone: 'utc' });
}

function subresourceUris(names, prefix) {
	return Object.fromEntries(names.map(([key, path]) => [key, `${prefix}/${path}.json`]));
}

/** An account as Twilio's API writes it (`api.v2010.account`). */
function twilioAccount(flavour, account, created) {
	const date = created.setZone('utc').setLocale('en-US').toFormat(TWILIO_DATE);
	const path = `/${flavour.apiVersion}/Accounts/${account.sid}`;
	return {
		auth_token: account.authToken,
		date_created: date,
		date_updated: date,
		friendly_name: account.friendlyName,
		// "The OwnerAccountSid of a parent account is it's own sid."
		owner_account_sid: account.parentSid || account.sid,
		sid: account.sid,
		status: account.status,
		subresource_uris: subresourceUris(TWILIO_SUBRESOURCES, path),
		type: 'Full',
		uri: `${path}.json`,
	};
}

/** An account as Restcomm-Connect's AccountConverter.serialize writes it, in its order. */
function restcommAccount(flavour, account, created, serverZone) {
	const date = serverZone.dateTimeOf(created.toMillis()).setLocale('en-US').toFormat(RESTCOMM_DATE);
	return {
		sid: account.sid,
		organization: flavour.accountsResource.organizationSid,
		friendly_name: account.friendlyName,
		email_address: account.emailAddress,
		type: 'Full',
		status: account.status,
		role: account.parentSid ? 'Developer' : 'Administrator',
		date_created: date,
		date_updated: date,
		auth_token: account.authToken,
		uri: `/${flavour.apiVersion}/Accounts.json/${account.sid}`,
		subresource_uris: subresourceUris(
			RESTCOMM_SUBRESOURCES,
			`/${flavour.apiVersion}/Accounts/${account.sid}`,
		),
	};
}

/**
 * The Accounts routes of one flavour. `accountFor(authorization)` is the account of the Basic
 * credentials or null; `refuse(status, message, headers)` an error in the flavour's shape.
 */
function registerAccountsRoutes(
	router,
	{ flavour, accounts, settings, serverZone, paging, accountFor, keyRefusal, refuse, authenticate },
) {
	const twilioShaped = flavour.accountsResource.shape === 'twilio';
	const accountJson = (account) => {
		const created = createdAt(settings.fromDay, account.index);
		return twilioShaped
			? twilioAccount(flavour, account, created)
			: restcommAccount(flavour, account, created, serverZone);
	};
	const unauthorized = () =>
		refuse(401, undefined, { 'www-authenticate': `Basic realm="${flavour.basicRealm}"` });

	function handleList(request) {
		const caller = request.authenticated && accountFor(request.headers.authorization);
		if (!caller) return unauthorized();
		if (!twilioShaped) {
			const children = accounts.filter((account) => account.parentSid === caller.sid);
			return { status: 200, body: children.map(accountJson) };
		}
		const friendlyName = firstValue(request.query.FriendlyName);
		const status = firstValue(request.query.Status);
		if (status !== undefined && !TWILIO_STATUSES.includes(status)) {
			return refuse(400, `Status must be one of ${TWILIO_STATUSES.join(', ')}`);
		}
		const listed = accounts
			.filter((account) => caller.readableSids.includes(account.sid))
			.filter((account) => friendlyName === undefined || account.friendlyName === friendlyName)
			.filter((account) => status === undefined || account.status === status)
			.map(accountJson);
		const apiPath = request.path.slice(flavour.pathPrefix.length);
		const identity = ['accounts', caller.sid, friendlyName, status];
		const page = paging.pageOf(request, apiPath, listed, identity, 'accounts');
		if (page.message) return refuse(400, page.message);
		return { status: 200, body: page.body };
	}

	/** `sid` as the path names it, `.json` already taken off. */
	function handleOne(request, sid) {
		const caller = request.authenticated && accountFor(request.headers.authorization);
		if (!caller) return unauthorized();
		const target = accounts.find((account) => account.sid === sid);
		if (sid === null || !target || !caller.readableSids.includes(target.sid)) {
			const apiPath = request.path.slice(flavour.pathPrefix.length);
			return refuse(404, `The requested resource ${apiPath} was not found`);
		}
		const refusedKey = keyRefusal(caller, target);
		if (refusedKey) return refusedKey;
		return { status: 200, body: accountJson(target) };
	}

	const root = `${flavour.pathPrefix}/${flavour.apiVersion}`;
	const route = (path, handle) =>
		router.add({
			method: 'GET',
			path: `${root}${path}`,
			platform: flavour.name,
			authenticate,
			handle,
		});
	route('/Accounts.json', handleList);
	route('/Accounts/:accountFile', (request) => {
		const file = request.params.accountFile;
		return handleOne(request, file.endsWith('.json') ? file.slice(0, -'.json'.length) : null);
	});
	// Restcomm's own `uri` for an account.
	if (!twilioShaped) {
		route('/Accounts.json/:accountSid', (request) => handleOne(request, request.params.accountSid));
	}
}

module.exports = { registerAccountsRoutes, TWILIO_SUBRESOURCES, RESTCOMM_SUBRESOURCES };
