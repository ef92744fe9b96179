// The suite's secret scan (../secretScan.js) finds a secret in each form it names, inside other
// text, and reports nothing in text without one.
const { describe, expect, test } = require('@jest/globals');
const { FORMS, secretsIn } = require('../secretScan');

const SECRETS = ['lumin-sandbox-token', 'p"a/ss w+rd&é~', 'ab1'];

describe('the secret scan', () => {
	for (const [form, write] of Object.entries(FORMS)) {
		test.each(SECRETS)(`finds %j ${form}`, (secret) => {
			const text = JSON.stringify({ error: `refused: ${write(secret)}; try again` });
			expect(secretsIn([text], SECRETS).map((found) => found.secret)).toEqual([secret]);
		});
	}

	test('finds nothing in text without a secret, or in a neighbour of one', () => {
		const text = JSON.stringify({
			host: 'lumin-sandbox-toke',
			auth: Buffer.from('user:lumin-sandbox-toke').toString('base64'),
		});
		expect(secretsIn([text], SECRETS)).toEqual([]);
	});
});
