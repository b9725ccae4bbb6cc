import { redirect, type Cookies } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm, which } from '#lib/server/forms.ts';
import {
	answerInput,
	checkinInput,
	dotInput,
	pollInput,
	postitInput,
	questionInput,
	upvoteInput
} from '#lib/server/modules/live/live.schema.ts';
import { askQuestion, upvoteQuestion, votePoll } from '#lib/server/modules/live/qna.service.ts';
import { connectionCount, liveVersion } from '#lib/server/live/hub.ts';
import { currentParticipant, endedParticipant } from '#lib/server/live/participant-cookie.ts';
import { withParticipant } from '#lib/server/live/participant-action.ts';
import { castDot, dotFacts, takeBackDot } from '#lib/server/modules/live/dot.service.ts';
import { addAnswer, deleteAnswer } from '#lib/server/modules/live/answer.service.ts';
import { reportOnCommitment } from '#lib/server/modules/live/checkin.service.ts';
import { chooseGroup } from '#lib/server/modules/live/group.service.ts';
import { phoneScreen, roomRules } from '#lib/server/modules/live/phone.service.ts';
import { addPostit, deletePostit, editPostit } from '#lib/server/modules/live/postit.service.ts';
import { claimEmailInput, claimInput } from '#lib/server/modules/commitment/claim.schema.ts';
import {
	CLAIM_DAYS,
	claimOfPhone,
	keepClaimSignedIn,
	mailClaimLink,
	writeClaim
} from '#lib/server/modules/commitment/claim.service.ts';
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
export const load: PageServerLoad = async ({ cookies, locals, url }) => {
	const c = ctx();
	const p = await currentParticipant(c, cookies);
	if (!p) redirect(303, (await endedParticipant(c, cookies)) ? '/live/thanks' : '/join');
	// The version first: what changes after it comes on the stream, on top of this data.
	const version = await liveVersion(p.sessionId);
	// In an anonymous round this browser recognises its own post-its by their edit secrets.
	const [screen, claim, rules] = await Promise.all([
		phoneScreen(c, p, anonymousSecrets(cookies)),
		claimOfPhone(c, p),
		roomRules(c, p)
	]);
	return {
		...screen,
		rules,
		// Just joined: the phone says "you're in", with the name given.
		welcome: url.searchParams.has('welcome'),
		// The commitment this phone wrote, and how to keep it: with an account when signed in.
		claim,
		claimDays: CLAIM_DAYS,
		signedIn: !!locals.user,
		me: { name: p.displayName },
		clientId: crypto.randomUUID(),
		liveVersion: version,
		// A big room spreads its phones' reloads wider, so a burst of votes does not become a
		// burst of page loads: 60 phones within 0.8 s, 1,000 within 3 s, 5,000 within 10 s.
		spreadMs: Math.min(10_000, Math.max(800, connectionCount(screen.session.id) * 3))
	};
};

export const actions: Actions = {
	claim: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const r = await runForm(claimInput, values, () => writeClaim(ctx(), p, values));
			if ('id' in r) return { message: m.claim_saved(), which: 'claim' as const };
			return which(r, 'claim');
		});
	},
	claimMail: async ({ request, cookies, getClientAddress, locals }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const r = await runForm(claimEmailInput, values, () =>
				mailClaimLink(ctx(), p, values, locals.locale)
			);
			if (r) return which(r, 'claimMail');
			return { message: m.claim_sent(), which: 'claimMail' as const };
		});
	},
	claimKeep: async ({ cookies, getClientAddress, locals }) => {
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const actor = locals.actor;
			if (!actor) redirect(303, '/sign-in?next=/live');
			const r = await runForm(noFields, {}, () => keepClaimSignedIn(ctx(), actor, p));
			if ('commitmentId' in r) return { message: m.claim_kept(), which: 'claimMail' as const };
			return which(r, 'claimMail');
		});
	},
	answer: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(answerInput, values, () =>
				addAnswer(ctx(), p, values.stepId ?? '', values)
			);
			// Said beside the form it came from (`at`), not at the top of the step.
			if ('id' in result)
				return { message: m.answer_saved(), at: `answer-${Number(values.question) || 0}` };
			return result;
		});
	},
	checkin: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(checkinInput, values, () =>
				reportOnCommitment(ctx(), p, values.stepId ?? '', values)
			);
			if ('id' in result) return { message: m.checkback_saved() };
			// Which commitment's form was refused: that one shows the errors and keeps the values.
			return which(result, values.commitmentId ?? '');
		});
	},
	unanswer: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(noFields, values, () =>
				deleteAnswer(ctx(), p, values.stepId ?? '', values.answerId ?? '')
			);
			if (result) return result;
			return { message: m.answer_deleted() };
		});
	},
	choose: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(noFields, values, () =>
				chooseGroup(ctx(), p, values.stepId ?? '', values.groupId ?? '')
			);
			if (result) return result;
			return { message: m.group_joined() };
		});
	},
	post: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(postitInput, values, () =>
				addPostit(ctx(), p, values.stepId ?? '', values)
			);
			if ('id' in result) {
				if (result.editSecret) rememberSecret(cookies, result.id, result.editSecret);
				return { message: m.postit_saved(), at: 'post' };
			}
			return result;
		});
	},
	edit: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const id = values.postitId ?? '';
			const result = await runForm(postitInput, values, () =>
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
			return { message: m.postit_updated() };
		});
	},
	remove: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const id = values.postitId ?? '';
			const result = await runForm(noFields, values, () =>
				deletePostit(ctx(), p, values.stepId ?? '', id, anonymousSecrets(cookies).get(id))
			);
			if (result) return result;
			return { message: m.postit_deleted() };
		});
	},
	ask: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(questionInput, values, () =>
				askQuestion(ctx(), p, values.stepId ?? '', values)
			);
			if ('id' in result) return { message: m.qna_saved(), at: 'ask' };
			return result;
		});
	},
	upvote: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(upvoteInput, values, () =>
				upvoteQuestion(ctx(), p, values.stepId ?? '', values)
			);
			if ('up' in result)
				return {
					message: result.up ? m.qna_upvote_saved() : m.qna_upvote_removed(),
					at: `q-${values.questionId ?? ''}`
				};
			return result;
		});
	},
	poll: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(pollInput, values, () =>
				votePoll(ctx(), p, values.stepId ?? '', values)
			);
			if ('choice' in result) return { message: m.poll_saved(), at: 'poll' };
			return result;
		});
	},
	dot: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(dotInput, values, () =>
				castDot(ctx(), p, values.stepId ?? '', values)
			);
			if ('id' in result)
				return { message: m.dot_saved(), facts: await dotFacts(ctx(), p, values.stepId ?? '') };
			return result;
		});
	},
	undot: async ({ request, cookies, getClientAddress }) => {
		const values = formValues(await request.formData());
		return withParticipant({ cookies, getClientAddress }, async (p) => {
			const result = await runForm(noFields, values, () =>
				takeBackDot(ctx(), p, values.stepId ?? '', values.postitId ?? '', values.dotId || undefined)
			);
			if (result) return result;
			return { message: m.dot_taken_back(), facts: await dotFacts(ctx(), p, values.stepId ?? '') };
		});
	}
};
