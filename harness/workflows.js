// Workflow JSON for tests: a Manual Trigger feeding one node of the pack.
const { pack } = require('./engine');

const TRIGGER = 'Manual Trigger';

function singleNodeWorkflow(nodeName, { type, parameters, onError, credentialName = 'Sandbox' }) {
	return {
		name: `${nodeName} test`,
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'node',
				name: nodeName,
				type: `${pack.packageName}.${type}`,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { commsBillingApi: { id: '1', name: credentialName } },
				...(onError ? { onError } : {}),
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
	};
}

module.exports = { singleNodeWorkflow };
