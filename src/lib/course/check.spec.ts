import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { canBuildFromTiles, checkCourse, audioTexts } from './check';
import type { Course, Exercise } from './types';

const fixture = (): Course =>
	JSON.parse(readFileSync('tests/fixtures/courses/vi-for-lo/course.json', 'utf8')) as Course;
const laoFixture = (): Course =>
	JSON.parse(readFileSync('tests/fixtures/courses/lo-for-vi/course.json', 'utf8')) as Course;

function exercise(course: Course, id: string): Exercise {
	const ex = course.units[0].lessons[0].exercises.find((e) => e.id === id);
	if (!ex) throw new Error(id);
	return ex;
}

describe('checkCourse', () => {
	it('checks lesson notes (Markdown) and exercise pictures the same for seed files and the editor', () => {
		const course = fixture();
		const lesson = course.units[0].lessons[0];
		const ex = lesson.exercises[0];
		const media = '0b7c4a38-2c1e-4d0e-9f3a-1b2c3d4e5f60';
		lesson.notes = { lo: '**ສຽງ** ໃນພາສາຫວຽດ' };
		ex.image = { media, alt: { lo: 'ຮູບ' } };
		expect(checkCourse(course).problems).toEqual([]);
		expect(checkCourse(course, { hasImage: (id) => id === media }).problems).toEqual([]);
		expect(checkCourse(course, { hasImage: () => false }).problems).toEqual([
			`lesson ${lesson.id} exercise ${ex.id} image: no such picture in the library`
		]);
		lesson.notes = { lo: 'ກ'.repeat(6001) };
		ex.image = { media: '/media/elsewhere', alt: { en: 'picture' } };
		expect(checkCourse(course).problems).toEqual([
			`lesson ${lesson.id} notes: lo text longer than 6000`,
			`lesson ${lesson.id} exercise ${ex.id} image: not a picture of the media store`,
			`lesson ${lesson.id} exercise ${ex.id} image: no alt text`
		]);
	});

	it('passes the fixtures and counts them, reporting their small size as shortfalls', () => {
		for (const course of [fixture(), laoFixture()]) {
			const report = checkCourse(course);
			expect(report.problems).toEqual([]);
			expect(report.counts).toMatchObject({ units: 1, lessons: 1, exercises: 9, vocabulary: 4 });
			expect(Object.values(report.counts.byKind).every((n) => n === 1)).toBe(true);
			expect(report.shortfalls).toContain('1 units (< 8)');
			expect(report.shortfalls.some((s) => s.includes('lessons (< 3)'))).toBe(true);
		}
	});

	it('counts per level and reports a course below its declared targets', () => {
		const course = fixture();
		course.targets = { levels: [1, 2], units: 2, vocabulary: 5 };
		const report = checkCourse(course);
		expect(report.counts.byLevel[course.units[0].level]).toEqual({
			units: 1,
			lessons: 1,
			vocabulary: 4
		});
		const missingLevel = course.units[0].level === 1 ? 2 : 1;
		expect(report.shortfalls).toEqual(
			expect.arrayContaining([
				`no unit at level ${missingLevel}`,
				'1 units (target 2)',
				'4 vocabulary entries (target 5)'
			])
		);
		course.targets = { levels: [course.units[0].level], units: 1, vocabulary: 4 };
		expect(checkCourse(course).shortfalls.filter((s) => s.includes('target'))).toEqual([]);
	});

	it('finds a vocabulary term taught twice, whatever its case', () => {
		const course = fixture();
		const lesson = course.units[0].lessons[0];
		lesson.vocabulary.push({
			...lesson.vocabulary[0],
			id: 'v-again',
			term: lesson.vocabulary[0].term.toUpperCase()
		});
		expect(checkCourse(course).shortfalls).toContain(
			`lesson ${lesson.id} vocabulary v-again: "${lesson.vocabulary[0].term.toUpperCase()}" is already taught in lesson ${lesson.id}`
		);
	});

	it('accepts a term taught again when it is marked as a homograph (another meaning)', () => {
		const course = fixture();
		const lesson = course.units[0].lessons[0];
		lesson.vocabulary.push({ ...lesson.vocabulary[0], id: 'v-sense-2', homograph: true });
		expect(checkCourse(course).shortfalls.filter((s) => s.includes('already taught'))).toEqual([]);
	});

	it('finds duplicate ids', () => {
		const course = fixture();
		course.units[0].lessons[0].exercises[1].id = 'vfx-e1';
		expect(checkCourse(course).problems).toContain(
			'lesson vfx-u1-l1 exercise vfx-e1: duplicate id vfx-e1'
		);
	});

	it('finds answer indexes out of range', () => {
		const course = fixture();
		const ex = exercise(course, 'vfx-e1');
		if (ex.kind === 'choice') ex.answer = 3;
		expect(checkCourse(course).problems.join('\n')).toMatch(/vfx-e1: answer 3 is not an option/);
		const reading = exercise(course, 'vfx-e8');
		if (reading.kind === 'reading') reading.questions[0].answer = -1;
		expect(checkCourse(course).problems.join('\n')).toMatch(/vfx-e8 question 0: answer -1/);
	});

	it('finds empty answers', () => {
		const course = fixture();
		const ex = exercise(course, 'vfx-e4');
		if (ex.kind === 'translate') ex.answers = [];
		const other = exercise(course, 'vfx-e3');
		if (other.kind === 'listen_type') other.answers = [' '];
		const problems = checkCourse(course).problems;
		expect(problems).toContain('lesson vfx-u1-l1 exercise vfx-e4: no answers');
		expect(problems).toContain('lesson vfx-u1-l1 exercise vfx-e3: an empty answer');
	});

	it('finds text not in NFC', () => {
		const course = fixture();
		course.units[0].lessons[0].vocabulary[0].term = 'xin chào'.normalize('NFD');
		expect(checkCourse(course).problems.some((p) => p.startsWith('text not in NFC'))).toBe(true);
	});

	it('finds tiles that cannot build an accepted answer', () => {
		const course = fixture();
		const ex = exercise(course, 'vfx-e5');
		if (ex.kind === 'build_sentence') ex.tiles = ['tôi', 'là', 'Lan'];
		expect(checkCourse(course).problems).toContain(
			'lesson vfx-u1-l1 exercise vfx-e5: the tiles cannot build "Tôi tên là Lan"'
		);
		const lao = laoFixture();
		const lex = lao.units[0].lessons[0].exercises.find((e) => e.id === 'lfx-e5');
		if (lex?.kind === 'build_sentence') lex.tiles = ['ຂ້ອຍ', 'ລານ'];
		expect(checkCourse(lao).problems.join('\n')).toMatch(/lfx-e5: the tiles cannot build/);
	});

	it('finds glosses missing in the interface language', () => {
		const course = fixture();
		course.units[0].lessons[0].vocabulary[1].meaning = { en: 'thank you' };
		const ex = exercise(course, 'vfx-e9');
		if (ex.kind === 'speak') ex.meaning = { vi: 'xin chào' };
		const problems = checkCourse(course).problems;
		expect(problems).toContain('lesson vfx-u1-l1 vocabulary vfx-v-cam-on meaning: no lo text');
		expect(problems).toContain('lesson vfx-u1-l1 exercise vfx-e9 meaning: no lo text');
	});

	it('requires a romanization on every Lao vocabulary entry, not on Vietnamese ones', () => {
		const lao = laoFixture();
		const lesson = lao.units[0].lessons[0];
		delete lesson.vocabulary[0].romanization;
		expect(checkCourse(lao).problems).toEqual([
			`lesson ${lesson.id} vocabulary ${lesson.vocabulary[0].id}: no romanization`
		]);
		expect(fixture().units[0].lessons[0].vocabulary.some((v) => v.romanization)).toBe(false);
		expect(checkCourse(fixture()).problems).toEqual([]);
	});

	it('requires the recording of listening texts when asked to', () => {
		const course = fixture();
		const problems = checkCourse(course, { hasAudio: (t) => t !== 'cảm ơn' }).problems;
		expect(problems).toEqual(['lesson vfx-u1-l1 exercise vfx-e2: no recording for "cảm ơn"']);
	});

	it('reports the counts against the minimums', () => {
		const course = fixture();
		course.units[0].lessons[0].exercises.splice(1, 2);
		const report = checkCourse(course);
		expect(report.problems).toEqual([]);
		expect(report.shortfalls).toContain('lesson vfx-u1-l1: 7 exercises (< 8)');
		expect(report.shortfalls).toContain('no listen_choose exercise in the course');
	});

	it('lists the texts to synthesize once each', () => {
		const texts = audioTexts(fixture());
		expect(texts).toEqual(expect.arrayContaining(['xin chào', 'cảm ơn', 'tôi', 'tên', 'Xin chào']));
		expect(new Set(texts).size).toBe(texts.length);
	});
});

