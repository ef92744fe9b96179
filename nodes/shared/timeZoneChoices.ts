/**
 * The Time Zone list the editor shows: the workflow's zone, UTC, every IANA zone this runtime
 * knows under its current name and labelled with its old ones too, and the fixed offsets. Pure.
 */
import { isValidTimeZone } from './billingPeriod';
import { OLD_ZONE_NAMES } from './timeZoneNames';

export interface TimeZoneChoice {
	name: string;
	value: string;
	description?: string;
}

/** Whether this runtime's Intl knows the zone `name`. */
function isKnownZone(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

// Each old name's zone, by its current name.
const CURRENT_NAMES = new Map(
	[...OLD_ZONE_NAMES].flatMap(([current, old]) => old.map((name) => [name, current] as const)),
);

/** Every name of the zone `name` is one of, the current one first (just `name` if it has no other). */
export function zoneNames(name: string): string[] {
	const current = CURRENT_NAMES.get(name) ?? name;
	return [current, ...(OLD_ZONE_NAMES.get(current) ?? [])];
}

// The offsets places use beside whole hours (Luxon reads `UTC+05:30` as a fixed offset).
const PART_HOUR_OFFSETS = [-570, -210, 210, 270, 330, 345, 390, 525, 570, 630, 765];
const WHOLE_HOUR_OFFSETS = Array.from({ length: 27 }, (_, index) => (index - 12) * 60).filter(
	(minutes) => minutes !== 0,
);
const offsetName = (minutes: number) => {
	const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
	const rest = String(Math.abs(minutes) % 60).padStart(2, '0');
	return `UTC${minutes < 0 ? '-' : '+'}${hours}:${rest}`;
};
const FIXED_OFFSETS: TimeZoneChoice[] = [...WHOLE_HOUR_OFFSETS, ...PART_HOUR_OFFSETS]
	.sort((a, b) => a - b)
	.map(offsetName)
	.map((offset) => ({ name: offset, value: offset }));

/**
 * Every zone Intl lists, once, as its current name (where this runtime knows it) labelled with
 * its other names, underscores as spaces: "Asia/Kolkata (Asia/Calcutta)". Sorted by label.
 */
function listedZones(): TimeZoneChoice[] {
	const byValue = new Map<string, TimeZoneChoice>();
	for (const listed of Intl.supportedValuesOf('timeZone')) {
		const known = zoneNames(listed).filter((name) => name === listed || isKnownZone(name));
		const [value, ...others] = known;
		if (byValue.has(value)) continue;
		const label = others.length > 0 ? `${value} (${others.join(', ')})` : value;
		byValue.set(value, { name: label.replace(/_/g, ' '), value });
	}
	return [...byValue.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

let zoneCache: TimeZoneChoice[] | undefined;

/**
 * The list: "Workflow's Time Zone" (value '': the workflow's own, else `defaultZone`, n8n's
 * default, which its description names), UTC, the IANA zones, then the fixed offsets. A zone
 * `saved` under an old name keeps it as its value, so that a saved workflow's choice is shown as
 * chosen; a valid `saved` zone the list lacks is listed, after the workflow's (an invalid one is
 * not, so that the editor marks it).
 */
export function timeZoneChoices({
	defaultZone,
	saved,
}: { defaultZone?: string; saved?: unknown } = {}): TimeZoneChoice[] {
	zoneCache ??= listedZones();
	const workflowZone: TimeZoneChoice = {
		name: "Workflow's Time Zone",
		value: '',
		description: defaultZone
			? `The zone in the workflow's settings; without one, n8n's default: ${defaultZone}`
			: "The zone in the workflow's settings; without one, n8n's default",
	};
	const rest = [{ name: 'UTC', value: 'UTC' }, ...zoneCache, ...FIXED_OFFSETS];
	const savedZone = typeof saved === 'string' && !saved.startsWith('=') ? saved.trim() : '';
	if (savedZone === '' || rest.some(({ value }) => value === savedZone))
		return [workflowZone, ...rest];
	const current = zoneNames(savedZone)[0];
	if (current !== savedZone && rest.some(({ value }) => value === current))
		return [
			workflowZone,
			...rest.map((choice) =>
				choice.value === current ? { ...choice, value: savedZone } : choice,
			),
		];
	if (!isValidTimeZone(savedZone)) return [workflowZone, ...rest];
	return [
		workflowZone,
		{ name: savedZone, value: savedZone, description: 'As saved in this node' },
		...rest,
	];
}
