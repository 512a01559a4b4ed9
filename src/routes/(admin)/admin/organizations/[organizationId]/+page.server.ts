import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import {
	createInvitationCode,
	getOrganization,
	grantRole,
	listInvitationCodes,
	listMembers,
	revokeInvitationCode,
	revokeRole,
	setAccountDisabled
} from '$lib/server/admin/service';
import { withForbidden } from '$lib/server/admin/http';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const actor = actorOf(event.locals);
	const organizationId = event.params.organizationId;
	return withForbidden(async () => {
		const organization = await getOrganization(db, actor, organizationId);
		if (!organization) error(404, m.error_not_found());
		return {
			organization,
			members: await listMembers(db, actor, organizationId),
			codes: await listInvitationCodes(db, actor, organizationId),
			selfId: actor.id
		};
	});
};

/** Every action checks the role and, in the service, that this organization is the actor's to manage. */
async function prepare(event: RequestEvent) {
	requireRole(event, 'admin');
	return {
		actor: actorOf(event.locals),
		organizationId: event.params.organizationId,
		form: await event.request.formData()
	};
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	grantRole: async (event) => {
		const { actor, organizationId, form } = await prepare(event);
		const values = { username: text(form, 'username'), role: text(form, 'role') };
		const result = await withForbidden(() => grantRole(db, actor, { organizationId, ...values }));
		if (!result.ok) return fail(400, { action: 'grantRole', values, error: result.error });
		return { action: 'grantRole', granted: true };
	},
	revokeRole: async (event) => {
		const { actor, organizationId, form } = await prepare(event);
		await withForbidden(() =>
			revokeRole(db, actor, {
				organizationId,
				userId: text(form, 'userId'),
				role: text(form, 'role')
			})
		);
	},
	setDisabled: async (event) => {
		const { actor, organizationId, form } = await prepare(event);
		await withForbidden(() =>
			setAccountDisabled(db, actor, {
				organizationId,
				userId: text(form, 'userId'),
				disabled: text(form, 'disabled') === 'true'
			})
		);
	},
	createCode: async (event) => {
		const { actor, organizationId, form } = await prepare(event);
		const values = {
			role: text(form, 'role'),
			maxUses: text(form, 'maxUses'),
			validDays: text(form, 'validDays'),
			note: text(form, 'note')
		};
		const result = await withForbidden(() =>
			createInvitationCode(db, actor, {
				organizationId,
				role: values.role,
				maxUses: Number(values.maxUses),
				validDays: values.validDays === '' ? null : Number(values.validDays),
				note: values.note
			})
		);
		if (!result.ok) return fail(400, { action: 'createCode', values, error: result.error });
		return { action: 'createCode', code: result.code };
	},
	revokeCode: async (event) => {
		const { actor, organizationId, form } = await prepare(event);
		await withForbidden(() =>
			revokeInvitationCode(db, actor, { organizationId, code: text(form, 'code') })
		);
	}
};
