'use strict';

const { FaultError } = require('./faults');
const { UsageSpecError } = require('./usageRaises');

// Routes under /__sandbox steer the sandbox over HTTP, for people and for n8n-driven tests that
// cannot reach the Sandbox object. They are neither logged nor subject to faults.

const CONTROL_PREFIX = '/__sandbox';

/** A handler whose refusal of what it was given is a 400 naming the problem. */
function refusingInvalid(handle) {
	return (request) => {
		try {
			return handle(request);
		} catch (error) {
			if (error instanceof FaultError || error instanceof UsageSpecError) {
				return { status: 400, body: { ok: false, error: error.message } };
			}
			throw error;
		}
	};
}

function registerControlRoutes(router, sandbox) {
	const control = (method, path, handle) =>
		router.add({ method, path: `${CONTROL_PREFIX}${path}`, control: true, handle });
	const ok = (extra = {}) => ({ status: 200, body: { ok: true, ...extra } });

	control('GET', '/health', () => ok());
	control('GET', '/requests', () => ({ status: 200, body: sandbox.requests }));
	control('DELETE', '/requests', () => {
		sandbox.clearRequests();
		return ok();
	});
	control('GET', '/faults', () => ({ status: 200, body: sandbox.listFaults() }));
	control(
		'POST',
		'/faults',
		refusingInvalid(({ body }) => {
			const faults = Array.isArray(body) ? body : [body];
			// Validate every fault before adding any, so a bad list changes nothing.
			faults.forEach(sandbox.validateFault);
			return { status: 201, body: { ok: true, faults: faults.map(sandbox.injectFault) } };
		}),
	);
	control('DELETE', '/faults', () => {
		sandbox.clearFaults();
		return ok();
	});
	control(
		'POST',
		'/usage',
		refusingInvalid(({ body }) => ok({ raised: sandbox.raiseUsage(body) })),
	);
}

module.exports = { registerControlRoutes, CONTROL_PREFIX };
