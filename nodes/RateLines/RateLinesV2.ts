import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SUCCESS_FAILURE } from '../shared/model';
import { failureItem } from '../shared/nodeOutputs';
import { parameterError } from '../shared/reading';
import { monthOfLine, monthToBill, type BillingMonth } from './billingMonth';
import { customerCharges } from './customerCharges';
import { invoicesOf } from './invoices';
import { RATE_LINES_BASE } from './parameters';
import { RATE_LINES_V2_PROPERTIES } from './parametersV2';
import { readExchangeRates, readInvoiceLines } from './rateCard';
import { cardFromFields } from './rateCardFields';
import { readRateCardV2 } from './rateCardV2';
import type { RateCard } from './rateRules';
import { rateLines, type LineIn } from './rating';

// An item holding none of these is no line: what a node with Always Output Data gives for a
// month without usage, so that listed customers are still billed their fees and minimums.
const LINE_FIELDS = ['customer', 'platform', 'category', 'quantity', 'amount', 'period_start'];

/** What one run prices with: the card, the exchange rates and the month. */
interface Terms {
	card: RateCard;
	rates: ReturnType<typeof readExchangeRates>;
}

/** A parameter read by `read`; a mistake is a parameter error naming it (item 0). */
function readParameter<T>(fx: IExecuteFunctions, name: string, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw parameterError(fx, 0, name, (error as Error).message);
	}
}

function readTerms(fx: IExecuteFunctions): Terms {
	const mode = fx.getNodeParameter('rateCardMode', 0, 'fields') as string;
	const card =
		mode === 'json'
			? readParameter(fx, 'rateCard', () => readRateCardV2(fx.getNodeParameter('rateCard', 0, '')))
			: readParameter(fx, 'rules', () =>
					readRateCardV2(
						cardFromFields(
							fx.getNodeParameter('rules', 0, {}),
							fx.getNodeParameter('customers', 0, {}),
						),
					),
				);
	const rates = readParameter(fx, 'options.fx', () =>
		readExchangeRates(fx.getNodeParameter('options.fx', 0, []) ?? []),
	);
	return { card, rates };
}

/** Version 2: billing months, listed customers, Lago's meanings (docs/rate-lines.md). */
export class RateLinesV2 implements INodeType {
	description: INodeTypeDescription = {
		...RATE_LINES_BASE,
		group: ['transform'],
		usableAsTool: true,
		version: 2,
		subtitle: '={{ $parameter["output"] === "invoices" ? "Invoices" : "Priced Lines" }}',
		defaults: { name: 'Rate Lines' },
		...SUCCESS_FAILURE,
		properties: RATE_LINES_V2_PROPERTIES,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const items = this.getInputData();
		// As an AI agent's tool n8n hands the agent the first output only: a line that cannot be
		// priced is thrown, with its reason. Under Stop Workflow it stops the run: a billing run
		// is never partial and green.
		const asTool = node.type.endsWith('Tool');
		const stops = asTool || !this.continueOnFail();
		const lines: LineIn[] = (
			asTool
				? readParameter(this, 'lines', () =>
						readInvoiceLines(this.getNodeParameter('lines', 0, '[]')),
					).map((json, item) => ({ item, json }))
				: items.map(({ json }, item) => ({ item, json }))
		).filter(({ json }) => LINE_FIELDS.some((field) => json[field] !== undefined));
		// A card or month that cannot be read is a parameter error (n8n's error output under
		// Continue (using error output)); a line that cannot be priced is a Failure, as a
		// refusal is, in the shape every Failure has.
		const parameterFailure = (item: number, json: IDataObject, error: Error) =>
			failureItem(
				this,
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(node, error.message, { itemIndex: item }),
				item,
				json,
			);
		const lineFailure = (item: number, json: IDataObject, reason: string) => ({
			json: { ...json, error_message: reason, response_status_code: 0, response_body: null },
			pairedItem: { item },
		});

		let terms: Terms;
		let month: BillingMonth;
		try {
			terms = readTerms(this);
			const months = lines.map(({ json }) => monthOfLine(json));
			const given = this.getNodeParameter('billingMonth', 0, '') as string;
			const chosen = monthToBill(
				given,
				months.flatMap((one) => ('month' in one ? [one.month] : [])),
			);
			if ('reason' in chosen) throw parameterError(this, 0, 'billingMonth', chosen.reason);
			month = chosen;
		} catch (error) {
			if (stops) throw new NodeOperationError(node, error as Error);
			// Under On Error: Continue, a card or month that cannot be read fails every line.
			return [[], items.map(({ json }, item) => parameterFailure(item, json, error as Error))];
		}

		const failed: Array<{ item: number; json: IDataObject; reason: string }> = [];
		const inMonth = lines.filter((line) => {
			const of = monthOfLine(line.json);
			const reason =
				'reason' in of
					? of.reason
					: of.month === month.month
						? undefined
						: `Its period lies in ${of.month}, not in Billing Month ${month.month}.`;
			if (reason) failed.push({ ...line, reason });
			return !reason;
		});
		const rated = rateLines(inMonth, terms.card.rules, terms.rates, {
			groupKey: ({ json }, rule) => [
				month.month,
				rule.currency ?? String(json.currency ?? '').toUpperCase(),
			],
			group: { firstTierAtZero: true, period: month },
		});
		failed.push(...rated.failed);
		failed.sort((a, b) => a.item - b.item);
		if (failed.length && stops) {
			const [first] = failed;
			throw new NodeOperationError(
				node,
				`${failed.length} of ${failed.length + rated.priced.length} lines cannot be priced. Line ${first.item}: ${first.reason}`,
				{ itemIndex: asTool ? 0 : first.item },
			);
		}
		let charges;
		try {
			charges = customerCharges(
				terms.card,
				month,
				rated,
				items.map((_, item) => item),
			);
		} catch (error) {
			const named = parameterError(this, 0, 'rateCard', (error as Error).message);
			if (stops) throw named;
			return [[], items.map(({ json }, item) => parameterFailure(item, json, named))];
		}
		const priced = [
			...rated.priced.map(({ item, json }) => ({ items: [item], json })),
			...rated.minimums,
			...charges,
		];
		const output = this.getNodeParameter('output', 0, 'lines') as string;
		// A version 2 invoice is a customer's billing month, whatever its lines' own periods.
		const success = (output === 'invoices' ? invoicesOf(priced, month) : priced).map(
			({ items: from, json }) => ({
				json,
				pairedItem: asTool ? { item: 0 } : from.map((item) => ({ item })),
			}),
		);
		return [success, failed.map(({ item, json, reason }) => lineFailure(item, json, reason))];
	}
}
