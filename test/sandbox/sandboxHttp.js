// What the sandbox tests need of HTTP: a reply read as text and, when it is JSON, parsed.
async function readReply(response) {
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

const basicHeader = (userName, password) =>
	`Basic ${Buffer.from(`${userName}:${password}`).toString('base64')}`;

module.exports = { readReply, basicHeader };
