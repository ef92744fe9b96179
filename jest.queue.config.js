// The queue-mode suite: the pack in n8n's queue mode, with PostgreSQL, Redis and two workers
// (npm run test:queue).
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.js'],
	// The first run installs n8n, Redis and PostgreSQL (a few minutes); later runs reuse them.
	testTimeout: 15 * 60_000,
};
