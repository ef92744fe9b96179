// IMIASSIST report downloads through n8n's engine: a report URL the vendor hands back is fetched
// only on the credential's origin or on an origin listed in Report Origins, never with a user
// name or password in it, and no redirect takes it elsewhere.
const { runScanned, startScannedSandbox } = require('./engineRun');
const { singleNodeWorkflow } = require('../../harness/workflows');

const TRANSACTION = 'T-report-1';
const CSV = 'account,category,usage\nacct-1,calls,12\n';

let sandbox;
let elsewhere;
beforeAll(async () => {
	[sandbox, elsewhere] = await Promise.all([startScannedSandbox(), startScannedSandbox()]);
});
afterAll(async () => {
	await Promise.all([sandbox.close(), elsewhere.close()]);
});
beforeEach(() => {
	for (const server of [sandbox, elsewhere]) {
		server.clearRequests();
		server.clearFaults();
	}
});

/** The transaction answers COMPLETED with these report URLs. */
function completedWith(summaryUrl, detailedUrl = summaryUrl) {
	sandbox.injectFault({
		path: `/imiassist/api/v1/transactions/${TRANSACTION}`,
		status: 200,
		body: {
			transaction_id: TRANSACTION,
			status: 'COMPLETED',
			output_log: {
				summary_report_url: summaryUrl,
				detailed_report_url: detailedUrl,
				message: 'Report generated',
			},
		},
	});
}

/** `server` answers its next `times` requests with the CSV. */
const servesCsv = (server, times = 2) =>
	server.injectFault({
		status: 200,
		headers: { 'Content-Type': 'text/csv' },
		body: CSV,
		times,
	});

async function run(parameters, onError) {
	return await runScanned(
		singleNodeWorkflow('Transaction', {
			type: 'imiassistTransactions',
			parameters: {
				operation: 'getTransaction',
				transactionId: TRANSACTION,
				downloadReports: true,
				...parameters,
			},
			onError,
		}),
		{ credentials: { commsBillingApi: sandbox.credentials.imiassist } },
	);
}

async function download(parameters = {}) {
	const result = await run(parameters, 'continueRegularOutput');
	const [success, failure] = result.outputs('Transaction');
	return { success, failure: failure.map(({ json }) => json) };
}

describe('IMIASSIST report downloads stay on the origins allowed', () => {
	test('a report URL on another origin is refused, naming it; nothing is sent there', async () => {
		completedWith(`${elsewhere.url}/reports/summary.csv`);
		servesCsv(elsewhere);
		const { success, failure } = await download();
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			`The summary report URL of transaction ${TRANSACTION} is on ${elsewhere.url}, neither the credential's origin nor one listed in Report Origins; nothing was sent there.`,
		);
		expect(elsewhere.requests).toEqual([]);
	});

	test('listed in Report Origins, it is fetched, without the credential', async () => {
		completedWith(`${elsewhere.url}/reports/summary.csv`, `${elsewhere.url}/reports/detailed.csv`);
		servesCsv(elsewhere);
		const { success, failure } = await download({ reportOrigins: `${elsewhere.url}/` });
		expect(failure).toEqual([]);
		expect(Object.keys(success[0].binary)).toEqual(['summary', 'detailed']);
		expect(elsewhere.requests.map(({ path, auth }) => [path, auth])).toEqual([
			['/reports/summary.csv', null],
			['/reports/detailed.csv', null],
		]);
	});

	test("a user name or password in a report URL is refused, even on the credential's origin", async () => {
		const url = new URL(`${sandbox.url}/imiassist/reports/summary.csv`);
		url.username = 'reports';
		url.password = 'secret-in-url';
		completedWith(url.href);
		const { success, failure } = await download();
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			`The summary report URL of transaction ${TRANSACTION} holds a user name or password, which would be sent as Basic auth; nothing was sent there.`,
		);
		expect(sandbox.requests.map(({ path }) => path)).toEqual([
			`/imiassist/api/v1/transactions/${TRANSACTION}`,
		]);
	});

	test('a redirect from an allowed origin to another is not followed', async () => {
		completedWith(`${elsewhere.url}/reports/summary.csv`);
		elsewhere.injectFault({
			status: 302,
			headers: { Location: 'http://127.0.0.1:9/stolen.csv' },
			body: '',
		});
		const { success, failure } = await download({ reportOrigins: elsewhere.url });
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			'IMIASSIST redirected the request to http://127.0.0.1:9, another origin than the origins allowed; it was not followed, so nothing was sent there.',
		);
	});

	test.each([
		['https://files.example.com/reports'],
		['ftp://files.example.com'],
		['files.example.com'],
	])(
		'Report Origins %j is a parameter error naming it, before any request',
		async (reportOrigins) => {
			const result = await run({ reportOrigins }, 'stopWorkflow');
			expect(result.nodeError('Transaction').message).toBe(
				`Invalid parameter "reportOrigins" in item 0: ${JSON.stringify(reportOrigins)} is not an origin such as https://files.example.com`,
			);
			expect(sandbox.requests).toEqual([]);
		},
	);
});

