// What every floor does alike: the description of a floor node, and its requests, each through
// n8n's request helper with the credential decrypted once (as the pack's runtime does).

/** A floor node's description: one input and one output, the shared credential, `properties`. */
const floorDescription = ({ displayName, name, description, properties }) => ({
	displayName,
	name,
	group: ['input'],
	version: 1,
	description,
	defaults: { name: displayName },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'commsBillingApi', required: true }],
	properties,
});

/** The credential's fields, and a request signed by it: the options of n8n's request helper. */
async function credentialRequests(context) {
	const data = await context.getCredentials('commsBillingApi');
	const credentialsDecrypted = { id: '', name: '', type: 'commsBillingApi', data };
	const request = (options) =>
		context.helpers.httpRequestWithAuthentication.call(
			context,
			'commsBillingApi',
			{ json: true, ...options },
			{ credentialsDecrypted },
		);
	return { data, request };
}

/** An item of `fields` of `raw`, in that order. */
function itemOf(raw, fields) {
	const json = {};
	for (const field of fields) json[field] = raw[field];
	return { json };
}

module.exports = { floorDescription, credentialRequests, itemOf };
