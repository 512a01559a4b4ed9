/**
 * An uploaded exchange file, whatever its format: a zip is a QTI content package, XML is a Moodle quiz
 * or a single QTI item (2.1 or 3.0), told apart by the root element, so instructors need not say which.
 */
import { fromMoodleXml } from './moodle';
import { fromQtiItemXml, fromQtiPackage, isZip } from './qti';
import type { ExchangeFormat, ImportOutcome } from './types';

export function readExchangeFile(bytes: Uint8Array): {
	format: ExchangeFormat;
	outcome: ImportOutcome;
} {
	if (isZip(bytes)) {
		const { version, ...outcome } = fromQtiPackage(bytes);
		return { format: version === '3.0' ? 'qti30' : 'qti21', outcome };
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return {
			format: 'moodle',
			outcome: { items: [], refused: [{ code: 'malformed', detail: 'not UTF-8' }], warnings: [] }
		};
	}
	// The first element after the prolog and comments names the format; reading is the parsers' job.
	const root = /<(?!\?|!)([A-Za-z_][\w.:-]*)/.exec(text.replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? '';
	const local = root.slice(root.indexOf(':') + 1);
	if (local === 'assessmentItem') return { format: 'qti21', outcome: fromQtiItemXml(text) };
	if (local === 'qti-assessment-item') return { format: 'qti30', outcome: fromQtiItemXml(text) };
	return { format: 'moodle', outcome: fromMoodleXml(text) };
}
