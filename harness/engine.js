// Runs workflow JSON through n8n's own engine (n8n-core's WorkflowExecute) with the pack's
// nodes and credentials, over real HTTP. n8n's own NodeTestHarness does the same but is not
// published; this follows it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core keeps its instance settings in N8N_USER_FOLDER: give each process a throw-away one.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'comms-billing-n8n-'));
// Nothing is encrypted here (credentials are handed over in memory); a fixed key keeps n8n quiet.
process.env.N8N_ENCRYPTION_KEY ??= 'comms-billing-engine-harness';

const {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	WorkflowExecute,
} = require('n8n-core');
const {
	LoggerProxy,
	NodeHelpers,
	VersionedNodeType,
	Workflow,
	getGlobalState,
	setGlobalState,
} = require('n8n-workflow');

// What n8n logs while it runs a workflow (its error reporter logs every node error), kept here
// instead of printed, so that tests can scan it for secrets like any output.
const fromCore = (name) => require(require.resolve(name, { paths: [require.resolve('n8n-core')] }));
const engineLog = [];
const keep = (level) => (message, meta) =>
	engineLog.push(`${level}: ${message}${meta === undefined ? '' : ` ${safeJson(meta)}`}`);
const safeJson = (value) => {
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
};
const logger = {
	error: keep('error'),
	warn: keep('warn'),
	info: keep('info'),
	debug: keep('debug'),
	scoped() {
		return logger;
	},
};
fromCore('@n8n/di').Container.set(fromCore('@n8n/backend-common').Logger, logger);
LoggerProxy.init(logger);

const pack = require('./pack');
const { PRODUCT_TIMINGS } = require('../dist/nodes/shared/runTimings');
const { runNode } = require('../dist/nodes/shared/runtime');
const { runPoll } = require('../dist/nodes/shared/triggerPoll');
const { PackCredentialsHelper } = require('./credentialsHelper');
const { manualTrigger } = require('./manualTrigger');
const { extractFromFile } = require('./extractFromFile');
const { merge } = require('./merge');
const { scheduleTrigger } = require('./scheduleTrigger');
const { stickyNote } = require('./stickyNote');

/**
 * `node` with each version's node type changed by `change(nodeType, version)`; a node without
 * versions is its one version.
 */
function eachVersion(node, change, description = node.description) {
	if (!('nodeVersions' in node)) return change(node, undefined);
	const changed = Object.fromEntries(
		Object.entries(node.nodeVersions).map(([version, nodeType]) => [
			version,
			change(nodeType, Number(version)),
		]),
	);
	return new VersionedNodeType(changed, description);
}

/** The same node type under another name. */
function renamed(nodeType, name) {
	const copy = Object.create(nodeType);
	copy.description = { ...nodeType.description, name };
	return copy;
}

const nodeTypesByName = new Map([
	[manualTrigger.description.name, manualTrigger],
	[extractFromFile.description.name, extractFromFile],
	[merge.description.name, merge],
	[scheduleTrigger.description.name, scheduleTrigger],
	[stickyNote.description.name, stickyNote],
	...pack.nodes.map((node) => [`${pack.packageName}.${node.description.name}`, node]),
	// As n8n offers a node with usableAsTool to an AI agent: the same node named `<name>Tool`,
	// by which the node knows it runs as a tool and n8n shows its '@tool' parameters.
	...pack.nodes
		.filter((node) => node.description.usableAsTool)
		.map((node) => {
			const name = `${node.description.name}Tool`;
			const tool = eachVersion(node, (nodeType) => renamed(nodeType, name), {
				...node.description,
				name,
			});
			return [`${pack.packageName}.${name}`, tool];
		}),
]);

const nodeTypesOf = (byName) => ({
	getByName: (name) => byName.get(name),
	getByNameAndVersion: (name, version) => {
		const nodeType = byName.get(name);
		if (!nodeType) throw new Error(`Unknown node type ${name}`);
		return NodeHelpers.getVersionedNodeType(nodeType, version);
	},
	getKnownTypes: () => ({}),
});
const nodeTypes = nodeTypesOf(nodeTypesByName);

/**
 * The node types with the pack's nodes running on `timings` (a fixed clock, shorter deadlines and
 * waits): each version's execute and poll wrapped to hand them to the runtime, as the node's own
 * execute hands it the product's.
 */
