/**
 * StartDate and EndDate of usage records: YYYY-MM-DD, or an offset to today such as `-30days`
 * or `+30days`, all in GMT as the document says. Offsets are resolved here because Restcomm
 * ignores them. Pure.
 */
import { DateTime } from 'luxon';

import type { InputVariable } from '../shared/inputs';
import type { Checked } from '../shared/validation';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET = /^([+-])(\d{1,5})\s*days?$/i;

export function resolveUsageDate(value: unknown, today: DateTime): Checked<string> {
	const invalid = {
		ok: false as const,
		reason: `${JSON.stringify(value)} is not YYYY-MM-DD or an offset such as -30days`,
	};
	if (DateTime.isDateTime(value)) return { ok: true, value: value.toUTC().toISODate() as string };
	if (value instanceof Date)
		return { ok: true, value: DateTime.fromJSDate(value).toUTC().toISODate() as string };
	if (typeof value !== 'string') return invalid;
	const text = value.trim();
	if (DAY.test(text)) {
		return DateTime.fromISO(text, { zone: 'utc' }).isValid ? { ok: true, value: text } : invalid;
	}
	const offset = OFFSET.exec(text);
	if (offset) {
		const days = Number(offset[2]) * (offset[1] === '-' ? -1 : 1);
		return { ok: true, value: today.setZone('utc').plus({ days }).toISODate() as string };
	}
	const instant = DateTime.fromISO(text, { setZone: true });
	return instant.isValid ? { ok: true, value: instant.toUTC().toISODate() as string } : invalid;
}

export function usageDateInput(options: {
	name: string;
	displayName: string;
	description: string;
}): InputVariable<string | undefined> {
	return {
		properties: [
			{
				displayName: options.displayName,
				name: options.name,
				type: 'string',
				default: '',
				placeholder: '2012-04-01 or -30days',
				description: options.description,
			},
		],
		read(context) {
			const value = context.get(options.name);
			if (value === null || value === undefined || value === '') return undefined;
			const checked = resolveUsageDate(value, context.now());
			return checked.ok ? checked.value : context.invalid(options.name, checked.reason);
		},
	};
}
