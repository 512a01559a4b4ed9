import { beforeAll, expect, it } from 'vitest';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	attempt,
	auditLog,
	candidate,
	cohort,
	admissionDecision,
	lessonAttempt,
	program,
	ratingRequest,
	reviewLog,
	user
} from '$lib/server/db/schema';
import { DEFAULT_LEVEL_CUTS } from '$lib/placement';
import { seedItemBanks } from '$lib/server/placement/banks';
import { seedCourses } from '$lib/server/learning/seed';
import { rolesOf } from '$lib/server/accounts/service';
import { findUserByUsername } from '$lib/server/accounts/repository';
import { candidatesWithResults } from '$lib/server/admissions/candidates';
import { classProgress } from '$lib/server/classes/service';
import { dailyGoalState, learnerStats, placementResults } from '$lib/server/learning/study';
import { learnerHome } from '$lib/server/learning/home';
import { settingsOf } from '$lib/server/learning/settings';
import { ratingQueue } from '$lib/server/rating/service';
import { seedDemo } from '$lib/server/seed/demo';
import {
	CLASS_LEARNERS,
	CURRENT_CANDIDATES,
	DEMO_CLASS_NAME,
	DEMO_INTAKES,
	HISTORY_LEARNER,
	OVERRIDE_REASON
} from '$lib/server/seed/demo-people';
import { withTestDatabase } from '../factories/databases';

const DAY = 86_400_000;

