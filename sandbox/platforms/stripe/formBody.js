'use strict';

// Stripe takes form-encoded bodies and queries with bracketed names: `metadata[line]=x`,
// `period[start]=1700000000`, `expand[]=lines`. This reads them into nested objects and arrays
// as Stripe's own clients write them (stripe-node's `stringifyRequestData`).

const BRACKETED = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

class FormError extends TypeError {}

function assign(target, [name, ...rest], value, whole) {
	if (rest.length === 0) {
		if (name === '' && Array.isArray(target)) target.push(value);
		else target[name] = value;
		return;
	}
	const wantsArray = rest[0] === '' || /^\d+$/.test(rest[0]);
	const key = name === '' && Array.isArray(target) ? target.length : name;
	if (target[key] === undefined) target[key] = wantsArray ? [] : {};
	if (typeof target[key] !== 'object') throw new FormError(`Invalid parameter ${whole}`);
	assign(target[key], rest, value, whole);
}

/** Form pairs (a query object or a body's text) as nested parameters; throws FormError. */
function readForm(source) {
	const pairs =
		typeof source === 'string'
			? [...new URLSearchParams(source)]
			: Object.entries(source || {}).flatMap(([name, value]) =>
					[].concat(value).map((one) => [name, one]),
				);
	const params = {};
	for (const [whole, value] of pairs) {
		const match = BRACKETED.exec(whole);
		if (!match) throw new FormError(`Invalid parameter name ${whole}`);
		const path = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1])];
		assign(params, path, value, whole);
	}
	return params;
}

module.exports = { readForm, FormError };
