import { mailSessionToMembers } from '#lib/server/modules/session/invite.service.ts';
import { error, redirect } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import { addStep, moveStep, removeStep } from '#lib/server/modules/session/agenda.service.ts';
import {
	copySession,
	deleteSession,
	getSession
} from '#lib/server/modules/session/session.service.ts';
import { listWorkForms } from '#lib/server/modules/session/work-form.service.ts';
import { canReadReport } from '#lib/server/modules/report/report.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	const { session, steps, facilitators, host } = await getSession(
		c,
		locals.actor,
		params.networkId,
		params.sessionId
	);
	const workForms = await listWorkForms(c, locals.actor, params.networkId);
	const reportOpen =
		session.status !== 'planned' &&
		(await canReadReport(c, locals.actor, params.networkId, params.sessionId));
	return {
		reportOpen,
		session,
		steps,
		facilitators: facilitators.map((f) => ({
			name: f.status === 'active' ? f.name : m.former_member()
		})),
		host: host ? { name: host.name } : null,
		workForms: workForms.map((w) => ({ id: w.id, name: w.name }))
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	invite: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, async () => {
			// Each click mails every member: a few per hour per person is plenty.
			await app().limits.consume('invite', `session:${actor(locals).userId}`);
			return mailSessionToMembers(ctx(), actor(locals), params.networkId, params.sessionId);
		});
		if ('sent' in result) return { message: m.session_invited({ count: result.sent }) };
		return result;
	},
	add: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const [kind, workFormId] = (values.form ?? '').startsWith('custom:')
			? [undefined, values.form!.slice(7)]
			: [values.form, undefined];
		const result = await runForm(noFields, values, () =>
			addStep(ctx(), actor(locals), params.networkId, params.sessionId, { kind, workFormId })
		);
		if ('id' in result)
			redirect(
				303,
				`/networks/${params.networkId}/sessions/${params.sessionId}/steps/${result.id}?added=1`
			);
		return result;
	},
	move: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const direction = values.direction === 'up' ? 'up' : 'down';
		const result = await runForm(noFields, values, () =>
			moveStep(
				ctx(),
				actor(locals),
				params.networkId,
				params.sessionId,
				values.stepId ?? '',
				direction
			)
		);
		return (
			result ?? {
				message:
					direction === 'up'
						? m.step_moved_up({ title: values.title ?? '' })
						: m.step_moved_down({ title: values.title ?? '' }),
				focus: values.stepId
			}
		);
	},
	remove: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			removeStep(ctx(), actor(locals), params.networkId, params.sessionId, values.stepId ?? '')
		);
		return result ?? { message: m.step_removed() };
	},
	copy: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, async () => {
			const { session } = await getSession(ctx(), locals.actor, params.networkId, params.sessionId);
			return copySession(
				ctx(),
				actor(locals),
				params.networkId,
				params.sessionId,
				m.session_copy_title({ title: session.title })
			);
		});
		if ('id' in result)
			redirect(303, `/networks/${params.networkId}/sessions/${result.id}?copied=1`);
		return result;
	},
	delete: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			deleteSession(ctx(), actor(locals), params.networkId, params.sessionId)
		);
		if (result) return result;
		redirect(303, `/networks/${params.networkId}/sessions`);
	}
};
