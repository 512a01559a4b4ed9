import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A lesson id: `<course id>.<lesson id>`. Lesson ids are unique within their course file only, so the
 * database and the URLs scope them by course (learning/seed.ts, `scopedId`).
 */
export const match = ((param) => /^[^.]+\..+$/.test(param)) satisfies ParamMatcher;
