/**
 * Amounts that APIs send as text ("12.5") come out as numbers, so that a workflow can add them
 * up. Pure.
 */
export function toAmount(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const amount = Number(value);
	return Number.isFinite(amount) ? amount : null;
}
