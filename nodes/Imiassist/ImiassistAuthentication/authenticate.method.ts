/**
 * Authenticate: the user's e-mail and password give an access and a refresh token (the vendor's
 * Authentication section; wire contract assumed, see ../api.ts). By default they come from the
 * credential's integration-user fields, so that no password is saved in the workflow.
 */
import type { InputVariable } from '../../shared/inputs';
import { choiceInput, emailInput, textInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { responseRecord } from '../../shared/records';
import { loginRequest } from '../api';

const FROM_PARAMETERS = { loginWith: ['parameters'] };

const loginWith = choiceInput({
	name: 'loginWith',
	displayName: 'Log In With',
	description: 'Where the e-mail and password of the IMIASSIST user come from',
	choices: [
		{
			name: "Credential's Integration User",
			value: 'credential',
			description: 'The Integration User E-Mail and Password of the Comms Billing API credential',
		},
		{
			name: 'Values Below',
			value: 'parameters',
			description:
				'An e-mail and password given here, e.g. from an expression; typed values are saved in the workflow and in every export of it',
		},
	],
	default: 'credential',
});
const userEmail = emailInput({
	name: 'userEmail',
	displayName: 'User Email',
	description: 'E-mail of the IMIASSIST user',
	show: FROM_PARAMETERS,
	required: true,
});
const userPassword = textInput({
	name: 'userPassword',
	displayName: 'User Password',
	description:
		'Password of the IMIASSIST user. A typed password is saved in the workflow and in every export: prefer the credential, or an expression.',
	show: FROM_PARAMETERS,
	required: true,
	password: true,
});

/** The user to log in as: from the credential, or from the node's parameters. */
const loginUser: InputVariable<{ email: string; password: string }> = {
	properties: [...loginWith.properties, ...userEmail.properties, ...userPassword.properties],
	secretsOf: ({ password }) => [password],
	read(context) {
		if (loginWith.read(context) === 'parameters')
			return { email: userEmail.read(context), password: userPassword.read(context) };
		const { userEmail: email, userPassword: password } = context.credentials;
		if (!email || !password)
			return context.invalid(
				'loginWith',
				'the credential has no Integration User E-Mail and Password: fill them in, or choose Values Below',
			);
		return { email, password };
	},
};

export const authenticate = defineMethod({
	value: 'authenticate',
	name: 'Authenticate',
	action: 'Authenticate a user',
	description: "Log in with a user's e-mail and password to get an access and a refresh token",
	inputs: { user: loginUser },
	outputVariables: ['access', 'refresh', 'response_body', 'response_status_code'],
	sensitiveOutputs: ['access', 'refresh', 'response_body'],
	subject: ({ user }) => `user ${user.email}`,
	async execute({ values, request }) {
		const { email, password } = values.user;
		const response = await request(loginRequest(email, password));
		return [{ json: responseRecord(response, { required: ['access', 'refresh'] }) }];
	},
});
