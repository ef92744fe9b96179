import type { IExecuteFunctions, INodeTypeDescription } from 'n8n-workflow';

import { nodeDescription, nodeSubtitle, type NodeDefinition } from '../../shared/model';
import { runNode } from '../../shared/runtime';
import { deliverMethod } from './deliver.method';
import { finalizeMethod } from './finalize.method';
import { reconcileMethod } from './reconcile.method';

/** Stripe only: a billing system, never a source of usage (docs/deliver.md). */
export const deliverInvoiceLines: NodeDefinition = {
	name: 'deliverInvoiceLines',
	version: 1,
	displayName: 'Deliver Invoice Lines',
	description:
		'Deliver priced lines into Stripe as draft invoices, each line exactly once however often the run is repeated',
	platforms: ['stripe'],
	methods: [deliverMethod, finalizeMethod, reconcileMethod],
};

/** n8n's type knows only `usableAsTool: true`; `false` says it where a reader and the lint look. */
type NotAnAgentTool = Omit<INodeTypeDescription, 'usableAsTool'> & { usableAsTool: false };

export class DeliverInvoiceLines {
	description: NotAnAgentTool = {
		...nodeDescription(deliverInvoiceLines),
		icon: { light: 'file:../stripe.svg', dark: 'file:../stripe.dark.svg' },
		subtitle: nodeSubtitle(deliverInvoiceLines),
		// An agent must not bill customers.
		usableAsTool: false,
	};

	async execute(this: IExecuteFunctions) {
		return await runNode(this, deliverInvoiceLines);
	}
}
