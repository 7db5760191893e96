import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { EncryptionPanel } from './EncryptionPanel';

const encrypt = { mutateAsync: vi.fn(async () => ({ done: 3, total: 3 })), isPending: false };
let progress: { done: number; total: number } | null = null;
let can = 'yes';

vi.mock('../../shared/api/sync', () => ({
  useEncryptFolder: () => encrypt,
  useEncryptProgress: () => progress,
  useDevices: () => ({ data: [{ id: 'me', this: true, fingerprint: 'QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL' }] }),
}));
vi.mock('../../shared/api/permissions', () => ({ useCan: () => can }));

function renderPanel(encryption: { state: string; keyId?: string; devices: string[]; waiting?: string }) {
  render(
    <MantineProvider>
      <EncryptionPanel encryption={encryption} />
    </MantineProvider>,
  );
}

describe('EncryptionPanel', () => {
  beforeEach(() => {
    can = 'yes';
    progress = null;
    encrypt.isPending = false;
    encrypt.mutateAsync.mockClear();
    void i18n.changeLanguage('en');
  });

  it('says the folder is encrypted, with no button', () => {
    renderPanel({ state: 'on', keyId: 'a1b2', devices: ['x', 'y'] });
    expect(screen.getByTestId('sync-encryption').textContent).toContain('end-to-end encrypted');
    expect(screen.queryByRole('button', { name: 'Encrypt the shared folder' })).toBeNull();
  });

  it('offers a manager to encrypt a plain folder, after asking', async () => {
    renderPanel({ state: 'off', devices: [] });
    expect(screen.getByTestId('sync-encryption').textContent).toContain('not encrypted');
    fireEvent.click(screen.getByRole('button', { name: 'Encrypt the shared folder' }));
    const question = await screen.findByRole('alertdialog');
    expect(question.textContent).toContain('Encrypt every file of this workspace');
    expect(encrypt.mutateAsync).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Encrypt' }));
    await vi.waitFor(() => expect(encrypt.mutateAsync).toHaveBeenCalled());
  });

  it('does not let someone without manage_team start it', () => {
    can = 'no';
    renderPanel({ state: 'off', devices: [] });
    const b = screen.getByRole('button', { name: 'Encrypt the shared folder' });
    expect(b.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(b);
    expect(encrypt.mutateAsync).not.toHaveBeenCalled();
  });

  it('shows how far encrypting has come', () => {
    encrypt.isPending = true;
    progress = { done: 4, total: 10 };
    renderPanel({ state: 'encrypting', devices: [] });
    expect(screen.getByTestId('sync-encrypt-progress').textContent).toContain('Encrypted 4 of 10 files');
  });

  it('tells a computer without the key why it reads nothing, in English and Indonesian', async () => {
    renderPanel({ state: 'on', devices: [], waiting: 'waiting_confirmation' });
    expect(screen.getByTestId('sync-key-waiting').textContent).toContain('waits for a teammate to confirm it');
    expect(screen.getByTestId('my-fingerprint').textContent).toBe('QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL');
    await i18n.changeLanguage('id');
    renderPanel({ state: 'on', devices: [], waiting: 'refused' });
    expect(screen.getAllByTestId('sync-key-waiting')[1].textContent).toContain('Komputer ini ditolak');
  });
});
