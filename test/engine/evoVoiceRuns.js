// Evo Voice through n8n's engine, for the engine tests of Evo Voice's servers: the node's clock,
// October 2026's invoice lines with their Failure items beside them, and the usage trigger's poll.
const { DateTime } = require('luxon');

const { pollTrigger } = require('../../harness/engine');
const { singleNodeWorkflow } = require('../../harness/workflows');
const { runScanned } = require('./engineRun');

// The clock of the node (and of a trigger): Last Month is October 2026.
const NOW = DateTime.fromISO('2026-11-10T15:00:00Z', { zone: 'utc' });

/**
 * October's invoice lines in UTC (Success) and Failure items, with `credentialFields` over the
 * sandbox's Evo Voice credential and `parameters` over the node's.
 */
async function octoberLines(sandbox, credentialFields = {}, parameters = {}, inputItems) {
	const result = await runScanned(
		singleNodeWorkflow('AI Usage', {
			type: 'evoVoiceAiUsage',
			parameters: {
				operation: 'getAiUsage',
				period: 'lastMonth',
				timezone: 'UTC',
				outputMode: 'invoiceLines',
				...parameters,
			},
			onError: 'continueRegularOutput',
		}),
		{
			credentials: { commsBillingApi: { ...sandbox.credentials.evoVoice, ...credentialFields } },
			now: NOW,
			inputItems,
		},
	);
	const [success, failure] = result.outputs('AI Usage');
	return { lines: success.map(({ json }) => json), failure: failure.map(({ json }) => json) };
}

/**
 * One poll of the usage trigger watching AI minutes in UTC (threshold 1), with `credentialFields`
 * over the sandbox's credential and `parameters` (its recurrence among them) over the trigger's.
 */
const pollAiMinutes = (sandbox, credentialFields, parameters, { now = NOW, mode } = {}) =>
	pollTrigger(
		{
			name: 'Usage',
			type: 'n8n-nodes-comms-billing.commsUsageTrigger',
			parameters: { operation: 'evoVoiceAiMinutes', timezone: 'UTC', threshold: 1, ...parameters },
		},
		{
			credentials: { commsBillingApi: { ...sandbox.credentials.evoVoice, ...credentialFields } },
			now,
			...(mode ? { mode } : {}),
		},
	);

module.exports = { NOW, octoberLines, pollAiMinutes };
