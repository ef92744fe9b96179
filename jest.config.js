module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	// The end-to-end suite (real n8n) has its own command: npm run test:e2e.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/queue/'],
	// Engine runs hold real servers and back-off waits; nothing here is a timing assertion.
	testTimeout: 60_000,
	// The unit tests require the TypeScript sources, so that tsc checks them against the sources'
	// types (test/unit/tsconfig.json); they run the build, which is what n8n loads.
	moduleNameMapper: { '^(?:\\.\\./)+nodes/(.*)$': '<rootDir>/dist/nodes/$1' },
};
