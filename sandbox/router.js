'use strict';

/**
 * Routes are plain objects:
 * { method, path, handle(request) -> reply, platform?, authenticate?(request) -> boolean, control?,
 *   requestFaults? }
 * A reply is { status, headers?, body } where an object body is sent as JSON.
 * A path segment `:name` matches any one non-empty segment; the handler finds its decoded value
 * in `request.params.name`. Where several routes match, the one with more fixed segments wins.
 * `control` routes steer the sandbox itself: they are neither logged nor subject to faults.
 * `requestFaults` names the faults the handler does itself from `request.fault` (server.js).
 */
function createRouter() {
	const routes = [];

	function add(route) {
		if (!route.method || !route.path || typeof route.handle !== 'function') {
			throw new TypeError('A route needs a method, a path and a handle function');
		}
		const path = normalizePath(route.path);
		routes.push({
			...route,
			method: route.method.toUpperCase(),
			path,
			segments: compileSegments(path),
		});
	}

	/**
	 * { route, params } when method and path match, { allowedMethods } when only the path does,
	 * or null.
	 */
	function match(method, path) {
		const pathSegments = normalizePath(path).split('/');
		const matches = [];
		for (const route of routes) {
			const params = matchSegments(route.segments, pathSegments);
			if (params) matches.push({ route, params });
		}
		if (matches.length === 0) return null;
		const sameMethod = matches.filter(({ route }) => route.method === method.toUpperCase());
		if (sameMethod.length === 0) {
			return { allowedMethods: [...new Set(matches.map(({ route }) => route.method))] };
		}
		// Stable sort: among equally specific routes, the first added wins.
		sameMethod.sort((a, b) => fixedSegmentCount(b.route) - fixedSegmentCount(a.route));
		return sameMethod[0];
	}

	return { add, match };
}

function compileSegments(path) {
	return path
		.split('/')
		.map((segment) =>
			segment.startsWith(':') && segment.length > 1
				? { param: segment.slice(1) }
				: { fixed: segment },
		);
}

function fixedSegmentCount(route) {
	return route.segments.filter((segment) => segment.param === undefined).length;
}

/** The decoded parameters when the path fits the route's segments, else null. */
function matchSegments(routeSegments, pathSegments) {
	if (routeSegments.length !== pathSegments.length) return null;
	const params = {};
	for (let index = 0; index < routeSegments.length; index += 1) {
		const expected = routeSegments[index];
		const actual = pathSegments[index];
		if (expected.param === undefined) {
			if (expected.fixed !== actual) return null;
			continue;
		}
		if (actual === '') return null;
		try {
			params[expected.param] = decodeURIComponent(actual);
		} catch {
			// Malformed percent-encoding: not a value this route can name.
			return null;
		}
	}
	return params;
}

// `/lumin/billing/` and `/lumin/billing` are the same resource, as on most real servers.
function normalizePath(path) {
	return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

module.exports = { createRouter, normalizePath };
