/**
 * The one hash behind line ids, fingerprints and idempotency keys: SHA-256 (node:crypto, which
 * n8n's community-node lint allows) of the parts as a JSON array, so that no separator inside a
 * customer or category can make two different lists of parts read alike. Pure.
 */
import { createHash } from 'node:crypto';

/** 128 bits in hex: far from any collision at billing volumes, short enough to read in Stripe. */
const DIGEST_HEX_LENGTH = 32;

/**
 * The digest of the parts; the first part names what is hashed ('line', 'unit', ...), so that a
 * line and a unit never share a digest whatever their fields hold.
 */
export function digestOf(kind: string, ...parts: ReadonlyArray<string | number>): string {
	return createHash('sha256')
		.update(JSON.stringify([kind, ...parts]), 'utf8')
		.digest('hex')
		.slice(0, DIGEST_HEX_LENGTH);
}
