/**
 * The style guide's marker on a post in the calendar: a small dot, red for an
 * error and orange for a warning, with an accessible name. The month grid
 * draws its own cards and puts the dot in them; the week view keeps
 * FullCalendar's own cards, so the dot is added to them once they are in the
 * page (addCheckMark from eventDidMount).
 */

/** checkMarkNode is the dot for check ('error' or 'warning'), or null for none. */
export function checkMarkNode(check: unknown, label: string): HTMLElement | null {
  if (check !== 'error' && check !== 'warning') return null;
  const mark = document.createElement('span');
  mark.className = `pd-mark pd-mark-${check}`;
  mark.setAttribute('role', 'img');
  mark.setAttribute('aria-label', label);
  mark.title = label;
  mark.dataset.check = check;
  return mark;
}

/**
 * addCheckMark puts the dot in front of the title of a card FullCalendar drew
 * (el), once: a card drawn again keeps a single dot.
 */
export function addCheckMark(el: HTMLElement, check: unknown, label: string): void {
  if (el.querySelector('.pd-mark')) return;
  const mark = checkMarkNode(check, label);
  if (!mark) return;
  // Inside the title, so the dot sits on the title's line.
  const title = el.querySelector('.fc-event-title');
  (title ?? el).prepend(mark);
}
