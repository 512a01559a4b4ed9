import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { EXCHANGE_FORMATS, type ExchangeFormat } from '$lib/placement/exchange';
import { EXPORT_STATUSES, exportBank, type ExportStatus } from '$lib/server/placement/exchange';

/** A bank the instructor's organization owns, as a Moodle XML or QTI package download (keys included). */
export const GET: RequestHandler = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const bankId = event.url.searchParams.get('bank') ?? '';
		const format = event.url.searchParams.get('format') ?? 'moodle';
		const status = event.url.searchParams.get('status') ?? 'all';
		if (
			!(EXCHANGE_FORMATS as readonly string[]).includes(format) ||
			!(EXPORT_STATUSES as readonly string[]).includes(status)
		)
			error(400, m.error_unexpected());
		const file = await exportBank(db, actor, {
			bankId,
			format: format as ExchangeFormat,
			status: status as ExportStatus
		});
		return new Response(file.body as BodyInit, {
			headers: {
				'content-type': file.mimeType,
				'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
				'cache-control': 'no-store'
			}
		});
	});
