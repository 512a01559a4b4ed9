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
	timestamp
} from 'drizzle-orm/pg-core';
import type { Exercise, Gloss, VocabularyEntry } from '$lib/course/types';
import type { SkillCounts, SkillTally } from '$lib/course/progress';
import type { RecordingTextKind } from '$lib/course/recording-texts';
import { user } from './auth';
import { organization } from './organization';
import { recording } from './rating';

/** One text of a lesson to record: its recording key (`audioTextKey`) and what kind of text it is. */
export type LessonRecordingText = { key: string; kind: RecordingTextKind };

/**
 * A course's published content, what learners play. Seed courses come from
 * `content/courses/<id>/course.json` (`origin` 'seed': the seeder follows the file while nobody edits
 * the course); once an instructor edits it, or for a course written in the editor, `origin` is
 * 'authored' and only publishing from the editor changes it. `version` is the published version.
 */
export const course = pgTable('course', {
	id: text('id').primaryKey(),
	/**
	 * The organization whose instructors edit, publish and record it; null for a seed course nobody
	 * owns yet (the demo gives the seed courses to its school).
	 */
	organizationId: text('organization_id').references(() => organization.id, {
		onDelete: 'set null'
	}),
	origin: text('origin', { enum: ['seed', 'authored'] })
		.notNull()
		.default('seed'),
	version: integer('version').notNull(),
	contentHash: text('content_hash').notNull(),
	targetLanguage: text('target_language', { enum: ['vi', 'lo'] }).notNull(),
	interfaceLanguage: text('interface_language', { enum: ['vi', 'lo'] }).notNull(),
	title: jsonb('title').$type<Gloss>().notNull(),
	description: jsonb('description').$type<Gloss>().notNull(),
	levels: text('levels').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** `id` is `<course id>.<unit id in the file>`: file ids are unique within a course only. */
export const courseUnit = pgTable(
	'course_unit',
	{
		id: text('id').primaryKey(),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		/** The placement level (1–6) a learner should have before this unit. */
		level: smallint('level').notNull(),
		title: jsonb('title').$type<Gloss>().notNull(),
		/** What a learner can do after the unit, shown on the course map. */
		canDo: jsonb('can_do').$type<Gloss[]>().notNull().default([]),
		/** Taken out of the course by a later version: hidden, kept for learners' attempts and cards. */
		retiredAt: timestamp('retired_at', { withTimezone: true })
	},
	(t) => [index('course_unit_course_idx').on(t.courseId, t.position)]
);

/**
 * A lesson with its exercises (keys included: lessons are practice and must work offline). `id` is
 * `<course id>.<lesson id in the file>`, also used in URLs.
 */
export const lesson = pgTable(
	'lesson',
	{
		id: text('id').primaryKey(),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		unitId: text('unit_id')
			.notNull()
			.references(() => courseUnit.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: jsonb('title').$type<Gloss>().notNull(),
		goal: jsonb('goal').$type<Gloss>().notNull(),
		/** The lesson's notes, Markdown per interface language (`Lesson.notes`); null when it has none. */
		notes: jsonb('notes').$type<Gloss>(),
		vocabulary: jsonb('vocabulary').$type<VocabularyEntry[]>().notNull(),
		exercises: jsonb('exercises').$type<Exercise[]>().notNull(),
		/**
		 * Exercises per skill (`skillCounts` of `exercises`), written with them: the learner home and class
		 * progress add these up instead of reading every lesson's exercises on each load.
		 */
		skillCounts: jsonb('skill_counts').$type<SkillCounts>().notNull().default({}),
		/**
		 * The lesson's texts to record (`recordingTexts` of this lesson alone), by recording key and kind,
		 * written with the lesson: the recording queue's coverage counts them in SQL instead of reading
		 * every lesson's exercises. Null until computed (lessons stored before this column).
		 */
		recordingTexts: jsonb('recording_texts').$type<LessonRecordingText[]>(),
		/** Taken out of the course by a later version: hidden, kept for learners' attempts and cards. */
		retiredAt: timestamp('retired_at', { withTimezone: true })
	},
	(t) => [index('lesson_unit_idx').on(t.unitId, t.position)]
);

export const enrollment = pgTable(
	'enrollment',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId] })]
);

