'use strict';

// `npm run sandbox -- --help` names every flavour the sandbox serves and the settings and faults
// that make it behave as the vendors' real servers do; settings can be given on the command line.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { startSandbox } = require('../../sandbox');
const { readSettingArguments } = require('../../sandbox/behaviours');
const { ANSWER_KINDS } = require('../../sandbox/faults');

const help = () =>
	execFileSync(process.execPath, [path.join(__dirname, '../../sandbox/cli.js'), '--help'], {
		encoding: 'utf8',
	});

describe('sandbox: npm run sandbox -- --help', () => {
	test('lists every flavour the sandbox serves, at its path prefix', async () => {
		const text = help();
		const sandbox = await startSandbox();
		try {
			for (const { name } of sandbox.platforms)
				expect(text).toMatch(new RegExp(`^  ${name} `, 'm'));
			for (const prefix of ['/restcomm ', '/restcomm-all-categories ', '/twilio ']) {
				expect(text).toContain(prefix);
			}
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		'costOutsideCategories (twilio)',
		'rollUpDecimals (twilio)',
		'callsChildren (twilio)',
		'timeOfDay (restcomm)',
		'timeZone (restcomm)',
		'inclusiveTokens (lumin)',
		'searchLagSeconds (stripe)',
		'customers (stripe)',
		'now (stripe)',
	])('names the setting %s', (setting) => expect(help()).toContain(`  ${setting}, e.g.`));

	// Every kind of fault the sandbox takes, alone on its line or among others (`reset, html`).
	test.each(ANSWER_KINDS)('names the %s fault', (fault) =>
		expect(help()).toMatch(new RegExp(`^ {2}(?:\\w+, )*${fault}\\b`, 'm')),
	);

	test('reads settings from the command line as startSandbox() options', () => {
		expect(
			readSettingArguments([
				'--twilio.costOutsideCategories=0.75',
				'--restcomm.timeOfDay=09:00',
				'--restcomm.timeZone=America/New_York',
				'--lumin.numericTokens=true',
			]),
		).toEqual({
			twilio: { costOutsideCategories: 0.75 },
			restcomm: { timeOfDay: '09:00', timeZone: 'America/New_York' },
			lumin: { numericTokens: true },
		});
		expect(() => readSettingArguments(['--verbose'])).toThrow('Unknown argument --verbose');
	});
});
