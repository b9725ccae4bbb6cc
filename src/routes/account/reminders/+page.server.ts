import { redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import {
	reminderPreference,
	saveReminderPreference
} from '#lib/server/modules/commitment/index.ts';
import { reminderPreferenceInput } from '#lib/server/modules/commitment/reminder.schema.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.actor) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	return { preference: await reminderPreference(ctx(), locals.actor.userId) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.actor) redirect(303, '/sign-in');
		const values = formValues(await request.formData());
		const result = await runForm(reminderPreferenceInput, values, () =>
			saveReminderPreference(ctx(), locals.actor!, values)
		);
		if (result) return result;
		redirect(303, '/account/reminders?saved=1');
	}
};
