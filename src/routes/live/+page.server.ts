import { redirect, type Cookies } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { clientAddress } from '#lib/server/auth/auth-errors.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { connectionCount, publish } from '#lib/server/live/hub.ts';
import { currentParticipant } from '#lib/server/live/participant-cookie.ts';
import { castDot, takeBackDot, tally } from '#lib/server/modules/live/dot.service.ts';
import { ANSWER_KINDS, addAnswer, deleteAnswer } from '#lib/server/modules/live/answer.service.ts';
import {
	GROUP_KINDS,
	chooseGroup,
	groupOf,
	listGroups
} from '#lib/server/modules/live/group.service.ts';
import { participantView } from '#lib/server/modules/live/live.service.ts';
import { stepResults } from '#lib/server/modules/live/results.service.ts';
import {
	addPostit,
	deletePostit,
	editPostit,
	listPostits,
	ownPostits
} from '#lib/server/modules/live/postit.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** Edit secrets of this browser's anonymous post-its: [post-it id, secret] pairs in a cookie. */
const ANON_COOKIE = 'olv_anon';
function anonymousSecrets(cookies: Cookies): Map<string, string> {
	try {
		const pairs = JSON.parse(cookies.get(ANON_COOKIE) ?? '[]') as [string, string][];
		return new Map(pairs.filter((x) => Array.isArray(x) && x.length === 2).slice(-30));
	} catch {
		return new Map();
	}
}
function rememberSecret(cookies: Cookies, id: string, secret: string) {
	const pairs = [...anonymousSecrets(cookies).entries(), [id, secret]].slice(-30);
	cookies.set(ANON_COOKIE, JSON.stringify(pairs), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: app().config.PUBLIC_URL.startsWith('https://'),
		maxAge: 60 * 60 * 12
	});
}

/** The participant's phone: only the current step, and what they can do in it. */
export const load: PageServerLoad = async ({ cookies }) => {
	const c = ctx();
	const p = await currentParticipant(c, cookies);
	if (!p) redirect(303, '/join');
	const { session, step } = await participantView(c, p);
	const base = {
		session: { id: session.id, title: session.title, timerEndsAt: session.timerEndsAt },
		me: { name: p.displayName },
		clientId: crypto.randomUUID(),
		// A big room spreads its phones' reloads wider, so a burst of votes does not become a
		// burst of page loads: 60 phones within 0.8 s, 1,000 within 3 s, 5,000 within 10 s.
		spreadMs: Math.min(10_000, Math.max(800, connectionCount(session.id) * 3)),
		answers: null,
		choose: null
	};
	if (!step) return { ...base, step: null, postits: null, vote: null };
	const view = {
		id: step.id,
		kind: step.kind,
		title: step.title,
		prompt: step.prompt,
		questions: step.questions,
		state: step.state,
		maxPerPerson: step.maxPerPerson ?? 3,
		maxLength: step.maxLength ?? (step.kind === 'postit_round' ? 280 : 1000),
		isAnonymous: step.isAnonymous === 1
	};
	if (step.kind === 'postit_round') {
		// In an anonymous round nothing links a post-it to its writer in the database; this
		// browser recognises its own by the edit secrets it was given.
		const postits = await ownPostits(c, p, step, anonymousSecrets(cookies));
		return { ...base, step: view, postits, vote: null };
	}
	if (step.kind === 'dot_vote' && step.sourceStepId) {
		const [items, myDots] = await Promise.all([
			listPostits(c, session.id, step.sourceStepId),
			c.db
				.selectFrom('dot')
				.select(['id', 'postitId'])
				.where('stepId', '=', step.id)
				.where('participantId', '=', p.id)
				.orderBy('createdAt', 'desc')
				.execute()
		]);
		const showTally = step.tally !== 'hidden' || step.state === 'closed';
		const counts = showTally
			? new Map((await tally(c, session.id, step.id)).map((r) => [r.id, r.dots]))
			: null;
		return {
			...base,
			step: view,
			postits: null,
			vote: {
				budget: step.dots ?? 5,
				spent: myDots.length,
				items: items.map((i) => ({
					id: i.id,
					text: i.text,
					mine: myDots.filter((d) => d.postitId === i.id).length,
					lastDotId: myDots.find((d) => d.postitId === i.id)?.id ?? null,
					total: counts ? (counts.get(i.id) ?? 0) : null
				}))
			}
		};
	}
	if (ANSWER_KINDS.includes(step.kind)) {
		const groupId = await groupOf(c, step.id, p.id);
		const results = await stepResults(c, session.id, step, { participantId: p.id, groupId });
		// In a step with groups, someone without a group first picks one.
		const groups = GROUP_KINDS.includes(step.kind) ? await listGroups(c, session.id, step.id) : [];
		const choose =
			groups.length && (!groupId || step.groupMode === 'choose')
				? groups.map((g) => ({
						id: g.id,
						number: g.position + 1,
						title: g.title,
						members: g.members.length,
						mine: g.id === groupId
					}))
				: null;
		return {
			...base,
			step: view,
			postits: null,
			vote: null,
			answers:
				results.kind === 'answers'
					? { ...results, needsGroup: !groupId && (step.kind === 'breakout' || groups.length > 0) }
					: null,
			choose
		};
	}
	return { ...base, step: view, postits: null, vote: null };
};

