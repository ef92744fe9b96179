// How the bench prints its figures: a value with its unit, a spread as "median (q1–q3)".
const SECONDS = { digits: 2, suffix: ' s' };
const TIMES = { digits: 2, suffix: 'x' };
const MEGABYTES = { digits: 0, suffix: ' MB' };

const valueText = (value, unit) => `${value.toFixed(unit.digits)}${unit.suffix}`;

/** A spread (statistics.js) in `unit`. */
const spreadText = ({ median, q1, q3 }, unit) =>
	`${valueText(median, unit)} (${q1.toFixed(unit.digits)}–${q3.toFixed(unit.digits)})`;

module.exports = { SECONDS, TIMES, MEGABYTES, valueText, spreadText };
