'use strict';

/**
 * Routes are plain objects:
 * { method, path, handle(request) -> reply, platform?, authenticate?(request) -> boolean, control? }
 * A reply is { status, headers?, body } where an object body is sent as JSON.
 * `control` routes steer the sandbox itself: they are neither logged nor subject to faults.
 */
function createRouter() {
	const routes = [];

	function add(route) {
		if (!route.method || !route.path || typeof route.handle !== 'function') {
			throw new TypeError('A route needs a method, a path and a handle function');
		}
		routes.push({ ...route, method: route.method.toUpperCase(), path: normalizePath(route.path) });
	}

	/** { route } when method and path match, { allowedMethods } when only the path does, or null. */
	function match(method, path) {
		const samePath = routes.filter((route) => route.path === normalizePath(path));
		if (samePath.length === 0) return null;
		const route = samePath.find((candidate) => candidate.method === method.toUpperCase());
		return route ? { route } : { allowedMethods: samePath.map((candidate) => candidate.method) };
	}

	return { add, match };
}

// `/lumin/billing/` and `/lumin/billing` are the same resource, as on most real servers.
function normalizePath(path) {
	return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

module.exports = { createRouter, normalizePath };