function nodeTypesWithTimings(timings) {
	const byName = new Map(nodeTypesByName);
	pack.nodes.forEach((node, index) => {
		const definitionOf = (version) =>
			pack.versions[index].find((one) => version === undefined || one.version === version)
				?.definition;
		const withTimings = eachVersion(node, (nodeType, version) => {
			const definition = definitionOf(version);
			// Rate Lines sends no request: it has no runtime to hand timings to.
			if (!definition) return nodeType;
			const wrapped = Object.create(nodeType);
			if (nodeType.execute)
				wrapped.execute = async function () {
					return await runNode(this, definition, timings);
				};
			if (nodeType.poll)
				wrapped.poll = async function () {
					return await runPoll(this, definition, timings);
				};
			return wrapped;
		});
		byName.set(`${pack.packageName}.${node.description.name}`, withTimings);
	});
	return nodeTypesOf(byName);
}

/**
 * The node types a run uses: the product's timings, or `retryTimings` (attemptTimeoutMs,
 * longestWaitMs) over them, so that a fault runs in seconds, and the clock at `now` (a luxon
 * DateTime, or a function giving one).
 */
function nodeTypesFor({ retryTimings, now }) {
	if (!retryTimings && !now) return nodeTypes;
	const clock = typeof now === 'function' ? now : now && (() => now);
	return nodeTypesWithTimings({
		...PRODUCT_TIMINGS,
		...retryTimings,
		...(clock && { now: clock }),
	});
}

/** The workflow's trigger, where the run starts (as a manual run in n8n starts there). */
function startNode(instance, workflow) {
	const trigger = workflow.nodes.find((node) =>
		nodeTypesByName.get(node.type)?.description.group.includes('trigger'),
	);
	return trigger ? instance.getNode(trigger.name) : instance.getStartNode();
}

/** What n8n hands a node's context besides the workflow: hooks, credentials, base URLs. */
function additionalDataFor(hooks, credentialsHelper) {
	return {
		hooks,
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by the pack');
		},
	};
}

/**
 * One poll of a polling trigger node, in n8n-core's own PollContext, as n8n's scheduler runs it:
 * `mode` 'trigger' for an active workflow, 'manual' for the editor's Fetch Test Event.
 * `staticData` is the node's workflow static data, which the poll may change (n8n saves it
 * after the poll); hand the same object, or a copy of it, to the next poll. `now` (a luxon
 * DateTime, or a function giving one) is the instant of the poll; without it, the real clock's.
 * Returns what the poll gave: null (nothing to emit) or the items it emits.
 */
async function pollTrigger(
	node,
	{ credentials = {}, staticData = {}, mode = 'trigger', timezone = 'UTC', now } = {},
) {
	const types = nodeTypesFor({ now });
	const credentialsHelper = new PackCredentialsHelper(pack.credentials, credentials);
	const instance = new Workflow({
		id: 'engine-test',
		name: 'engine test',
		nodes: [
			{
				id: 'trigger',
				position: [0, 0],
				typeVersion: 1,
				credentials: { commsBillingApi: { id: 'commsBillingApi', name: 'Comms Billing API' } },
				...node,
			},
		],
		connections: {},
		nodeTypes: types,
		active: mode === 'trigger',
		settings: { timezone },
	});
	const hooks = hooksFor(mode);
	const context = new PollContext(
		instance,
		instance.getNode(node.name),
		additionalDataFor(hooks, credentialsHelper),
		mode,
		mode === 'trigger' ? 'activate' : 'manual',
		undefined,
		undefined,
		undefined,
		undefined,
		() => staticData,
	);
	const nodeType = types.getByNameAndVersion(node.type);
	return { emitted: await nodeType.poll.call(context), staticData };
}

/**
 * n8n-core's own LoadOptionsContext for `held` (the node as `instance` holds it), as n8n's server
 * makes it for an editor list, with the node type it asks: the node's parameters are the editor's
 * current ones, `path` the parameter whose list it is.
 */
function editorListContext(instance, held, credentials, path) {
	const credentialsHelper = new PackCredentialsHelper(pack.credentials, credentials);
	const context = new LoadOptionsContext(
		instance,
		held,
		{
			...additionalDataFor(hooksFor('internal'), credentialsHelper),
			currentNodeParameters: held.parameters,
		},
		path,
	);
	return { context, nodeType: nodeTypes.getByNameAndVersion(held.type, held.typeVersion) };
}

/**
 * A workflow of `node` alone, using the pack's credential, as n8n builds it (its parameters as
 * n8n-workflow's Workflow keeps them), and the node as the workflow holds it.
 */
function workflowOf(node, timezone) {
	const instance = new Workflow({
		id: 'engine-test',
		name: 'engine test',
		nodes: [
			{
				position: [0, 0],
				credentials: { commsBillingApi: { id: 'commsBillingApi', name: 'Comms Billing API' } },
				parameters: {},
				...node,
			},
		],
		connections: {},
		nodeTypes,
		active: false,
		settings: { timezone },
	});
	return { instance, held: instance.getNode(node.name) };
}

/** The lifecycle hooks of a context outside a workflow's run, in `mode`. */
const hooksFor = (mode) =>
	new ExecutionLifecycleHooks(mode, 'engine-test', { nodes: [], connections: {} });