/**
 * One finished play-through of a lesson. The id is generated by the client, so a retried or
 * offline-synced submission inserts nothing twice.
 */
export const lessonAttempt = pgTable(
	'lesson_attempt',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		/** Exercises right at the first try, out of `total`. */
		correctFirstTry: integer('correct_first_try').notNull(),
		total: integer('total').notNull(),
		/** First-try results per skill. */
		skills: jsonb('skills').$type<SkillTally>().notNull(),
		/** Time spent answering, as the phone measured it (null for attempts from before it did). */
		activeSeconds: integer('active_seconds'),
		finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('lesson_attempt_user_idx').on(t.userId, t.courseId)]
);

/** Each answer of an attempt, retries of wrong exercises included (client-generated ids). */
export const lessonAnswer = pgTable(
	'lesson_answer',
	{
		id: text('id').primaryKey(),
		attemptId: text('attempt_id')
			.notNull()
			.references(() => lessonAttempt.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		exerciseId: text('exercise_id').notNull(),
		kind: text('kind').notNull(),
		skill: text('skill', { enum: ['listening', 'speaking', 'reading', 'writing'] }).notNull(),
		correct: boolean('correct').notNull(),
		verdict: text('verdict', { enum: ['correct', 'almost', 'wrong', 'skipped'] }).notNull(),
		response: jsonb('response'),
		/** A speak exercise's recording, stored with the attempt. */
		recordingId: text('recording_id').references(() => recording.id, { onDelete: 'set null' })
	},
	(t) => [index('lesson_answer_attempt_idx').on(t.attemptId)]
);

/**
 * A learner's spaced-repetition card for one vocabulary entry (FSRS state, ts-fsrs field names in
 * camelCase). Created when the learner finishes a lesson that teaches the entry.
 */
export const reviewCard = pgTable(
	'review_card',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		vocabularyId: text('vocabulary_id').notNull(),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		due: timestamp('due', { withTimezone: true }).notNull(),
		stability: doublePrecision('stability').notNull(),
		difficulty: doublePrecision('difficulty').notNull(),
		scheduledDays: integer('scheduled_days').notNull(),
		learningSteps: integer('learning_steps').notNull(),
		reps: integer('reps').notNull(),
		lapses: integer('lapses').notNull(),
		/** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
		state: smallint('state').notNull(),
		lastReview: timestamp('last_review', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.courseId, t.vocabularyId] }),
		index('review_card_due_idx').on(t.userId, t.due)
	]
);

/** Every review, with a client-generated id (a replayed review is not applied twice). */
export const reviewLog = pgTable(
	'review_log',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		vocabularyId: text('vocabulary_id').notNull(),
		/** 1 Again, 2 Hard, 3 Good, 4 Easy. */
		rating: smallint('rating').notNull(),
		mode: text('mode', { enum: ['recall', 'type'] }).notNull(),
		/** The state and due date before the review (ts-fsrs ReviewLog). */
		state: smallint('state').notNull(),
		due: timestamp('due', { withTimezone: true }).notNull(),
		stability: doublePrecision('stability').notNull(),
		difficulty: doublePrecision('difficulty').notNull(),
		scheduledDays: integer('scheduled_days').notNull(),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull()
	},
	(t) => [index('review_log_user_idx').on(t.userId, t.reviewedAt)]
);

/**
 * A learner's own settings: the daily goal in minutes (5, 10, 20), how pages are displayed and how
 * the language learned is typed.
 */
export const learnerSettings = pgTable('learner_settings', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	dailyGoalMinutes: smallint('daily_goal_minutes').notNull().default(10),
	/** 0 normal … 3 largest (`$lib/learning/display`). */
	textSize: smallint('text_size').notNull().default(0),
	highContrast: boolean('high_contrast').notNull().default(false),
	/** Typing Vietnamese: `telex`, `vni` or `off` (the phone's own keyboard; `$lib/learning/input-methods`). */
	vietnameseInput: text('vietnamese_input').notNull().default('telex'),
	/** Typing Lao: the on-screen Lao keyboard shown when an input opens. */
	laoKeyboard: boolean('lao_keyboard').notNull().default(true),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
