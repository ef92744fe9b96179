// n8n's credential test of the pack's credential, for the engine tests of each platform.
const { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const { PackCredentialsHelper } = require('./credentialsHelper');
const { pack } = require('./engine');

/**
 * n8n's credential test of the pack's credential, as n8n's CredentialsTester runs a declarative
 * one (packages/cli/src/services/credentials-tester.service.ts, not published): the test's
 * request through n8n-core's RoutingNode, then its rules on the HTTP status of a refusal.
 */
async function credentialTest(values) {
	const credentialType = pack.credentials.find((type) => type.name === 'commsBillingApi');
	const nodeType = {
		description: {
			name: 'credentialTest',
			displayName: 'Credential Test',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'commsBillingApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test.request },
					default: '',
				},
			],
		},
	};
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { commsBillingApi: { id: 'test', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType },
	});
	const additionalData = {
		credentialsHelper: new PackCredentialsHelper(pack.credentials, { commsBillingApi: values }),
		hooks: new ExecutionLifecycleHooks('internal', 'credential-test', workflow),
		variables: {},
		currentNodeExecutionIndex: 0,
	};
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } },
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const defaults = credentialType.properties.map((property) => [property.name, property.default]);
	const decrypted = {
		id: 'test',
		name: 'test',
		type: 'commsBillingApi',
		data: { ...Object.fromEntries(defaults), ...values },
	};
	try {
		await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		const response = error.cause?.response;
		if (!response) return { status: 'Error', message: error.message };
		const rule = credentialType.test.rules.find(
			({ type, properties }) => type === 'responseCode' && properties.value === response.status,
		);
		return { status: 'Error', message: rule?.properties.message ?? response.statusText };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { credentialTest };
