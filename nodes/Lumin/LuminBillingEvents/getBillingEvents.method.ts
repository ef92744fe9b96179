/**
 * Get Billing Events: every billable event in a date range, all pages, as events, as a summary
 * or as invoice lines (Lumin.ai's Billing API, docs/vendors.md).
 */
import type { IDataObject } from 'n8n-workflow';

import { describePeriod } from '../../shared/billingPeriod';
import {
	billingPeriodInput,
	choiceInput,
	flagInput,
	limitInput,
	pagingOptionsInput,
} from '../../shared/inputs';
import { INVOICE_LINE_FIELDS, INVOICE_LINES_CHOICE } from '../../shared/invoiceLines';
import { defineMethod } from '../../shared/model';
import {
	BILLING_EVENT_FIELDS,
	BillingEventSummary,
	DAILY_SUMMARY_FIELDS,
	SUMMARY_FIELDS,
	summaryLines,
	toBillingEvent,
} from '../billingEvents';
import { billingEventPages, billingEventsQuery, UNBILLED_EVENT_TYPE } from '../api';
import { eventTypesInput, hostInput } from '../inputs';

/**
 * Version 1, as saved workflows have it, starts with a Custom period and a limit of events.
 * Version 2 starts with Last Month and Return All, so that a node dropped in is valid and its
 * events safe to count.
 */
export const getBillingEventsMethod = (version: 1 | 2) =>
	defineMethod({
		value: 'getBillingEvents',
		name: 'Get Billing Events',
		action: 'Get billing events',
		description: 'Get every billable event in a date range, all pages',
		inputs: {
			eventTypes: eventTypesInput,
			period: billingPeriodInput({
				defaultPeriod: version === 1 ? 'custom' : 'lastMonth',
				start: {
					name: 'start',
					displayName: 'Start',
					description:
						'First instant of the range (ISO 8601; without an offset, in the time zone below)',
				},
				end: {
					name: 'end',
					displayName: 'End',
					description:
						'Last instant of the range (ISO 8601; without an offset, in the time zone below)',
				},
			}),
			host: hostInput,
			// Summary counts every event of the period: a limit would make a partial count look whole.
			limit: limitInput({
				recordName: 'events',
				show: { outputMode: ['events'] },
				returnAllByDefault: version === 2,
			}),
			outputMode: choiceInput({
				name: 'outputMode',
				displayName: 'Output',
				description: 'One item per event, one item per group with its count, or invoice lines',
				choices: [
					{ name: 'Events', value: 'events', description: 'One item per billable event' },
					{
						name: 'Summary',
						value: 'summary',
						description: 'One item per host and event type, with the number of events',
					},
					{
						...INVOICE_LINES_CHOICE,
						description:
							"One line per host and event type, its quantity the number of events, counted while paging; Appointment Deleted events are not billed: no line, their number in the lines' description",
					},
				],
				default: 'events',
			}),
			groupByDay: flagInput({
				name: 'groupByDay',
				displayName: 'Group by Day',
				description: 'Whether to count per day too (in the time zone above)',
				show: { outputMode: ['summary'] },
				default: false,
			}),
			options: pagingOptionsInput(),
		},
		outputVariables: {
			events: BILLING_EVENT_FIELDS,
			summary: SUMMARY_FIELDS,
			'summary, grouped by day': DAILY_SUMMARY_FIELDS,
			invoiceLines: INVOICE_LINE_FIELDS,
		},
		subject: ({ period }) => `billing period ${describePeriod(period)}`,
		async execute({ values, request }) {
			const query = billingEventsQuery({ ...values, ...values.period });
			// Invoice lines are the summary's groups, deletes included (their number goes into the lines'
			// description): counted as the pages stream past, nothing kept per event.
			const summary =
				values.outputMode === 'events'
					? undefined
					: new BillingEventSummary(
							values.period.timezone,
							values.outputMode === 'summary' && values.groupByDay,
						);
			const events: Array<{ json: IDataObject }> = [];
			const limit = (values.outputMode === 'events' && values.limit) || Infinity;
			let taken = 0;

			const pages = billingEventPages(request, query, {
				maxPages: values.options.maxPages,
				keepEveryId: !summary,
			});
			for await (const items of pages) {
				for (const item of items) {
					if (taken === limit) break;
					if (summary) summary.add(item);
					else events.push({ json: toBillingEvent(item) });
					taken++;
				}
				if (taken === limit) break;
			}
			if (values.outputMode === 'invoiceLines') {
				const period = { ...values.period, from: query.start, to: query.end };
				const unbilledAsked = query.type.split(',').includes(UNBILLED_EVENT_TYPE.value);
				return summaryLines(summary!.rows(), period, unbilledAsked).map((json) => ({ json }));
			}
			return summary ? summary.rows().map((json) => ({ json })) : events;
		},
	});
