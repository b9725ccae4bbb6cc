import type { ActionResult, SubmitFunction } from '$app/forms';

/**
 * `use:enhance={keepPlace()}` for a form that acts on something in a long page (a post-it on the
 * console): after the answer, focus goes back to where it was, as it would on a desktop program,
 * rather than to the top of the page as after a page load (SvelteKit resets focus after a
 * successful action). When the element that had focus is gone, the item the form's action URL
 * points at (`?/hide#postit-ID`) takes it, and that item stays where it stood on the screen.
 * `after` runs once the page has its new data, with what was sent; `reset: false` keeps what
 * was chosen meanwhile (the form is not emptied).
 */
export function keepPlace(
	after?: (type: string, sent: FormData) => void,
	reset = true
): SubmitFunction {
	return ({ formElement, action, formData }) => {
		const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
		const anchor = decodeURIComponent(action.hash.slice(1));
		// Where the item stood on the screen: what changes above it (a new theme in the results)
		// must not push it away.
		const item = anchor ? document.getElementById(anchor) : null;
		const stood = item?.getBoundingClientRect().top;
		return async ({
			result,
			update
		}: {
			result: ActionResult;
			update: (o?: { reset?: boolean }) => Promise<void>;
		}) => {
			await update({ reset });
			after?.(result.type, formData);
			if (item?.isConnected && stood !== undefined) {
				const moved = item.getBoundingClientRect().top - stood;
				if (Math.abs(moved) > 1) window.scrollBy(0, moved);
			}
			const target =
				active?.isConnected && active !== document.body
					? active
					: anchor
						? document.getElementById(anchor)
						: formElement.isConnected
							? formElement
							: null;
			if (!target) return;
			if (target.tabIndex < 0 && !target.matches('a, button, input, select, textarea'))
				target.setAttribute('tabindex', '-1');
			target.focus({ preventScroll: true });
		};
	};
}
