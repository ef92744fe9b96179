// The end-to-end suite: the pack in a real n8n 2.x (npm run test:e2e).
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	// The first run installs n8n (a few minutes); later runs reuse the cache.
	testTimeout: 15 * 60_000,
};
