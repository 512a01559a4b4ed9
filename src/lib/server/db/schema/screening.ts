import { sql } from 'drizzle-orm';
import {
	boolean,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { organization } from './organization';
import { user } from './auth';
import { itemBank, testItem } from './placement';

export type SkillLevels = Partial<
	Record<'listening' | 'reading' | 'vocabulary_grammar' | 'writing' | 'speaking', number>
>;

/**
 * What a program's tests are for: `screening` decides admission (results are sealed with a
 * verification code); `exit` is a class's post-training evaluation on the same engine and bank
 * (`cohort.exit_program_id`): no admission, no certificate, hidden from admissions' pages.
 */
export const PROGRAM_PURPOSES = ['screening', 'exit'] as const;

/** A training program's intake and its Vietnamese-level requirement. */
export const program = pgTable(
	'program',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id),
		name: text('name').notNull(),
		intake: text('intake').notNull(),
		bankId: text('bank_id')
			.notNull()
			.references(() => itemBank.id),
		minOverallLevel: smallint('min_overall_level').notNull(),
		skillMinimums: jsonb('skill_minimums').$type<SkillLevels>().notNull().default({}),
		/** Sections rated by instructors: 'writing', 'speaking'. */
		ratedSections: jsonb('rated_sections')
			.$type<('writing' | 'speaking')[]>()
			.notNull()
			.default([]),
		/**
		 * Each rated answer needs two independent ratings by two different raters (and a third when
		 * they are more than one band apart): `$lib/rating/agreement` says how they make one result.
		 */
		twoRaters: boolean('two_raters').notNull().default(false),
		windowOpensAt: timestamp('window_opens_at', { withTimezone: true }).notNull(),
		windowClosesAt: timestamp('window_closes_at', { withTimezone: true }).notNull(),
		timeLimitMinutes: integer('time_limit_minutes').notNull(),
		maxAttempts: integer('max_attempts').notNull(),
		retakeCooldownDays: integer('retake_cooldown_days').notNull(),
		resultValidityMonths: integer('result_validity_months').notNull(),
		purpose: text('purpose', { enum: PROGRAM_PURPOSES }).notNull().default('screening'),
		/**
		 * Set when the officer withdrew the program: its window is closed, candidates are told, nothing
		 * is deleted (results, decisions and the audit log stay).
		 */
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		withdrawalReason: text('withdrawal_reason'),
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('program_org_idx').on(t.organizationId)]
);

