import { m } from '$lib/paraglide/messages';

/** The text of a class form's error code (codes come from the classes service and the actions). */
export function classError(code: string | null | undefined): string | null {
	switch (code) {
		case 'class_name_required':
			return m.class_error_name_required();
		case 'class_name_too_long':
			return m.class_error_name_too_long();
		case 'organization_invalid':
			return m.class_error_organization();
		case 'course_unknown':
			return m.class_error_course();
		case 'username_required':
			return m.class_error_username_required();
		case 'csv_empty':
			return m.class_error_csv_empty();
		case 'csv_no_column':
			return m.class_error_csv_column();
		default:
			// A message the form's schema ($lib/validation) already translated, else no message.
			return code && !/^[a-z_]+$/.test(code) ? code : null;
	}
}
