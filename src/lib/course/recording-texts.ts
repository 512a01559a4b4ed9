/**
 * What a course's speakers record: every target-language text a learner hears or could hear — a
 * vocabulary term, a choice exercise's target prompt, a listening exercise's audio, a speak exercise's
 * model sentence — once each, in the order the course teaches them. Pure: the recording queue and the
 * audio coverage read it.
 */
import type { Exercise, Gloss, VocabularyEntry } from './types';

export type RecordingTextKind = 'vocabulary' | 'prompt' | 'listening' | 'model';

export type RecordingText = {
	/** NFC, trimmed: what is recorded and what the lesson player looks its recording up by. */
	text: string;
	kind: RecordingTextKind;
	/** The first lesson that uses it. */
	lessonId: string;
	romanization?: string;
	/** What it means, for the speaker (a vocabulary entry's or a model sentence's meaning). */
	meaning?: Gloss;
};

export type LessonTexts = { id: string; vocabulary: VocabularyEntry[]; exercises: Exercise[] };

/** The text a recording is stored under: NFC, without surrounding spaces. */
export function recordingText(text: string): string {
	return text.normalize('NFC').trim();
}

function exerciseTexts(ex: Exercise): Omit<RecordingText, 'lessonId'>[] {
	switch (ex.kind) {
		case 'choice':
			return ex.prompt ? [{ text: ex.prompt, kind: 'prompt' }] : [];
		case 'listen_choose':
		case 'listen_type':
			return [{ text: ex.audio, kind: 'listening' }];
		case 'speak':
			return [
				{ text: ex.text, kind: 'model', meaning: ex.meaning },
				...(ex.audio ? [{ text: ex.audio, kind: 'model' as const, meaning: ex.meaning }] : [])
			];
		default:
			return [];
	}
}

/** The course's texts to record, in lesson order (vocabulary before exercises), each once. */
export function recordingTexts(lessons: readonly LessonTexts[]): RecordingText[] {
	const seen = new Set<string>();
	const texts: RecordingText[] = [];
	const add = (lessonId: string, item: Omit<RecordingText, 'lessonId'>) => {
		const text = recordingText(item.text);
		if (!text || seen.has(text)) return;
		seen.add(text);
		texts.push({ ...item, text, lessonId });
	};
	for (const lesson of lessons) {
		for (const entry of lesson.vocabulary)
			add(lesson.id, {
				text: entry.term,
				kind: 'vocabulary',
				romanization: entry.romanization,
				meaning: entry.meaning
			});
		for (const ex of lesson.exercises) for (const item of exerciseTexts(ex)) add(lesson.id, item);
	}
	return texts;
}