/** A person invited to a program's screening; linked to an account once they register. */
export const candidate = pgTable(
	'candidate',
	{
		id: text('id').primaryKey(),
		programId: text('program_id')
			.notNull()
			.references(() => program.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		fullName: text('full_name').notNull(),
		position: text('position'),
		sendingOrganization: text('sending_organization'),
		dateOfBirth: text('date_of_birth'),
		phone: text('phone'),
		invitationCode: text('invitation_code').notNull().unique(),
		/** Extra attempts granted by an officer beyond the program's maximum (audited). */
		extraAttempts: integer('extra_attempts').notNull().default(0),
		/**
		 * Set when the officer withdrew a registered candidate: no more attempts, an open one closed,
		 * the candidate is told; their record stays (an unused invitation is deleted instead).
		 */
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		withdrawalReason: text('withdrawal_reason'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('candidate_program_idx').on(t.programId),
		uniqueIndex('candidate_program_user_unique').on(t.programId, t.userId)
	]
);

export const ATTEMPT_STATUSES = ['in_progress', 'awaiting_rating', 'completed', 'expired'] as const;

/** One sitting of the adaptive test. The engine's state is kept here between requests. */
export const attempt = pgTable(
	'attempt',
	{
		id: text('id').primaryKey(),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidate.id, { onDelete: 'cascade' }),
		status: text('status', { enum: ATTEMPT_STATUSES }).notNull(),
		/** CatState of $lib/placement, JSON. */
		catState: jsonb('cat_state').notNull(),
		/** The only item the candidate may answer now; answers to anything else are refused. */
		pendingItemId: text('pending_item_id').references(() => testItem.id),
		/** Increments with every accepted answer: two tabs submitting at once cannot both count. */
		revision: integer('revision').notNull().default(0),
		/**
		 * Secret of this attempt (122 random bits) from which the ids the candidate sees are derived
		 * (screening/item-ids.ts): an item's own id (`vi-3-lis-001`) would tell its level and skill.
		 */
		itemKey: text('item_key')
			.notNull()
			.default(sql`gen_random_uuid()::text`),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
		/** The server's clock decides: started + time limit. */
		deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
		/** What scored it, so results can be re-scored and audited. */
		bankVersion: text('bank_version').notNull(),
		engineConfig: jsonb('engine_config').notNull(),
		theta: doublePrecision('theta'),
		standardError: doublePrecision('standard_error'),
		overallLevel: smallint('overall_level'),
		skillLevels: jsonb('skill_levels').$type<SkillLevels>(),
		passed: boolean('passed'),
		verificationCode: text('verification_code').unique(),
		validUntil: timestamp('valid_until', { withTimezone: true })
	},
	(t) => [
		index('attempt_candidate_idx').on(t.candidateId),
		// One active attempt per candidate (and so per program).
		uniqueIndex('attempt_one_active_per_candidate')
			.on(t.candidateId)
			.where(sql`${t.status} = 'in_progress'`)
	]
);

/** Each answer of an attempt, in order. Rated answers wait for an instructor's scores. */
export const attemptAnswer = pgTable(
	'attempt_answer',
	{
		attemptId: text('attempt_id')
			.notNull()
			.references(() => attempt.id, { onDelete: 'cascade' }),
		itemId: text('item_id')
			.notNull()
			.references(() => testItem.id),
		sequence: integer('sequence').notNull(),
		response: jsonb('response').notNull(),
		correct: boolean('correct'),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull()
	},
	(t) => [uniqueIndex('attempt_answer_unique').on(t.attemptId, t.itemId)]
);

/**
 * How many times the server has served an item's recording in an attempt: the play limit is the
 * server's (a fresh browser must not reset it), one count per recording sent.
 */
export const itemPlay = pgTable(
	'item_play',
	{
		attemptId: text('attempt_id')
			.notNull()
			.references(() => attempt.id, { onDelete: 'cascade' }),
		itemId: text('item_id')
			.notNull()
			.references(() => testItem.id),
		plays: integer('plays').notNull(),
		lastPlayedAt: timestamp('last_played_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.itemId] })]
);

export const DECISIONS = ['admit', 'refuse', 'waitlist'] as const;

export const admissionDecision = pgTable(
	'admission_decision',
	{
		id: text('id').primaryKey(),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidate.id, { onDelete: 'cascade' }),
		decision: text('decision', { enum: DECISIONS }).notNull(),
		/** True when admitted without a valid passing result. */
		override: boolean('override').notNull().default(false),
		reason: text('reason'),
		decidedBy: text('decided_by')
			.notNull()
			.references(() => user.id),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull()
	},
	(t) => [index('admission_decision_candidate_idx').on(t.candidateId)]
);

/**
 * Who did what, when and why, and what it was before and after: see `$lib/server/audit/log.ts`, its
 * one writer. Append-only.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: text('id').primaryKey(),
		/** Null for what belongs to no organization (the shared seed banks). */
		organizationId: text('organization_id').references(() => organization.id),
		actorId: text('actor_id').references(() => user.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subjectType: text('subject_type').notNull(),
		subjectId: text('subject_id').notNull(),
		reason: text('reason'),
		details: jsonb('details'),
		before: jsonb('before'),
		after: jsonb('after'),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [index('audit_log_org_idx').on(t.organizationId, t.at)]
);

export const COMPLETION_OUTCOMES = ['completed', 'not_completed'] as const;
export const VIETNAMESE_USE = ['daily', 'weekly', 'rarely', 'never'] as const;

/**
 * After the course: whether an admitted candidate completed it, and follow-ups on how the graduate
 * is used (position held, use of Vietnamese at work), so partner provinces can evaluate the intake.
 */
export const graduateRecord = pgTable('graduate_record', {
	candidateId: text('candidate_id')
		.primaryKey()
		.references(() => candidate.id, { onDelete: 'cascade' }),
	outcome: text('outcome', { enum: COMPLETION_OUTCOMES }).notNull(),
	completedOn: text('completed_on'),
	notes: text('notes'),
	recordedBy: text('recorded_by').references(() => user.id, { onDelete: 'set null' }),
	recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull()
});

export const graduateFollowUp = pgTable(
	'graduate_follow_up',
	{
		id: text('id').primaryKey(),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidate.id, { onDelete: 'cascade' }),
		/** The date the information is about (ISO yyyy-mm-dd). */
		observedOn: text('observed_on').notNull(),
		positionHeld: text('position_held').notNull(),
		vietnameseUse: text('vietnamese_use', { enum: VIETNAMESE_USE }).notNull(),
		notes: text('notes'),
		recordedBy: text('recorded_by').references(() => user.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull()
	},
	(t) => [index('graduate_follow_up_candidate_idx').on(t.candidateId)]
);
