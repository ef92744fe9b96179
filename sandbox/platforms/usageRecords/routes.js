'use strict';

const { readBasicCredentials } = require('../../basicAuth');
const { periodsFor } = require('./periods');
const { restcommWindows } = require('./restcommWindows');
const { buildRecord } = require('./records');
const { registerAccountsRoutes } = require('./accounts');

// The Usage Records routes of one flavour: the root list and its subresources, GET only, HTTP Basic
// `AccountSid:AuthToken`. An account's credentials read its own usage and its subaccounts'; the SID
// in the path picks whose. The Accounts resource is registered here too (accounts.js).

const SUBRESOURCE_FILE = /^([A-Za-z]+)\.json$/;
// The parameter a fault makes the route read as not sent: ignoreCategory drops Category, as a
// proxy would on its way; unreadStartDate loses StartDate, as a server that cannot parse it does.
const UNREAD_PARAMETERS = { ignoreCategory: 'Category', unreadStartDate: 'StartDate' };

function firstValue(value) {
	return Array.isArray(value) ? value[0] : value;
}

/** The value of a query parameter (names are case-sensitive); an empty one counts as absent. */
function parameter(query, name) {
	const value = firstValue(query[name]);
	return value === undefined || value === '' ? null : value;
}

/** The request as the route reads it: without the parameter a fault makes it miss, if any. */
function asRead(request) {
	const kind = request.fault && Object.keys(UNREAD_PARAMETERS).find((key) => request.fault[key]);
	if (!kind) return request;
	const query = Object.fromEntries(
		Object.entries(request.query).filter(([name]) => name !== UNREAD_PARAMETERS[kind]),
	);
	return { ...request, query };
}

/** Every (period, category) record of a list, built only when a page needs it. */
function lazyRecords(periods, categories, recordFor) {
	return {
		length: periods.length * categories.length,
		slice(start, end) {
			const records = [];
			for (let index = start; index < Math.min(end, this.length); index += 1) {
				const period = periods[Math.floor(index / categories.length)];
				records.push(recordFor(categories[index % categories.length], period));
			}
			return records;
		},
	};
}

