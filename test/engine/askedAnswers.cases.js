// Vendor answers that differ from what was asked (another category, day or account, a record on
// two pages, a page replayed, a StartDate the server could not read), scripted in the sandbox as
// the vendor's own shapes, and the legitimate shapes that look like them. Each case runs Usage
// Records (or the platform's node), its invoice lines and the usage trigger on the same answers
// (askedAnswers.test.js).
const { DateTime } = require('luxon');

// The clock of every case: a Tuesday afternoon, GMT.
const NOW = DateTime.fromISO('2026-11-10T15:00:00Z', { zone: 'utc' });
const DAY = '2026-11-10';

/** A Twilio or Restcomm usage record as the vendors write it: figures as text. */
function usageRecord(accountSid, category, start, end, { usage, price, count = 1 }) {
	return {
		category,
		description: category,
		account_sid: accountSid,
		start_date: start,
		end_date: end,
		usage: String(usage),
		usage_unit: 'minutes',
		count: String(count),
		count_unit: 'calls',
		price: String(price),
		price_unit: 'usd',
		uri: `/Accounts/${accountSid}/Usage/Records.json?Category=${category}&StartDate=${start}&EndDate=${end}`,
	};
}

/** Twilio's page of records, the last one unless `next` names the next page. */
const twilioPage = (records, next = null) => ({ usage_records: records, next_page_uri: next });

/**
 * The sandbox answering each request to `path` with the bodies in order (the last one from then
 * on): a scripted vendor.
 */
const scripted = (platform, path, bodies) =>
	bodies.map((body, index) => ({
		platform,
		path,
		status: 200,
		body,
		times: index === bodies.length - 1 ? 0 : 1,
	}));

const usagePath = (sandbox, platform) => {
	const prefix = platform === 'twilio' ? '/twilio/2010-04-01' : '/restcomm/2012-04-24';
	return `${prefix}/Accounts/${sandbox.credentials[platform].accountSid}/Usage`;
};

module.exports = { NOW, DAY, usageRecord, twilioPage, scripted, usagePath };
