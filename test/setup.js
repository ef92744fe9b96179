// n8n-core keeps its instance settings in N8N_USER_FOLDER: give each run a throw-away one.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'comms-billing-n8n-'));
}
