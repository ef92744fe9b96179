'use strict';

// ListCustomers as Evo Voice's metadata page documents it: GET /customers, a ListRequest of
// CustomerInfo (page 0-based, countPerPage 25 by default as the vendor's CLI says, all,
// simplifiedPaging) filtered by accountIds, parentCustomerIds and shallowParent, answered as a
// ListResponse { items, totalCount, totalPages, hasMorePages }. Like ServiceStack, names match
// without regard to case, lists come comma-joined or as repeated keys, and null properties
// (a top-level customer's parentCustomerId) are left out. NameFilter, TagIds, SpecificIds and
// sorting are not served: customers come in id order.

const DEFAULT_COUNT_PER_PAGE = 25;
const LISTS = ['accountIds', 'parentCustomerIds'];
const NUMBERS = ['page', 'countPerPage'];
const FLAGS = ['all', 'simplifiedPaging', 'shallowParent'];
const FIELDS_BY_LOWER_CASE = new Map(
	[...LISTS, ...NUMBERS, ...FLAGS].map((field) => [field.toLowerCase(), field]),
);

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The request's fields, or { error } for a 400 in ServiceStack's shape. */
function parseCustomersRequest({ query }) {
	const given = {};
	for (const [name, value] of Object.entries(query)) {
		const field = FIELDS_BY_LOWER_CASE.get(name.toLowerCase());
		if (field) given[field] = [].concat(value);
	}
	const request = {};
	for (const field of LISTS) {
		const ids = (given[field] || []).flatMap((text) => text.split(',')).filter(Boolean);
		request[field] = ids.length > 0 ? ids : null;
	}
	for (const field of NUMBERS) {
		const text = given[field] ? given[field][0] : '';
		if (text === '') request[field] = null;
		else if (/^\d+$/.test(text)) request[field] = Number(text);
		else return { error: `${field} must be a whole number, not "${text}"` };
	}
	for (const field of FLAGS) {
		const text = given[field] ? given[field][0].toLowerCase() : 'false';
		if (text !== 'true' && text !== 'false')
			return { error: `${field} must be true or false, not "${text}"` };
		request[field] = text === 'true';
	}
	return request;
}

const titleOf = (id) => id.replace(/-/g, ' ').replace(/^\w/, (letter) => letter.toUpperCase());

/** A customer as CustomerInfo: id (EntityInfo), accountId, parentCustomerId, name, isStaging. */
function customerInfo({ accountId, customerId, parentId }) {
	return {
		id: customerId,
		accountId,
		...(parentId ? { parentCustomerId: parentId } : {}),
		name: titleOf(customerId),
		isStaging: false,
	};
}

/** The ListResponse for a parsed request; `maxCountPerPage` (0: none) caps a page. */
function buildCustomerList(customers, request, { maxCountPerPage }) {
	const parentOf = new Map(customers.map((one) => [one.customerId, one.parentId]));
	const under = (customer, parents) => {
		if (request.shallowParent) return parents.includes(customer.parentId);
		for (let at = customer.parentId; at; at = parentOf.get(at))
			if (parents.includes(at)) return true;
		return false;
	};
	const matching = customers
		.filter((one) => !request.accountIds || request.accountIds.includes(one.accountId))
		.filter((one) => !request.parentCustomerIds || under(one, request.parentCustomerIds))
		.sort((a, b) => byText(a.customerId, b.customerId));
	const asked = request.countPerPage === null ? DEFAULT_COUNT_PER_PAGE : request.countPerPage;
	const perPage = request.all
		? Math.max(matching.length, 1)
		: Math.max(maxCountPerPage > 0 ? Math.min(asked, maxCountPerPage) : asked, 1);
	const page = request.all ? 0 : request.page || 0;
	const items = matching.slice(page * perPage, (page + 1) * perPage).map(customerInfo);
	const hasMorePages = (page + 1) * perPage < matching.length;
	if (request.simplifiedPaging) return { items, hasMorePages };
	return {
		items,
		totalCount: matching.length,
		totalPages: Math.ceil(matching.length / perPage),
		hasMorePages,
	};
}

module.exports = { parseCustomersRequest, buildCustomerList };
