/**
 * Stripe's wire as Deliver Invoice Lines speaks it (docs/vendors.md, "Stripe"): the pinned
 * Stripe-Version on every request, form-encoded bodies, lists read to the end, and creates sent
 * with an Idempotency-Key that is the only thing ever repeated.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { Failure } from '../shared/outcome';
import type { PlatformRequest, PlatformResponse } from '../shared/request';

/** The Stripe-Version every request pins: the one the sandbox models (docs/vendors.md). */
export const STRIPE_VERSION = '2026-09-30.endive';

/** Stripe's largest list page. */
const PAGE_SIZE = 100;

/** Waits before the same key is sent again after a 409 or a 429: 0.25 s doubling, at most 4 s. */
const KEY_RETRY_WAITS_MS = [250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000];

export type Send = (request: PlatformRequest) => Promise<PlatformResponse>;

/** Stripe's form encoding: nested objects as `name[key]=value`, undefined left out. */
export function formOf(params: IDataObject, prefix = ''): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined || value === null) continue;
		const whole = prefix ? `${prefix}[${name}]` : name;
		if (typeof value === 'object') pairs.push(...formOf(value as IDataObject, whole));
		else pairs.push([whole, String(value)]);
	}
	return pairs;
}

const headers = (idempotencyKey?: string): IDataObject => ({
	'Stripe-Version': STRIPE_VERSION,
	...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
});

/** One read (GET). */
export async function readStripe(send: Send, path: string, qs?: IDataObject): Promise<IDataObject> {
	const { body } = await send({ httpMethod: 'GET', kind: 'read', path, qs, headers: headers() });
	return body as IDataObject;
}

/** Every object of a list, newest first as Stripe lists them, page after page. */
export async function listAll(send: Send, path: string, qs: IDataObject): Promise<IDataObject[]> {
	const objects: IDataObject[] = [];
	const seen = new Set<string>();
	let startingAfter: string | undefined;
	for (;;) {
		const page = await readStripe(send, path, {
			...qs,
			limit: PAGE_SIZE,
			...(startingAfter ? { starting_after: startingAfter } : {}),
		});
		const data = Array.isArray(page.data) ? (page.data as IDataObject[]) : undefined;
		if (!data) throw new Failure(`answered ${path} with a body that is not a list.`);
		objects.push(...data);
		if (page.has_more !== true || data.length === 0) return objects;
		startingAfter = String(data[data.length - 1].id);
		if (seen.has(startingAfter))
			throw new Failure(`listed ${startingAfter} twice in ${path}; the list was not read whole.`);
		seen.add(startingAfter);
	}
}

/** What a request came to: its value, or what it threw, for the caller to decide on. */
export async function settle<T>(work: Promise<T>): Promise<{ value: T } | { error: unknown }> {
	try {
		return { value: await work };
	} catch (error) {
		return { error };
	}
}

/** The object at `path`, or undefined when Stripe answers 404 (it no longer exists). */
export async function readIfExists(send: Send, path: string): Promise<IDataObject | undefined> {
	const read = await settle(readStripe(send, path));
	if ('value' in read) return read.value;
	if (read.error instanceof Failure && read.error.statusCode === 404) return undefined;
	throw read.error;
}

export interface Created {
	object: IDataObject;
	/** Stripe answered with the saved answer of an earlier request with this key. */
	replayed: boolean;
}

/** Stripe refused the key itself: it was first used with other parameters (400 idempotency_error). */
export const isKeyRefusal = (error: unknown): error is Failure =>
	error instanceof Failure &&
	error.statusCode === 400 &&
	((error.body as IDataObject | null)?.error as IDataObject | undefined)?.type ===
		'idempotency_error';

/**
 * A create with its Idempotency-Key. A 409 (the key's first request is still running, e.g. a run
 * beside this one) and a 429 (not carried out) are waited out and the same key sent again: Stripe
 * then answers the saved result, never a second object. Every other refusal, and a request left
 * unanswered (it may have been carried out), is thrown: only the same key may repeat it.
 */
export async function createWithKey(
	send: Send,
	path: string,
	params: IDataObject,
	idempotencyKey: string,
): Promise<Created> {
	for (let attempt = 0; ; attempt++) {
		const sent = await settle(
			send({
				httpMethod: 'POST',
				kind: 'create',
				path,
				form: formOf(params),
				headers: headers(idempotencyKey),
				mayExistHint: `for what Idempotency-Key ${idempotencyKey} made (run the node again: it reads before it writes and repeats only this key)`,
			}),
		);
		if ('value' in sent)
			return {
				object: sent.value.body as IDataObject,
				replayed: String(sent.value.headers['idempotent-replayed']) === 'true',
			};
		const { error } = sent;
		const waitable = error instanceof Failure && [409, 429].includes(error.statusCode);
		if (!waitable || attempt >= KEY_RETRY_WAITS_MS.length) throw error;
		await sleep(KEY_RETRY_WAITS_MS[attempt]);
	}
}
