/**
 * Lines that share a line id: the same thing billed twice in one input. None is summed into
 * another and none is dropped: every one of them goes to Failure, for a person to decide. Pure.
 */

export interface LineIdSplit<Line> {
	/** The lines whose id no other line has, in input order. */
	unique: Line[];
	/** Each shared id with all of its lines, in input order, by the first line's position. */
	duplicated: Array<{ lineId: string; lines: Line[] }>;
}

export function splitByLineId<Line>(
	lines: readonly Line[],
	lineIdOf: (line: Line) => string,
): LineIdSplit<Line> {
	const byId = new Map<string, Line[]>();
	for (const line of lines) {
		const id = lineIdOf(line);
		const same = byId.get(id);
		if (same) same.push(line);
		else byId.set(id, [line]);
	}
	const duplicated = [...byId.entries()]
		.filter(([, same]) => same.length > 1)
		.map(([lineId, same]) => ({ lineId, lines: same }));
	const shared = new Set(duplicated.map(({ lineId }) => lineId));
	return { unique: lines.filter((line) => !shared.has(lineIdOf(line))), duplicated };
}

/** Why a line goes to Failure when its id is shared. */
export const duplicateReason = (lineId: string, count: number): string =>
	`${count} input lines share line id ${lineId} (the same platform, customer, category and period): none is delivered, for none can be told from the others. Merge or correct them before Rate Lines and run again.`;
