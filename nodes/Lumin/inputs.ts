/** The input variables that Lumin.ai's Billing Events and the usage trigger's Lumin.ai watch share. */
import { listWithExtrasInput, textInput } from '../shared/inputs';
import { EVENT_TYPE_PATTERN, LUMIN_EVENT_TYPES } from './api';

export const eventTypesInput = listWithExtrasInput({
	list: {
		name: 'eventTypes',
		displayName: 'Event Types',
		description: 'The billable event types to fetch',
		choices: LUMIN_EVENT_TYPES,
		default: ['billing.scheduled'],
	},
	extras: {
		name: 'customEventTypes',
		displayName: 'Custom Event Types',
		description: 'Further event types not in the list, separated by commas',
		placeholder: 'billing.cancelled',
	},
	valuePattern: EVENT_TYPE_PATTERN,
});

export const hostInput = textInput({
	name: 'host',
	displayName: 'Host',
	description: 'Only the events of this host (the output field host_id), e.g. one store',
	placeholder: 'default',
});
