import { registerCandidateCodes } from './admissions/candidates';
import { registerScreeningRatings } from './screening/lifecycle';
import { registerLessonRatings } from './learning/lesson-ratings';
import { registerClassHooks } from './classes/service';

/**
 * Connects the callbacks between domains, once at start-up (hooks.server.ts) and in the integration
 * tests' database fixture. A domain that must call a higher one back defines a hook and the higher
 * one registers with it, so imports only go one way: rating completes a screening attempt without
 * importing screening, registration redeems a candidate's code without importing admissions, and a
 * learner's lesson recordings go to their class's instructors without learning importing classes.
 */
export function connectDomains(): void {
	registerScreeningRatings();
	registerCandidateCodes();
	registerLessonRatings();
	registerClassHooks();
}
