'use strict';

const { createRandom, deriveSeed } = require('../../random');
const { objectId } = require('./identifiers');

// The company's departments and their teams: every appointment belongs to one team, and a
// team to one department. Ids are seeded, so the same options give the same ids.

const STREAM_ORGANISATION = 11;
// The vendor's sample ids were minted in 2019 (0x5c... seconds); ours look the same age.
const FIRST_ID_SECONDS = 0x5c000000;
const ID_SECONDS_SPREAD = 0x01000000;

function createOrganisation({ seed, departmentCount, teamsPerDepartment }) {
	const random = createRandom(deriveSeed(seed, STREAM_ORGANISATION));
	let counter = random.integer(0x100000);
	const nextId = () => {
		counter += 1;
		return objectId(FIRST_ID_SECONDS + random.integer(ID_SECONDS_SPREAD), random, counter);
	};
	const departments = Array.from({ length: departmentCount }, nextId);
	const teams = departments.flatMap((departmentId) =>
		Array.from({ length: teamsPerDepartment }, () => ({
			team_id: nextId(),
			department_id: departmentId,
		})),
	);
	const teamsById = new Map(teams.map((team) => [team.team_id, team]));

	return {
		departments,
		teams,
		defaultTeam: teams[0],
		/** The team with this id, or undefined. */
		team: (teamId) => teamsById.get(teamId),
		hasDepartment: (departmentId) => departments.includes(departmentId),
	};
}

module.exports = { createOrganisation };
