import { describe, expect, it } from 'vitest';
import { asksForIdentity } from './blind-prompts';

describe('asksForIdentity', () => {
	it('finds prompts that ask candidates who they are, in Vietnamese and Lao', () => {
		for (const prompt of [
			'Hãy giới thiệu bản thân: tên, tuổi, nghề nghiệp.',
			'Bạn tên là gì? Bạn làm nghề gì?',
			'Viết họ và tên của bạn ở đầu bài.',
			'Hãy tự giới thiệu trong 1 phút.',
			'Cuối thư, ký tên và ghi rõ số điện thoại.',
			'ຊື່ຂອງທ່ານແມ່ນຫຍັງ?',
			'ຈົ່ງແນະນຳຕົວທ່ານເອງ.',
			'ທ່ານຊື່ຫຍັງ ແລະ ມາຈາກໃສ?',
			'ຂຽນຈົດໝາຍ ແລ້ວລົງຊື່.'
		])
			expect(asksForIdentity(prompt), prompt).toBe(true);
	});

	it('lets through prompts that say not to, and role cards with a given name', () => {
		for (const prompt of [
			'Viết một tin nhắn cho lớp trưởng. Không cần ký tên.',
			'Không cần nói tên hay nơi làm việc của bạn.',
			'Hãy đóng vai người trong thẻ dưới đây và tự giới thiệu bằng 3 câu: tên, quê, nghề nghiệp.\nTên: Bun-mi',
			'ຈົ່ງສົມມຸດວ່າ ທ່ານແມ່ນຄົນໃນບັດຂ້າງລຸ່ມນີ້ ແລ້ວແນະນຳຕົວ: ຊື່, ມາຈາກໃສ.',
			'ຂຽນຂໍ້ຄວາມສັ້ນໆ ເຖິງເພື່ອນຮ່ວມງານ. ບໍ່ຕ້ອງລົງຊື່.',
			'Hãy nói khoảng 2 phút về công việc của một cơ quan (không cần nêu tên cơ quan).'
		])
			expect(asksForIdentity(prompt), prompt).toBe(false);
	});
});