/**
 * What the editor's From List shows for a resource locator of `node` (type, typeVersion,
 * parameters): its listSearch method `method` in n8n-core's own LoadOptionsContext, as n8n's
 * server runs it when the list opens, is searched or scrolled.
 */
async function searchList(
	node,
	method,
	{ credentials = {}, filter, paginationToken, timezone = 'UTC' } = {},
) {
	const { instance, held } = workflowOf({ id: 'listed', name: 'Listed', ...node }, timezone);
	const { context, nodeType } = editorListContext(instance, held, credentials, 'parameters');
	return await nodeType.methods.listSearch[method].call(context, filter, paginationToken);
}

/**
 * What the editor's list of an options parameter of `node` (type, typeVersion, parameters) offers:
 * its loadOptions method `method` in n8n-core's own LoadOptionsContext, as n8n's server runs it
 * when the node's panel opens. As there, the workflow is built from the node alone, without the
 * workflow's settings: getTimezone() gives n8n's default zone, `defaultTimezone` (n8n's
 * GENERIC_TIMEZONE) if given. `parameter`: the parameter whose list it is.
 */
async function loadOptions(node, method, { parameter, credentials = {}, defaultTimezone } = {}) {
	const globalState = getGlobalState();
	if (defaultTimezone) setGlobalState({ ...globalState, defaultTimezone });
	let built;
	try {
		built = workflowOf({ id: 'listed', name: 'Listed', ...node });
	} finally {
		setGlobalState(globalState);
	}
	const path = parameter ? `parameters.${parameter}` : 'parameters';
	const { context, nodeType } = editorListContext(built.instance, built.held, credentials, path);
	return await nodeType.methods.loadOptions[method].call(context);
}

/**
 * What `node` (type, typeVersion, parameters) reads for its parameter `name` as the pack's runtime
 * reads every parameter (getNodeParameter, null when absent), in n8n-core's own ExecuteContext of
 * a workflow holding the node, for the input item `item`. n8n builds the workflow's nodes with
 * n8n-workflow's NodeHelpers.getNodeParameters, which leaves out a parameter its displayOptions
 * hide, whatever the saved workflow holds.
 */
function parameterAsRead(node, name, { item = { json: {} }, timezone = 'UTC' } = {}) {
	const { instance, held } = workflowOf({ id: 'read', name: 'Read', ...node }, timezone);
	const inputData = { main: [[item]] };
	const context = new ExecuteContext(
		instance,
		held,
		additionalDataFor(hooksFor('manual'), new PackCredentialsHelper(pack.credentials, {})),
		'manual',
		{ startData: {}, resultData: { runData: {} } },
		0,
		[item],
		inputData,
		{ node: held, data: inputData, source: null },
		[],
	);
	return context.getNodeParameter(name, 0, null);
}

/**
 * Runs `workflow` (n8n workflow JSON) once, its trigger emitting `inputItems`; the pack's nodes
 * with the product's retry timings and clock, or with `retryTimings` (attemptTimeoutMs,
 * longestWaitMs) over them and the clock at `now` (see nodeTypesFor). Returns each node's outputs
 * as arrays of items, and the run's error, if any.
 */
async function runWorkflow(
	workflow,
	{ credentials = {}, inputItems = [{ json: {} }], timezone = 'UTC', retryTimings, now } = {},
) {
	const credentialsHelper = new PackCredentialsHelper(pack.credentials, credentials);
	const instance = new Workflow({
		id: 'engine-test',
		name: workflow.name ?? 'engine test',
		nodes: workflow.nodes,
		connections: workflow.connections,
		nodeTypes: nodeTypesFor({ retryTimings, now }),
		active: false,
		settings: { timezone, ...workflow.settings },
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test', workflow);
	const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', resolve));

	const additionalData = additionalDataFor(hooks, credentialsHelper);

	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: startNode(instance, workflow), data: { main: [inputItems] }, source: null },
			],
		},
	};

	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		instance,
	);
	const run = await finished;
	const { runData, error } = run.data.resultData;

	return {
		run,
		error,
		credentialsHelper,
		/** Every output of a node's first run: [[Success items], [Failure items], ...]. */
		outputs(nodeName) {
			const task = runData[nodeName]?.[0];
			if (!task)
				throw new Error(`Node "${nodeName}" did not run${error ? `: ${error.message}` : ''}`);
			if (task.error) throw task.error;
			return task.data.main.map((items) => items ?? []);
		},
		nodeError(nodeName) {
			return runData[nodeName]?.[0]?.error;
		},
	};
}

module.exports = {
	runWorkflow,
	pollTrigger,
	searchList,
	loadOptions,
	parameterAsRead,
	pack,
	engineLog,
};
