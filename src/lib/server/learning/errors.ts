import { BadRequest, Forbidden } from '$lib/server/auth/actor';

/**
 * The learner asks for what is not theirs: a lesson of a course they are not enrolled in, another
 * person's card, recording or attempt id. A Forbidden, so pages answer it like any refusal.
 */
export class NotAllowed extends Forbidden {}

/** The request does not fit the lesson (unknown exercise, malformed answer): 400. */
export class BadSubmission extends BadRequest {}
