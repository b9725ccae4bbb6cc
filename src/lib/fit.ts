/**
 * Fits a projector page to its screen: the largest type size (between `min` and `max` pixels)
 * at which nothing on the page is cut off, found by halving. An element marked `data-fit`
 * (a post-it, a column, a tally row) is cut off when its content is wider or taller than its
 * box; the page when it is wider or taller than the screen. When even `min` does not fit,
 * `tooBig` is called so the screen can put less on each page.
 */
export interface FitOptions {
	min: number;
	max: number;
	/** Changes whenever what is on the page changes, so the type is fitted again. */
	key: unknown;
	tooBig: () => void;
	/** Called with the size chosen (for tests and the page's own use). */
	fitted?: (px: number) => void;
}

export function clipped(node: HTMLElement): boolean {
	const over = (el: HTMLElement) =>
		el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
	if (over(node)) return true;
	for (const el of node.querySelectorAll<HTMLElement>('[data-fit]')) if (over(el)) return true;
	return false;
}

export function fit(node: HTMLElement, initial: FitOptions) {
	let options = initial;
	let frame = 0;
	const run = () => {
		frame = 0;
		const { min, max } = options;
		const at = (px: number) => {
			node.style.fontSize = `${px}px`;
			return !clipped(node);
		};
		let size = max;
		if (!at(max)) {
			if (!at(min)) {
				options.tooBig();
				return;
			}
			let lo = min;
			let hi = max;
			while (hi - lo > 1) {
				const mid = Math.floor((lo + hi) / 2);
				if (at(mid)) lo = mid;
				else hi = mid;
			}
			size = lo;
			at(size);
		}
		node.dataset.fitted = String(size);
		options.fitted?.(size);
	};
	const schedule = () => {
		if (!frame) frame = requestAnimationFrame(run);
	};
	const observer = new ResizeObserver(schedule);
	observer.observe(node);
	schedule();
	return {
		update(next: FitOptions) {
			const changed =
				next.key !== options.key || next.min !== options.min || next.max !== options.max;
			options = next;
			if (changed) schedule();
		},
		destroy() {
			observer.disconnect();
			if (frame) cancelAnimationFrame(frame);
		}
	};
}
