import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import type { Actor } from '$lib/server/auth/actor';
import { actAs } from '$lib/server/auth/act-as';
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
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admin', async (actor) => {
		const organizationId = event.params.organizationId;
		const organization = await getOrganization(db, actor, organizationId);
		if (!organization) error(404, m.error_not_found());
		return {
			organization,
			members: await listMembers(db, actor, organizationId),
			codes: await listInvitationCodes(db, actor, organizationId),
			selfId: actor.id
		};
	});

type Submitted = { actor: Actor; organizationId: string; form: FormData };

/** Every action checks the role and, in the service, that this organization is the actor's to manage. */
const act = <T>(event: RequestEvent, run: (submitted: Submitted) => Promise<T>) =>
	actAs(event, 'admin', async (actor) =>
		run({
			actor,
			organizationId: event.params.organizationId,
			form: await event.request.formData()
		})
	);

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	grantRole: (event) =>
		act(event, async ({ actor, organizationId, form }) => {
			const values = { username: text(form, 'username'), role: text(form, 'role') };
			const result = await grantRole(db, actor, { organizationId, ...values });
			if (!result.ok) return fail(400, { action: 'grantRole', values, error: result.error });
			return { action: 'grantRole', granted: true };
		}),
	revokeRole: (event) =>
		act(event, ({ actor, organizationId, form }) =>
			revokeRole(db, actor, {
				organizationId,
				userId: text(form, 'userId'),
				role: text(form, 'role')
			})
		),
	setDisabled: (event) =>
		act(event, ({ actor, organizationId, form }) =>
			setAccountDisabled(db, actor, {
				organizationId,
				userId: text(form, 'userId'),
				disabled: text(form, 'disabled') === 'true'
			})
		),
	createCode: (event) =>
		act(event, async ({ actor, organizationId, form }) => {
			const values = {
				role: text(form, 'role'),
				maxUses: text(form, 'maxUses'),
				validDays: text(form, 'validDays'),
				note: text(form, 'note')
			};
			const result = await createInvitationCode(db, actor, {
				organizationId,
				role: values.role,
				maxUses: Number(values.maxUses),
				validDays: values.validDays === '' ? null : Number(values.validDays),
				note: values.note
			});
			if (!result.ok) return fail(400, { action: 'createCode', values, error: result.error });
			return { action: 'createCode', code: result.code };
		}),
	revokeCode: (event) =>
		act(event, ({ actor, organizationId, form }) =>
			revokeInvitationCode(db, actor, { organizationId, code: text(form, 'code') })
		)
};
