// What the sandbox tests need of HTTP: a reply read as text and, when it is JSON, parsed; usage
// raised through the control route.
async function readReply(response) {
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

const basicHeader = (userName, password) =>
	`Basic ${Buffer.from(`${userName}:${password}`).toString('base64')}`;

/** POST /__sandbox/usage: raises usage over HTTP, as a test driving n8n would. */
async function raiseUsageOverHttp(sandbox, spec) {
	const response = await fetch(`${sandbox.url}/__sandbox/usage`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof spec === 'string' ? spec : JSON.stringify(spec),
	});
	return await readReply(response);
}

/**
 * Expects a usage raise refused both ways, sandbox.raiseUsage with a TypeError and the route with
 * a 400, its message matching `message`, and `snapshot()` (what the platform serves) the same after.
 */
async function expectRaiseRefused(sandbox, spec, message, snapshot) {
	const before = await snapshot();
	expect(() => sandbox.raiseUsage(spec)).toThrow(TypeError);
	expect(() => sandbox.raiseUsage(spec)).toThrow(message);
	const { status, json } = await raiseUsageOverHttp(sandbox, spec);
	expect([status, json]).toEqual([400, { ok: false, error: expect.stringMatching(message) }]);
	expect(await snapshot()).toEqual(before);
}

module.exports = { readReply, basicHeader, raiseUsageOverHttp, expectRaiseRefused };
