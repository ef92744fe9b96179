// One invoice line in the pack's one schema (docs/usage-and-invoice-lines.md): 100 outbound SMS
// of November 2026 at 0.79 USD, with `fields` over it.
const invoiceLine = (fields) => ({
	customer: 'AC1',
	platform: 'Twilio-compatible API',
	category: 'sms-outbound',
	description: 'Outbound SMS',
	quantity: 100,
	unit: 'messages',
	amount: 0.79,
	currency: 'USD',
	period_start: '2026-11-01',
	period_end: '2026-11-30',
	source: 'usage',
	...fields,
});

module.exports = { invoiceLine };
