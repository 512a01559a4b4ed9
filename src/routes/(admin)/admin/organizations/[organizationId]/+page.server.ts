import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
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
import { homeFor } from '$lib/server/accounts/service';
import { ROLES } from '$lib/roles';
import {
	checkbox,
	formFields,
	oneOf,
	optionalText,
	optionalWholeNumber,
	parse,
	requiredText,
	wholeNumber
} from '$lib/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admin', async (actor) => {
		const organizationId = event.params.organizationId;
		const organization = await getOrganization(db, actor, organizationId);
		if (!organization) error(404, m.error_not_found());
		// The role filter is in the address (`?role=`): checked like a form field; one no link sends is
		// ignored, with a notice, and everyone is listed.
		const roleParam = event.url.searchParams.get('role');
		const parsedRole = v.safeParse(schemas.roleFilter, roleParam ?? '');
		const role = parsedRole.success ? parsedRole.output : undefined;
		return {
			organization,
			role: role ?? null,
			roleIgnored: !parsedRole.success,
			members: await listMembers(db, actor, organizationId, role),
			codes: await listInvitationCodes(db, actor, organizationId),
			selfId: actor.id
		};
	});

/** The forms of this page (valibot, `$lib/validation`): what each action accepts. */
const schemas = {
	/** The members list's filter (a query parameter); '' lists everyone. */
	roleFilter: v.pipe(
		v.union([v.literal(''), v.picklist(ROLES)]),
		v.transform((role) => role || undefined)
	),
	grantRole: v.object({
		username: requiredText(100),
		role: oneOf(ROLES, m.error_role_invalid)
	}),
	/** Hidden fields the page writes: anything else is a request no page sends. */
	member: v.object({
		userId: requiredText(100),
		role: v.optional(oneOf(ROLES)),
		disabled: v.optional(v.picklist(['true', 'false'])),
		confirmed: checkbox()
	}),
	createCode: v.object({
		role: oneOf(ROLES, m.error_role_invalid),
		maxUses: wholeNumber(1, 1000, m.error_max_uses_invalid),
		validDays: optionalWholeNumber(1, 365, m.error_valid_days_invalid),
		note: optionalText(200)
	}),
	revokeCode: v.object({ code: requiredText(20) })
};

type Submitted = {
	actor: Actor;
	organizationId: string;
	fields: Record<string, string | string[]>;
};

/** Every action checks the role and, in the service, that this organization is the actor's to manage. */
const act = <T>(event: RequestEvent, run: (submitted: Submitted) => Promise<T>) =>
	actAs(event, 'admin', async (actor) =>
		run({
			actor,
			organizationId: event.params.organizationId,
			fields: formFields(await event.request.formData())
		})
	);

/** A hidden field the page always sends, missing or malformed: not a form a person can correct. */
function hidden<S extends v.GenericSchema>(schema: S, fields: Submitted['fields']) {
	const parsed = parse(schema, fields);
	if (!parsed.ok) error(400, m.error_unexpected());
	return parsed.data;
}

export const actions: Actions = {
	grantRole: (event) =>
		act(event, async ({ actor, organizationId, fields }) => {
			const parsed = parse(schemas.grantRole, fields);
			if (!parsed.ok)
				return fail(400, { action: 'grantRole', values: parsed.values, errors: parsed.errors });
			const result = await grantRole(db, actor, { organizationId, ...parsed.data });
			if (!result.ok)
				return fail(400, { action: 'grantRole', values: fields, error: result.error });
			return { action: 'grantRole', granted: true };
		}),
	revokeRole: (event) =>
		act(event, async ({ actor, organizationId, fields }) => {
			const { userId, role, confirmed } = hidden(schemas.member, fields);
			if (!role) error(400, m.error_unexpected());
			const result = await revokeRole(db, actor, { organizationId, userId, role, confirmed });
			if (!result.ok) return { action: 'revokeRole', confirm: result.confirm };
			// Their own admin role here, gone: this page is no longer theirs (the "error 204" of issue 9).
			if (result.leftAdministration) {
				const remaining = actor.memberships.filter(
					(r) => !(r.organizationId === organizationId && r.role === 'admin')
				);
				redirect(303, homeFor(remaining));
			}
			return { action: 'revokeRole', done: true };
		}),
	setDisabled: (event) =>
		act(event, async ({ actor, organizationId, fields }) => {
			const { userId, disabled, confirmed } = hidden(schemas.member, fields);
			if (!disabled) error(400, m.error_unexpected());
			const result = await setAccountDisabled(db, actor, {
				organizationId,
				userId,
				disabled: disabled === 'true',
				confirmed
			});
			if (!result.ok) return { action: 'setDisabled', confirm: result.confirm };
			return { action: 'setDisabled', done: true, disabled: disabled === 'true' };
		}),
	createCode: (event) =>
		act(event, async ({ actor, organizationId, fields }) => {
			const parsed = parse(schemas.createCode, fields);
			if (!parsed.ok)
				return fail(400, { action: 'createCode', values: parsed.values, errors: parsed.errors });
			const result = await createInvitationCode(db, actor, {
				organizationId,
				role: parsed.data.role,
				maxUses: parsed.data.maxUses,
				validDays: parsed.data.validDays ?? null,
				note: parsed.data.note
			});
			if (!result.ok)
				return fail(400, { action: 'createCode', values: fields, error: result.error });
			return { action: 'createCode', code: result.code };
		}),
	revokeCode: (event) =>
		act(event, async ({ actor, organizationId, fields }) => {
			const { code } = hidden(schemas.revokeCode, fields);
			await revokeInvitationCode(db, actor, { organizationId, code });
			return { action: 'revokeCode', done: true };
		})
};
