/**
 * Get New Token: an access token (from Authenticate) gives the API key and token that the other
 * IMIASSIST nodes need (wire contract assumed, see ../routes.ts).
 */
import { textInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { responseRecord } from '../../shared/records';
import { newTokenRequest } from '../api';

export const getNewToken = defineMethod({
	value: 'getNewToken',
	name: 'Get New Token',
	action: 'Get a new API key and token',
	description: 'Exchange an access token for the API key and token the other IMIASSIST nodes use',
	inputs: {
		authorization: textInput({
			name: 'authorization',
			displayName: 'Authorization',
			description: 'The access token from Authenticate',
			required: true,
			password: true,
		}),
	},
	outputVariables: ['api_key', 'token', 'response_body', 'response_status_code'],
	sensitiveOutputs: ['api_key', 'token', 'response_body'],
	async execute({ values, request }) {
		const response = await request(newTokenRequest(values.authorization));
		return [{ json: responseRecord(response, { required: ['api_key', 'token'] }) }];
	},
});
