// A report URL on an origin the user listed is still checked with n8n's outbound network policy
// (SSRF protection) before any connection: here n8n's protection is on, loopback is blocked but
// for the sandbox's own address, and a report on another loopback address is refused unsent.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
process.env.N8N_SSRF_ALLOWED_IP_RANGES = '127.0.0.1/32';

const { runScanned, startScannedSandbox } = require('./engineRun');
const { singleNodeWorkflow } = require('../../harness/workflows');

let sandbox;
let blocked;
beforeAll(async () => {
	sandbox = await startScannedSandbox();
	blocked = await startScannedSandbox({ host: '127.0.0.2' });
});
afterAll(async () => {
	await Promise.all([sandbox.close(), blocked.close()]);
});

test("a listed report origin that n8n's policy blocks is refused before any connection", async () => {
	sandbox.injectFault({
		path: '/imiassist/api/v1/transactions/T-egress',
		status: 200,
		body: {
			transaction_id: 'T-egress',
			status: 'COMPLETED',
			output_log: {
				summary_report_url: `${blocked.url}/reports/summary.csv`,
				detailed_report_url: `${blocked.url}/reports/detailed.csv`,
			},
		},
	});
	const result = await runScanned(
		singleNodeWorkflow('Transaction', {
			type: 'imiassistTransactions',
			parameters: {
				operation: 'getTransaction',
				transactionId: 'T-egress',
				downloadReports: true,
				reportOrigins: blocked.url,
			},
			onError: 'continueRegularOutput',
		}),
		{ credentials: { commsBillingApi: sandbox.credentials.imiassist } },
	);
	const [success, failure] = result.outputs('Transaction');
	expect(success).toEqual([]);
	expect(failure[0].json.error_message).toMatch(
		new RegExp(
			`^n8n's outbound network policy refuses ${blocked.url.replace(/\./g, '\\.')} \\(.+\\), so nothing was sent there\\.$`,
		),
	);
	expect(blocked.requests).toEqual([]);
	expect(sandbox.requests).toHaveLength(1);
});
