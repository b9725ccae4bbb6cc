import type { Actor, Ctx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { requireMember } from '../network/index.ts';
import { canShape } from './learning.policy.ts';

/** The acting member of the network ("not found" for anyone else). */
export async function learner(ctx: Ctx, actor: Actor | null, networkId: string) {
	return requireMember(ctx, actor, networkId);
}

/** The acting member, who must lead the network (coordinator or facilitator). */
export async function shaper(ctx: Ctx, actor: Actor | null, networkId: string) {
	const m = await learner(ctx, actor, networkId);
	if (!canShape(m)) throw forbidden();
	return m;
}
