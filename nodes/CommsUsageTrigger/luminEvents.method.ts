/**
 * Lumin.ai's billable events of chosen types over the current period, optionally of one host,
 * counted while paging (nothing kept), with the periods in an IANA time zone.
 */
import { DateTime } from 'luxon';

import { defineTriggerMethod, periodZoneInput } from '../shared/trigger';
import { billingEventPages, billingEventsQuery } from '../Lumin/api';
import { eventTypesInput, hostInput } from '../Lumin/inputs';

// All time, for an API that needs a start: from before any billing event.
const BEFORE_ANY_EVENT = DateTime.fromISO('1970-01-01T00:00:00Z', { zone: 'utc' });

export const luminEvents = defineTriggerMethod({
	value: 'luminEvents',
	name: 'Billable Events (Lumin.ai)',
	action: 'Watch billable events',
	description: 'The number of billable events of chosen types, optionally of one host',
	platforms: ['lumin'],
	inputs: {
		eventTypes: eventTypesInput,
		host: hostInput,
		timezone: periodZoneInput,
	},
	zone: ({ timezone }) => timezone,
	watched: ({ eventTypes, host }) =>
		`billable events of type ${eventTypes.join(', ')}${host ? ` for host ${host}` : ''}`,
	async measure({ values, period, maxPages, request, now }) {
		const query = billingEventsQuery({
			...values,
			start: period.start ?? BEFORE_ANY_EVENT,
			end: period.end ?? now().setZone(values.timezone),
		});
		let count = 0;
		for await (const items of billingEventPages(request, query, { maxPages }))
			count += items.length;
		return count;
	},
});
