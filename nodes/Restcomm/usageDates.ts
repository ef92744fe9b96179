/**
 * StartDate and EndDate of usage records: YYYY-MM-DD, or an offset to today such as `-30days`
 * or `+30days`, all in GMT as the document says. Offsets are resolved here because Restcomm
 * ignores them. Pure.
 */
import { DateTime } from 'luxon';
import type { IDisplayOptions } from 'n8n-workflow';

import type { InputVariable } from '../shared/inputs';
import type { Checked } from '../shared/validation';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET = /^([+-])(\d{1,5})\s*days?$/i;

export function resolveUsageDate(value: unknown, today: DateTime): Checked<string> {
	const invalid = {
		ok: false as const,
		reason: `${JSON.stringify(value)} is not YYYY-MM-DD or an offset such as -30days`,
	};
	if (DateTime.isDateTime(value) || value instanceof Date) {
		const instant = DateTime.isDateTime(value) ? value : DateTime.fromJSDate(value);
		return instant.isValid ? { ok: true, value: instant.toUTC().toISODate() as string } : invalid;
	}
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

interface UsageDateOptions {
	name: string;
	displayName: string;
	description: string;
	show?: IDisplayOptions['show'];
}

/** StartDate and EndDate: each optional; when both are given the end may not be before the start. */
export function usageDateRangeInput(options: {
	start: UsageDateOptions;
	end: UsageDateOptions;
}): InputVariable<{ startDate?: string; endDate?: string }> {
	const property = ({ name, displayName, description, show }: UsageDateOptions) => ({
		displayName,
		name,
		type: 'string' as const,
		default: '',
		placeholder: '2012-04-01 or -30days',
		description,
		...(show ? { displayOptions: { show } } : {}),
	});
	return {
		properties: [property(options.start), property(options.end)],
		read(context) {
			const read = ({ name }: UsageDateOptions) => {
				const value = context.get(name);
				if (value === null || value === undefined || value === '') return undefined;
				const checked = resolveUsageDate(value, context.now());
				return checked.ok ? checked.value : context.invalid(name, checked.reason);
			};
			const startDate = read(options.start);
			const endDate = read(options.end);
			// YYYY-MM-DD texts compare as the days they are.
			if (startDate && endDate && endDate < startDate)
				context.invalid(options.end.name, `${endDate} is before the start date ${startDate}`);
			return { startDate, endDate };
		},
	};
}

export interface UsageListing {
	/** The Usage Records subresource to ask, e.g. `AllTime`. */
	segment: string;
	dates: { startDate?: string; endDate?: string };
}

// The fixed periods as whole GMT days from today: first day and last day.
const FIXED_PERIODS: Record<string, (today: DateTime) => [DateTime, DateTime]> = {
	Today: (today) => [today, today],
	Yesterday: (today) => [today.minus({ days: 1 }), today.minus({ days: 1 })],
	ThisMonth: (today) => [today.startOf('month'), today.endOf('month')],
	LastMonth: (today) => {
		const month = today.minus({ months: 1 });
		return [month.startOf('month'), month.endOf('month')];
	},
};

/**
 * What to ask for a subresource. Restcomm-Connect computes Today ... LastMonth from its clock's
 * instant with its time of day (Today is always empty, LastMonth at 09:00 on the 2nd runs from
 * 09:00 to 09:00) and ignores StartDate and EndDate there, so on Restcomm the node asks AllTime for
 * the period's whole GMT days, narrowed by the dates given. Null: the dates leave no day.
 */
export function usageListing(
	platform: string,
	segment: string,
	dates: UsageListing['dates'],
	now: DateTime,
): UsageListing | null {
	const fixed = FIXED_PERIODS[segment];
	if (platform !== 'restcomm' || !fixed) return { segment, dates };
	const [first, last] = fixed(now.setZone('utc')).map((day) => day.toISODate() as string);
	// YYYY-MM-DD texts compare as the days they are.
	const startDate = dates.startDate && dates.startDate > first ? dates.startDate : first;
	const endDate = dates.endDate && dates.endDate < last ? dates.endDate : last;
	return startDate <= endDate ? { segment: 'AllTime', dates: { startDate, endDate } } : null;
}
