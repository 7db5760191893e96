import { Badge, Button, Group, Input, Stack, Text } from '@mantine/core';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { lintKeymap, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { startTransition, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clampSpan, findingsFor, fixLabel, messageOf, severityOf, toDiagnostics, type Finding } from './lint';
import type { DraftChecks } from './draftChecks';
import { markEnd, markStart, PERF } from '../../shared/lib/perf';

const severityColor = { error: 'red', warning: 'orange', info: 'gray' } as const;

// Colours of the underlines follow Mantine's palette in light and dark mode.
const theme = EditorView.theme({
  '&': {
    border: '1px solid var(--mantine-color-default-border)',
    borderRadius: 'var(--mantine-radius-sm)',
    background: 'var(--mantine-color-body)',
    color: 'var(--mantine-color-text)',
    fontSize: 'var(--mantine-font-size-sm)',
  },
  '&.cm-focused': { outline: 'none', borderColor: 'var(--mantine-primary-color-filled)' },
  '.cm-content': { fontFamily: 'var(--mantine-font-family)', padding: '6px 0', caretColor: 'var(--mantine-color-text)' },
  '.cm-line': { padding: '0 10px' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--mantine-color-red-6)', textDecorationSkipInk: 'none' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--mantine-color-orange-6)', textDecorationSkipInk: 'none' },
  '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted var(--mantine-color-gray-6)' },
  '.cm-tooltip-lint': { background: 'var(--mantine-color-body)', color: 'var(--mantine-color-text)' },
});

/**
 * LintedText is a text box (CodeMirror) that underlines the style guide's
 * findings where they are, in their severity's colour, with each fix one
 * click away: in the hover tooltip and in the list under the box, which also
 * serves the keyboard and screen readers. A result for an older text than
 * the box holds is not drawn (CodeMirror keeps moving the last underlines
 * along with the edits until the newer result arrives).
 */
export function LintedText({
  label,
  value,
  onChange,
  checks,
  channelId,
  error,
  minHeight = 72,
  testId,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** checks are the editor's draft checks; channelId picks this box's findings (null: the common text). */
  checks: DraftChecks;
  channelId: string | null;
  error?: string;
  minHeight?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const attrs = useRef(new Compartment());
  const labelId = useId();
  const errorId = useId();

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          // Tab is left to move the focus on (no indentWithTab): the box is one field of a form.
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          EditorView.lineWrapping,
          attrs.current.of(EditorView.contentAttributes.of({ 'aria-label': label })),
          theme,
          EditorView.theme({ '.cm-content': { minHeight: `${minHeight}px` } }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            // A keystroke: the figure of typing to underline starts here (e2e/bench).
            if (u.transactions.some((tr) => tr.isUserEvent('input') || tr.isUserEvent('delete'))) markStart(PERF.lint);
            const text = u.state.doc.toString();
            sent.current = [...sent.current.slice(-49), text];
            onChangeRef.current(text);
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is made once; value, label and findings reach it below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The label and error the content carries for screen readers and tests.
  useEffect(() => {
    const attributes: Record<string, string> = { 'aria-label': label };
    if (error) {
      attributes['aria-invalid'] = 'true';
      attributes['aria-describedby'] = errorId;
    }
    view.current?.dispatch({ effects: attrs.current.reconfigure(EditorView.contentAttributes.of(attributes)) });
  }, [label, error, errorId]);

  // A text set from outside (the stored post, a switch) replaces the box's.
  // The texts this box sent up are not from outside: one may come back
  // after the box has moved on (a render still on its way).
  const sent = useRef<string[]>([]);
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value || sent.current.includes(value)) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  // Each result is drawn into the box at once, without rendering the form:
  // the underlines are CodeMirror's. The list under the box follows as a
  // transition, so it never holds up the underline.
  const [listed, setListed] = useState<{ text: string; findings: Finding[] }>({ text: '', findings: [] });
  const tRef = useRef(t);
  tRef.current = t;
  useEffect(() => {
    const draw = () => {
      const v = view.current;
      const r = checks.get();
      if (!v || !r) return;
      const checked = channelId === null ? r.body : r.variants[channelId];
      const text = v.state.doc.toString();
      if (checked === undefined || text !== checked) return;
      const findings = findingsFor(r.results, channelId);
      v.dispatch(setDiagnostics(v.state, toDiagnostics(text, findings, tRef.current)));
      if (findings.length > 0) markEnd(PERF.lint);
      startTransition(() => setListed({ text, findings }));
    };
    draw();
    return checks.subscribe(draw);
  }, [checks, channelId]);

  // The list is for the text it was found in: a fix of an older text could land in the wrong place.
  const shown = listed.text === value ? listed.findings : [];

  // A fix is an edit of the box like typing (undo takes it back).
  const fix = (f: Finding) => {
    const v = view.current;
    if (!v || !f.fix) return;
    const { from, to } = clampSpan(v.state.doc.toString(), f.from16, f.to16);
    v.dispatch({ changes: { from, to, insert: f.fix.replacement }, userEvent: 'input.fix' });
  };


  return (
    <Stack gap={4}>
      <Input.Wrapper label={label} labelProps={{ id: labelId, onClick: () => view.current?.focus() }} error={error} errorProps={{ id: errorId }}>
        <div ref={host} data-testid={testId} className="pd-linted" />
      </Input.Wrapper>
      {shown.length > 0 && (
        <Stack gap={2} role="list" aria-label={t('lint.findings', { field: label })} data-testid={testId ? `${testId}-findings` : undefined}>
          {shown.map((f, i) => (
            <Group key={`${f.from16}:${f.to16}:${f.code}:${i}`} gap={6} wrap="nowrap" role="listitem" align="flex-start" data-severity={severityOf(f)}>
              <Badge size="xs" variant="light" color={severityColor[severityOf(f)]} style={{ flex: 'none', marginTop: 2 }}>
                {t(`checks.severity_${severityOf(f)}`)}
              </Badge>
              <Text size="xs" style={{ flex: 1 }}>
                {messageOf(f, t)}
              </Text>
              {f.fix && (
                <Button size="compact-xs" variant="light" style={{ flex: 'none' }} onClick={() => fix(f)}>
                  {fixLabel(f.fix, t)}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
