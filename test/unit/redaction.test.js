const { describe, expect, test } = require('@jest/globals');
const { createRedactor } = require('../../nodes/shared/redaction');

/** @param {string} text */
const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');

describe('secret redaction', () => {
	const redact = createRedactor(['s3cret-token', 'pa55word', undefined, '']);

	test('replaces secrets in texts, nested objects and arrays', () => {
		expect(redact.text('token s3cret-token was refused')).toBe('token [redacted] was refused');
		expect(
			redact.value({ error: { message: 'bad pa55word' }, list: ['s3cret-token', 3], ok: false }),
		).toEqual({ error: { message: 'bad [redacted]' }, list: ['[redacted]', 3], ok: false });
	});

	test('a secret used as a key is replaced in the key', () => {
		expect(redact.value({ 's3cret-token': 1, nested: { 'x-pa55word': true } })).toEqual({
			'[redacted]': 1,
			nested: { 'x-[redacted]': true },
		});
	});

	test('a long secret is replaced JSON-escaped and URL-encoded', () => {
		const secret = 'p"a/ss w+rd&é';
		const withSpecials = createRedactor([secret]);
		const escaped = JSON.stringify(secret).slice(1, -1);
		const encoded = encodeURIComponent(secret);
		expect(withSpecials.text(`body {"password":"${escaped}"}`)).toBe(
			'body {"password":"[redacted]"}',
		);
		expect(withSpecials.text(`/login?password=${encoded}&x=1`)).toBe(
			'/login?password=[redacted]&x=1',
		);
		const lowerCaseEscapes = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
		expect(withSpecials.text(`password=${lowerCaseEscapes}`)).toBe('password=[redacted]');
		expect(withSpecials.text(`form: ${encoded.replace(/%20/g, '+')}`)).toBe('form: [redacted]');
	});

	test.each(
		/** @type {[string, (secret: string) => string][]} */ ([
			['alone', (secret) => base64(secret)],
			['in user:secret after Basic', (secret) => `Basic ${base64(`AC0123456789:${secret}`)}`],
			[
				'in user:secret after a lower-case basic',
				(secret) => `basic ${base64(`me@x.io:${secret}`)}`,
			],
			['in user:secret without a scheme', (secret) => `credentials ${base64(`u:${secret}`)} here`],
			[
				'in user:secret, the URL alphabet',
				(secret) => base64(`ü:${secret}`).replace(/\+/g, '-').replace(/\//g, '_'),
			],
		]),
	)('a long secret in base64 %s is replaced', (_, spell) => {
		for (const secret of ['s3cret-token', 'pa55word', 'tok?en>>~~']) {
			const out = createRedactor([secret]).text(spell(secret));
			expect(out).toContain('[redacted]');
			expect(Buffer.from(out.replace(/[^A-Za-z0-9+/_-]/g, ''), 'base64').toString()).not.toContain(
				secret,
			);
			expect(out).not.toContain(base64(secret).slice(0, 8));
		}
	});

	test('base64 that does not hold the secret stays', () => {
		const other = base64('AC0123456789:another-token');
		expect(redact.text(`Basic ${other}`)).toBe(`Basic ${other}`);
	});

	test('a 40 KB token is replaced without building a regular expression from it', () => {
		const huge = `tok(${'x'.repeat(40_000)}[`;
		const redactHuge = createRedactor([huge]);
		expect(redactHuge.text(`a ${huge} b`)).toBe('a [redacted] b');
		expect(redactHuge.value({ [huge]: huge })).toEqual({ '[redacted]': '[redacted]' });
	});

	test('a short secret is replaced only where it is a whole value or word', () => {
		const shortSecrets = createRedactor(['store', '2026', 'ab']);
		expect(shortSecrets.text('store-001')).toBe('store-001');
		expect(shortSecrets.text('2026-11-01')).toBe('2026-11-01');
		expect(shortSecrets.text('store')).toBe('[redacted]');
		expect(shortSecrets.text('the token is store, not "store" or \'ab\'')).toBe(
			'the token is store, not "[redacted]" or \'[redacted]\'',
		);
		expect(shortSecrets.text('key ab\nnext')).toBe('key [redacted]\nnext');
		expect(shortSecrets.value({ host_id: 'store-001', token: 'ab', store: 1 })).toEqual({
			host_id: 'store-001',
			token: '[redacted]',
			'[redacted]': 1,
		});
	});

	test('mayHold: true for every form of a secret, regular-expression characters included, and for Authorization in any case; false otherwise', () => {
		const special = 'a.b*c(d)[e]{f}|g^h$i?j+k\\l/m';
		const looker = createRedactor(['s3cret-token', special, 'pin']);
		const holding = [
			'x s3cret-token y',
			`x ${special} y`,
			`x ${JSON.stringify(special).slice(1, -1)} y`,
			`x ${encodeURIComponent(special)} y`,
			`Basic ${base64(`user:${special}`)}`,
			`Basic ${base64('me:s3cret-token')}`,
			'x pin y',
			'authorization',
			'a header AuThOrIzAtIoN: x',
			'"AUTHORIZATION"',
		];
		for (const text of holding) expect(looker.mayHold(text)).toBe(true);
		for (const text of ['', 'zz authorisation Z', 'a.b*c(d)', 'uthorization', 'authorizatio'])
			expect(looker.mayHold(text)).toBe(false);
		// A token too long to look for in one pattern is looked for form by form.
		const long = 'k'.repeat(5000);
		expect(createRedactor([long]).mayHold(`x ${long} y`)).toBe(true);
		expect(createRedactor([long]).mayHold('x k y')).toBe(false);
	});

	test('hides any Authorization value a server echoes, and nothing that only looks like one', () => {
		expect(redact.text('got Authorization: Bearer abc.def-123')).toBe(
			'got Authorization: Bearer [redacted]',
		);
		expect(redact.text('{"authorization": "basic dXNlcjpwYXNz"}')).toBe(
			'{"authorization": "basic [redacted]"}',
		);
		expect(redact.value({ headers: { Authorization: 'Bearer unknown-token' } })).toEqual({
			headers: { Authorization: 'Bearer [redacted]' },
		});
		expect(redact.text('Basic support plan, bearer bonds')).toBe(
			'Basic support plan, bearer bonds',
		);
	});

	test('a record without secrets comes back as it is', () => {
		const record = { id: 'evt-1', host_id: 'store-001', count: 3 };
		expect(redact.value(record)).toBe(record);
	});
});
