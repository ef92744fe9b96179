/**
 * Get AI Usage: AI voice minutes per account and per customer in a date range (Evo Voice's
 * GetAIUsage service, docs/vendors.md), as
 * the documented response or as one row per account and customer.
 */
import type { IDataObject } from 'n8n-workflow';

import { billingPeriodInput, choiceInput, textInput } from '../../shared/inputs';
import { defineMethod } from '../../shared/model';
import { aiUsageRequest, readAiUsage } from '../api';

export const getAiUsage = defineMethod({
	value: 'getAiUsage',
	name: 'Get AI Usage',
	action: 'Get AI usage',
	description: 'Get the AI minutes used per account and per customer in a date range',
	inputs: {
		accountId: textInput({
			name: 'accountId',
			displayName: 'Account ID',
			description: 'Only this account; empty: every customer of every account',
		}),
		customerId: textInput({
			name: 'customerId',
			displayName: 'Customer ID',
			description: 'Only this customer; empty: every customer of the accounts considered',
		}),
		// The vendor's CLI sends both dates, as the API requires them.
		period: billingPeriodInput({
			start: {
				name: 'startDate',
				displayName: 'Start Date',
				description: 'First day of the range (sent as YYYY-MM-DD in the time zone below)',
			},
			end: {
				name: 'endDate',
				displayName: 'End Date',
				description: 'Last day of the range (sent as YYYY-MM-DD in the time zone below)',
			},
		}),
		outputMode: choiceInput({
			name: 'outputMode',
			displayName: 'Output',
			description: 'The documented response as one item, or one item per account and customer',
			choices: [
				{
					name: 'Response',
					value: 'response',
					description: 'One item with accountUsage and customerUsage',
				},
				{
					name: 'Rows',
					value: 'rows',
					description: 'One item per account and per customer, with a level',
				},
			],
			default: 'response',
		}),
	},
	outputVariables: {
		response: ['accountUsage', 'customerUsage', 'response_body', 'response_status_code'],
		rows: ['level', 'accountId', 'customerId', 'aiMinutes'],
	},
	async execute({ values, baseUrl, request }) {
		const response = await request(
			aiUsageRequest(baseUrl, {
				accountId: values.accountId,
				customerId: values.customerId,
				startDate: values.period.start.toISODate() ?? undefined,
				endDate: values.period.end.toISODate() ?? undefined,
			}),
		);
		const usage = readAiUsage(response.body, response.statusCode);
		if (values.outputMode === 'response') {
			return [
				{
					json: {
						...usage,
						response_body: response.body as IDataObject,
						response_status_code: response.statusCode,
					},
				},
			];
		}
		return [
			...usage.accountUsage.map(({ accountId, aiMinutes }) => ({
				json: { level: 'account', accountId, customerId: null, aiMinutes },
			})),
			...usage.customerUsage.map(({ accountId, customerId, aiMinutes }) => ({
				json: { level: 'customer', accountId, customerId, aiMinutes },
			})),
		];
	},
});
