import { VersionedNodeType } from 'n8n-workflow';

import { RATE_LINES_BASE } from './parameters';
import { RateLinesV1 } from './RateLinesV1';
import { RateLinesV2 } from './RateLinesV2';

/**
 * Version 1, as saved workflows have it. Version 2 bills as billing systems do: billing months,
 * listed customers with fees and minimum commitments, Lago's meanings, a card as fields.
 */
export class RateLines extends VersionedNodeType {
	constructor() {
		super(
			{ 1: new RateLinesV1(), 2: new RateLinesV2() },
			{ ...RATE_LINES_BASE, group: ['transform'], usableAsTool: true, defaultVersion: 2 },
		);
	}
}
