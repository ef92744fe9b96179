// Workflow JSON for tests: a Manual Trigger feeding pack nodes one after another.
const { pack } = require('./engine');

const TRIGGER = 'Manual Trigger';

/**
 * `steps`: [{ name, type (the pack's node name), parameters, onError?, typeVersion? (default 1, as
 * the suites were written) }], run in this order.
 */
function chainWorkflow(steps) {
	const nodes = steps.map(({ name, type, parameters, onError, typeVersion = 1 }, index) => ({
		id: `node-${index}`,
		name,
		type: `${pack.packageName}.${type}`,
		typeVersion,
		position: [220 * (index + 1), 0],
		parameters,
		credentials: { commsBillingApi: { id: '1', name: 'Sandbox' } },
		...(onError ? { onError } : {}),
	}));
	const names = [TRIGGER, ...steps.map((step) => step.name)];
	const connections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((from, index) => [
				from,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);
	return {
		name: `${steps.map((step) => step.name).join(' -> ')} test`,
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		connections,
	};
}

const singleNodeWorkflow = (name, { type, parameters, onError, typeVersion }) =>
	chainWorkflow([{ name, type, parameters, onError, typeVersion }]);

module.exports = { chainWorkflow, singleNodeWorkflow };
