// The style guide's checks of the draft in the post editor, kept outside
// React state: a result goes straight to the text boxes that show it (their
// underlines are CodeMirror's, drawn without rendering the form again), and
// a check is sent from the keystroke itself, before React renders the form.
import { useRef, useSyncExternalStore } from 'react';
import type { PostInput, VariantFindings } from '../../shared/api/calendar';

/** CheckResult is the findings of one draft, with the texts they were found in. */
export interface CheckResult {
  body: string;
  variants: Record<string, string>;
  results: VariantFindings[];
}

/**
 * DraftChecks runs the checks of one editor: at most one on its way, and the
 * newest draft asked for meanwhile is sent as soon as it returns (a burst of
 * keys is one check, and the underline follows the last key as fast as the
 * backend answers).
 */
export class DraftChecks {
  private result: CheckResult | null = null;
  private listeners = new Set<() => void>();
  private busy = false;
  private next: PostInput | null = null;
  private lastKey = '';
  private closed = false;

  constructor(private readonly check: (draft: PostInput) => Promise<VariantFindings[]>) {}

  /** request checks draft, unless it is the draft checked or asked for last. */
  request(draft: PostInput): void {
    const key = JSON.stringify([draft.body, draft.variants, draft.channels, draft.labels, draft.rating, draft.campaignId]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.next = draft;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy || !this.next || this.closed) return;
    const draft = this.next;
    this.next = null;
    this.busy = true;
    try {
      const results = await this.check(draft);
      if (!this.closed) {
        this.result = { body: draft.body, variants: draft.variants, results };
        for (const l of this.listeners) l();
      }
    } catch {
      // A failed check shows no new findings; the approval checks again anyway.
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  /** get is the newest result (null before the first). */
  get = (): CheckResult | null => this.result;

  /** subscribe calls listener on each new result; it returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * open (again) takes results: React's strict mode closes an editor's checks
   * once and opens them again when it first mounts.
   */
  open(): void {
    this.closed = false;
  }

  /** close drops results that arrive after the editor closed. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}

/** useDraftChecks is the checks of one editor, made once. */
export function useDraftChecks(check: (draft: PostInput) => Promise<VariantFindings[]>): DraftChecks {
  const ref = useRef<DraftChecks | null>(null);
  if (!ref.current) ref.current = new DraftChecks(check);
  return ref.current;
}

/** useCheckResult renders again on each new result (for what is drawn by React: lists, summaries). */
export function useCheckResult(checks: DraftChecks): CheckResult | null {
  return useSyncExternalStore(checks.subscribe, checks.get);
}
