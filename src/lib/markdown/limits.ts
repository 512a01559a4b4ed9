/** The longest lesson note, in characters (a page or two of explanation); the checker enforces it. */
export const MARKDOWN_MAX_LENGTH = 6000;
