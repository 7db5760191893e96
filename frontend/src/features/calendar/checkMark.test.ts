import { describe, expect, it } from 'vitest';
import { addCheckMark, checkMarkNode } from './checkMark';

/** weekCard is a card as FullCalendar's week view draws it: time, then title. */
function weekCard(): HTMLElement {
  const el = document.createElement('a');
  el.className = 'fc-event';
  el.innerHTML =
    '<div class="fc-event-main"><div class="fc-event-main-frame"><div class="fc-event-time">09:00</div>' +
    '<div class="fc-event-title-container"><div class="fc-event-title">Promo</div></div></div></div>';
  return el;
}

describe('the style guide marker on calendar cards', () => {
  it('puts a named error dot in front of a week card title, once', () => {
    const el = weekCard();
    addCheckMark(el, 'error', 'Has style guide errors');
    addCheckMark(el, 'error', 'Has style guide errors'); // drawn again
    const marks = el.querySelectorAll('.pd-mark');
    expect(marks).toHaveLength(1);
    const mark = marks[0] as HTMLElement;
    expect(mark.dataset.check).toBe('error');
    expect(mark.getAttribute('role')).toBe('img');
    expect(mark.getAttribute('aria-label')).toBe('Has style guide errors');
    expect(mark.parentElement?.classList.contains('fc-event-title')).toBe(true);
    expect(mark.parentElement?.textContent).toBe('Promo');
  });

  it('marks a warning in orange and leaves a clean post alone', () => {
    const warned = weekCard();
    addCheckMark(warned, 'warning', 'Has style guide warnings');
    expect(warned.querySelector('.pd-mark-warning')).not.toBeNull();
    const clean = weekCard();
    addCheckMark(clean, '', 'unused');
    expect(clean.querySelector('.pd-mark')).toBeNull();
    expect(checkMarkNode(undefined, 'unused')).toBeNull();
  });
});
