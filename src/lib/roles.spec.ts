import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_AREAS, areaOf, homeFor, layoutOf, type Role } from './roles';

const held = (...roles: Role[]) => roles.map((role) => ({ role }));

describe('roles', () => {
	it('gives every role an area of its own, with its home inside it', () => {
		expect(Object.keys(ROLE_AREAS).sort()).toEqual([...ROLES].sort());
		const prefixes = ROLES.map((role) => ROLE_AREAS[role].prefix);
		expect(new Set(prefixes).size).toBe(ROLES.length);
		for (const role of ROLES) {
			const { prefix, home } = ROLE_AREAS[role];
			expect(areaOf(home), role).toBe(role);
			expect(areaOf(prefix), role).toBe(role);
		}
	});

	it('finds the area of a path by whole segments', () => {
		expect(areaOf('/learn')).toBe('learner');
		expect(areaOf('/learn/lessons/vi-for-lo.u1-l1')).toBe('learner');
		expect(areaOf('/author/ratings')).toBe('instructor');
		expect(areaOf('/admissions/programs/new')).toBe('admissions');
		expect(areaOf('/admin/organizations/org-lai-chau-college')).toBe('admin');
		// "/admin" is a prefix of "/admissions" as a string, not as a path.
		expect(areaOf('/adminx')).toBeNull();
		expect(areaOf('/learning')).toBeNull();
		for (const open of ['/', '/login', '/register', '/verify/ABCD-EFGH', '/api/health'])
			expect(areaOf(open), open).toBeNull();
	});

	it('sends someone holding several roles to the most responsible one', () => {
		expect(homeFor(held('learner'))).toBe('/learn');
		expect(homeFor(held('instructor', 'learner'))).toBe('/author');
		expect(homeFor(held('learner', 'admissions', 'instructor'))).toBe('/admissions');
		expect(homeFor(held('admissions', 'admin', 'learner'))).toBe('/admin');
	});

	it('sends platform administrators to the admin area and people without a role home', () => {
		expect(homeFor([], true)).toBe('/admin');
		expect(homeFor(held('learner'), true)).toBe('/admin');
		expect(homeFor([])).toBe('/');
	});

	it('keeps only the learner’s area available offline, every staff area off the device', () => {
		expect(ROLES.filter((role) => ROLE_AREAS[role].keptOffline)).toEqual(['learner']);
	});

	it('lays out the officers’, administrators’ and class pages at a laptop’s width, the rest as on a phone', () => {
		expect(layoutOf('/admissions/programs/p1')).toBe('laptop');
		expect(layoutOf('/admin/organizations/o1')).toBe('laptop');
		// The instructor's class tables too, not the rest of the instructor's area.
		expect(layoutOf('/author/classes')).toBe('laptop');
		expect(layoutOf('/author/classes/c1')).toBe('laptop');
		expect(layoutOf('/author/classesx')).toBe('phone');
		for (const narrow of ['/', '/learn/screening', '/author/ratings', '/verify', '/login'])
			expect(layoutOf(narrow), narrow).toBe('phone');
	});
});
