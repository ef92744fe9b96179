'use strict';

// `npm run sandbox`: starts the sandbox for a person trying the nodes in n8n, and prints what
// to paste into a "Comms Billing API" credential.

const { startSandbox } = require('./server');
const { describeBehaviours, readSettingArguments } = require('./behaviours');

const DEFAULT_PORT = 8787;
const CREDENTIAL_FIELD_LABELS = {
	platform: 'Platform',
	baseUrl: 'Base URL',
	apiKey: 'API Key',
	token: 'Token',
	userEmail: 'E-mail',
	userPassword: 'Password',
	accountSid: 'Account SID',
};
// The credential's Platform choices, as n8n shows them; a platform may have several flavours.
const CREDENTIAL_PLATFORM_LABELS = {
	lumin: 'Lumin.ai',
	imiassist: 'IMIASSIST',
	evoVoice: 'Evo Voice',
	restcomm: 'Restcomm',
	twilio: 'Twilio-compatible API',
	stripe: 'Stripe',
};
const MAIN_CREDENTIAL_TITLE = '"Comms Billing API" credential:';

function portFromEnvironment(text = process.env.SANDBOX_PORT) {
	if (text === undefined || text === '') return DEFAULT_PORT;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`SANDBOX_PORT must be a port number (0 = any free port), not "${text}"`);
	}
	return port;
}

function describeSandbox(sandbox) {
	const lines = [`Comms billing sandbox listening on ${sandbox.url}`, ''];
	for (const platform of sandbox.platforms) {
		lines.push(`${platform.displayName}: ${platform.data}`);
		for (const name of platform.credentials) {
			lines.push(`  ${platform.credentialTitles[name] || MAIN_CREDENTIAL_TITLE}`);
			for (const [field, value] of Object.entries(sandbox.credentials[name])) {
				const shown = field === 'platform' ? CREDENTIAL_PLATFORM_LABELS[value] || value : value;
				lines.push(`    ${(CREDENTIAL_FIELD_LABELS[field] || field).padEnd(12)}${shown}`);
			}
		}
		lines.push('');
	}
	lines.push(
		`Requests received: ${sandbox.url}/__sandbox/requests`,
		`Faults: POST or DELETE ${sandbox.url}/__sandbox/faults`,
		`Stripe clock: GET, or POST {"advanceSeconds"} to ${sandbox.url}/__sandbox/stripe/clock`,
		'Press Ctrl-C to stop.',
	);
	return lines.join('\n');
}

async function main(args = process.argv.slice(2)) {
	if (args.includes('--help')) {
		console.log(describeBehaviours());
		return;
	}
	const sandbox = await startSandbox({
		...readSettingArguments(args),
		host: '127.0.0.1',
		port: portFromEnvironment(),
	});
	console.log(describeSandbox(sandbox));
	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`Sandbox failed to start: ${error.message}`);
		process.exit(1);
	});
}

module.exports = { describeSandbox, portFromEnvironment };
