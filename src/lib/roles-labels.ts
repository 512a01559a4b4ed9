/** The words for roles and their areas, apart from roles.ts so that the schema does not load messages. */
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/roles';

const ROLE_NAMES = {
	learner: m.role_learner,
	instructor: m.role_instructor,
	admissions: m.role_admissions,
	admin: m.role_admin
} satisfies Record<Role, () => string>;

/** A role's menu entry: its area. */
const AREA_NAMES = {
	learner: m.nav_learn,
	instructor: m.nav_author,
	admissions: m.nav_admissions,
	admin: m.nav_admin
} satisfies Record<Role, () => string>;

export const roleLabel = (role: Role): string => ROLE_NAMES[role]();
export const areaLabel = (role: Role): string => AREA_NAMES[role]();
