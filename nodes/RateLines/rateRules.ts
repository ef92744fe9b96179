/**
 * What a rate card says, as Rate Lines prices with it (docs/rate-lines.md): its rules, their
 * pricing models and tiers, and the exchange rates. Read and checked by rateCard.ts.
 */
import type { Decimal } from '../shared/decimal';
import { SOURCE_PLATFORM_LABELS, type SourcePlatform } from '../shared/platforms';

export interface UnitTier {
	/** The tier's last unit, cumulative and inclusive; null on the last tier. */
	upTo: Decimal | null;
	unitPrice: Decimal;
	flatFee: Decimal;
}

export interface PercentageTier {
	upTo: Decimal | null;
	/** A fraction: 0.01 is 1% (version 2's card writes it as a percent, as Lago does). */
	rate: Decimal;
	flatFee: Decimal;
}

export type PricingModel =
	| { name: 'per_unit'; unitPrice: Decimal }
	| { name: 'cost_plus'; markup: Decimal }
	| { name: 'graduated' | 'volume'; tiers: UnitTier[] }
	| { name: 'package'; packageSize: Decimal; packagePrice: Decimal }
	| { name: 'graduated_percentage'; tiers: PercentageTier[] };

export type ModelName = PricingModel['name'];

/** Models priced on the lines' vendor amount; the others on their quantity. */
export const AMOUNT_MODELS: ReadonlySet<ModelName> = new Set(['cost_plus', 'graduated_percentage']);

export interface RateRule {
	/** The rule's place in the card, from 0: a tie goes to the earlier rule. */
	index: number;
	/** A platform key, or undefined for `*`. */
	platform: SourcePlatform | undefined;
	/** Exact, or a glob whose `*` stands for any text. */
	category: string;
	/** Exact, or `*`. */
	customer: string;
	model: PricingModel;
	freeUnits: Decimal;
	minimum: Decimal | undefined;
	/** The sell currency, upper case; undefined: the lines' cost currency. */
	currency: string | undefined;
	/** How the rule is named on the lines it prices, e.g. `twilio / sms-* / * : graduated`. */
	label: string;
	/** The name the card gives it (version 2), by which a customer subscribes to it. */
	named: string | undefined;
}

/** A fixed fee a listed customer pays each billing month (version 2). */
export interface Fee {
	name: string;
	amount: Decimal;
	currency: string;
	/** Whether a month the customer was not subscribed for whole pays for its days only. */
	prorated: boolean;
}

/**
 * A customer the rate card lists (version 2): what it subscribes to and owes whatever its usage,
 * as a billing system's subscription says (Lago's plan: charges, minimum commitment, fees).
 */
export interface CustomerTerms {
	id: string;
	name: string | null;
	/** Its first and last day, YYYY-MM-DD, inclusive; null: no bound. */
	startsOn: string | null;
	endsOn: string | null;
	/** The indexes of the rules it subscribes to. */
	rules: number[];
	/** A commitment over all its lines and fees in a month. */
	minimum: { amount: Decimal; currency: string } | undefined;
	fees: Fee[];
}

export interface RateCard {
	rules: RateRule[];
	customers: CustomerTerms[];
}

export interface ExchangeRate {
	from: string;
	to: string;
	rate: Decimal;
	date: string | null;
	source: string | null;
}

/** Where a platform named on a card or a line points: a key, from the key or its label. */
export function platformOf(name: string): SourcePlatform | undefined {
	const wanted = name.trim().toLowerCase();
	for (const [key, label] of Object.entries(SOURCE_PLATFORM_LABELS) as Array<
		[SourcePlatform, string]
	>) {
		if (key.toLowerCase() === wanted || label.toLowerCase() === wanted) return key;
	}
	return undefined;
}
