/**
 * Get AI Usage: AI voice minutes per account and per customer in a date range (Evo Voice's
 * GetAIUsage service, docs/vendors.md), as
 * the documented response, as one row per account and customer, or as invoice lines.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	billingPeriodInput,
	choiceInput,
	limitInput,
	noInput,
	textInput,
} from '../../shared/inputs';
import { INVOICE_LINE_FIELDS, INVOICE_LINES_CHOICE } from '../../shared/invoiceLines';
import { defineMethod } from '../../shared/model';
import { describePeriod } from '../../shared/billingPeriod';
import { accountsWithCustomerMinutes, aiUsageLines } from '../aiUsageLines';
import { aiUsageFetcher } from '../api';
import { customerListsOf } from '../customers';
import { aiUsageOfDays } from '../endDateReading';

/**
 * Version 1, as saved workflows have it, starts with a Custom period and returns every row.
 * Version 2 starts with Last Month, so that a node dropped in is valid, and limits rows on request.
 * Version 3 starts with Rows, one item per account and customer, instead of the whole response as
 * one item; Response keeps response_body.
 */
export const getAiUsageMethod = (version: 1 | 2 | 3) =>
	defineMethod({
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
				defaultPeriod: version === 1 ? 'custom' : 'lastMonth',
				start: {
					name: 'startDate',
					displayName: 'Start Date',
					description:
						"First day of the range: a date-time is read as its instant's day in the time zone below, and sent as YYYY-MM-DD. Evo Voice publishes no zone for its days: to check, read one day here and compare its AI minutes with that day's in Evo Voice's portal.",
				},
				end: {
					name: 'endDate',
					displayName: 'End Date',
					description:
						"Last day of the range (YYYY-MM-DD in the time zone below; sent as endDate, or the day after it, as the credential's End Date says)",
				},
			}),
			outputMode: choiceInput({
				name: 'outputMode',
				displayName: 'Output',
				description:
					'The documented response as one item, one item per account and customer, or invoice lines',
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
					{
						...INVOICE_LINES_CHOICE,
						description:
							"One line per customer, and one per account for the minutes no customer line holds: they add up to the accounts' totals. Parents are read from today's customer list, as the credential's Customer Rows says.",
					},
				],
				default: version < 3 ? 'response' : 'rows',
			}),
			limit:
				version === 1
					? noInput
					: limitInput({
							recordName: 'rows',
							show: { outputMode: ['rows'] },
							returnAllByDefault: true,
						}),
		},
		outputVariables: {
			response: ['accountUsage', 'customerUsage', 'response_body', 'response_status_code'],
			rows: ['level', 'accountId', 'customerId', 'aiMinutes'],
			invoiceLines: INVOICE_LINE_FIELDS,
		},
		subject: ({ period }) => `period ${describePeriod(period)}`,
		async execute({ values, evoVoiceEndDate, evoVoiceCustomerRows, request, now, once }) {
			const startDate = values.period.start.toISODate() as string;
			const endDate = values.period.end.toISODate() as string;
			const { usage, response } = await aiUsageOfDays({
				start: startDate,
				end: endDate,
				reading: evoVoiceEndDate,
				now: now(),
				fetch: aiUsageFetcher(request, {
					accountId: values.accountId,
					customerId: values.customerId,
				}),
			});
			if (values.outputMode === 'invoiceLines') {
				const reading = {
					customerRows: evoVoiceCustomerRows,
					customers: await customerListsOf(accountsWithCustomerMinutes(usage), { request, once }),
					customerAsked: values.customerId || undefined,
				};
				return aiUsageLines(usage, { start: startDate, end: endDate }, reading).map((json) => ({
					json,
				}));
			}
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
			].slice(0, values.limit);
		},
	});
