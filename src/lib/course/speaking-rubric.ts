import type { Rubric } from '$lib/screening/rubric';

/**
 * The rubric an instructor rates a lesson's spoken sentence with: the learner said one given
 * sentence, so what is judged is how it sounds (sounds and tones) and whether all of it came out
 * smoothly. Four bands (0–3) per criterion, as the screening rubrics, so the level rule
 * (`levelFromRubric`) reads the total the same way: the top band on both is the lesson's level + 1.
 */
export const LESSON_SPEAKING_RUBRIC: Rubric = {
	maxScorePerCriterion: 3,
	criteria: [
		{
			name: {
				vi: 'Phát âm và thanh điệu',
				lo: 'ການອອກສຽງ ແລະ ວັນນະຍຸດ',
				en: 'Pronunciation and tones'
			},
			bands: [
				{
					vi: 'Không nghe được hoặc không phải câu này',
					lo: 'ຟັງບໍ່ອອກ ຫຼື ບໍ່ແມ່ນປະໂຫຍກນີ້',
					en: 'Inaudible, or not this sentence'
				},
				{
					vi: 'Nhiều lỗi, khó hiểu',
					lo: 'ຜິດຫຼາຍ, ເຂົ້າໃຈຍາກ',
					en: 'Many errors, hard to understand'
				},
				{
					vi: 'Vài lỗi, vẫn hiểu được',
					lo: 'ຜິດບາງບ່ອນ, ແຕ່ຍັງເຂົ້າໃຈໄດ້',
					en: 'Some errors, still understood'
				},
				{
					vi: 'Rõ ràng, hầu như không có lỗi',
					lo: 'ຈະແຈ້ງ, ເກືອບບໍ່ມີບ່ອນຜິດ',
					en: 'Clear, almost no errors'
				}
			]
		},
		{
			name: { vi: 'Đủ câu và trôi chảy', lo: 'ຄົບປະໂຫຍກ ແລະ ຄ່ອງແຄ້ວ', en: 'Complete and fluent' },
			bands: [
				{
					vi: 'Không nói hoặc bỏ dở',
					lo: 'ບໍ່ເວົ້າ ຫຼື ເວົ້າບໍ່ຈົບ',
					en: 'Silent or unfinished'
				},
				{
					vi: 'Ngắt quãng nhiều, thiếu từ',
					lo: 'ຢຸດຫຼາຍ, ຂາດຄຳ',
					en: 'Many pauses, words missing'
				},
				{
					vi: 'Đủ từ, còn ngập ngừng',
					lo: 'ຄົບຄຳ, ແຕ່ຍັງລັງເລ',
					en: 'Every word, some hesitation'
				},
				{
					vi: 'Đủ từ, tự nhiên',
					lo: 'ຄົບຄຳ ແລະ ເປັນທຳມະຊາດ',
					en: 'Every word, natural'
				}
			]
		}
	]
};
