/// <reference types="vite-plugin-pwa/info" />
/// <reference types="vite-plugin-pwa/svelte" />
import type { Membership } from '$lib/server/auth/actor';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			memberships: Membership[];
			/** The request's id in the log and the `x-request-id` header (hooks.server.ts). */
			requestId: string;
		}
		interface Error {
			message: string;
			/** A learner refused a course (or its lesson) they may enrol in: the error page offers it. */
			enrolCourseId?: string;
		}
		interface PageData {
			/** The learner's current course (learner layout), where the Course tab leads; null: the list. */
			currentCourseId?: string | null;
		}
	}
}

export {};
