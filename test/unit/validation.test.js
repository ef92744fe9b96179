const { describe, expect, test } = require('@jest/globals');
const {
	checkList,
	checkPathSegment,
	checkText,
	checkEmail,
	checkE164,
	checkPositiveInteger,
	checkJsonObject,
	checkOneOf,
} = require('../../nodes/shared/validation');

describe('input checks', () => {
	test('one or many: a value, a comma-separated text or an array', () => {
		expect(checkList('a')).toEqual({ ok: true, value: ['a'] });
		expect(checkList(' a, ,b ,')).toEqual({ ok: true, value: ['a', 'b'] });
		expect(checkList(['a', ' b ', '', 7])).toEqual({ ok: true, value: ['a', 'b', '7'] });
		expect(checkList(undefined)).toEqual({ ok: true, value: [] });
	});

	test('a text is a string, a number or a boolean; objects and arrays are refused', () => {
		expect(checkText(' x ')).toEqual({ ok: true, value: 'x' });
		expect(checkText(42)).toEqual({ ok: true, value: '42' });
		expect(checkText({ id: 1 })).toEqual({
			ok: false,
			reason: expect.stringMatching(/^a value of type object is not a text/),
		});
		expect(checkText(['a', 'b'])).toEqual({
			ok: false,
			reason: expect.stringMatching(/^an array is not a text/),
		});
		expect(checkList([{ id: 1 }]).ok).toBe(false);
		expect(checkList(['a', ['b']]).ok).toBe(false);
	});

	test('an ID in a path cannot change the path', () => {
		for (const id of ['.', '..', 'a/b', '../x', 'a?b=1', 'a#b'])
			expect(checkPathSegment(id).ok).toBe(false);
		for (const id of ['tx-1', '...', 'a b', 'a%2Fb', 'AC123'])
			expect(checkPathSegment(id).ok).toBe(true);
	});

	test('e-mail, E.164, positive whole numbers, JSON objects, fixed choices', () => {
		expect(checkEmail('ops@example.com').ok).toBe(true);
		expect(checkEmail('ops@example').ok).toBe(false);
		expect(checkE164('+44123456789').ok).toBe(true);
		expect(checkE164('+44 123 456').ok).toBe(false);
		expect(checkE164('0044123456789').ok).toBe(false);
		expect(checkPositiveInteger('30')).toEqual({ ok: true, value: 30 });
		expect(checkPositiveInteger(1.5).ok).toBe(false);
		expect(checkPositiveInteger(0).ok).toBe(false);
		expect(checkJsonObject('{"age":10}')).toEqual({ ok: true, value: { age: 10 } });
		expect(checkJsonObject('[1]').ok).toBe(false);
		expect(checkJsonObject('{').ok).toBe(false);
		expect(checkOneOf('HIGH', ['LOW', 'MEDIUM', 'HIGH']).ok).toBe(true);
		expect(checkOneOf('URGENT', ['LOW', 'MEDIUM', 'HIGH']).ok).toBe(false);
	});
});
