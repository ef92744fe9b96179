'use strict';

const { fingerprintQuery, encodePagingToken, decodePagingToken } = require('../../pagingToken');

// Twilio's list paging, of Usage Records and of Accounts: PageSize (default 50, at most 1000),
// Page and PageToken; the page's URIs are relative to the API root and keep the request's other
// parameters. A repeatToken fault makes a page's next_page_uri repeat the request's own URI, as a
// broken server would; a replayPage fault answers the list's first page again, its next_page_uri
// a fresh token to the page the request asked for.

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const PAGING_PARAMETERS = ['PageSize', 'Page', 'PageToken'];

function firstValue(value) {
	return Array.isArray(value) ? value[0] : value;
}

/** The request's own parameters other than paging, in their order, repeated ones kept. */
function listParameters(query) {
	return Object.entries(query)
		.filter(([name]) => !PAGING_PARAMETERS.includes(name))
		.flatMap(([name, value]) => [].concat(value).map((single) => [name, single]));
}

/** { pageSize, page, pageToken } or { message } for a 400. */
function readPaging(query) {
	const sizeText = firstValue(query.PageSize);
	const pageText = firstValue(query.Page);
	const pageSize = sizeText === undefined ? DEFAULT_PAGE_SIZE : Number(sizeText);
	const validSize = sizeText === undefined || /^\d{1,4}$/.test(sizeText);
	if (!validSize || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
		return { message: `PageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` };
	}
	if (pageText !== undefined && !/^\d{1,9}$/.test(pageText)) {
		return { message: 'Page must be a whole number, 0 or more' };
	}
	const pageToken = firstValue(query.PageToken);
	return {
		pageSize,
		page: pageText === undefined ? null : Number(pageText),
		pageToken: pageToken === undefined || pageToken === '' ? null : pageToken,
	};
}

function createTwilioPaging() {
	// Set by a repeatToken fault on a first page: the following page then repeats its own URI.
	let repeatOnNextPage = false;
	// How many pages replayPage faults have replayed: each replay's token carries its number.
	let replays = 0;

	/**
	 * The page of `records` that the request asks for: { body } or { message } for a 400.
	 * `queryIdentity` names the list, so that a token from another list is refused; `listKey` is
	 * the member that holds the page's items (Twilio names it after the resource: `accounts`).
	 */
	function pageOf(request, apiPath, records, queryIdentity, listKey = 'usage_records') {
		const paging = readPaging(request.query);
		if (paging.message) return { message: paging.message };
		const { pageSize, pageToken } = paging;
		const fingerprint = fingerprintQuery(queryIdentity);
		let start = (paging.page || 0) * pageSize;
		if (pageToken !== null) {
			const token = decodePagingToken(pageToken);
			if (!token || token.fingerprint !== fingerprint || token.position > records.length) {
				return { message: 'PageToken is not valid for this list' };
			}
			start = token.position;
		}
		const page = paging.page === null ? Math.floor(start / pageSize) : paging.page;
		// An overlapPages fault: the page starts with the last record of the page before.
		const overlap = request.fault && request.fault.overlapPages && start > 0 ? 1 : 0;
		const items = records.slice(start - overlap, start + pageSize);
		const parameters = listParameters(request.query);
		const uriAt = (pageNumber, token) => {
			const entries = [...parameters, ['PageSize', String(pageSize)], ['Page', String(pageNumber)]];
			if (token) entries.push(['PageToken', token]);
			return `${apiPath}?${new URLSearchParams(entries).toString()}`;
		};
		const tokenAt = (position) => (position > 0 ? encodePagingToken(position, fingerprint) : null);
		const ownUri = uriAt(page, pageToken);
		const nextStart = start + items.length - overlap;
		let nextPageUri =
			nextStart < records.length && items.length > 0 ? uriAt(page + 1, tokenAt(nextStart)) : null;
		const repeatRequested = Boolean(request.fault && request.fault.repeatToken);
		if (pageToken === null) {
			if (repeatRequested && nextPageUri !== null) repeatOnNextPage = true;
		} else if (repeatRequested || repeatOnNextPage) {
			repeatOnNextPage = false;
			nextPageUri = ownUri;
		}
		if (request.fault && request.fault.replayPage) {
			// The first page as the list's own first request gets it, then this request's page.
			replays += 1;
			const firstPageQuery = Object.fromEntries(
				Object.entries(request.query).filter(([name]) => name !== 'Page' && name !== 'PageToken'),
			);
			const first = pageOf({ query: firstPageQuery }, apiPath, records, queryIdentity, listKey);
			const freshToken = encodePagingToken(start, fingerprint, replays);
			return { body: { ...first.body, next_page_uri: uriAt(page, freshToken) } };
		}
		const previousStart = Math.max(0, start - pageSize);
		return {
			body: {
				first_page_uri: uriAt(0, null),
				end: items.length === 0 ? start : start + items.length - 1,
				previous_page_uri: page > 0 && start > 0 ? uriAt(page - 1, tokenAt(previousStart)) : null,
				uri: ownUri,
				page_size: pageSize,
				start,
				next_page_uri: nextPageUri,
				page,
				[listKey]: items,
			},
		};
	}

	return {
		pageOf,
		resetFaults() {
			repeatOnNextPage = false;
		},
	};
}

module.exports = { createTwilioPaging, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };
