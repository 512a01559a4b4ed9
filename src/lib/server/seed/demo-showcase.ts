import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { ratingRequest } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/auth/actor';
import { registerAccount, rolesOf } from '$lib/server/accounts/service';
import { createProgram, type ProgramInput } from '$lib/server/admissions/programs';
import { inviteCandidates } from '$lib/server/admissions/candidates';
import { decide } from '$lib/server/admissions/decisions';
import { assignCourse, createClass, enrolAdmitted } from '$lib/server/classes/service';
import { saveSettings } from '$lib/server/learning/settings';
import { rate } from '$lib/server/rating/service';
import { attemptById, candidateOfUser, type AttemptRow } from '$lib/server/screening/context';
import { dice, type Dice } from './demo-random';
import {
	CLASS_LEARNERS,
	CURRENT_CANDIDATES,
	DEMO_CLASS_NAME,
	DEMO_COURSE,
	DEMO_INTAKES,
	DEMO_PROGRAM_NAME,
	HISTORY_LEARNER,
	OVERRIDE_REASON,
	REFUSAL_REASON,
	type CandidateStage,
	type ClassLearner
} from './demo-people';
import { answerAdaptivePart, BankKeys, submitDemoWriting } from './demo-screening';
import { LessonCache, lessonQueue, studySitting } from './demo-learning';

/**
 * The demo at work, so that a new officer, instructor or learner meets real-looking pages: last
 * intake's screening (khoá 6), whose admitted candidates became the instructor's class and have
 * studied since, and this intake's screening (khoá 7) with a candidate at every stage. Everything
 * goes through the domains' own services (tests through the engine, ratings through the rating
 * service, decisions through admissions, with their audit entries), at times counted back from
 * `now`, so the demo looks current whenever it is first started.
 */

const SCHOOL = 'org-thanh-hoa-political-school';
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Fixed, so every first start rolls the same dice. */
const DICE_SEED = 0x6d17;

const POSITIONS = ['Chuyên viên', 'Phó trưởng phòng', 'Cán bộ', 'Trưởng phòng'];
const SENDERS = ['Ban Tổ chức tỉnh Hủa Phăn', 'Sở Giáo dục và Thể thao tỉnh U Đôm Xay'];

export async function seedShowcase(
	db: DB,
	staff: { officerId: string; instructorId: string },
	password: string,
	now: Date
): Promise<void> {
	const officer = await actorOf(db, staff.officerId);
	const instructor = await actorOf(db, staff.instructorId);
	const roll = dice(DICE_SEED);
	const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
	const screening = { officer, instructor, roll, password, items: new BankKeys() };

	// Last intake: screened nine weeks ago, all admitted (one on an override), now a class.
	const past = await programOf(db, officer, DEMO_INTAKES.past, ago(70), ago(50));
	const pastResults = await screenCandidates(
		db,
		screening,
		past,
		CLASS_LEARNERS.map((l, i) => ({
			name: l.name,
			username: l.username,
			ability: l.ability,
			stage: l.ability < 0 ? 'overridden' : 'admitted',
			invitedAt: ago(72),
			testAt: ago(66 - i, 2),
			ratedAt: ago(60 - i / 2),
			decidedAt: ago(55)
		}))
	);
	const created = await createClass(
		db,
		instructor,
		{ organizationId: SCHOOL, name: DEMO_CLASS_NAME },
		ago(46)
	);
	if (!created.ok) throw new Error('demo class refused');
	const assigned = await assignCourse(db, instructor, created.id, DEMO_COURSE, ago(46));
	if (!assigned.ok) throw new Error('demo course refused');
	await enrolAdmitted(db, instructor, created.id, past, ago(45));
	const lessons = new LessonCache();
	for (const [i, learner] of CLASS_LEARNERS.entries())
		await study(db, pastResults[i].userId, learner, lessons, roll, now);

	// This intake: a candidate at every stage.
	const current = await programOf(db, officer, DEMO_INTAKES.current, ago(10), ago(-18));
	await screenCandidates(
		db,
		screening,
		current,
		CURRENT_CANDIDATES.map((c, i) => ({
			...c,
			username: `khoa7.${String(i + 1).padStart(2, '0')}`,
			invitedAt: ago(11),
			testAt:
				c.stage === 'testing'
					? ago(0, 0.4)
					: c.stage === 'awaiting_rating'
						? ago(2 - i / 4, 3)
						: ago(9 - i / 2, 3),
			ratedAt: ago(4 - i / 4),
			decidedAt: ago(1, 2)
		}))
	);
}

async function actorOf(db: DB, id: string): Promise<Actor> {
	return { id, isPlatformAdmin: false, memberships: await rolesOf(db, id) };
}

async function programOf(db: DB, officer: Actor, intake: string, opens: Date, closes: Date) {
	const input: ProgramInput = {
		organizationId: SCHOOL,
		name: DEMO_PROGRAM_NAME,
		intake,
		bankId: 'vi-placement',
		// Level 4 overall (θ ≥ 0) and a rated piece of writing at level 3 or better.
		minOverallLevel: 4,
		skillMinimums: { writing: 3 },
		ratedSections: ['writing'],
		windowOpensAt: opens,
		windowClosesAt: closes,
		timeLimitMinutes: 90,
		maxAttempts: 2,
		retakeCooldownDays: 14,
		resultValidityMonths: 24
	};
	const created = await createProgram(db, officer, input);
	if (!created.ok) throw new Error(`demo program refused: ${JSON.stringify(created.errors)}`);
	return created.id;
}

type Screened = {
	name: string;
	username: string;
	stage: CandidateStage;
	ability: number;
	invitedAt: Date;
	testAt: Date;
	ratedAt: Date;
	decidedAt: Date;
};

/**
 * Invites the candidates (one list, as an officer's CSV), then takes each as far as their stage:
 * registered with their personal code, tested, written, rated by the instructor, decided by the officer.
 */
async function screenCandidates(
	db: DB,
	{
		officer,
		instructor,
		roll,
		password,
		items
	}: { officer: Actor; instructor: Actor; roll: Dice; password: string; items: BankKeys },
	programId: string,
	people: Screened[]
): Promise<{ userId: string | null; attempt: AttemptRow | null }[]> {
	const invited = await inviteCandidates(
		db,
		officer,
		programId,
		people.map((p, i) => ({
			fullName: p.name,
			position: POSITIONS[i % POSITIONS.length],
			sendingOrganization: SENDERS[i % 3 === 2 ? 1 : 0],
			dateOfBirth: `19${78 + ((i * 7) % 19)}-0${1 + (i % 9)}-${10 + ((i * 5) % 18)}`,
			phone: `+856 20 ${5500 + i * 37} ${1000 + i * 211}`
		})),
		people[0].invitedAt
	);
	const results = [];
	for (const [i, person] of people.entries()) {
		if (person.stage === 'invited') {
			results.push({ userId: null, attempt: null });
			continue;
		}
		const registered = await registerAccount(
			db,
			{
				username: person.username,
				displayName: person.name,
				password,
				invitationCode: invited[i].invitationCode,
				locale: 'lo'
			},
			new Date(person.invitedAt.getTime() + (i + 2) * HOUR)
		);
		if (!registered.ok)
			throw new Error(`demo registration refused: ${JSON.stringify(registered.errors)}`);
		const ctx = (await candidateOfUser(db, registered.userId, invited[i].id))!;
		const testing = person.stage === 'testing';
		const answered = await answerAdaptivePart(
			db,
			items,
			ctx,
			person.ability,
			roll,
			person.testAt,
			testing ? 6 : Infinity
		);
		let row = answered.row;
		if (!testing && row.status === 'in_progress') {
			await submitDemoWriting(db, ctx, row, answered.at);
			if (person.stage !== 'awaiting_rating')
				row = await rateWriting(db, instructor, row, person, roll);
		}
		await decideAbout(db, officer, invited[i].id, person, row);
		results.push({ userId: registered.userId, attempt: row });
	}
	return results;
}

