'use strict';

const { FaultError } = require('./faults');

// Routes under /__sandbox steer the sandbox over HTTP, for people and for n8n-driven tests that
// cannot reach the Sandbox object. They are neither logged nor subject to faults.

const CONTROL_PREFIX = '/__sandbox';

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
	control('POST', '/faults', ({ body }) => {
		const faults = Array.isArray(body) ? body : [body];
		try {
			// Validate every fault before adding any, so a bad list changes nothing.
			faults.forEach(sandbox.validateFault);
			return { status: 201, body: { ok: true, faults: faults.map(sandbox.injectFault) } };
		} catch (error) {
			if (error instanceof FaultError) {
				return { status: 400, body: { ok: false, error: error.message } };
			}
			throw error;
		}
	});
	control('DELETE', '/faults', () => {
		sandbox.clearFaults();
		return ok();
	});
}

module.exports = { registerControlRoutes, CONTROL_PREFIX };
