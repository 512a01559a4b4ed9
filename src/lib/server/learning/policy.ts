import { and, eq, type Column, type SQL } from 'drizzle-orm';
import { enrollment, recording } from '$lib/server/db/schema';

/**
 * Who may read what of the courses. Lessons (with their keys: they are practice) are read only by
 * learners enrolled in the course; a voice recording only by the person who made it (raters read
 * lesson recordings through the rating queue, which checks its own policy).
 */
export function canReadLessons(enrolled: boolean): boolean {
	return enrolled;
}

export function canReadRecording(actorId: string, ownerId: string): boolean {
	return actorId === ownerId;
}

/** The query filter matching `canReadLessons`: the user's enrollment in the course. */
export function enrolledIn(userId: string, courseId: string | Column): SQL {
	return and(eq(enrollment.userId, userId), eq(enrollment.courseId, courseId))!;
}

/** The query filter matching `canReadRecording`. */
export function ownRecording(actorId: string): SQL {
	return eq(recording.ownerId, actorId);
}
