'use strict';

// A flavour's usage categories as the sandbox computes them. Each category is one of: a leaf,
// which carries generated usage (it has a `profile`, see usageData.js); an aggregate of `parts`;
// totalprice, the price of every leaf and of any cost outside the categories; or silent, a
// category the server lists with no usage at all (most of Twilio's several hundred).

/**
 * `categories`: [{ name, description, usageUnit, countUnit, parts?, profile?, totalPrice? }], in
 * the order that numbers the leaves' random streams (so that adding a leaf at the end leaves the
 * others' data as it was).
 */
function createCatalog(categories) {
	const byName = new Map(categories.map((category) => [category.name, category]));
	const leafNames = categories.filter((category) => category.profile).map(({ name }) => name);

	/** The leaves whose usage a category adds up: itself for a leaf, none for a silent one. */
	function leavesOf(name) {
		const category = byName.get(name);
		if (category.totalPrice) return leafNames;
		if (category.parts) return category.parts.flatMap(leavesOf);
		return category.profile ? [name] : [];
	}

	return {
		byName,
		leafNames,
		/** Every category's name, sorted: the order of a listing without Category. */
		names: categories.map(({ name }) => name).sort(),
		profileOf: (leafName) => byName.get(leafName).profile,
		leavesOf,
		/** Whether a category adds up others: one with parts, or totalprice. */
		isRollUp: (name) => Boolean(byName.get(name).parts || byName.get(name).totalPrice),
		/** Whether a category's usage is only a price (totalprice: its usage is the price). */
		isPriceOnly: (name) => Boolean(byName.get(name).totalPrice),
	};
}

module.exports = { createCatalog };
