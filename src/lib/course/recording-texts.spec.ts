import { describe, expect, it } from 'vitest';
import { recordingTexts, type LessonTexts } from './recording-texts';

const lessons: LessonTexts[] = [
	{
		id: 'lo.u1-l1',
		vocabulary: [
			{ id: 'v1', term: 'ສະບາຍດີ', romanization: 'sabaidi', meaning: { vi: 'xin chào' } },
			{ id: 'v2', term: ' ຂອບໃຈ ', meaning: { vi: 'cảm ơn' } }
		],
		exercises: [
			{
				kind: 'choice',
				id: 'e1',
				skill: 'reading',
				prompt: 'ສະບາຍດີ',
				options: [{ text: 'a' }, { text: 'b' }],
				answer: 0
			},
			{ kind: 'speak', id: 'e2', skill: 'speaking', text: 'ສະບາຍດີ ທ່ານ', meaning: { vi: 'chào' } },
			{ kind: 'listen_type', id: 'e3', skill: 'listening', audio: 'ຂອບໃຈ', answers: ['ຂອບໃຈ'] },
			{
				kind: 'choice',
				id: 'e4',
				skill: 'reading',
				promptGloss: { vi: 'chọn' },
				options: [{ text: 'a' }, { text: 'b' }],
				answer: 0
			}
		]
	},
	{
		id: 'lo.u1-l2',
		vocabulary: [],
		exercises: [
			{ kind: 'listen_type', id: 'e5', skill: 'listening', audio: 'ໄປໃສ', answers: ['ໄປໃສ'] }
		]
	}
];

describe('recordingTexts', () => {
	it('lists vocabulary, prompts, model sentences and listening audio once each, in course order', () => {
		expect(recordingTexts(lessons).map((t) => [t.text, t.kind, t.lessonId])).toEqual([
			['ສະບາຍດີ', 'vocabulary', 'lo.u1-l1'],
			['ຂອບໃຈ', 'vocabulary', 'lo.u1-l1'],
			['ສະບາຍດີ ທ່ານ', 'model', 'lo.u1-l1'],
			['ໄປໃສ', 'listening', 'lo.u1-l2']
		]);
	});

	it('keeps what the speaker needs to read: romanization and meaning', () => {
		const [first, , model] = recordingTexts(lessons);
		expect(first).toMatchObject({ romanization: 'sabaidi', meaning: { vi: 'xin chào' } });
		expect(model.meaning).toEqual({ vi: 'chào' });
	});

	it('stores texts in NFC: a decomposed spelling is the same text', () => {
		const decomposed = 'Việt'.normalize('NFD');
		const texts = recordingTexts([
			{
				id: 'l',
				vocabulary: [
					{ id: 'a', term: decomposed, meaning: { lo: 'ຫວຽດ' } },
					{ id: 'b', term: 'Việt', meaning: { lo: 'ຫວຽດ' } }
				],
				exercises: []
			}
		]);
		expect(texts.map((t) => t.text)).toEqual(['Việt']);
	});
});
