// A small, faithful stand-in for the n8n app's CredentialsHelper (which is not published):
// it applies a credential type's own `authenticate` and `preAuthentication` the way n8n does,
// and keeps what preAuthentication obtains, as n8n's credential store would.
const { ICredentialsHelper } = require('n8n-workflow');

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
		Object.assign(credentials, output);
		await this.updateCredentials(node.credentials?.[typeName], typeName, credentials);
		return credentials;
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

	async getDecrypted(_additionalData, nodeCredentials, typeName) {
		this.decryptions++;
		const values = this.stored[this.keyOf(nodeCredentials, typeName)];
		if (!values) throw new Error(`No credentials of type ${typeName} given to the harness`);
		const defaults = Object.fromEntries(
			this.type(typeName).properties.map((property) => [property.name, property.default]),
		);
		return { ...defaults, ...values };
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