describe('canBuildFromTiles', () => {
	it('builds Vietnamese answers word by word, ignoring case and punctuation', () => {
		expect(canBuildFromTiles('Tôi tên là Lan.', ['tôi', 'là', 'Lan', 'tên'], false)).toBe(true);
		expect(canBuildFromTiles('tôi là tôi', ['tôi', 'là'], false)).toBe(false);
		expect(canBuildFromTiles('Tôi ở Việt Nam', ['Việt Nam', 'ở', 'tôi'], false)).toBe(true);
	});
	it('builds Lao answers by concatenation', () => {
		expect(canBuildFromTiles('ຂ້ອຍຊື່ລານ', ['ລານ', 'ຊື່', 'ຂ້ອຍ', 'ຂອບໃຈ'], true)).toBe(true);
		expect(canBuildFromTiles('ຂ້ອຍຊື່ລານ', ['ລານ', 'ຂ້ອຍ'], true)).toBe(false);
		expect(canBuildFromTiles('', ['ລານ'], true)).toBe(false);
	});
});

describe('kinds a Lao course may lack', () => {
	it('does not ask a Lao course for listening kinds (no synthesizer), but a Vietnamese one', () => {
		const strip = (course: Course) => {
			course.units[0].lessons[0].exercises = course.units[0].lessons[0].exercises.filter(
				(e) => e.kind !== 'listen_choose' && e.kind !== 'listen_type'
			);
			return checkCourse(course).shortfalls;
		};
		expect(strip(laoFixture()).some((s) => s.includes('listen'))).toBe(false);
		expect(strip(fixture())).toContain('no listen_type exercise in the course');
	});
});
