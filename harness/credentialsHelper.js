// A small, faithful stand-in for the n8n app's CredentialsHelper (which is not published):
// it loads a credential as n8n does (only the fields shown for its values, expressions resolved),
// applies the credential type's own `authenticate` and `preAuthentication` the way n8n does, and
// keeps what preAuthentication obtains, as n8n's credential store would.
const { getAdditionalKeys } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow, isExpression } = require('n8n-workflow');

// What n8n resolves a credential's expressions against when no node's run is at hand (n8n
// 2.41.1's credentials-helper.ts and credentials/mock-node-types.ts): a node of no type.
const MOCK_NODE = { name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const MOCK_NODE_TYPES = {
	getKnownTypes: () => ({}),
	getByName: (name) => (name === 'mock' ? { description: { properties: [] } } : undefined),
	getByNameAndVersion: (name, version) =>
		NodeHelpers.getVersionedNodeType(MOCK_NODE_TYPES.getByName(name), version),
};

class PackCredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, stored) {
		super();
		this.credentialTypes = new Map(credentialTypes.map((type) => [type.name, type]));
		this.stored = stored;
		this.preAuthenticationCalls = 0;
		/** How often a node had a credential decrypted (n8n derives a key each time). */
		this.decryptions = 0;
	}

	type(name) {
		const type = this.credentialTypes.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(name) {
		return this.type(name).properties;
	}

	async authenticate(credentials, typeName, requestOptions) {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate) throw new Error('The harness applies function authenticate only');
		return requestOptions;
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		// As n8n 2.41.1 does: what was obtained goes into the stored values, not the loaded ones
		// (which lack the fields not shown), except over a stored expression.
		const key = this.keyOf(node.credentials?.[typeName], typeName);
		const stored = { ...this.stored[key] };
		for (const [name, value] of Object.entries(output))
			if (name === expirable.name || !isExpression(stored[name])) stored[name] = value;
		this.stored[key] = stored;
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.type(typeName);
		return typeof type.preAuthentication === 'function'
			? await type.preAuthentication.call(helpers, credentials)
			: undefined;
	}

	/** Stored values are keyed by credential id or name (as a workflow gives them), else by type. */
	keyOf(nodeCredentials, typeName) {
		if (nodeCredentials?.id && nodeCredentials.id in this.stored) return nodeCredentials.id;
		if (nodeCredentials?.name && nodeCredentials.name in this.stored) return nodeCredentials.name;
		return typeName;
	}

	async getDecrypted(
		additionalData,
		nodeCredentials,
		typeName,
		mode,
		executeData,
		raw,
		expressionResolveValues,
	) {
		this.decryptions++;
		const values = this.stored[this.keyOf(nodeCredentials, typeName)];
		if (!values) throw new Error(`No credentials of type ${typeName} given to the harness`);
		if (raw === true) return { ...values };
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			values,
			typeName,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/**
	 * The stored values as n8n 2.41.1 hands them to a node (packages/cli/src/credentials-helper.ts,
	 * `applyDefaultsAndOverwrites`): n8n-workflow's `getNodeParameters(properties, stored, true,
	 * false, null, null)`, which keeps the fields shown for the stored values, each with its
	 * default, and drops the others; then every `={{ ... }}` value resolved with n8n-core's
	 * additional keys for a credential: in the node's run when n8n-core hands one (the item's
	 * `getParameterValue`), else with `getComplexParameterValue` against a node of no type.
	 * Not done here, as nothing in the pack uses it: credential overwrites, OAuth token data and
	 * fields, allowed domains, JSON-leaf expressions, external secrets, dynamic credentials, and
	 * n8n's second try field by field (dropping fields whose type says to ignore their errors)
	 * when resolving without a run fails.
	 */
	async applyDefaultsAndOverwrites(
		additionalData,
		stored,
		typeName,
		mode,
		executeData,
		expressionResolveValues,
	) {
		const loaded = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(typeName),
			stored,
			true,
			false,
			null,
			null,
		);
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			try {
				return workflow.expression.getParameterValue(
					loaded,
					runExecutionData,
					runIndex,
					itemIndex,
					node.name,
					connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					loaded,
				);
			} catch (error) {
				error.message += ' [Error resolving credentials]';
				throw error;
			}
		}
		const workflow = new Workflow({
			nodes: [MOCK_NODE],
			connections: {},
			active: false,
			nodeTypes: MOCK_NODE_TYPES,
		});
		await workflow.expression.acquireIsolate();
		try {
			return workflow.expression.getComplexParameterValue(
				MOCK_NODE,
				loaded,
				mode,
				additionalKeys,
				undefined,
				undefined,
				loaded,
			);
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}

	async getCredentials() {
		throw new Error('Not used by the pack');
	}

	async updateCredentials(nodeCredentials, typeName, data) {
		this.stored[this.keyOf(nodeCredentials, typeName)] = { ...data };
	}

	async updateCredentialsOauthTokenData() {}
}

module.exports = { PackCredentialsHelper };
