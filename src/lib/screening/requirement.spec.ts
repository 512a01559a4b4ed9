import { describe, expect, it } from 'vitest';
import { admissionCheck, attemptEligibility, checkRequirement, validUntil } from './requirement';

const requirement = { minOverallLevel: 3, skillMinimums: { listening: 3, writing: 2 } };

describe('checkRequirement', () => {
	it('passes when overall and every required skill reach their minimum', () => {
		expect(
			checkRequirement(
				{ overallLevel: 3, skillLevels: { listening: 3, writing: 2, reading: 1 } },
				requirement
			)
		).toEqual({ passed: true, shortfalls: [] });
	});
	it('names each shortfall', () => {
		const r = checkRequirement(
			{ overallLevel: 2, skillLevels: { listening: 4, writing: 1 } },
			requirement
		);
		expect(r.passed).toBe(false);
		expect(r.shortfalls).toEqual([
			{ area: 'overall', required: 3, achieved: 2 },
			{ area: 'writing', required: 2, achieved: 1 }
		]);
	});
	it('treats a required skill without a level as not met', () => {
		const r = checkRequirement({ overallLevel: 5, skillLevels: { listening: 5 } }, requirement);
		expect(r.shortfalls).toEqual([{ area: 'writing', required: 2, achieved: null }]);
	});
});

describe('validUntil', () => {
	it('adds calendar months, clamping to the end of shorter months', () => {
		expect(validUntil(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe(
			'2026-02-28T10:00:00.000Z'
		);
		expect(validUntil(new Date('2026-11-23T08:00:00Z'), 12).toISOString()).toBe(
			'2027-11-23T08:00:00.000Z'
		);
	});
});

describe('attemptEligibility', () => {
	const policy = {
		windowOpensAt: new Date('2026-11-01T00:00:00Z'),
		windowClosesAt: new Date('2026-12-31T00:00:00Z'),
		maxAttempts: 2,
		extraAttempts: 0,
		retakeCooldownDays: 14
	};
	const now = new Date('2026-11-23T00:00:00Z');
	const done = (day: string) => ({
		status: 'completed' as const,
		startedAt: new Date(`${day}T08:00:00Z`),
		finishedAt: new Date(`${day}T09:00:00Z`)
	});

	it('lets a first attempt start inside the window only', () => {
		expect(attemptEligibility([], policy, now)).toEqual({ ok: true, resume: false });
		expect(attemptEligibility([], policy, new Date('2026-10-30T00:00:00Z'))).toMatchObject({
			ok: false,
			reason: 'window_not_open'
		});
		expect(attemptEligibility([], policy, new Date('2026-12-31T00:00:00Z'))).toMatchObject({
			ok: false,
			reason: 'window_closed'
		});
	});
	it('resumes an attempt in progress whatever else holds', () => {
		const active = { status: 'in_progress' as const, startedAt: now, finishedAt: null };
		expect(attemptEligibility([done('2026-11-02'), active], policy, now)).toEqual({
			ok: true,
			resume: true
		});
	});
	it('enforces the cool-down and says until when', () => {
		const r = attemptEligibility([done('2026-11-20')], policy, now);
		expect(r).toEqual({ ok: false, reason: 'cooldown', until: new Date('2026-12-04T09:00:00Z') });
		expect(attemptEligibility([done('2026-11-05')], policy, now)).toEqual({
			ok: true,
			resume: false
		});
	});
	it('has nothing to offer a candidate already admitted or holding a valid pass', () => {
		expect(attemptEligibility([], { ...policy, admitted: true }, now)).toEqual({
			ok: false,
			reason: 'admitted'
		});
		const validUntil = new Date('2028-11-05T09:00:00Z');
		const passed = { ...done('2026-11-05'), passed: true, validUntil };
		expect(attemptEligibility([passed], policy, now)).toEqual({
			ok: false,
			reason: 'passed',
			until: validUntil
		});
		// A pass that has expired, or a fail, leaves the usual rules.
		const expired = { ...passed, validUntil: new Date('2026-11-20T00:00:00Z') };
		expect(attemptEligibility([expired], policy, now)).toEqual({ ok: true, resume: false });
		const failed = { ...done('2026-11-05'), passed: false, validUntil };
		expect(attemptEligibility([failed], policy, now)).toEqual({ ok: true, resume: false });
	});
	it('offers nothing, not even the open attempt, once the candidate or the program is withdrawn', () => {
		const active = { status: 'in_progress' as const, startedAt: now, finishedAt: null };
		expect(attemptEligibility([active], { ...policy, withdrawn: 'candidate' }, now)).toEqual({
			ok: false,
			reason: 'withdrawn'
		});
		expect(attemptEligibility([], { ...policy, withdrawn: 'program' }, now)).toEqual({
			ok: false,
			reason: 'program_withdrawn'
		});
		expect(attemptEligibility([], { ...policy, withdrawn: null }, now)).toEqual({
			ok: true,
			resume: false
		});
	});
	it('stops at the maximum unless an officer granted more', () => {
		const two = [done('2026-11-02'), done('2026-11-03')];
		expect(attemptEligibility(two, policy, now)).toEqual({ ok: false, reason: 'attempts_used' });
		expect(attemptEligibility(two, { ...policy, extraAttempts: 1 }, now)).toEqual({
			ok: true,
			resume: false
		});
	});
});

describe('admissionCheck', () => {
	const now = new Date('2026-11-23T00:00:00Z');
	const future = new Date('2027-11-23T00:00:00Z');
	it('admits a valid pass without a reason', () => {
		expect(admissionCheck({ passed: true, validUntil: future }, '', now)).toEqual({
			allowed: true,
			override: false
		});
	});
	it('needs a written reason for a fail, an expired pass or no result', () => {
		for (const result of [
			{ passed: false, validUntil: future },
			{ passed: true, validUntil: new Date('2026-01-01') },
			null
		]) {
			expect(admissionCheck(result, '', now)).toEqual({ allowed: false, override: true });
			expect(admissionCheck(result, 'Province request, tutoring planned', now)).toEqual({
				allowed: true,
				override: true
			});
		}
	});
});
