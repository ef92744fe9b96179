import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SUCCESS_FAILURE } from '../shared/model';
import { parameterError } from '../shared/reading';
import { invoicesOf } from './invoices';
import { RATE_LINES_BASE, RATE_LINES_PROPERTIES } from './parameters';
import { readExchangeRates, readInvoiceLines, readRateCard } from './rateCard';
import { rateLines, type RatingResult } from './rating';

/** The parameter's value read by `read`; a mistake is a parameter error naming it (item 0). */
function readParameter<T>(fx: IExecuteFunctions, name: string, read: (value: unknown) => T): T {
	const value = fx.getNodeParameter(name, 0, null);
	let outcome: { value: T } | { reason: string };
	try {
		outcome = { value: read(value) };
	} catch (error) {
		outcome = { reason: (error as Error).message };
	}
	if ('reason' in outcome) throw parameterError(fx, 0, name, outcome.reason);
	return outcome.value;
}

const paired = (items: number[]) => items.map((item) => ({ item }));

/** Version 1, kept for saved workflows: its card's meanings are pinned by test/fixtures/version1. */
export class RateLinesV1 implements INodeType {
	description: INodeTypeDescription = {
		...RATE_LINES_BASE,
		group: ['transform'],
		usableAsTool: true,
		version: 1,
		subtitle: '={{ $parameter["output"] === "invoices" ? "Invoices" : "Priced Lines" }}',
		defaults: { name: 'Rate Lines' },
		...SUCCESS_FAILURE,
		properties: RATE_LINES_PROPERTIES,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// As an AI agent's tool the lines are the agent's; n8n hands the agent the first output
		// only, so a line that cannot be priced is thrown, with its reason, as the other nodes do.
		const asTool = this.getNode().type.endsWith('Tool');
		const stopsOnFailure = asTool || !this.continueOnFail();
		let rated: RatingResult | undefined;
		let unreadCard: Error | undefined;
		try {
			const lines = asTool
				? readParameter(this, 'lines', readInvoiceLines).map((json, item) => ({ item, json }))
				: items.map(({ json }, item) => ({ item, json }));
			rated = rateLines(
				lines,
				readParameter(this, 'rateCard', readRateCard),
				readParameter(this, 'options.fx', (value) => readExchangeRates(value ?? [])),
			);
		} catch (error) {
			unreadCard = error;
		}
		if (!rated) {
			if (stopsOnFailure) throw unreadCard;
			// Under On Error: Continue, a rate card that cannot be read sends every line to Failure.
			const message = unreadCard?.message;
			return [
				[],
				items.map(({ json }, item) => ({
					json: { ...json, error_message: message },
					pairedItem: { item },
				})),
			];
		}
		const failure: INodeExecutionData[] = rated.failed.map(({ item, json, reason }) => ({
			json: { ...json, error_message: reason },
			pairedItem: { item },
		}));
		// Under On Error: Stop Workflow (n8n's default) a line that cannot be priced stops the run:
		// a billing run is never partial and green.
		if (failure.length && stopsOnFailure) {
			const [first] = rated.failed;
			throw new NodeOperationError(
				this.getNode(),
				`${failure.length} of ${failure.length + rated.priced.length} lines cannot be priced. Line ${first.item}: ${first.reason}`,
				{ itemIndex: asTool ? 0 : first.item },
			);
		}
		const priced = [
			...rated.priced.map(({ item, json }) => ({ items: [item], json })),
			...rated.minimums,
		];
		const output = this.getNodeParameter('output', 0, 'lines') as string;
		const success = (output === 'invoices' ? invoicesOf(priced) : priced).map(
			({ items: from, json }) => ({
				json,
				pairedItem: asTool ? { item: 0 } : paired(from),
			}),
		);
		return [success, failure];
	}
}
