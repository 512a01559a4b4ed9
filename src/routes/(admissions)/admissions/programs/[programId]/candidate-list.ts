import { SCORED_SKILLS, type ScoredSkill, type SkillLevels } from '$lib/screening/requirement';
import { STATUSES, type Status } from '$lib/components/admissions/labels';

/** The candidates table's view: sorted and filtered through query parameters, so it works without JS. */

export const SORT_KEYS = ['name', 'status', 'level', 'theta'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export type ListQuery = { sort: SortKey; dir: SortDir; status: Status | null };

export type ListedCandidate = {
	fullName: string;
	status: Status;
	latest: { overallLevel: number | null; theta: number | null; skillLevels: SkillLevels } | null;
};

export function readListQuery(params: URLSearchParams): ListQuery {
	const sort = params.get('sort');
	const status = params.get('status');
	return {
		sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'name',
		dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
		status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as Status) : null
	};
}

/** Vietnamese and Lao names sort by their own collation; candidates without a result sort last. */
export function listCandidates<T extends ListedCandidate>(rows: T[], query: ListQuery): T[] {
	const collator = new Intl.Collator(['vi', 'lo']);
	const missingLast = (a: number | null | undefined, b: number | null | undefined) => {
		if (a == null && b == null) return 0;
		if (a == null) return 1;
		if (b == null) return -1;
		return null;
	};
	const sign = query.dir === 'desc' ? -1 : 1;
	const compare = (a: T, b: T): number => {
		const byName = collator.compare(a.fullName, b.fullName);
		switch (query.sort) {
			case 'name':
				return sign * byName;
			case 'status':
				return sign * (STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status)) || byName;
			case 'level':
			case 'theta': {
				const key = query.sort === 'level' ? 'overallLevel' : 'theta';
				const x = a.latest?.[key];
				const y = b.latest?.[key];
				return missingLast(x, y) ?? (sign * (x! - y!) || byName);
			}
		}
	};
	return rows.filter((r) => query.status === null || r.status === query.status).sort(compare);
}

/** How many candidates are at each status (the filter shows them); a status nobody is at is absent. */
export function countByStatus(rows: { status: Status }[]): Partial<Record<Status, number>> {
	const counts: Partial<Record<Status, number>> = {};
	for (const { status } of rows) counts[status] = (counts[status] ?? 0) + 1;
	return counts;
}

export type LevelDistribution = {
	area: 'overall' | ScoredSkill;
	counts: number[]; // index 0 = bậc 1 … index 5 = bậc 6
}[];

/** How many candidates reached each level, overall and per skill that has any result. */
export function levelDistribution(rows: ListedCandidate[]): LevelDistribution {
	const results = rows.flatMap((r) => (r.latest ? [r.latest] : []));
	const tally = (levels: (number | null | undefined)[]) => {
		const counts = [0, 0, 0, 0, 0, 0];
		for (const level of levels) if (level && level >= 1 && level <= 6) counts[level - 1]++;
		return counts;
	};
	const areas = [
		{ area: 'overall' as const, counts: tally(results.map((r) => r.overallLevel)) },
		...SCORED_SKILLS.map((skill) => ({
			area: skill,
			counts: tally(results.map((r) => r.skillLevels[skill]))
		}))
	];
	return areas.filter((a) => a.counts.some((c) => c > 0));
}
