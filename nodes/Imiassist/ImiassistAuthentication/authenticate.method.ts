/**
 * Authenticate: the user's e-mail and password give an access and a refresh token (the vendor's
 * Authentication section; wire contract assumed, see ../routes.ts).
 */
import { emailInput, textInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { responseRecord } from '../../shared/records';
import { loginRequest } from '../api';

export const authenticate = defineMethod({
	value: 'authenticate',
	name: 'Authenticate',
	action: 'Authenticate a user',
	description: "Log in with a user's e-mail and password to get an access and a refresh token",
	inputs: {
		userEmail: emailInput({
			name: 'userEmail',
			displayName: 'User Email',
			description: 'E-mail of the IMIASSIST user',
			required: true,
		}),
		userPassword: textInput({
			name: 'userPassword',
			displayName: 'User Password',
			description: 'Password of the IMIASSIST user',
			required: true,
			password: true,
		}),
	},
	outputVariables: ['access', 'refresh', 'response_body', 'response_status_code'],
	sensitiveOutputs: ['access', 'refresh', 'response_body'],
	async execute({ values, baseUrl, request }) {
		const response = await request(loginRequest(baseUrl, values.userEmail, values.userPassword));
		return [{ json: responseRecord(response, { required: ['access', 'refresh'] }) }];
	},
});