/** The instructor rates the writing with the task's rubric: stronger writers score higher. */
async function rateWriting(
	db: DB,
	instructor: Actor,
	row: AttemptRow,
	person: Screened,
	roll: Dice
) {
	const requests = await db
		.select({ id: ratingRequest.id })
		.from(ratingRequest)
		.where(and(eq(ratingRequest.source, 'screening'), eq(ratingRequest.sourceId, row.id)));
	const top = person.ability >= 1 ? 3 : person.ability >= 0 ? 2 : 1;
	for (const request of requests) {
		// The rubric's three criteria, 0–3 each: a point less here and there.
		const scores = Object.fromEntries(
			[0, 1, 2].map((c) => [String(c), Math.max(1, top - (roll.chance(0.3) ? 1 : 0))])
		);
		const rated = await rate(
			db,
			instructor,
			request.id,
			{
				criterionScores: scores,
				comment:
					person.ability >= 1
						? 'Bố cục rõ, dùng từ phù hợp.'
						: 'Đủ ý, nhưng câu còn đơn giản, vốn từ còn hạn chế.'
			},
			person.ratedAt
		);
		if (!rated.ok) throw new Error(`demo rating refused: ${rated.error}`);
	}
	return attemptById(db, row.id);
}

/**
 * The officer's decision for the stage. A candidate meant to be admitted whom the engine did not
 * pass (its item choice is random, see answerAdaptivePart) is admitted on the override instead.
 */
async function decideAbout(
	db: DB,
	officer: Actor,
	candidateId: string,
	person: Screened,
	attempt: AttemptRow
) {
	const decision =
		person.stage === 'admitted' && attempt.passed
			? { decision: 'admit', reason: '' }
			: person.stage === 'admitted' || person.stage === 'overridden'
				? { decision: 'admit', reason: OVERRIDE_REASON, override: true }
				: person.stage === 'refused'
					? { decision: 'refuse', reason: REFUSAL_REASON }
					: null;
	if (!decision) return;
	const decided = await decide(db, officer, { candidateId, ...decision }, person.decidedAt);
	if (!decided.ok) throw new Error(`demo decision refused: ${decided.error}`);
}

/**
 * The learner's weeks in the class: a daily goal, then on the days they sat down (more often
 * lately for the keen ones, every day of the last fortnight for the history learner), the due
 * reviews and a lesson or two, in the evening in Indochina Time.
 */
async function study(
	db: DB,
	userId: string | null,
	learner: ClassLearner,
	lessons: LessonCache,
	roll: Dice,
	now: Date
) {
	if (!userId) throw new Error('demo class learner without an account');
	await saveSettings(db, userId, { dailyGoal: learner.goal }, new Date(now.getTime() - 43 * DAY));
	const queue = await lessonQueue(db, userId, DEMO_COURSE);
	const keen = learner.username === HISTORY_LEARNER;
	for (let daysAgo = 42; daysAgo >= learner.lastSeenDaysAgo; daysAgo--) {
		const sits =
			daysAgo === learner.lastSeenDaysAgo ||
			(keen && daysAgo <= 14) ||
			roll.chance(learner.diligence);
		if (!sits) continue;
		await studySitting(
			db,
			userId,
			lessons,
			queue,
			learner.habit,
			roll,
			eveningOf(now, daysAgo, roll)
		);
	}
}

/** Between 19:00 and 21:00 in Indochina Time (UTC+7) `daysAgo` days before `now`; today: an hour ago at most. */
function eveningOf(now: Date, daysAgo: number, roll: Dice): Date {
	const ict = new Date(now.getTime() + 7 * HOUR - daysAgo * DAY);
	const evening = new Date(
		Date.UTC(ict.getUTCFullYear(), ict.getUTCMonth(), ict.getUTCDate(), 12, roll.between(0, 120))
	);
	const latest = now.getTime() - HOUR;
	return evening.getTime() > latest ? new Date(latest - roll.between(0, 30) * 60_000) : evening;
}
