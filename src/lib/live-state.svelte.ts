/**
 * A screen's live state: what its page data says, with the stream's patches applied on top.
 * What was applied is kept with the data it was applied to, so a newer load of the page starts
 * again from its own data. Call it while the component initialises.
 */
export function livePatched<D, S, P>(
	data: () => D,
	fromData: () => S,
	applyPatch: (state: S, patch: P) => S | null
) {
	let patched = $state.raw<{ base: D; state: S } | null>(null);
	const state = $derived(patched && patched.base === data() ? patched.state : fromData());
	return {
		get state() {
			return state;
		},
		/** Applies a patch; false when the screen must load its data again instead. */
		apply(patch: P) {
			const next = applyPatch(state, patch);
			if (!next) return false;
			patched = { base: data(), state: next };
			return true;
		}
	};
}
