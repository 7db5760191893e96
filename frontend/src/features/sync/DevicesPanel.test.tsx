import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { DevicesPanel } from './DevicesPanel';

let devices: { id: string; name: string; member: string; fingerprint: string; state: string; confirmedBy: string; lastSeen: string; waiting: number; waitingReason: string; this: boolean }[] = [
  { id: 'me', name: 'office', member: 'ana', fingerprint: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG', state: 'confirmed', confirmedBy: '', lastSeen: '', waiting: 0, waitingReason: '', this: true },
  { id: 'new', name: 'budi-laptop', member: 'budi', fingerprint: 'QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL', state: 'waiting', confirmedBy: '', lastSeen: '2026-11-30T09:00:00Z', waiting: 3, waitingReason: 'not_confirmed', this: false },
];
const decide = { mutateAsync: vi.fn(async () => ({})), isPending: false };
let can = 'yes';
let me = 'ana';

vi.mock('../../shared/api/sync', () => ({
  useDevices: () => ({ data: devices }),
  useDecideDevice: () => decide,
}));
const team = [{ id: 'ana', name: 'Ana' }, { id: 'budi', name: 'Budi' }, { id: 'citra', name: 'Citra' }];
let members = team;
vi.mock('../../shared/api/team', () => ({
  useMembers: () => ({ data: members }),
}));
vi.mock('../../shared/api/permissions', () => ({ useCan: () => can }));
vi.mock('../../shared/api/workspace', () => ({ useWorkspaceInfo: () => ({ data: { me } }) }));

function renderPanel(encrypted = false) {
  render(
    <MantineProvider>
      <DevicesPanel encrypted={encrypted} />
    </MantineProvider>,
  );
}

describe('DevicesPanel', () => {
  beforeEach(() => {
    can = 'yes';
    me = 'ana';
    members = team;
    decide.mutateAsync.mockClear();
    void i18n.changeLanguage('en');
  });

  it('shows a join request with the code to compare, and the manager confirms it', async () => {
    renderPanel();
    const req = screen.getByTestId('join-request');
    expect(req.textContent).toContain('New computer "budi-laptop" wants to join as Budi');
    expect(screen.getByTestId('join-fingerprint').textContent).toBe('QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL');
    expect(req.textContent).toContain('3 changes wait');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await vi.waitFor(() => expect(decide.mutateAsync).toHaveBeenCalledWith({ id: 'new', decision: 'confirm' }));
  });

  it('does not let a member without manage_team confirm another member\'s computer', () => {
    can = 'no';
    me = 'citra';
    renderPanel();
    const confirm = screen.getByRole('button', { name: 'Confirm' });
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(confirm);
    expect(decide.mutateAsync).not.toHaveBeenCalled();
  });

  it('lets the same member confirm their own new computer', async () => {
    can = 'no';
    me = 'budi';
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await vi.waitFor(() => expect(decide.mutateAsync).toHaveBeenCalledWith({ id: 'new', decision: 'confirm' }));
  });

  it('asks whom a computer that joined an encrypted folder belongs to before confirming it', async () => {
    const saved = devices;
    devices = [saved[0], { ...saved[1], member: '' }];
    try {
      renderPanel(true);
      expect(screen.getByTestId('join-request').textContent).toContain('New computer "budi-laptop" wants to join');
      const confirm = screen.getByRole('button', { name: 'Confirm' });
      expect(confirm.getAttribute('aria-disabled')).toBe('true');
      fireEvent.click(confirm);
      expect(decide.mutateAsync).not.toHaveBeenCalled();
      await userEvent.click(screen.getByLabelText('Joins as', { selector: 'input' }));
      await userEvent.click(await screen.findByRole('option', { name: 'Budi', hidden: true }));
      await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Confirm' }).getAttribute('aria-disabled')).toBeNull());
      fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
      await vi.waitFor(() =>
        expect(decide.mutateAsync).toHaveBeenCalledWith({ id: 'new', decision: 'confirm', member: 'budi' }),
      );
    } finally {
      devices = saved;
    }
  });

  it('confirms a second computer of an encrypted folder as it is when the team has no members to choose from', async () => {
    const saved = devices;
    devices = [{ ...saved[0], member: '' }, { ...saved[1], member: '' }];
    members = [];
    me = '';
    try {
      renderPanel(true);
      expect(screen.queryByLabelText('Joins as', { selector: 'input' })).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
      await vi.waitFor(() => expect(decide.mutateAsync).toHaveBeenCalledWith({ id: 'new', decision: 'confirm' }));
    } finally {
      devices = saved;
    }
  });

  it('confirms a computer that did not say whom it belongs to in a plain folder as before', async () => {
    const saved = devices;
    devices = [saved[0], { ...saved[1], member: '' }];
    try {
      renderPanel(false);
      expect(screen.queryByLabelText('Joins as', { selector: 'input' })).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
      await vi.waitFor(() => expect(decide.mutateAsync).toHaveBeenCalledWith({ id: 'new', decision: 'confirm' }));
    } finally {
      devices = saved;
    }
  });

  it('says it in Bahasa Indonesia too', async () => {
    await i18n.changeLanguage('id');
    renderPanel();
    expect(screen.getByTestId('join-request').textContent).toContain('Komputer baru "budi-laptop" ingin bergabung sebagai Budi');
    expect(screen.getAllByText('Menunggu konfirmasi').length).toBeGreaterThan(0);
  });

  describe('revoking a lost computer', () => {
    const laptop = { id: 'old', name: 'citra-laptop', member: 'citra', fingerprint: 'MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH', state: 'confirmed', confirmedBy: 'ana', lastSeen: '', waiting: 0, waitingReason: '', this: false };
    beforeEach(() => {
      devices.push(laptop);
      return () => void devices.pop();
    });

    it("asks with the app's own question: Escape keeps the computer, Enter revokes it", async () => {
      const user = userEvent.setup();
      renderPanel();
      await user.click(screen.getByRole('button', { name: 'Revoke' }));
      const question = await screen.findByRole('alertdialog');
      expect(question.textContent).toContain('Revoke "citra-laptop"? Its changes from now on are refused on every computer.');
      await user.keyboard('{Escape}');
      await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
      expect(decide.mutateAsync).not.toHaveBeenCalled();

      await user.click(screen.getByRole('button', { name: 'Revoke' }));
      await screen.findByRole('alertdialog');
      await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Revoke'));
      await user.keyboard('{Enter}');
      await vi.waitFor(() => expect(decide.mutateAsync).toHaveBeenCalledWith({ id: 'old', decision: 'revoke' }));
    });

    it('asks in Bahasa Indonesia too', async () => {
      await i18n.changeLanguage('id');
      const user = userEvent.setup();
      renderPanel();
      await user.click(screen.getByRole('button', { name: 'Cabut' }));
      const question = await screen.findByRole('alertdialog');
      expect(question.textContent).toContain('"citra-laptop"');
      expect(screen.getByRole('button', { name: 'Batal' })).toBeTruthy();
    });
  });
});
