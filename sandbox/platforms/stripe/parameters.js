'use strict';

// The parameters of the two creates, checked as Stripe checks them before an endpoint runs: a
// refusal here is a validation error, which the idempotency layer does not save.

const CURRENCY = /^[a-z]{3}$/i;
const WHOLE = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d{1,12})?$/;
// Stripe's metadata limits: 50 keys, names up to 40 characters, values up to 500 (assumed:
// docs/vendors.md, "Stripe").
const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 };

class ParameterError extends Error {
	constructor(fields) {
		super(fields.message);
		this.status = 400;
		this.fields = fields;
	}
}

const invalid = (param, message, code = 'parameter_invalid') => {
	throw new ParameterError({ code, param, message });
};

function unknownParameters(params, known) {
	const unknown = Object.keys(params).find((name) => !known.includes(name));
	if (unknown !== undefined) {
		invalid(unknown, `Received unknown parameter: ${unknown}`, 'parameter_unknown');
	}
}

function text(params, name, { required = false } = {}) {
	const value = params[name];
	if (value === undefined || value === '') {
		if (required) invalid(name, `Missing required param: ${name}.`, 'parameter_missing');
		return null;
	}
	if (typeof value !== 'string') invalid(name, `Invalid string: ${name}`);
	return value;
}

function whole(params, name, { min = -Infinity } = {}) {
	const value = text(params, name);
	if (value === null) return null;
	if (!WHOLE.test(value) || Number(value) < min) {
		invalid(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
	}
	return Number(value);
}

function oneOf(params, name, choices, fallback) {
	const value = text(params, name);
	if (value === null) return fallback;
	if (!choices.includes(value)) {
		invalid(name, `Invalid ${name}: must be one of ${choices.join(', ')}`);
	}
	return value;
}

function flag(params, name, fallback) {
	const value = oneOf(params, name, ['true', 'false'], null);
	return value === null ? fallback : value === 'true';
}

function currency(params) {
	const value = text(params, 'currency');
	if (value === null) return null;
	if (!CURRENCY.test(value)) invalid('currency', `Invalid currency: ${value}`);
	return value.toLowerCase();
}

function metadata(params) {
	const value = params.metadata;
	// An empty string unsets metadata, as Stripe reads `metadata=`.
	if (value === undefined || value === '') return {};
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		invalid('metadata', 'Invalid object: metadata must be a hash of keys and values');
	}
	const entries = Object.entries(value);
	if (entries.length > METADATA_LIMITS.keys) {
		invalid('metadata', `Metadata can have at most ${METADATA_LIMITS.keys} keys.`);
	}
	for (const [key, one] of entries) {
		if (key.length > METADATA_LIMITS.keyLength || typeof one !== 'string') {
			invalid(`metadata[${key}]`, `Invalid metadata key or value: ${key}`);
		}
		if (one.length > METADATA_LIMITS.valueLength) {
			invalid(
				`metadata[${key}]`,
				`Metadata values can be at most ${METADATA_LIMITS.valueLength} characters.`,
			);
		}
	}
	return Object.fromEntries(entries);
}

const INVOICE_PARAMETERS = [
	'customer',
	'auto_advance',
	'collection_method',
	'days_until_due',
	'pending_invoice_items_behavior',
	'currency',
	'metadata',
	'description',
];

/** POST /v1/invoices; throws ParameterError. */
function readInvoiceParameters(params) {
	unknownParameters(params, INVOICE_PARAMETERS);
	const collectionMethod = oneOf(
		params,
		'collection_method',
		['charge_automatically', 'send_invoice'],
		'charge_automatically',
	);
	const daysUntilDue = whole(params, 'days_until_due', { min: 0 });
	if (collectionMethod === 'send_invoice' && daysUntilDue === null) {
		invalid(
			'days_until_due',
			'Missing required param: days_until_due (with collection_method send_invoice).',
			'parameter_missing',
		);
	}
	if (collectionMethod === 'charge_automatically' && daysUntilDue !== null) {
		invalid(
			'days_until_due',
			'Invoices with collection_method=charge_automatically cannot have days_until_due.',
		);
	}
	return {
		customer: text(params, 'customer', { required: true }),
		// One-off invoices do not advance by themselves unless asked to.
		auto_advance: flag(params, 'auto_advance', false),
		collection_method: collectionMethod,
		days_until_due: daysUntilDue,
		pending_invoice_items_behavior: oneOf(
			params,
			'pending_invoice_items_behavior',
			['exclude', 'include'],
			'exclude',
		),
		currency: currency(params) || 'usd',
		metadata: metadata(params),
		description: text(params, 'description'),
	};
}

const ITEM_PARAMETERS = [
	'customer',
	'invoice',
	'amount',
	'unit_amount_decimal',
	'quantity',
	'currency',
	'description',
	'period',
	'metadata',
];

function period(params) {
	const value = params.period;
	if (value === undefined) return null;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		invalid('period', 'Invalid object: period must have start and end');
	}
	const start = whole(value, 'start');
	const end = whole(value, 'end');
	if (start === null)
		invalid('period[start]', 'Missing required param: period[start].', 'parameter_missing');
	if (end === null)
		invalid('period[end]', 'Missing required param: period[end].', 'parameter_missing');
	if (end < start) invalid('period[end]', 'period[end] must be on or after period[start].');
	return { start, end };
}

/** POST /v1/invoiceitems; throws ParameterError. */
function readInvoiceItemParameters(params) {
	unknownParameters(params, ITEM_PARAMETERS);
	const amount = whole(params, 'amount');
	const unitText = text(params, 'unit_amount_decimal');
	const quantity = whole(params, 'quantity', { min: 0 });
	if (amount !== null && (unitText !== null || quantity !== null)) {
		invalid(
			'amount',
			'You may only specify one of these parameters: amount, unit_amount_decimal (with quantity).',
		);
	}
	if (amount === null && unitText === null) {
		invalid(
			'amount',
			'Missing required param: amount (or unit_amount_decimal).',
			'parameter_missing',
		);
	}
	if (unitText !== null && !DECIMAL.test(unitText)) {
		invalid('unit_amount_decimal', `Invalid decimal: ${unitText}`, 'parameter_invalid_decimal');
	}
	const units = quantity === null ? 1 : quantity;
	return {
		customer: text(params, 'customer', { required: true }),
		invoice: text(params, 'invoice'),
		amount: amount !== null ? amount : Math.round(Number(unitText) * units),
		unit_amount_decimal: unitText !== null ? unitText : String(amount),
		quantity: units,
		currency: currency(params),
		description: text(params, 'description'),
		period: period(params),
		metadata: metadata(params),
	};
}

module.exports = { readInvoiceParameters, readInvoiceItemParameters, ParameterError };
