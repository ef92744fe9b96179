module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	// Engine runs hold real servers and back-off waits; nothing here is a timing assertion.
	testTimeout: 60_000,
};
