module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	// The end-to-end suite (real n8n) has its own command: npm run test:e2e.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/queue/'],
	// Engine runs hold real servers and back-off waits; nothing here is a timing assertion.
	testTimeout: 60_000,
};
