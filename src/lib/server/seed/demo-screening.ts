import { eq } from 'drizzle-orm';
import { probability } from '$lib/placement';
import type { DB } from '$lib/server/db/client';
import { testItem, type ItemContent } from '$lib/server/db/schema';
import { attemptById, type AttemptRow, type CandidateContext } from '$lib/server/screening/context';
import { startOrResumeAttempt, submitAnswer } from '$lib/server/screening/delivery';
import { publicItemId } from '$lib/server/screening/item-ids';
import { submitWriting } from '$lib/server/screening/rated-part';
import { currentRatedTask, ratedTasksOf } from '$lib/server/screening/rated-tasks';
import type { Dice } from './demo-random';

/**
 * A demo candidate taking the screening test through the same delivery and engine a candidate's
 * phone talks to: each item is answered right with the probability the item's own parameters give a
 * person of `ability` (θ, logits), so θ, SE, levels and pass or fail come out of the engine itself.
 */

/** What a demo candidate needs to know of the bank's items (to answer right or wrong), read once. */
export class BankKeys {
	private readonly items = new Map<
		string,
		{ a: number; b: number; c: number | null; key: number; options: number }
	>();

	async get(db: DB, itemId: string) {
		if (!this.items.has(itemId)) {
			const [item] = await db.select().from(testItem).where(eq(testItem.id, itemId));
			this.items.set(itemId, {
				a: item.a,
				b: item.b,
				c: item.c,
				key: item.answerKey?.answer ?? 0,
				options: ((item.content as ItemContent).options ?? []).length
			});
		}
		return this.items.get(itemId)!;
	}
}

/** Seconds a demo candidate takes per item. */
const SECONDS_PER_ITEM = [25, 75] as const;

/**
 * Answers the adaptive part from `startAt` on: all of it, or only `items` answers (a candidate still
 * in the test). Returns the attempt as it stands and the time of the last answer.
 */
export async function answerAdaptivePart(
	db: DB,
	items: BankKeys,
	ctx: CandidateContext,
	ability: number,
	dice: Dice,
	startAt: Date,
	stopAfter = Infinity
): Promise<{ row: AttemptRow; at: Date }> {
	const started = await startOrResumeAttempt(db, ctx, startAt);
	if (!started.ok) throw new Error(`demo candidate may not start: ${started.eligibility.reason}`);
	let row = started.attempt;
	let at = startAt;
	for (let answered = 0; answered < stopAfter; answered++) {
		if (row.status !== 'in_progress' || !row.pendingItemId) break;
		const item = await items.get(db, row.pendingItemId);
		const right = dice.chance(
			probability(ability, { a: item.a, b: item.b, c: item.c ?? undefined })
		);
		const option = right ? item.key : (item.key + dice.between(1, item.options - 1)) % item.options;
		at = new Date(at.getTime() + dice.between(...SECONDS_PER_ITEM) * 1000);
		const outcome = await submitAnswer(
			db,
			row,
			ctx,
			{ itemId: publicItemId(row, row.pendingItemId), option },
			at
		);
		if (!outcome.ok) throw new Error(`demo answer refused: ${outcome.reason}`);
		row = await attemptById(db, row.id);
	}
	return { row, at };
}

/**
 * Writes and submits the rated writing task (the text nearest the task's level), which sends the
 * attempt to the rating queue. Returns when it was submitted.
 */
export async function submitDemoWriting(
	db: DB,
	ctx: CandidateContext,
	row: AttemptRow,
	at: Date
): Promise<Date> {
	const task = currentRatedTask(await ratedTasksOf(db, row.id));
	if (!task || task.skill !== 'writing') throw new Error('demo attempt has no writing task');
	const submittedAt = new Date(at.getTime() + 14 * 60_000);
	const outcome = await submitWriting(
		db,
		await attemptById(db, row.id),
		ctx,
		{ itemId: publicItemId(row, task.itemId), text: writingFor(task.level) },
		submittedAt
	);
	if (!outcome.ok || !outcome.closed) throw new Error('demo writing refused');
	return submittedAt;
}

/**
 * What Lao cadres write in Vietnamese for the seed bank's writing tasks (levels 2, 3, 4 and 6), with
 * the small slips of a learner. Written for the demo; no real person's text.
 */
const WRITINGS: [level: number, text: string][] = [
	[
		2,
		'Tôi thường dậy lúc năm giờ rưỡi sáng. Tôi đi làm bằng xe máy, mất mười lăm phút. Ở cơ quan tôi viết báo cáo và họp với đồng nghiệp. Năm giờ chiều tôi về nhà và nấu cơm cho gia đình.'
	],
	[
		3,
		'Chào anh lớp trưởng. Cảm ơn anh đã mời tôi đến liên hoan cuối khoá. Rất tiếc tối thứ Sáu tôi không đến được vì tôi phải đón mẹ ở bến xe, mẹ tôi từ Hủa Phăn sang thăm. Tôi xin góp tiền mua hoa quả cho buổi liên hoan. Tôi cũng có thể chụp ảnh cả lớp vào sáng thứ Bảy nếu các bạn muốn. Chúc cả lớp vui vẻ.'
	],
	[
		4,
		'Kính gửi Phòng Đào tạo, Trường Chính trị tỉnh Thanh Hoá.\n\nTôi là cán bộ Văn phòng Chính quyền một huyện của tỉnh Hủa Phăn. Tôi được biết nhà trường sắp mở lớp bồi dưỡng kỹ năng quản lý hành chính cho cán bộ tỉnh Hủa Phăn. Công việc hằng ngày của tôi là tổng hợp báo cáo và chuẩn bị các cuộc họp, vì vậy tôi rất mong được học thêm cách quản lý văn bản và điều hành công việc khoa học hơn.\n\nTôi xin hỏi nhà trường hai thông tin: lớp học bắt đầu nhập học vào ngày nào, và học viên cần chuẩn bị những giấy tờ gì. Ngoài ra, nhà trường có bố trí chỗ ở trong ký túc xá cho học viên không?\n\nTôi xin chân thành cảm ơn và mong nhận được trả lời của nhà trường.\n\nNgười viết'
	],
	[
		6,
		'Theo tôi, để phát triển du lịch cộng đồng ở vùng cao, trước hết nên ưu tiên đào tạo người dân, sau đó mới đầu tư hạ tầng. Lý do thứ nhất là người dân chính là chủ thể của du lịch cộng đồng: nếu họ không biết đón khách, nấu ăn hợp vệ sinh, giới thiệu văn hoá bản mình thì đường đẹp đến đâu khách cũng chỉ đến một lần. Ở bản Na Ôn của huyện Viêng Xay, sau hai khoá tập huấn, số nhà nghỉ tại gia đã tăng từ ba lên mười hai nhà mà con đường vẫn như cũ. Lý do thứ hai là đào tạo tốn ít vốn hơn và có hiệu quả lâu dài, vì người đã học có thể dạy lại cho người khác. Tất nhiên, có ý kiến cho rằng không có đường, điện, nước thì không thể đón khách. Ý kiến này đúng một phần, nhưng hạ tầng có thể làm từng bước, bằng nguồn thu do chính du lịch mang lại. Vì vậy, đào tạo người dân cần đi trước, hạ tầng đi sau và đi cùng.'
	]
];

function writingFor(level: number): string {
	return WRITINGS.reduce((best, w) =>
		Math.abs(w[0] - level) < Math.abs(best[0] - level) ? w : best
	)[1];
}
