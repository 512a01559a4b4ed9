/**
 * Raters rate blind: a writing or speaking task must never ask candidates who they are (their name,
 * birth date, phone, a self-introduction, a signature), or the answer itself names them. Pure, for the
 * content gate (tests/content/blind-prompts.spec.ts), over Vietnamese and Lao prompts.
 */

/** Asking for the candidate's own identity, in Vietnamese or Lao. */
const IDENTIFYING = [
	/họ (và )?tên/iu,
	/tên (của )?(bạn|anh|chị|em|mình|anh\/chị)\b/iu,
	/(bạn|anh|chị|em|anh\/chị) tên/iu,
	/tên là gì/iu,
	/tự giới thiệu|giới thiệu (về )?bản thân/iu,
	/ngày sinh|năm sinh|số điện thoại/iu,
	/ký tên|ghi tên/iu,
	/ຊື່ຫຍັງ|ຊື່ຂອງ(ທ່ານ|ເຈົ້າ)|(ທ່ານ|ເຈົ້າ)ຊື່/u,
	/ແນະນຳຕົວ/u,
	/ວັນເດືອນປີເກີດ|ເບີໂທ/u,
	/ລົງຊື່|ເຊັນຊື່/u
];

/** "Không cần ký tên." / "ບໍ່ຕ້ອງລົງຊື່." — a clause that says not to: taken out before looking. */
const NOT_NEEDED = /(không cần|đừng|ບໍ່ຕ້ອງ|ບໍ່ຈຳເປັນ)[^.;:()\n]*/giu;

/** A role card ("đóng vai người trong thẻ", "ສົມມຸດວ່າ ທ່ານແມ່ນຄົນໃນບັດ"): the name given is the card's. */
const ROLE_PLAY = /đóng vai|ຄົນໃນບັດ/iu;

/** True when the prompt asks the candidate to say or write who they are. */
export function asksForIdentity(prompt: string): boolean {
	const text = prompt.normalize('NFC').replace(NOT_NEEDED, ' ');
	if (ROLE_PLAY.test(text)) return /họ (và )?tên thật|ຊື່ແທ້/iu.test(text);
	return IDENTIFYING.some((pattern) => pattern.test(text));
}
