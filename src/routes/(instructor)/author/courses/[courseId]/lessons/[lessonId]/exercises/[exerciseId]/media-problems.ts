import { m } from '$lib/paraglide/messages';

/** A refused recording or picture, in the interface language. */
export function mediaProblemText(
	problem: 'empty' | 'too_large' | 'wrong_type' | 'unknown_text',
	kind: 'audio' | 'image'
): string {
	switch (problem) {
		case 'empty':
			return kind === 'audio' ? m.media_error_empty() : m.author_image_no_file();
		case 'too_large':
			return kind === 'audio' ? m.media_error_too_large() : m.media_error_image_too_large();
		case 'wrong_type':
			return kind === 'audio' ? m.media_error_wrong_type() : m.media_error_image_type();
		case 'unknown_text':
			return m.media_error_unknown_text();
	}
}
