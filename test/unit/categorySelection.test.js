// Which categories a Usage Records call asks for, per platform, and which selections read every
// category (so that the lines must add up to totalprice): categorySelection.ts on its own.
const { describe, expect, test } = require('@jest/globals');
const { DateTime } = require('luxon');
const {
	categorySelectionInput,
	forInvoiceLines,
	readsEveryCategory,
} = require('../../nodes/Restcomm/categorySelection');

/** @typedef {import('../../nodes/Restcomm/categorySelection').CategorySelection} CategorySelection */

class Refused extends Error {
	/** @param {string} parameter @param {string} reason */
	constructor(parameter, reason) {
		super(`${parameter}: ${reason}`);
		this.parameter = parameter;
	}
}

/**
 * The selection one item's parameters make on `platform`; a refusal is thrown as `Refused`.
 * @param {Record<string, unknown>} parameters
 * @param {'restcomm' | 'twilio'} platform
 * @returns {CategorySelection}
 */
function select(parameters, platform = 'twilio', input = categorySelectionInput()) {
	return input.read({
		get: (name) => (name in parameters ? parameters[name] : null),
		invalid: (parameter, reason) => {
			throw new Refused(parameter, reason);
		},
		workflowTimezone: 'UTC',
		now: () => DateTime.utc(),
		credentials: /** @type {import('../../nodes/shared/platforms').CommsBillingCredentials} */ ({
			platform,
		}),
	});
}

/** The parameter a selection is refused on, and why. */
function refusal(/** @type {() => unknown} */ selecting) {
	try {
		selecting();
	} catch (error) {
		if (error instanceof Refused) return error.message;
		throw error;
	}
	throw new Error('the selection was not refused');
}

const selection = (/** @type {Partial<CategorySelection>} */ fields) => ({
	labelByRequest: false,
	eachUnitOnce: false,
	named: undefined,
	includeSubaccounts: true,
	...fields,
});

describe('a Twilio-compatible API computes every category', () => {
	test('All Categories: one listing of every category', () => {
		expect(select({ category: '' })).toEqual(selection({ requests: [undefined] }));
	});

	test('Leaf Categories: the same listing, each unit of usage once', () => {
		expect(select({ category: 'leaves' })).toEqual(
			selection({ requests: [undefined], eachUnitOnce: true }),
		);
	});

	test('a listed category is asked for by name', () => {
		expect(select({ category: 'sms-outbound' })).toEqual(
			selection({ requests: ['sms-outbound'], named: 'sms-outbound' }),
		);
	});

	test('a custom category stands in for the listed one', () => {
		expect(select({ category: 'calls', customCategory: 'sms-outbound-tollfree' })).toEqual(
			selection({ requests: ['sms-outbound-tollfree'], named: 'sms-outbound-tollfree' }),
		);
	});

	test('Include Subaccounts off is carried to the request', () => {
		expect(select({ category: '', includeSubaccounts: false }).includeSubaccounts).toBe(false);
	});

	test('a category the list does not have is refused, pointing to Custom Category', () => {
		expect(refusal(() => select({ category: 'sms-outbound-tollfree' }))).toBe(
			'category: "sms-outbound-tollfree" is not a documented category (use Custom Category)',
		);
	});
});

describe("Restcomm-Connect's server computes calls and sms only", () => {
	test.each(['', 'leaves'])('%j: calls and sms asked for one by one, labelled by request', (c) => {
		expect(select({ category: c }, 'restcomm')).toEqual(
			selection({ requests: ['calls', 'sms'], labelByRequest: true }),
		);
	});

	test('calls alone, labelled by its request', () => {
		expect(select({ category: 'calls' }, 'restcomm')).toEqual(
			selection({ requests: ['calls'], named: 'calls', labelByRequest: true }),
		);
	});

	test('a documented category the server does not compute is refused', () => {
		expect(refusal(() => select({ category: 'recordings' }, 'restcomm'))).toMatch(
			/^category: Restcomm-Connect's server does not compute "recordings": it computes calls and sms only/,
		);
	});

	test('Restcomm Computes All Categories: asked for as on Twilio, labelled by the server', () => {
		const everyCategory = { restcommComputesAllCategories: true };
		expect(select({ category: 'recordings', ...everyCategory }, 'restcomm')).toEqual(
			selection({ requests: ['recordings'], named: 'recordings' }),
		);
		expect(select({ category: 'leaves', ...everyCategory }, 'restcomm')).toEqual(
			selection({ requests: [undefined], eachUnitOnce: true }),
		);
	});

	test('a custom category is refused: Restcomm takes only the documented ones', () => {
		expect(refusal(() => select({ category: 'calls', customCategory: 'x' }, 'restcomm'))).toBe(
			'customCategory: Restcomm takes only the documented categories',
		);
	});
});

describe('the usage trigger watches one category', () => {
	const oneCategory = categorySelectionInput({ oneCategory: true });
	const values = oneCategory.properties[0].options?.map((option) =>
		'value' in option ? option.value : undefined,
	);

	test('neither All nor Leaf Categories is offered; calls by default', () => {
		expect(values).not.toContain('');
		expect(values).not.toContain('leaves');
		expect(oneCategory.properties[0].default).toBe('calls');
		expect(select({}, 'twilio', oneCategory)).toEqual(
			selection({ requests: ['calls'], named: 'calls' }),
		);
	});
});

describe('Invoice Lines read every unit of usage once', () => {
	test('a named category is read within the listing of every category', () => {
		expect(forInvoiceLines(select({ category: 'sms' }))).toEqual(
			selection({ requests: [undefined], named: 'sms', eachUnitOnce: true }),
		);
	});

	test("Restcomm's calls and sms stay asked for one by one", () => {
		expect(forInvoiceLines(select({ category: '' }, 'restcomm'))).toEqual(
			selection({ requests: ['calls', 'sms'], labelByRequest: true, eachUnitOnce: true }),
		);
	});
});

describe('the lines must add up to totalprice only where every category was read', () => {
	test.each([
		['All Categories', { category: '' }, 'twilio', true],
		['Leaf Categories', { category: 'leaves' }, 'twilio', true],
		['one category', { category: 'sms' }, 'twilio', false],
		[
			'a custom category',
			{ category: '', customCategory: 'sms-outbound-tollfree' },
			'twilio',
			false,
		],
		['the master account alone', { category: '', includeSubaccounts: false }, 'twilio', true],
		["Restcomm-Connect's calls and sms", { category: '' }, 'restcomm', false],
		[
			'Restcomm computing every category',
			{ category: 'leaves', restcommComputesAllCategories: true },
			'restcomm',
			true,
		],
	])('%s', (_, parameters, platform, every) => {
		const platformName = /** @type {'restcomm' | 'twilio'} */ (platform);
		expect(readsEveryCategory(forInvoiceLines(select(parameters, platformName)))).toBe(every);
	});
});
