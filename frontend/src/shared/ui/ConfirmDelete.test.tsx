import { Drawer, MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { ConfirmDelete } from './ConfirmDelete';

// The browser's own confirm box is in the computer's language, not the one
// chosen in Postdeck, and looks foreign in the window: every "are you sure"
// is ConfirmDelete (the question next to its button, Enter confirms, Escape
// cancels). It is also tested where it is used (DevicesPanel, PlansPage).
describe("no screen asks with the browser's confirm box", () => {
  const sources = import.meta.glob(['../../**/*.{ts,tsx}', '!../../**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

  it('uses ConfirmDelete instead of window.confirm', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    const offenders = Object.entries(sources)
      .filter(([, text]) => /window\.confirm\(|(?<![.\w])confirm\(/.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});

function InDrawer({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState(true);
  return (
    <Drawer opened={open} onClose={() => setOpen(false)} title="Task">
      <ConfirmDelete question="Delete the task?" onConfirm={onConfirm}>
        Delete task
      </ConfirmDelete>
    </Drawer>
  );
}

describe('ConfirmDelete', () => {
  it('in a drawer, Escape closes the question only; Enter then confirms', async () => {
    await i18n.changeLanguage('en');
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(
      <MantineProvider>
        <InDrawer onConfirm={onConfirm} />
      </MantineProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Delete task' }));
    expect((await screen.findByRole('alertdialog')).textContent).toContain('Delete the task?');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Yes, delete'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Task' })).toBeTruthy();
    expect(onConfirm).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete task' }));
    await screen.findByRole('alertdialog');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Yes, delete'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1));
  });
});
