import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { candidateForOfficer, candidateHistory } from '$lib/server/admissions/candidates';
import { certificateIssuer } from '$lib/server/admissions/programs';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId, candidateId } = event.params;
		const { program, candidate: c } = await candidateForOfficer(db, actor, programId, candidateId);
		const latest = c.latest;
		const base = {
			program: { id: program.id, name: program.name, intake: program.intake },
			candidate: { id: c.id, fullName: c.fullName, sendingOrganization: c.sendingOrganization },
			...(await certificateIssuer(db, program))
		};
		if (!latest?.verificationCode) return { ...base, result: null };
		const { attempts } = await candidateHistory(db, c.id);
		const sitting = attempts.find((a) => a.verificationCode === latest.verificationCode);
		const verifyUrl = `${event.url.origin}/verify/${latest.verificationCode}`;
		// Drawn on the server as SVG: sharp when printed, and no script or third-party request needed.
		const qrSvg = await QRCode.toString(verifyUrl, {
			type: 'svg',
			margin: 0,
			errorCorrectionLevel: 'M'
		});
		return {
			...base,
			result: {
				overallLevel: latest.overallLevel,
				skillLevels: latest.skillLevels,
				testDate: latest.finishedAt ?? sitting?.startedAt ?? null,
				validUntil: latest.validUntil,
				verificationCode: latest.verificationCode,
				verifyUrl,
				qrSvg
			}
		};
	});