async function withParticipant<T>(
	event: { cookies: Cookies; getClientAddress: () => string },
	fn: (p: NonNullable<Awaited<ReturnType<typeof currentParticipant>>>) => Promise<T>
) {
	const p = await currentParticipant(ctx(), event.cookies);
	if (!p) redirect(303, '/join');
	const limited = await runForm({}, async () => {
		await app().limits.consume('participateAddress', clientAddress(event.getClientAddress));
		await app().limits.consume('participate', p.id);
	});
	if (limited) return limited;
	return fn(p);
}

export const actions: Actions = {
	answer: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(values, () => addAnswer(ctx(), p, values.stepId ?? '', values));
			if ('id' in result) {
				if (!result.duplicate) publish(p.sessionId, 'answers');
				return { message: m.answer_saved() };
			}
			return result;
		});
	},
	unanswer: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(values, () =>
				deleteAnswer(ctx(), p, values.stepId ?? '', values.answerId ?? '')
			);
			if (result) return result;
			publish(p.sessionId, 'answers');
			return { message: m.answer_deleted() };
		});
	},
	choose: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(values, () =>
				chooseGroup(ctx(), p, values.stepId ?? '', values.groupId ?? '')
			);
			if (result) return result;
			publish(p.sessionId, 'groups');
			return { message: m.group_joined() };
		});
	},
	post: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(values, () => addPostit(ctx(), p, values.stepId ?? '', values));
			if ('id' in result) {
				if (result.editSecret) rememberSecret(cookies, result.id, result.editSecret);
				if (!result.duplicate) publish(p.sessionId, 'postits');
				return { message: m.postit_saved() };
			}
			return result;
		});
	},
	edit: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const id = values.postitId ?? '';
			const result = await runForm(values, () =>
				editPostit(
					ctx(),
					p,
					values.stepId ?? '',
					id,
					values.text ?? '',
					anonymousSecrets(cookies).get(id)
				)
			);
			if (result) return result;
			publish(p.sessionId, 'postits');
			return { message: m.postit_updated() };
		});
	},
	remove: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const id = values.postitId ?? '';
			const result = await runForm(values, () =>
				deletePostit(ctx(), p, values.stepId ?? '', id, anonymousSecrets(cookies).get(id))
			);
			if (result) return result;
			publish(p.sessionId, 'postits');
			return { message: m.postit_deleted() };
		});
	},
	dot: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(values, () => castDot(ctx(), p, values.stepId ?? '', values));
			if ('id' in result) {
				if (!result.duplicate) publish(p.sessionId, 'dots');
				return { message: m.dot_saved() };
			}
			return result;
		});
	},
	undot: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(values, () =>
				takeBackDot(ctx(), p, values.stepId ?? '', values.postitId ?? '', values.dotId || undefined)
			);
			if (result) return result;
			publish(p.sessionId, 'dots');
			return { message: m.dot_taken_back() };
		});
	}
};
