// The limit: `fetch` over the same pages, one after another, `JSON.parse`, nothing kept. Run in
// a process of its own (as n8n is), by the same Node as n8n; prints the seconds it took, wall and
// CPU (its process's user and system time, as /proc counts n8n's).
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

/** Pages of Lumin.ai (next_token in the body) or of a Twilio-compatible API (next_page_uri). */
async function bareLoop(spec) {
	const started = performance.now();
	const cpuAtStart = process.cpuUsage();
	let items = 0;
	if (spec.kind === 'lumin') {
		let token;
		do {
			const response = await fetch(spec.url, {
				method: 'POST',
				headers: { Authorization: `Bearer ${spec.token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify(
					token === undefined ? spec.body : { ...spec.body, start_token: token },
				),
			});
			const page = JSON.parse(await response.text());
			items += page.items.length;
			token = page.next_token ?? undefined;
		} while (token !== undefined);
	} else {
		for (let url = spec.url; url; ) {
			const response = await fetch(url, { headers: { Authorization: spec.authorization } });
			const page = JSON.parse(await response.text());
			items += page.usage_records.length;
			url = page.next_page_uri ? `${spec.base}${page.next_page_uri}` : undefined;
		}
	}
	const cpu = process.cpuUsage(cpuAtStart);
	return {
		seconds: (performance.now() - started) / 1000,
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		items,
	};
}

/** Runs the loop in a fresh process of `node`: its wall and CPU seconds and the records it read. */
async function measureBareLoop(spec, node) {
	const { stdout } = await promisify(execFile)(node, [__filename, JSON.stringify(spec)]);
	return JSON.parse(stdout);
}

if (require.main === module) {
	bareLoop(JSON.parse(process.argv[2])).then((result) => console.log(JSON.stringify(result)));
}

module.exports = { measureBareLoop };
