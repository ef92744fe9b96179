const {
	toList,
	checkEmail,
	checkE164,
	checkPositiveInteger,
	checkJsonObject,
	checkOneOf,
} = require('../../dist/nodes/shared/validation');

describe('input checks', () => {
	test('one or many: a value, a comma-separated text or an array', () => {
		expect(toList('a')).toEqual(['a']);
		expect(toList(' a, ,b ,')).toEqual(['a', 'b']);
		expect(toList(['a', ' b ', ''])).toEqual(['a', 'b']);
		expect(toList(undefined)).toEqual([]);
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
