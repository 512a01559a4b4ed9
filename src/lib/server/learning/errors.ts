/** The learner is not enrolled in the course (or asks for what is not theirs): answered with 403. */
export class NotAllowed extends Error {
	constructor(what = 'not allowed') {
		super(what);
	}
}

/** The request does not fit the lesson (unknown exercise, malformed answer): answered with 400. */
export class BadSubmission extends Error {}
