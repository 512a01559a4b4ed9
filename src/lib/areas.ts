import { m } from '$lib/paraglide/messages';

/** Menu labels of the role areas, keyed by their path. */
export function areaLabel(prefix: string): string {
	switch (prefix) {
		case '/learn':
			return m.nav_learn();
		case '/author':
			return m.nav_author();
		case '/admissions':
			return m.nav_admissions();
		case '/admin':
			return m.nav_admin();
		default:
			return prefix;
	}
}

export function roleLabel(role: string): string {
	switch (role) {
		case 'learner':
			return m.role_learner();
		case 'instructor':
			return m.role_instructor();
		case 'admissions':
			return m.role_admissions();
		case 'admin':
			return m.role_admin();
		default:
			return role;
	}
}
