// SPEC 3.3: a secret never appears in an output item, an error message or its description.
function expectNoSecrets(result, secrets) {
	const everything = JSON.stringify(result.run);
	const leaked = secrets.filter((secret) => secret && everything.includes(secret));
	expect(leaked).toEqual([]);
}

module.exports = { expectNoSecrets };
