/**
 * The keys of a row of tabs (`role="tab"`), as the ARIA tabs pattern has them: ArrowRight and
 * ArrowLeft move to the next and the previous tab (round the ends), Home and End to the first and
 * the last. The row keeps one tab in the Tab order, the one selected (a roving `tabindex`).
 */

/** Put the tab at `selected` alone in the Tab order. */
export function rovingTabIndex(tabs: readonly HTMLElement[], selected: number): void {
  tabs.forEach((t, i) => (t.tabIndex = i === selected ? 0 : -1));
}

/** The tab an arrow, Home or End key moves to from tab `at` of `count`, or undefined for any other key. */
function tabMovedTo(key: string, at: number, count: number): number | undefined {
  if (key === 'ArrowRight') return (at + 1) % count;
  if (key === 'ArrowLeft') return (at + count - 1) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}

/** Move between `tabs` by those keys: `select` selects the tab moved to and focuses it. */
export function wireTabKeys(tabs: readonly HTMLElement[], select: (index: number) => void): void {
  tabs.forEach((tab, i) =>
    tab.addEventListener('keydown', (ev) => {
      const to = tabMovedTo(ev.key, i, tabs.length);
      if (to === undefined || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      ev.preventDefault();
      select(to);
    }),
  );
}
