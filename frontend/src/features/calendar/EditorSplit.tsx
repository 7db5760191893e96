import { Paper, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './EditorSplit.css';

/** Editor widths in pixels: the narrowest that keeps its fields usable, the default, and the widest. */
export const EDITOR_MIN = 340;
export const EDITOR_DEFAULT = 400;
export const EDITOR_MAX = 720;
const STORAGE_KEY = 'postdeck.editorWidth';

/**
 * clampWidth keeps an editor width inside its bounds and leaves the calendar
 * at least about 480 px beside it (the window also holds the 220 px menu and
 * the page's margins).
 */
export function clampWidth(w: number, viewport: number): number {
  const max = Math.max(EDITOR_MIN, Math.min(EDITOR_MAX, viewport - 760));
  return Math.round(Math.min(max, Math.max(EDITOR_MIN, w)));
}

function storedWidth(): number {
  const n = Number(window.localStorage?.getItem(STORAGE_KEY));
  return Number.isFinite(n) && n > 0 ? n : EDITOR_DEFAULT;
}

/**
 * EditorSplit shows the post editor as a panel beside the calendar instead of
 * over it: the week stays visible (and droppable) while a post is open. The
 * panel is as tall as the window and scrolls on its own, so the editor's
 * actions stay in view; the handle between them resizes it (mouse or arrow
 * keys) and the width is remembered on this device.
 */
export function EditorSplit({ open, title, panel, children }: { open: boolean; title: string; panel: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const [width, setWidth] = useState(() => clampWidth(storedWidth(), window.innerWidth));
  const drag = useRef<{ x: number; w: number } | null>(null);

  useEffect(() => {
    window.localStorage?.setItem(STORAGE_KEY, String(width));
  }, [width]);

  return (
    <div style={{ display: 'flex', alignItems: 'flex-start' }}>
      <div style={{ flex: 1, minWidth: 0 }} data-editor-open={open || undefined}>
        {children}
      </div>
      {open && (
        <>
          <div
            role="separator"
            aria-orientation="vertical"
            aria-label={t('calendar.resizeEditor')}
            title={t('calendar.resizeEditor')}
            aria-valuemin={EDITOR_MIN}
            aria-valuemax={EDITOR_MAX}
            aria-valuenow={width}
            tabIndex={0}
            data-testid="editor-resize"
            style={{ flex: 'none', width: 12, alignSelf: 'stretch', cursor: 'col-resize', display: 'flex', justifyContent: 'center', touchAction: 'none' }}
            onPointerDown={(e) => {
              drag.current = { x: e.clientX, w: width };
              e.currentTarget.setPointerCapture(e.pointerId);
            }}
            onPointerMove={(e) => {
              if (drag.current) setWidth(clampWidth(drag.current.w + drag.current.x - e.clientX, window.innerWidth));
            }}
            onPointerUp={() => (drag.current = null)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowLeft') setWidth((w) => clampWidth(w + 20, window.innerWidth));
              else if (e.key === 'ArrowRight') setWidth((w) => clampWidth(w - 20, window.innerWidth));
            }}
          >
            <div style={{ width: 4, margin: '0 4px', borderRadius: 2, background: 'var(--mantine-color-default-border)' }} />
          </div>
          <Paper
            component="section"
            role="dialog"
            aria-label={title}
            withBorder
            data-testid="post-editor"
            style={{
              flex: 'none',
              width,
              // Below the app's header, as tall as the window: the panel scrolls, the page does not have to.
              position: 'sticky',
              top: 'calc(var(--app-shell-header-offset, 56px) + var(--mantine-spacing-md))',
              height: 'calc(100vh - var(--app-shell-header-offset, 56px) - 2 * var(--mantine-spacing-md))',
              display: 'flex',
              flexDirection: 'column',
            }}
          >
            {/* No close button here: the editor's own Close stays in view at the panel's bottom. */}
            <Text fw={600} px="md" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
              {title}
            </Text>
            <div style={{ flex: 1, minHeight: 0, overflowY: 'auto', padding: 'var(--mantine-spacing-md)', paddingBottom: 0 }} data-testid="editor-scroll">
              {panel}
            </div>
          </Paper>
        </>
      )}
    </div>
  );
}
