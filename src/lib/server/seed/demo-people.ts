/**
 * Who and what the demo holds (demo-showcase.ts seeds it): plain data, no imports, so the demo's
 * end-to-end test reads the same names. Lao names in Lao script, made up for the demo.
 */

/** How a demo learner studies: share of answers right, and how much per sitting. */
export type StudyHabit = { accuracy: number; lessons: number; reviews: number };

export const DEMO_PROGRAM_NAME = 'Bồi dưỡng tiếng Việt cho cán bộ Lào';
export const DEMO_INTAKES = {
	past: 'Lớp tiếng Việt cho cán bộ Lào — khoá 6',
	current: 'Lớp tiếng Việt cho cán bộ Lào — khoá 7'
} as const;
export const DEMO_CLASS_NAME = 'Tiếng Việt cho cán bộ Lào — khoá 6';
export const DEMO_COURSE = 'vi-for-lo';

/** The learner with weeks of history (Today and Me show progress): one of the class. */
export const HISTORY_LEARNER = 'learner2';

export type ClassLearner = {
	username: string;
	name: string;
	/** θ on the screening scale (logits; level cuts at −2, −1, 0, 1, 2). */
	ability: number;
	habit: StudyHabit;
	/** Chance of a sitting on a given day, and the days since the last one. */
	diligence: number;
	lastSeenDaysAgo: number;
	goal: 5 | 10 | 20;
};

/** The class: the history learner and seven classmates, with varied abilities and habits. */
export const CLASS_LEARNERS: ClassLearner[] = [
	{
		username: HISTORY_LEARNER,
		name: 'ສຸລິຍາ ພົມວິຫານ',
		ability: 1.2,
		habit: { accuracy: 0.86, lessons: 1, reviews: 25 },
		diligence: 0.5,
		lastSeenDaysAgo: 0,
		goal: 5
	},
	learnerOf('class6.01', 'ອານຸສອນ ແສງອາລຸນ', 1.4, 0.9, 0.4, 1, 20),
	learnerOf('class6.02', 'ນາລີ ວົງພະຈັນ', 1.0, 0.78, 0.35, 0, 10),
	learnerOf('class6.03', 'ພູວົງ ສີປະເສີດ', 1.3, 0.82, 0.3, 2, 10),
	learnerOf('class6.04', 'ຄຳຫຼ້າ ສຸລິວົງ', 1.1, 0.7, 0.25, 4, 5),
	learnerOf('class6.05', 'ວິໄລພອນ ທຳມະວົງ', 1.1, 0.88, 0.3, 1, 10),
	learnerOf('class6.06', 'ສຸກສະຫວັນ ແສງສຸລິຍາ', 1.2, 0.62, 0.2, 6, 5),
	// Admitted on an override (below the requirement), and has since stopped coming.
	learnerOf('class6.07', 'ເພັດສະໝອນ ໄຊສົມບັດ', -1.8, 0.55, 0.25, 12, 5)
];

function learnerOf(
	username: string,
	name: string,
	ability: number,
	accuracy: number,
	diligence: number,
	lastSeenDaysAgo: number,
	goal: 5 | 10 | 20
): ClassLearner {
	return {
		username,
		name,
		ability,
		habit: { accuracy, lessons: 1, reviews: 6 },
		diligence,
		lastSeenDaysAgo,
		goal
	};
}

export type CandidateStage =
	| 'invited'
	| 'testing'
	| 'awaiting_rating'
	| 'passed'
	| 'failed'
	| 'refused'
	| 'admitted'
	| 'overridden';

/** This intake's candidates, one line each: where they stand and their ability. */
export const CURRENT_CANDIDATES: { name: string; stage: CandidateStage; ability: number }[] = [
	{ name: 'ສົມສັກ ພົມມະຈັນ', stage: 'invited', ability: 0 },
	{ name: 'ບົວພັນ ສີສຸລິດ', stage: 'invited', ability: 0 },
	{ name: 'ຄຳແສງ ວົງສາ', stage: 'testing', ability: 0.8 },
	{ name: 'ວັນນະພອນ ແກ້ວມະນີ', stage: 'awaiting_rating', ability: 1.2 },
	{ name: 'ພອນສະຫວັນ ສີຫາລາດ', stage: 'awaiting_rating', ability: 1.0 },
	{ name: 'ດາວວອນ ພັນທະວົງ', stage: 'passed', ability: 1.5 },
	{ name: 'ຈັນທອນ ອິນທະວົງ', stage: 'passed', ability: 1.2 },
	{ name: 'ບຸນທະວີ ສຸວັນນະລາດ', stage: 'failed', ability: -2.2 },
	{ name: 'ມະນີວອນ ໄຊຍະວົງ', stage: 'refused', ability: -2.5 },
	{ name: 'ທອງສຸກ ຈັນທະລາ', stage: 'admitted', ability: 1.8 },
	{ name: 'ແສງເດືອນ ລາດຊະວົງ', stage: 'admitted', ability: 1.3 },
	{ name: 'ຄຳພອນ ບຸດສະດີ', stage: 'overridden', ability: -1.8 }
];

export const OVERRIDE_REASON =
	'Cán bộ nguồn do Ban Tổ chức tỉnh Hủa Phăn đề cử; học bổ túc tiếng Việt 4 tuần trước khoá học.';
export const REFUSAL_REASON = 'Chưa đạt trình độ tiếng Việt yêu cầu; mời dự tuyển khoá sau.';
