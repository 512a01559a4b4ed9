import type { AuditRow } from './officer-queries';
import type { graduatesOfProgram } from './graduates';

/** Rows of the admissions CSV exports (header first). Column names and codes stay English. */

type Cell = string | number | null | undefined;

export function auditCsvRows(entries: AuditRow[]): Cell[][] {
	return [
		['when (UTC)', 'who', 'action', 'candidate', 'program', 'intake', 'reason'],
		...entries.map((e) => [
			e.at.toISOString(),
			e.actorName,
			e.action,
			e.candidate,
			e.program,
			e.intake,
			e.reason
		])
	];
}

/**
 * One line per follow-up (a graduate without one gets a single line), so the partner province can
 * evaluate how the intake's graduates are used.
 */
export function graduatesCsvRows(
	graduates: Awaited<ReturnType<typeof graduatesOfProgram>>
): Cell[][] {
	const rows = graduates.flatMap((g) => {
		const person: Cell[] = [
			g.fullName,
			g.position,
			g.sendingOrganization,
			g.record?.outcome,
			g.record?.completedOn,
			g.record?.notes
		];
		if (g.followUps.length === 0) return [[...person, '', '', '', '']];
		return g.followUps.map((f) => [
			...person,
			f.observedOn,
			f.positionHeld,
			f.vietnameseUse,
			f.notes
		]);
	});
	return [
		[
			'name',
			'position at admission',
			'sending organization',
			'completion',
			'completed on',
			'completion notes',
			'follow-up date',
			'position held',
			'use of Vietnamese at work',
			'follow-up notes'
		],
		...rows
	];
}