/** `usageData()` gives the generated data set; `clock()` today's day. */
function registerUsageRecordsRoutes(
	router,
	{ flavour, accounts, settings, usageData, dataRange, clock, serverNow, serverZone, paging },
) {
	const { errorBody } = flavour;
	const refuse = (status, message, headers) => ({
		status,
		headers,
		body: errorBody(status, message),
	});

	/**
	 * The account whose SID and token, or one of whose API keys (then `signedInWithKey`), the
	 * Basic credentials hold.
	 */
	function accountFor(authorization) {
		const credentials = readBasicCredentials(authorization);
		if (!credentials) return null;
		const { userName, password } = credentials;
		for (const account of accounts) {
			if (account.sid === userName && account.authToken === password) return account;
			if (account.apiKeys.some((key) => key.sid === userName && key.secret === password))
				return { ...account, signedInWithKey: true };
		}
		return null;
	}

	/**
	 * Twilio refuses a main account's API key on a subaccount's resources ("Main account API Keys
	 * are only available to access main account resources", its Subaccounts page; error 20003):
	 * the refusal, or null.
	 */
	const keyRefusal = (caller, target) =>
		caller.signedInWithKey && target.sid !== caller.sid ? refuse(401, 'Authenticate') : null;

	/** { startDay, endDay } from StartDate and EndDate, or a refusal. */
	function readRange(query, today) {
		const range = {};
		for (const [name, key] of [
			['StartDate', 'startDay'],
			['EndDate', 'endDay'],
		]) {
			const value = parameter(query, name);
			if (value === null) {
				range[key] = null;
				continue;
			}
			const read = flavour.readDate(value, today, serverZone);
			if (read.message) return { refusal: refuse(400, `${name} ${read.message}`) };
			range[key] = read.day;
		}
		return range;
	}

	/** `subresourceFile` is e.g. `Daily.json`, or null for the root list. */
	function handleList(sent, subresourceFile) {
		// Restcomm-Connect labels every record calls: a dropped Category would not show.
		if (sent.fault && sent.fault.ignoreCategory && flavour.label) {
			return refuse(
				400,
				`ignoreCategory: this route labels every record ${flavour.label.category}, whatever Category asks`,
			);
		}
		const request = asRead(sent);
		const caller = request.authenticated && accountFor(request.headers.authorization);
		if (!caller) {
			return refuse(401, undefined, { 'www-authenticate': `Basic realm="${flavour.basicRealm}"` });
		}
		const accountSid = request.params.accountSid;
		const target = accounts.find((account) => account.sid === accountSid);
		if (!target || !caller.readableSids.includes(target.sid)) {
			return refuse(403, `The credentials of ${caller.sid} may not read account ${accountSid}`);
		}
		const refusedKey = keyRefusal(caller, target);
		if (refusedKey) return refusedKey;
		const apiPath = request.path.slice(flavour.pathPrefix.length);
		let subresource = null;
		if (subresourceFile === null && !flavour.hasRootList) {
			return refuse(404, `The requested resource ${apiPath} was not found`);
		}
		if (subresourceFile !== null) {
			const match = SUBRESOURCE_FILE.exec(subresourceFile);
			subresource = match && flavour.readSubresource(match[1]);
			if (!subresource) return refuse(404, `The requested resource ${apiPath} was not found`);
		}
		const categoryValue = parameter(request.query, 'Category');
		let categories = flavour.defaultCategories || flavour.catalog.names;
		const unknownCategories = new Set();
		if (categoryValue !== null) {
			const read = flavour.readCategory(categoryValue);
			if (!read.category) return refuse(read.status, read.message);
			if (read.unknown) unknownCategories.add(read.category);
			categories = [read.category];
		}
		// Whose usage a record adds up: the account's, and its subaccounts' where the API says so.
		const summed =
			flavour.includesSubaccounts && flavour.includesSubaccounts(request.query)
				? accounts.filter((account) => target.readableSids.includes(account.sid))
				: [target];
		const today = clock();
		const range = readRange(request.query, today);
		if (range.refusal) return range.refusal;
		const periods = flavour.windowsFromNow
			? restcommWindows(subresource || 'AllTime', range, serverNow(), dataRange, serverZone)
			: periodsFor(subresource || 'AllTime', range, dataRange, today);
		const context = {
			flavour,
			accountSid: target.sid,
			subresource,
			asOf: `${request.time.toISOString().slice(0, 19)}+00:00`,
		};
		const data = usageData();
		const amountsOf = (category, { startDay, endDay, fromMinute, toMinute }) => {
			if (unknownCategories.has(category)) return { usageTenths: 0, count: 0, priceUnits: 0 };
			const computed = flavour.computedCategory ? flavour.computedCategory(category) : category;
			const [first, ...others] = summed.map((account) =>
				fromMinute === undefined
					? data.sumCategory(account.index, computed, startDay, endDay)
					: data.sumCategoryMinutes(account.index, computed, fromMinute, toMinute),
			);
			// totalprice has a price only: its usage and count stay null.
			return others.reduce(
				(total, amounts) =>
					Object.fromEntries(
						Object.entries(total).map(([key, value]) => [
							key,
							value === null ? null : value + amounts[key],
						]),
					),
				first,
			);
		};
		const records = lazyRecords(periods, categories, (category, period) =>
			buildRecord(context, category, period, flavour.roundAmounts(amountsOf(category, period))),
		);
		if (!flavour.paged) {
			const all = records.slice(0, records.length);
			// Restcomm-Connect's SQL groups rows: a period without a call or message has no record.
			const body = flavour.windowsFromNow ? all.filter((record) => record.count !== '0') : all;
			return { status: 200, body };
		}
		const identity = [
			dataRange,
			target.sid,
			subresource,
			categories,
			range,
			today,
			summed.map((account) => account.sid),
		];
		const page = paging.pageOf(request, apiPath, records, identity);
		if (page.message) return refuse(400, page.message);
		return { status: 200, body: page.body };
	}

	const authenticate = ({ headers }) => Boolean(accountFor(headers.authorization));
	const accountPath = `${flavour.pathPrefix}/${flavour.apiVersion}/Accounts/:accountSid/Usage`;
	const route = (path, handle) =>
		router.add({
			method: 'GET',
			path: `${accountPath}${path}`,
			platform: flavour.name,
			authenticate,
			handle,
			requestFaults: [
				'ignoreCategory',
				'unreadStartDate',
				...(flavour.paged ? ['replayPage'] : []),
			],
		});
	route('/Records.json', (request) => handleList(request, null));
	route('/Records/:subresourceFile', (request) =>
		handleList(request, request.params.subresourceFile),
	);
	// The Accounts resource, with the same credentials (accounts.js).
	registerAccountsRoutes(router, {
		flavour,
		accounts,
		settings,
		serverZone,
		paging,
		accountFor,
		keyRefusal,
		refuse,
		authenticate,
	});
}

module.exports = { registerUsageRecordsRoutes };
