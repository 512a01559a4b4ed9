import { createHmac } from 'node:crypto';
import type { AttemptRow } from './context';

/**
 * The id a candidate sees for an item of their attempt: HMAC-SHA-256 of the item's id under the
 * attempt's secret key (`attempt.item_key`), 22 base64url characters (132 bits). Item ids such as
 * `vi-3-lis-001` name the level and skill, so through the adaptive choice they would show candidates a
 * running estimate of their own level; these say nothing, differ between attempts, and cannot be
 * forged for another item without the key. The server compares them with the ids of the items the
 * candidate may answer now, so it never needs to turn one back.
 */
export function publicItemId(row: Pick<AttemptRow, 'itemKey'>, itemId: string): string {
	return createHmac('sha256', row.itemKey).update(itemId).digest('base64url').slice(0, 22);
}
