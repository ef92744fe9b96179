/**
 * The lines a run of Deliver Invoice Lines is handed: priced lines, or Rate Lines' Invoices
 * (their `lines` flattened), each with its line id, Stripe customer, amount as Stripe takes it and
 * period in unix seconds; or why it cannot be delivered. Pure.
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { readDecimal } from '../shared/decimal';
import { lineIdentityOf, lineIdOf } from './lineIds';
import { stripeAmountOf } from './stripeCurrencies';
import type { DeliveryLine } from './units';

/** Which figure of a priced line is billed. */
export type AmountField = 'sell' | 'vendor';

export interface InputLine extends DeliveryLine {
	/** The input item that held the line (its pairedItem). */
	itemIndex: number;
	json: IDataObject;
	/** Unix seconds: the first instant of period_start's day and the last of period_end's, UTC. */
	periodStartUnix: number;
	periodEndUnix: number;
	description: string;
}

export type ReadLine =
	| { line: InputLine }
	| { refused: { itemIndex: number; json: IDataObject; lineId: string | null; reason: string } };

const STRIPE_CUSTOMER = /^cus_[A-Za-z0-9]+$/;

/** The lines of an input item: its `lines` (an invoice of Rate Lines) or the item itself. */
export const linesOfItem = (json: IDataObject): IDataObject[] =>
	Array.isArray(json.lines) ? (json.lines as IDataObject[]) : [json];

/** A day (YYYY-MM-DD or an ISO instant) as UTC unix seconds at its start or end. */
function dayEdge(value: string, edge: 'start' | 'end'): number | undefined {
	const day = DateTime.fromISO(value.trim(), { zone: 'utc', setZone: false }).toUTC();
	if (!day.isValid) return undefined;
	return Math.floor((edge === 'start' ? day.startOf('day') : day.endOf('day')).toSeconds());
}

const textOf = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** The line's description as the invoice shows it: its own, with quantity and unit. */
function describeLine(json: IDataObject): string {
	const description = textOf(json.description) || textOf(json.category);
	const quantity = textOf(json.quantity);
	const unit = textOf(json.unit);
	return quantity ? `${description} (${quantity}${unit ? ` ${unit}` : ''})` : description;
}

/**
 * One line read: its identity and period, its Stripe customer (`stripeCustomer`, the Customer
 * Mapping of its item) and its amount; or the reason it cannot be delivered.
 */
export function readLine(
	json: IDataObject,
	itemIndex: number,
	stripeCustomer: string | undefined,
	amountField: AmountField,
): ReadLine {
	const refuse = (reason: string, lineId: string | null = null): ReadLine => ({
		refused: { itemIndex, json, lineId, reason },
	});
	const identity = lineIdentityOf(json);
	if ('reason' in identity) return refuse(identity.reason);
	const lineId = lineIdOf(identity.identity);
	const periodStartUnix = dayEdge(identity.identity.periodStart, 'start');
	const periodEndUnix = dayEdge(identity.identity.periodEnd, 'end');
	if (
		periodStartUnix === undefined ||
		periodEndUnix === undefined ||
		periodEndUnix < periodStartUnix
	)
		return refuse(
			`The line's period ${identity.identity.periodStart} to ${identity.identity.periodEnd} is not two dates in order.`,
			lineId,
		);
	const [amountName, currencyName] =
		amountField === 'sell'
			? ['sell_amount', 'sell_currency']
			: json.cost_amount !== undefined && json.cost_amount !== null
				? ['cost_amount', 'cost_currency']
				: ['amount', 'currency'];
	const amount = readDecimal(json[amountName]);
	if (amount === undefined)
		return refuse(
			`The line has no ${amountName} to bill${amountField === 'sell' ? ' (price it with Rate Lines, or choose Vendor Amount)' : ''}.`,
			lineId,
		);
	const converted = stripeAmountOf(amount, textOf(json[currencyName]));
	if (!converted.ok) return refuse(converted.reason, lineId);
	if (stripeCustomer === undefined || !STRIPE_CUSTOMER.test(stripeCustomer))
		return refuse(
			`Customer ${textOf(json.customer)} maps to ${stripeCustomer === undefined ? 'no Stripe customer' : `"${stripeCustomer}", which is not a Stripe customer id (cus_...)`}: check Customer Mapping.`,
			lineId,
		);
	return {
		line: {
			lineId,
			itemIndex,
			json,
			stripeCustomer,
			periodStart: identity.identity.periodStart,
			periodEnd: identity.identity.periodEnd,
			periodStartUnix,
			periodEndUnix,
			currency: converted.currency,
			amount: converted.amount,
			description: describeLine(json),
		},
	};
}
