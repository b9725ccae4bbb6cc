import { ctx } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/context.ts';
import { listMembers } from '#lib/server/modules/network/membership.service.ts';
import { listOrganisations } from '#lib/server/modules/network/organisation.service.ts';

/** The text fields of the session form, plus the repeated facilitator checkboxes. */
export function sessionValues(data: FormData) {
	const values: Record<string, string> = {};
	for (const [k, v] of data.entries())
		if (typeof v === 'string' && k !== 'facilitators') values[k] = v;
	const facilitators = data
		.getAll('facilitators')
		.filter((v): v is string => typeof v === 'string');
	return { values, input: { ...values, facilitators } };
}

export async function sessionFormOptions(actor: Actor | null, networkId: string) {
	const c = ctx();
	const [organisations, members] = await Promise.all([
		listOrganisations(c, actor, networkId),
		listMembers(c, actor, networkId, {})
	]);
	return {
		organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
		members: members.map((p) => ({ id: p.id, name: p.name }))
	};
}
