/**
 * The pages of one Billing API listing read so far, to tell a cursor that went back (a page
 * replayed under a fresh token) from one that overlaps by design (an inclusive cursor repeats the
 * last event of the page before). Kept per page: a fingerprint of its ids after that overlap,
 * their count, and its first and last id, never a month's ids; in Events mode, which holds every
 * event anyway, every id too (docs/vendors.md). Pure.
 */
import { Failure } from '../shared/outcome';

/** A 53-bit hash of the ids in order (cyrb53): pages with the same ids hash alike. */
function fingerprintOf(ids: readonly string[]): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (const id of ids) {
		for (let index = 0; index <= id.length; index++) {
			// The length's end counts too, so that ["ab", "c"] and ["a", "bc"] differ.
			const code = index < id.length ? id.charCodeAt(index) : 0x1f;
			h1 = Math.imul(h1 ^ code, 2654435761);
			h2 = Math.imul(h2 ^ code, 1597334677);
		}
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return `${ids.length}:${(h2 >>> 0).toString(36)}${(h1 >>> 0).toString(36)}`;
}

const wentBack = (what: string) =>
	new Failure(
		`answered ${what}: the cursor went back, so pages may be missing and the events cannot be counted; nothing is returned.`,
	);

export class PageHistory {
	private page = 0;

	private readonly fingerprints = new Map<string, number>();

	// The first and last id of each page read, with its page.
	private readonly edges = new Map<string, { page: number; edge: 'began' | 'ended' }>();

	private previousLast: string | undefined;

	// Events mode: every id read, and each page's new ids, to name the page of one met again.
	private readonly everyId: Set<string> | undefined;

	private readonly freshByPage: Array<readonly string[]> = [];

	constructor(keepEveryId: boolean) {
		this.everyId = keepEveryId ? new Set() : undefined;
	}

	/**
	 * The next page: `ids`, every id as listed; `fresh`, those not on the page before; `repeated`,
	 * the others. A Failure naming both pages when it repeats an earlier page.
	 */
	add(ids: readonly string[], fresh: readonly string[], repeated: readonly string[]): void {
		const page = ++this.page;
		// Where every id is kept, a fresh one met before is found among them below: only the
		// repeated ones are looked for among the pages' edges.
		for (const id of this.everyId ? repeated : ids) {
			const earlier = this.edges.get(id);
			// The inclusive cursor's overlap: the page before's last event.
			if (!earlier || (earlier.page === page - 1 && id === this.previousLast)) continue;
			throw wentBack(
				`page ${page} with the event ${JSON.stringify(id)}, which page ${earlier.page} ${earlier.edge} with`,
			);
		}
		if (this.everyId) {
			const { everyId } = this;
			for (const id of fresh) {
				// One look in the set per id: it grows by one unless the id was in it.
				const before = everyId.size;
				if (everyId.add(id).size > before) continue;
				const first = this.freshByPage.findIndex((earlier) => earlier.includes(id)) + 1;
				throw wentBack(
					`page ${page} with the event ${JSON.stringify(id)}, already on page ${first}`,
				);
			}
			this.freshByPage.push(fresh);
		}
		// Every id kept already tells a page that repeats an earlier one's.
		if (fresh.length > 0 && !this.everyId) {
			const fingerprint = fingerprintOf(fresh);
			const same = this.fingerprints.get(fingerprint);
			if (same !== undefined)
				throw wentBack(`page ${page} with the same ${fresh.length} events as page ${same}`);
			this.fingerprints.set(fingerprint, page);
		}
		if (ids.length > 0) {
			this.edges.set(ids[0], { page, edge: 'began' });
			this.edges.set(ids[ids.length - 1], { page, edge: 'ended' });
		}
		this.previousLast = ids[ids.length - 1];
	}
}
