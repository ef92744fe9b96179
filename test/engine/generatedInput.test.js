// Generated bad input: every input variable of every method gets wrong values (types, empty,
// huge, unicode, `..`, `?`, `#`, CRLF, objects, arrays, invalid dates and zones) from an
// expression, through n8n's engine. Each case ends in a parameter error naming that parameter
// and the item with no request sent, or, where the value is the vendor's to judge, in requests
// of the clean run's shape: the same path segments and query keys, the value nowhere else.
// Seeded: the seed is in the test's name; FC_SEED=<seed> replays a run.
const fc = require('fast-check');

const { runWorkflow } = require('../../harness/engine');
const { singleNodeWorkflow } = require('../../harness/workflows');
const pack = require('../../harness/pack');
const { methodCatalog, methodFixtures } = require('./methodCatalog');
const { runScanned, startScannedSandbox } = require('./engineRun');

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const CASES = 1000;

let sandbox;
let fixtures;
beforeAll(async () => {
	sandbox = await startScannedSandbox({ lumin: { eventCount: 200, pageSize: 100 } });
	fixtures = await methodFixtures(sandbox);
	for (const platform of ['restcomm', 'twilio', 'evoVoice']) sandbox[platform].dailyUsage();
	// The transaction done, so that a case that waits for it does not.
	for (let poll = 0; poll < 3; poll++) await getTransaction(fixtures.transactionId);
});
afterAll(async () => await sandbox.close());

async function getTransaction(id) {
	const { imiassist } = sandbox.credentials;
	await fetch(`${imiassist.baseUrl}/api/v1/transactions/${id}`, {
		headers: { apikey: imiassist.apiKey, token: imiassist.token },
	});
}

// Methods that differ only by a subresource share their inputs: one of each family is enough.
const METHODS = methodCatalog(() => ({ sandbox, fixtures })).filter(
	(method) => method.type !== 'restcommUsageRecords' || /allTime|daily/.test(method.name),
);

/** The parameters a method shows, as paths: `host`, `additionalFields.customerId`, `options.maxPages`. */
function parameterPaths(method) {
	// The catalog's workflows are version 1's, as chainWorkflow writes them.
	const nodeType = pack.nodeTypeOf(method.type, 1);
	const { operation } = method.parameters();
	return nodeType.description.properties
		.filter((property) => property.name !== 'operation')
		.filter((property) => property.displayOptions?.show?.operation?.includes(operation))
		.flatMap((property) =>
			property.type === 'collection'
				? property.options.map((option) => `${property.name}.${option.name}`)
				: [property.name],
		);
}

const badValue = fc.oneof(
	fc.constantFrom('', ' ', '..', '.', '?', '#', 'a?b=1', 'a#b', 'a/b', '../x', 'x\r\nInjected: 1'),
	fc.constantFrom('UTC+25', 'Mars/Olympus', '2026-02-30', 'the first of March', '-30 days'),
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.string({ minLength: 5000, maxLength: 5001 }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
	fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.object()), { maxLength: 3 }),
	fc.constant(new Date(Number.NaN)),
);

function withValue(parameters, path) {
	const [name, inner] = path.split('.');
	const expression = '={{ $json.value }}';
	if (!inner) return { ...parameters, [name]: expression };
	return { ...parameters, [name]: { ...parameters[name], [inner]: expression } };
}

/** What a run sent: each request's path prefix and query keys. */
const shapeOf = (requests) =>
	requests.map(({ path, query }) => ({
		prefix: path.split('/').slice(0, 4).join('/'),
		query: Object.keys(query),
	}));

// Query keys of the pages after the first (Twilio's next_page_uri).
const PAGING_KEYS = ['PageSize', 'Page', 'PageToken'];

async function run(method, parameters, value) {
	sandbox.clearRequests();
	// Unscanned only where the outputs are the secrets the user asked for.
	const result = await (method.outputsSecrets ? runWorkflow : runScanned)(
		singleNodeWorkflow('Node', { type: method.type, parameters }),
		{
			credentials: { commsBillingApi: { ...method.credentials() } },
			inputItems: [{ json: { value } }],
		},
	);
	return { result, requests: [...sandbox.requests] };
}

/** run(), or n8n's refusal to run the workflow at all. */
async function runOrRefused(method, parameters, value) {
	try {
		return await run(method, parameters, value);
	} catch (error) {
		if (error.name !== 'WorkflowHasIssuesError') throw error;
		return { requests: [...sandbox.requests], refusedByN8n: error };
	}
}

const cleanShapes = new Map();

test(`generated bad input: ${CASES} cases over every input of every method (seed ${SEED})`, async () => {
	for (const method of METHODS) {
		const { requests } = await run(method, method.parameters(), 'unused');
		cleanShapes.set(method.name, shapeOf(requests));
	}
	const cases = fc.tuple(
		fc
			.constantFrom(...METHODS)
			.chain((method) => fc.tuple(fc.constant(method), fc.constantFrom(...parameterPaths(method)))),
		badValue,
	);
	const outcomes = { parameterError: 0, accepted: 0 };
	await fc.assert(
		fc.asyncProperty(cases, async ([[method, path], value]) => {
			const { result, requests, refusedByN8n } = await runOrRefused(
				method,
				withValue(method.parameters(), path),
				value,
			);
			// n8n's own check of the workflow (a required parameter left empty) comes first.
			if (refusedByN8n) {
				expect(refusedByN8n.name).toBe('WorkflowHasIssuesError');
				expect(requests).toEqual([]);
				outcomes.parameterError++;
				return;
			}
			const error = result.nodeError('Node');
			// Under n8n's default On Error (Stop Workflow) the vendor's refusal of a value it was
			// sent fails the run: the value was accepted by the node.
			if (error && error.name !== 'NodeApiError') {
				// A parameter error, naming a parameter of this method, for item 0, before any request.
				expect(error.message).toMatch(/^Invalid parameter "[\w.]+" in item 0: /);
				expect(requests).toEqual([]);
				outcomes.parameterError++;
				return;
			}
			// Success (an empty list is a list), or the vendor's refusal (thrown as a NodeApiError):
			// never a crash of the node.
			if (!error) result.outputs('Node');
			// Accepted: the vendor judges the value, in requests shaped like the clean run's: the same
			// API, no segment that climbs or is empty, no line break, only the query keys it has.
			const clean = cleanShapes.get(method.name);
			const allowedKeys = [
				...clean.flatMap((request) => request.query),
				...queryOf(path),
				...PAGING_KEYS,
			];
			for (const request of requests) {
				const segments = request.path.split('/').slice(1);
				expect(clean.map((shape) => shape.prefix)).toContain(
					segments.slice(0, 3).join('/').replace(/^/, '/'),
				);
				expect(segments.filter((segment) => ['', '.', '..'].includes(segment))).toEqual([]);
				expect(request.path).not.toMatch(/[\r\n]/);
				for (const key of Object.keys(request.query)) expect(allowedKeys).toContain(key);
			}
			outcomes.accepted++;
		}),
		{ seed: SEED, numRuns: CASES, endOnFailure: true },
	);
	expect(outcomes.parameterError + outcomes.accepted).toBe(CASES);
}, 180_000);

/** The query keys a parameter may add: the Usage Records filters and Evo Voice's query. */
function queryOf(path) {
	return (
		{
			startDate: ['StartDate', 'startDate'],
			endDate: ['EndDate', 'endDate'],
			category: ['Category'],
			customCategory: ['Category'],
			includeSubaccounts: ['IncludeSubaccounts'],
			accountId: ['accountId'],
			customerId: ['customerId'],
		}[path] ?? []
	);
}
