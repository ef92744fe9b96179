// The delivery workflow of Deliver Invoice Lines' real-n8n tests, shared by the end-to-end suite
// (one n8n process) and the queue-mode suite (workers): the monthly billing example, its Rate
// Lines 'What Each Customer Pays' with Output Invoices, followed by Deliver Invoice Lines into the
// sandbox's Stripe, each customer mapped to a Stripe customer of its own.
const { runWorkflow } = require('../harness/engine');
const { exampleWorkflows, credentialValues } = require('../harness/fixtures');
const { startSandbox } = require('../sandbox');

const RATE = 'What Each Customer Pays';
const DELIVER = 'Deliver Invoice Lines';

const example = exampleWorkflows().find((workflow) => workflow.id === 'exampleMonthlyBilling');
const baseCard = JSON.parse(example.nodes.find((node) => node.name === RATE).parameters.rateCard);

/** A customer's Stripe customer: the prefix and the customer id's letters and digits. */
const stripeIdOf = (prefix, customer) => `${prefix}${customer.replace(/[^A-Za-z0-9]/g, '')}`;
const mappingOf = (prefix) => `={{ '${prefix}' + $json.customer.replace(/[^A-Za-z0-9]/g, '') }}`;

/** The example followed by Deliver Invoice Lines, mapping to `prefix`, with `rateCard` if given. */
function delivering({ id, name, prefix, rateCard }) {
	const workflow = JSON.parse(JSON.stringify(example));
	Object.assign(workflow, { id, name });
	const rate = workflow.nodes.find((node) => node.name === RATE);
	if (rateCard) rate.parameters.rateCard = JSON.stringify(rateCard, null, 2);
	workflow.nodes.push({
		id: '9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c99',
		name: DELIVER,
		type: 'n8n-nodes-comms-billing.deliverInvoiceLines',
		typeVersion: 1,
		position: [rate.position[0] + 240, rate.position[1]],
		parameters: {
			operation: 'deliver',
			customerMapping: mappingOf(prefix),
			amountField: 'sell',
			collectionMethod: 'charge_automatically',
		},
		credentials: { commsBillingApi: { id: null, name: 'Comms Billing API (Stripe)' } },
		onError: 'continueRegularOutput',
	});
	workflow.connections[RATE] = { main: [[{ node: DELIVER, type: 'main', index: 0 }]] };
	return workflow;
}

/**
 * Rate Lines' invoices of the example's month, from a first sandbox (its data is generated from
 * fixed seeds: every sandbox started today serves the same month) run through the engine harness:
 * the Stripe customers the sandbox is to know are needed before it starts.
 */
async function probeMonth() {
	const probe = await startSandbox();
	try {
		const run = await runWorkflow(example, { credentials: credentialValues(probe) });
		return run.outputs(RATE)[0].map(({ json }) => json);
	} finally {
		await probe.close();
	}
}

/** Stripe's integer amount of a USD figure, which Rate Lines gives to the cent. */
function centsOf(amount) {
	const cents = Math.round(Number(amount) * 100);
	if (Math.abs(cents - Number(amount) * 100) > 1e-6) throw new Error(`${amount} is not in cents`);
	return cents;
}

/** Requests by endpoint, ids written as :id, e.g. { 'POST /v1/invoiceitems': 12 }. */
const byEndpoint = (requests) =>
	requests.reduce((counts, { method, path }) => {
		const endpoint = `${method} ${path.replace(/^\/stripe/, '').replace(/\/in_[A-Za-z0-9]+/, '/:id')}`;
		return { ...counts, [endpoint]: (counts[endpoint] ?? 0) + 1 };
	}, {});

/** What Stripe holds for the customers under a mapping: their invoices and items. */
function heldFor(sandbox, customers, prefix) {
	const ids = new Set(customers.map((customer) => stripeIdOf(prefix, customer)));
	return {
		invoices: sandbox.stripe.invoices().filter((invoice) => ids.has(invoice.customer)),
		items: sandbox.stripe.invoiceItems().filter((item) => ids.has(item.customer)),
	};
}

const amountsByLineId = (items) =>
	Object.fromEntries(items.map((item) => [item.metadata.cb_line_id, item.amount]));

module.exports = {
	RATE,
	DELIVER,
	example,
	baseCard,
	stripeIdOf,
	mappingOf,
	delivering,
	probeMonth,
	centsOf,
	byEndpoint,
	heldFor,
	amountsByLineId,
};