describe('IMIASSIST report downloads are attached only when they read as CSV', () => {
	const serves = (contentType, body) =>
		sandbox.injectFault({
			path: '/imiassist/reports/',
			status: 200,
			headers: { 'Content-Type': contentType },
			body,
			times: 2,
		});
	const reportUrl = () => `${sandbox.url}/imiassist/reports/summary.csv`;

	test.each([
		[
			'text/plain',
			'The report is being prepared.\nTry again later.\n',
			'text that does not read as CSV with a header row (content type text/plain)',
		],
		[
			'application/octet-stream',
			Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]).toString('latin1'),
			'binary data (content type application/octet-stream)',
		],
		[
			'text/csv',
			'account,category\nacct-1,calls,12\n',
			'text that does not read as CSV with a header row (content type text/csv)',
		],
		[
			'text/csv',
			',usage\ncalls,12\n',
			'text that does not read as CSV with a header row (content type text/csv)',
		],
	])('%s %j is a Failure naming what it is, nothing attached', async (contentType, body, what) => {
		completedWith(reportUrl());
		serves(contentType, body);
		const { success, failure } = await download();
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			`The summary report of transaction ${TRANSACTION} is ${what}, not a CSV file; nothing is attached.`,
		);
	});

	test.each([
		['text/csv', CSV],
		['application/octet-stream', 'a,b\r\n"x, with comma","y ""quoted""\nover two lines"\r\n'],
	])('%s that reads as CSV is attached as text/csv', async (contentType, body) => {
		completedWith(reportUrl());
		serves(contentType, body);
		const { success, failure } = await download();
		expect(failure).toEqual([]);
		expect(success[0].binary.summary.mimeType).toBe('text/csv');
		expect(Buffer.from(success[0].binary.summary.data, 'base64').toString('utf8')).toBe(body);
	});
});

describe('IMIASSIST report downloads stop at Max Report Size', () => {
	const http = require('node:http');
	const zlib = require('node:zlib');

	/** A CSV of about `megabytes` MB: a header and rows of 64 bytes. */
	const bigCsv = (megabytes) =>
		`account,category,usage\n${'acct-0000000001,calls-inbound-local,123456789.123456789012345678\n'.repeat(Math.ceil((megabytes * 1024 * 1024) / 64))}`;

	/** A loopback file server that sends `body` gzip-compressed, as a storage service may. */
	async function gzipServer(body) {
		const compressed = zlib.gzipSync(body);
		const server = http.createServer((request, response) => {
			response.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Encoding': 'gzip' });
			response.end(compressed);
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		return { server, url: `http://127.0.0.1:${server.address().port}`, size: compressed.length };
	}

	test('a report past the limit is a Failure saying so, nothing attached', async () => {
		completedWith(`${sandbox.url}/imiassist/reports/summary.csv`);
		sandbox.injectFault({
			path: '/imiassist/reports/',
			status: 200,
			headers: { 'Content-Type': 'text/csv' },
			body: bigCsv(3),
			times: 2,
		});
		const { success, failure } = await download({ maxReportSize: 2 });
		expect(success).toEqual([]);
		expect(failure[0].error_message).toBe(
			'IMIASSIST sent more than 2 MB, the limit, so reading stopped there; nothing is returned.',
		);
	});

	test('the limit counts the bytes after decompression: a small gzip of a large CSV stops too', async () => {
		const files = await gzipServer(bigCsv(3));
		try {
			expect(files.size).toBeLessThan(100 * 1024);
			completedWith(`${files.url}/summary.csv`);
			const { success, failure } = await download({ maxReportSize: 2, reportOrigins: files.url });
			expect(success).toEqual([]);
			expect(failure[0].error_message).toBe(
				'IMIASSIST sent more than 2 MB, the limit, so reading stopped there; nothing is returned.',
			);
			// Within the limit, the same file is attached decompressed.
			completedWith(`${files.url}/summary.csv`);
			const whole = await download({ maxReportSize: 4, reportOrigins: files.url });
			expect(whole.failure).toEqual([]);
			expect(Buffer.from(whole.success[0].binary.summary.data, 'base64').toString('utf8')).toBe(
				bigCsv(3),
			);
		} finally {
			files.server.close();
		}
	});
});
