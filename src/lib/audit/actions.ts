/**
 * Every kind of change the audit log records (issue 9: "audit every change that matters"). One list,
 * so the log's labels (`$lib/components/admissions/labels.ts`) cannot forget one.
 */
export const AUDIT_ACTIONS = [
	// Admissions: decisions, retakes, graduates, invitations.
	'admit',
	'refuse',
	'waitlist',
	'admit_override',
	'grant_retake',
	'graduate_completion',
	'graduate_follow_up',
	'candidates_invited',
	'candidate_edited',
	'invitation_withdrawn',
	'candidate_withdrawn',
	'program_edited',
	'program_withdrawn',
	// Rating of written and spoken answers.
	'rating_saved',
	'rating_reopened',
	// Accounts: roles, disabling, the organizations' invitation codes.
	'role_granted',
	'role_revoked',
	'account_disabled',
	'account_enabled',
	'code_created',
	'code_revoked',
	// Item banks: content loaded from the files, calibrated parameters stored.
	'bank_updated',
	'bank_calibrated',
	// Classes: the post-training exit test opened (or extended) and closed.
	'exit_test_opened',
	'exit_test_closed',
	// Item exchange: a Moodle XML / QTI file imported as draft items.
	'items_imported',
	// Courses in the editor: their history page reads these.
	'course.create',
	'course.import',
	'course.start_editing',
	'course.head',
	'course.unit',
	'course.lesson',
	'course.vocabulary',
	'course.exercise',
	'course.publish',
	'course.restore',
	// Test items in the item editor: their page's history reads these.
	'item.create',
	'item.edit',
	'item.transition',
	'item.calibration',
	'item.copy',
	'item.collection',
	'item.share'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A course editor's change: shown on the course's history page, not in the admissions log. */
export type CourseAuditAction = Extract<AuditAction, `course.${string}`>;

/** A change to a test item or a collection of items: shown on the item's page. */
export type ItemAuditAction = Extract<AuditAction, `item.${string}`>;

/** What an entry is about. */
export const AUDIT_SUBJECTS = [
	'candidate',
	'program',
	'account',
	'invitation_code',
	'rating_request',
	'item_bank',
	'course',
	'class',
	'test_item',
	'item_collection'
] as const;

export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];
