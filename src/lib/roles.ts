/**
 * The roles a person can hold in an organization, and what the app knows about each: the one place
 * to edit when a role is added (with its labels in roles-labels.ts and messages/*.json, which the
 * compiler asks for through `Record<Role, …>`). Pure: the database schema, the service worker and
 * the role gate all import it, so it imports nothing but the route builders (relatively, for
 * drizzle-kit, which does not know `$lib`).
 */
import { routes } from './routes';

/**
 * In the order they are shown (menu, role picker), which is also from the least to the most
 * responsible: someone holding several roles lands on the home of the last one.
 */
export const ROLES = ['learner', 'instructor', 'admissions', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type RoleArea = {
	/** The path at and under which every page, action and endpoint is the role's (the role gate). */
	prefix: string;
	/** Where the role lands after logging in, and where its menu entry leads. */
	home: string;
	/** Whether the service worker may keep the area's pages for offline use. */
	keptOffline: boolean;
	/**
	 * `laptop`: the area's pages use an office laptop's width (tables of candidates, charts, members);
	 * `phone`: one reading column, however wide the screen.
	 */
	layout: 'phone' | 'laptop';
	/** Paths (and what is under them) of a `phone` area laid out at a laptop's width: tables at a desk. */
	deskPages?: readonly string[];
};

export const ROLE_AREAS = {
	// Lessons, courses and review are played offline; the screening test never is ($lib/offline/cache-rules.ts).
	learner: {
		prefix: routes.learn.home(),
		home: routes.learn.home(),
		keptOffline: true,
		layout: 'phone'
	},
	// Drafts, ratings of candidates' answers, recordings in progress: always current, never on the phone.
	instructor: {
		prefix: routes.author.home(),
		home: routes.author.home(),
		keptOffline: false,
		layout: 'phone',
		// A class's tables of learners, their progress and levels are read at a desk.
		deskPages: [routes.author.classes()]
	},
	// Candidates' personal data and decisions: always current, never left on a shared device.
	admissions: {
		prefix: routes.admissions.home(),
		home: routes.admissions.home(),
		keptOffline: false,
		layout: 'laptop'
	},
	admin: {
		prefix: routes.admin.home(),
		home: routes.admin.home(),
		keptOffline: false,
		layout: 'laptop'
	}
} satisfies Record<Role, RoleArea>;

/** The role whose area `pathname` is in, if any. */
export function areaOf(pathname: string): Role | null {
	return (
		ROLES.find((role) => {
			const { prefix } = ROLE_AREAS[role];
			return pathname === prefix || pathname.startsWith(prefix + '/');
		}) ?? null
	);
}

/** How wide the page at `pathname` is laid out: staff areas at a laptop's width, the rest as on a phone. */
export function layoutOf(pathname: string): RoleArea['layout'] {
	const role = areaOf(pathname);
	if (!role) return 'phone';
	const area: RoleArea = ROLE_AREAS[role];
	const atDesk = area.deskPages?.some((p) => pathname === p || pathname.startsWith(p + '/'));
	return atDesk ? 'laptop' : area.layout;
}

/**
 * Where a person lands after logging in: the home of the most responsible role held; platform
 * administrators hold the admin role everywhere; someone with no role gets the public home page.
 */
export function homeFor(memberships: readonly { role: Role }[], isPlatformAdmin = false): string {
	if (isPlatformAdmin) return ROLE_AREAS.admin.home;
	const held = new Set(memberships.map((m) => m.role));
	const role = ROLES.findLast((r) => held.has(r));
	return role ? ROLE_AREAS[role].home : routes.home();
}
