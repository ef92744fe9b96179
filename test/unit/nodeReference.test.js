const { execFileSync } = require('node:child_process');
const path = require('node:path');

test('the README node reference is generated from the current node declarations', () => {
	// Throws (exit code 1) when README.md differs from what the declarations produce.
	execFileSync(
		process.execPath,
		[path.join(__dirname, '../../scripts/nodeReference.js'), '--check'],
		{
			stdio: 'pipe',
		},
	);
});
