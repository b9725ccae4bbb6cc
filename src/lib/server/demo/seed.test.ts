import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../auth/auth.ts';
import { makeWorld, TEST_DB, type TestWorld } from '../testing/db.ts';
import { runJobsNow } from '../jobs/run-now.ts';
import { search } from '../modules/knowledge/search.service.ts';
import { publicCollection } from '../modules/learning/index.ts';
import { DEMO_USERS, seedDemo } from './seed.ts';

describe(`demo data [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('seeds a network with a closed, searchable session and resources, once', async () => {
		const auth = createAuth({
			db: w.database.authDb,
			dialect: w.database.dialect,
			baseURL: 'http://localhost:3000',
			secret: 'a-test-secret-of-at-least-32-characters!!',
			mailer: w.mailer,
			secureCookies: false,
			rateLimit: false
		});
		await seedDemo(auth, w.ctx);
		await seedDemo(auth, w.ctx); // a second start leaves it alone
		await runJobsNow(w.ctx);
		const network = await w.ctx.db.selectFrom('network').select('id').executeTakeFirstOrThrow();
		const member = await w.ctx.db
			.selectFrom('user')
			.select(['id as userId', 'email', 'name'])
			.where('email', '=', DEMO_USERS[2]!.email)
			.executeTakeFirstOrThrow();
		const found = await search(w.ctx, member, network.id, { q: 'formulier' });
		expect(found.hits.map((h) => h.kind)).toEqual(expect.arrayContaining(['postit', 'answer']));
		expect(
			await w.ctx.db
				.selectFrom('resource')
				.select('title')
				.where('networkId', '=', network.id)
				.execute()
		).toHaveLength(3);
		const goals = await w.ctx.db.selectFrom('goal').select(['title', 'visibility']).execute();
		expect(goals).toEqual([
			{ title: 'Een leesclub in eenvoudige taal in elke vestiging', visibility: 'network' }
		]);
		expect(await w.ctx.db.selectFrom('coachingTalk').select('id').execute()).toHaveLength(1);
		// One commitment, shared, with a plan, a sprint, two actions (one recurring), a start check-in.
		const commitments = await w.ctx.db
			.selectFrom('commitment')
			.select(['id', 'visibility', 'goalId', 'hundredDays'])
			.execute();
		expect(commitments).toHaveLength(1);
		expect(commitments[0]).toMatchObject({ visibility: 'network' });
		expect(commitments[0]!.goalId).not.toBeNull();
		expect(commitments[0]!.hundredDays).not.toBe('');
		const actions = await w.ctx.db
			.selectFrom('commitmentAction')
			.select(['recurrence', 'everyWeeks'])
			.orderBy('title')
			.execute();
		expect(actions).toEqual([
			{ recurrence: 'none', everyWeeks: null },
			{ recurrence: 'weeks', everyWeeks: 2 }
		]);
		expect(await w.ctx.db.selectFrom('commitmentCheckin').select('moment').execute()).toEqual([
			{ moment: 'start' }
		]);
		expect(await w.ctx.db.selectFrom('commitmentSprint').select('id').execute()).toHaveLength(1);

		// The learning questions: four challenges (one anonymous), two chosen themes, two
		// questions with tips and a sub-tip, curated and published, also on a public page where
		// only the boundary spanner (credited by name) is named.
		expect(await w.ctx.db.selectFrom('learningChallenge').select('id').execute()).toHaveLength(4);
		const collection = await w.ctx.db
			.selectFrom('learningCollection')
			.select('id')
			.executeTakeFirstOrThrow();
		const shown = await publicCollection(w.ctx, collection.id);
		expect(shown.questions).toHaveLength(2);
		const named = shown.questions
			.flatMap((q) => q.groups.flatMap((g) => g.insights.flatMap((i) => i.sources)))
			.map((s) => s.credit.name)
			.filter(Boolean);
		expect([...new Set(named)]).toEqual(['Karim Benali']);
		// The participant's organisation keeps three partners, one scored twice.
		expect(await w.ctx.db.selectFrom('partner').select('id').execute()).toHaveLength(3);
		// Three own evaluations, and the theatre's own view given through a link.
		expect(
			(await w.ctx.db.selectFrom('partnerEvaluation').select('source').execute())
				.map((e) => e.source)
				.sort()
		).toEqual(['own', 'own', 'own', 'partner']);
		// A municipality's local approach from a baseline through building blocks to a second snapshot.
		expect(
			await w.ctx.db.selectFrom('localSnapshot').select('number').orderBy('number').execute()
		).toEqual([{ number: 1 }, { number: 2 }]);
		expect(await w.ctx.db.selectFrom('localInterview').select('id').execute()).toHaveLength(4);
		expect(
			(await w.ctx.db.selectFrom('localBlock').select('kind').execute()).map((b) => b.kind).sort()
		).toEqual(['alliance', 'mediation', 'rebubbling']);
		expect(await w.ctx.db.selectFrom('localAction').select('id').execute()).toHaveLength(4);
	});
});
