import { redirect } from '@sveltejs/kit';
import { app } from '#lib/server/app.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request }) => {
		await app().auth.api.signOut({ headers: request.headers });
		redirect(303, '/');
	}
};
