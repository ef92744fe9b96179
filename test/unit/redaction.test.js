const { createRedactor } = require('../../dist/nodes/shared/redaction');

describe('secret redaction', () => {
	const redact = createRedactor(['s3cret-token', 'pa55word', undefined, 'ab']);

	test('replaces secrets in texts, nested objects and arrays', () => {
		expect(redact.text('token s3cret-token was refused')).toBe('token [redacted] was refused');
		expect(
			redact.value({ error: { message: 'bad pa55word' }, list: ['s3cret-token', 3], ok: false }),
		).toEqual({ error: { message: 'bad [redacted]' }, list: ['[redacted]', 3], ok: false });
	});

	test('hides any Authorization value a server echoes', () => {
		expect(redact.text('got Authorization: Bearer abc.def-123')).toBe(
			'got Authorization: Bearer [redacted]',
		);
		expect(redact.text('Basic dXNlcjpwYXNz')).toBe('Basic [redacted]');
	});

	test('ignores values too short to be secrets', () => {
		expect(redact.text('about')).toBe('about');
	});
});