withTestDatabase('the demo at work', (database) => {
	let db: DB;
	const now = new Date();

	async function actor(username: string) {
		const u = (await findUserByUsername(db, username))!;
		return { id: u.id, isPlatformAdmin: false, memberships: await rolesOf(db, u.id) };
	}
	async function programOf(intake: string) {
		const [row] = await db.select().from(program).where(eq(program.intake, intake));
		return row;
	}

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		await seedCourses(db);
		const started = performance.now();
		expect(await seedDemo(db, { now })).toBe(true);
		console.log(`seedDemo: ${Math.round(performance.now() - started)} ms`);
	}, 120_000);

	it('seeds once: a second start finds the demo and adds nothing', async () => {
		const counts = async () => ({
			users: (await db.select({ id: user.id }).from(user)).length,
			attempts: (await db.select({ id: attempt.id }).from(attempt)).length,
			lessons: (await db.select({ id: lessonAttempt.id }).from(lessonAttempt)).length,
			audit: (await db.select({ id: auditLog.id }).from(auditLog)).length
		});
		const before = await counts();
		expect(await seedDemo(db)).toBe(false);
		expect(await counts()).toEqual(before);
	});

	it('has this intake’s candidates at every stage, as the officer’s list shows them', async () => {
		const officer = await actor('officer');
		const current = await programOf(DEMO_INTAKES.current);
		expect(current.windowOpensAt.getTime()).toBeLessThan(now.getTime());
		expect(current.windowClosesAt.getTime()).toBeGreaterThan(now.getTime());
		const listed = await candidatesWithResults(db, officer, current.id, now);
		expect(listed).toHaveLength(CURRENT_CANDIDATES.length);
		const byName = new Map(listed.map((c) => [c.fullName, c]));
		const cut = DEFAULT_LEVEL_CUTS[current.minOverallLevel - 2];
		for (const planned of CURRENT_CANDIDATES) {
			const shown = byName.get(planned.name)!;
			expect(shown.fullName.normalize('NFC')).toBe(shown.fullName);
			const expected = {
				invited: 'invited',
				testing: 'testing',
				awaiting_rating: 'awaiting_rating',
				passed: 'passed',
				failed: 'failed',
				refused: 'failed',
				admitted: 'passed',
				overridden: 'failed'
			}[planned.stage];
			expect(shown.status, planned.name).toBe(expected);
			if (expected === 'passed') {
				// A pass is the engine's: θ at or above the program's cut, and the rated writing at its minimum.
				expect(shown.latest!.theta!).toBeGreaterThanOrEqual(cut);
				expect(shown.latest!.standardError!).toBeGreaterThan(0);
				expect(shown.latest!.skillLevels!.writing!).toBeGreaterThanOrEqual(3);
				expect(shown.latest!.verificationCode).toMatch(/\w/);
			}
			if (expected === 'failed') expect(shown.latest!.passed).toBe(false);
		}
		const decided = await db
			.select({ name: candidate.fullName, decision: admissionDecision })
			.from(admissionDecision)
			.innerJoin(candidate, eq(admissionDecision.candidateId, candidate.id))
			.where(eq(candidate.programId, current.id));
		const decisionOf = (name: string) => decided.find((d) => d.name === name)?.decision;
		for (const planned of CURRENT_CANDIDATES) {
			const made = decisionOf(planned.name);
			if (planned.stage === 'admitted')
				expect(made).toMatchObject({ decision: 'admit', override: false });
			else if (planned.stage === 'overridden')
				expect(made).toMatchObject({ decision: 'admit', override: true, reason: OVERRIDE_REASON });
			else if (planned.stage === 'refused') expect(made?.decision).toBe('refuse');
			else expect(made).toBeUndefined();
		}
	});

	it('records every officer’s and rater’s step in the audit log, overrides with their reason', async () => {
		const current = await programOf(DEMO_INTAKES.current);
		const overridden = CURRENT_CANDIDATES.find((c) => c.stage === 'overridden')!;
		const [person] = await db
			.select()
			.from(candidate)
			.where(and(eq(candidate.programId, current.id), eq(candidate.fullName, overridden.name)));
		const entries = await db.select().from(auditLog).where(eq(auditLog.subjectId, person.id));
		expect(entries).toEqual([
			expect.objectContaining({ action: 'admit_override', reason: OVERRIDE_REASON })
		]);
		const invited = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, current.id), eq(auditLog.action, 'candidates_invited')));
		expect(invited).toHaveLength(1);
		expect(invited[0].after).toMatchObject({ count: CURRENT_CANDIDATES.length });
		const ratings = await db.select().from(auditLog).where(eq(auditLog.action, 'rating_saved'));
		const rated = await db.select().from(ratingRequest).where(eq(ratingRequest.status, 'rated'));
		expect(ratings).toHaveLength(rated.length);
		expect(rated.length).toBeGreaterThan(0);
	});

	it('puts the writing of candidates awaiting rating in the instructor’s queue, blind', async () => {
		const queue = await ratingQueue(db, await actor('instructor'));
		const awaiting = CURRENT_CANDIDATES.filter((c) => c.stage === 'awaiting_rating').length;
		expect(queue).toHaveLength(awaiting);
		for (const entry of queue) {
			expect(entry.skill).toBe('writing');
			expect(entry.origin).toContain(DEMO_INTAKES.current);
		}
	});

	it('gives the instructor a class of last intake’s admitted candidates whose progress adds up', async () => {
		const instructor = await actor('instructor');
		const [cls] = await db.select().from(cohort).where(eq(cohort.name, DEMO_CLASS_NAME));
		const progress = await classProgress(db, instructor, cls.id, now);
		expect(progress.learners).toHaveLength(CLASS_LEARNERS.length);
		const ids = progress.learners.map((l) => l.userId);
		const done = await db
			.selectDistinct({ userId: lessonAttempt.userId, lessonId: lessonAttempt.lessonId })
			.from(lessonAttempt)
			.where(inArray(lessonAttempt.userId, ids));
		for (const learner of progress.learners) {
			const mine = done.filter((d) => d.userId === learner.userId).length;
			expect(learner.lessonsDone).toBe(mine);
			expect(mine).toBeGreaterThan(0);
		}
		// Varied: not everyone has done the same, and someone has not been seen for a week or more.
		expect(new Set(progress.learners.map((l) => l.lessonsDone)).size).toBeGreaterThan(3);
		const lastSeen = progress.learners.map((l) => l.lastActivity!.getTime());
		expect(Math.min(...lastSeen)).toBeLessThan(now.getTime() - 7 * DAY);
		expect(Math.max(...lastSeen)).toBeGreaterThan(now.getTime() - DAY);
		// Entry levels are the screening results that admitted them.
		const past = await programOf(DEMO_INTAKES.past);
		const admitted = await db
			.select({ userId: candidate.userId })
			.from(candidate)
			.innerJoin(admissionDecision, eq(admissionDecision.candidateId, candidate.id))
			.where(and(eq(candidate.programId, past.id), isNotNull(candidate.userId)));
		expect(admitted.map((a) => a.userId).sort()).toEqual([...ids].sort());
	});

	it('gives the history learner weeks of lessons and reviews, a streak, a goal and a placement', async () => {
		const learner = (await findUserByUsername(db, HISTORY_LEARNER))!;
		const settings = await settingsOf(db, learner.id);
		expect(settings).toMatchObject({ chosen: true, dailyGoal: 5 });
		const goal = await dailyGoalState(db, learner.id, settings.dailyGoal, now);
		expect(goal.days).toBeGreaterThanOrEqual(7);
		const stats = await learnerStats(db, learner.id, now);
		expect(stats.wordsKnown).toBeGreaterThan(0);
		expect(stats.reviewAccuracy).toBeGreaterThan(50);
		expect(stats.minutesStudied).toBeGreaterThan(60);
		// Progress grows over the eight weeks of the chart.
		const points = stats.series.map((s) => s.points.map((p) => p.value));
		const total = (week: number) => points.reduce((sum, p) => sum + p[week], 0);
		expect(total(7)).toBeGreaterThan(total(3));
		expect(total(3)).toBeGreaterThan(0);
		expect(await placementResults(db, learner.id)).toHaveLength(1);
		const reviews = await db.select().from(reviewLog).where(eq(reviewLog.userId, learner.id));
		expect(reviews.length).toBeGreaterThan(50);
		const home = await learnerHome(db, learner.id, now);
		expect(home.courses[0].lessonsDone).toBeGreaterThan(15);
		expect(home.courses[0].continueLessonId).not.toBeNull();
	});
});
