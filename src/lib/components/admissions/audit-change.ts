import { m } from '$lib/paraglide/messages';
import { ROLES, type Role } from '$lib/roles';
import { roleLabel } from '$lib/roles-labels';
import { levelLabel, outcomeLabel, skillLabel, vietnameseUseLabel } from './labels';

/** An audit entry's stored values, as the log page and its CSV read them. */
export type DescribedEntry = {
	action: string;
	details: Record<string, unknown>;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
};

const isRole = (value: unknown): value is Role =>
	typeof value === 'string' && (ROLES as readonly string[]).includes(value);

function roles(values: Record<string, unknown> | null): string {
	const list = Array.isArray(values?.roles) ? values.roles.filter(isRole) : [];
	return list.length > 0 ? list.map(roleLabel).join(', ') : m.audit_none();
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown) => (typeof value === 'number' ? value : 0);

/**
 * What changed, in the reader's language: roles before → after, a code's role and uses, a rating's
 * level, a bank's version. Decisions and retakes say it with their action and reason: ''.
 */
export function describeChange(entry: DescribedEntry): string {
	const { details, before, after } = entry;
	switch (entry.action) {
		case 'role_granted':
		case 'role_revoked':
			return m.audit_change_roles({ before: roles(before), after: roles(after) });
		case 'code_created':
		case 'code_revoked': {
			const values = after ?? before ?? {};
			return m.audit_change_code({
				role: isRole(values.role) ? roleLabel(values.role) : '',
				uses: m.code_uses({ uses: count(values.uses), max: count(values.maxUses) })
			});
		}
		case 'candidates_invited':
			return m.audit_change_candidates({ count: count(after?.count) });
		case 'rating_saved':
		case 'rating_reopened': {
			const skill = details.skill === 'speaking' ? 'speaking' : 'writing';
			// Saved: the level given; reopened: the level taken back.
			const values = entry.action === 'rating_saved' ? after : before;
			const level = typeof values?.level === 'number' ? values.level : null;
			return m.audit_change_rating({ skill: skillLabel(skill), level: levelLabel(level) });
		}
		case 'bank_updated':
			return m.audit_change_bank({
				before: text(before?.version) || m.audit_none(),
				after: text(after?.version)
			});
		case 'bank_calibrated':
			return m.audit_change_calibrated({ count: count(after?.items) });
		case 'graduate_completion':
			return details.outcome ? outcomeLabel(text(details.outcome)) : '';
		case 'graduate_follow_up':
			return [
				text(details.positionHeld),
				details.vietnameseUse ? vietnameseUseLabel(text(details.vietnameseUse)) : ''
			]
				.filter(Boolean)
				.join(' · ');
		case 'program_edited':
			return programChanges(before, after);
		default:
			return '';
	}
}

/** The program form's labels, for the fields an edit changed. */
const PROGRAM_FIELDS: Record<string, () => string> = {
	name: m.adm_field_program_name,
	intake: m.adm_field_intake,
	bankId: m.adm_field_bank,
	minOverallLevel: m.adm_field_min_overall,
	skillMinimums: m.adm_skill_minimums,
	ratedSections: m.adm_rated_sections,
	twoRaters: m.adm_two_raters,
	windowOpensAt: m.adm_field_window_opens,
	windowClosesAt: m.adm_field_window_closes,
	timeLimitMinutes: m.adm_field_time_limit,
	maxAttempts: m.adm_field_max_attempts,
	retakeCooldownDays: m.adm_field_cooldown,
	resultValidityMonths: m.adm_field_validity
};

/** A stored value as a reader takes it: a day for a time, levels and lists as short text. */
function shown(field: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return m.audit_none();
	if (field === 'minOverallLevel' && typeof value === 'number') return levelLabel(value);
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
		// Days are Indochina days (UTC+7), as the form shows them.
		return new Date(new Date(value).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
	}
	if (typeof value === 'boolean') return value ? m.audit_yes() : m.audit_no();
	if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : m.audit_none();
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>);
		return entries.length > 0 ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : m.audit_none();
	}
	return String(value);
}

/** "Field: before → after" for each field a program edit changed. */
function programChanges(
	before: Record<string, unknown> | null,
	after: Record<string, unknown> | null
): string {
	return Object.keys(after ?? {})
		.map(
			(field) =>
				`${PROGRAM_FIELDS[field]?.() ?? field}: ${shown(field, before?.[field])} → ${shown(field, after?.[field])}`
		)
		.join('; ');
}
