import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { SyncPage } from './SyncPage';

const status = {
  enabled: true,
  folder: '/shared',
  lastSync: '2026-11-30T09:00:00Z',
  outgoing: 0,
  incoming: 0,
  devices: [],
  conflicts: 1,
  quarantined: 0,
  deviceId: 'new-id',
  workspaceId: 'ws',
  deviceChange: null as null | { reason: string; previousId: string; deviceId: string; at: string },
  refused: [] as { device: string; member: string; table: string; id: string; field: string; reason: string; permission: string; at: string }[],
  agreement: { agreeing: 1, total: 1, devices: [] as { id: string; name: string; state: string; firstTable?: string }[] },
};

const idle = { mutate: vi.fn(), mutateAsync: vi.fn(), isPending: false };
vi.mock('../../shared/api/sync', () => ({
  chooseFolder: vi.fn(),
  scanFolder: vi.fn(),
  useConnect: () => idle,
  useJoin: () => idle,
  useLeave: () => idle,
  useSyncNow: () => idle,
  useLastRun: () => null,
  useSyncProgress: () => null,
  useSyncStatus: () => ({ isPending: false, isError: false, data: status }),
  useRebuild: () => rebuild,
}));
const rebuild = { mutate: vi.fn(), mutateAsync: vi.fn(async () => ({ changes: 10, rows: 3, conflicts: 0 })), isPending: false };
vi.mock('../../shared/api/team', () => ({ useMembers: () => ({ data: [{ id: 'm-budi', name: 'Budi' }] }) }));
vi.mock('../../shared/api/calendar', () => ({
  usePost: (id: string | null) => ({ data: id === 'p1' ? { id: 'p1', title: 'Promo Desember' } : undefined }),
}));
vi.mock('./ConflictsPanel', () => ({ ConflictsPanel: () => null }));
vi.mock('./DevicesPanel', () => ({ DevicesPanel: () => null }));

function renderPage() {
  render(
    <MantineProvider>
      <SyncPage />
    </MantineProvider>,
  );
}

describe('SyncPage', () => {
  beforeEach(() => {
    status.deviceChange = null;
    status.refused = [];
    status.agreement = { agreeing: 1, total: 1, devices: [] };
    rebuild.mutateAsync.mockClear();
    void i18n.changeLanguage('en');
  });

  it('says nothing about the device id when it never changed', () => {
    renderPage();
    expect(screen.queryByTestId('sync-device-change')).toBeNull();
  });

  it('tells the user this computer continued as a new device after a restore', () => {
    status.deviceChange = { reason: 'restored', previousId: 'old-id', deviceId: 'new-id', at: '2026-11-30T09:00:00Z' };
    renderPage();
    expect(screen.getByTestId('sync-device-change').textContent).toMatch(/continued as a new device.*restored from a backup.*Nothing was lost/);
  });

  it('hides the notice for good on this computer once read, and shows a later one', async () => {
    localStorage.clear();
    status.deviceChange = { reason: 'restored', previousId: 'old-id', deviceId: 'new-id', at: '2026-11-30T09:00:00Z' };
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Hide this notice' }));
    await waitFor(() => expect(screen.queryByTestId('sync-device-change')).toBeNull());
    cleanup();
    renderPage();
    expect(screen.queryByTestId('sync-device-change')).toBeNull();
    cleanup();
    status.deviceChange = { reason: 'restored', previousId: 'new-id', deviceId: 'newer-id', at: '2026-12-01T09:00:00Z' };
    renderPage();
    expect(screen.getByTestId('sync-device-change')).toBeTruthy();
    localStorage.clear();
  });

  it('says it in Bahasa Indonesia too', async () => {
    await i18n.changeLanguage('id');
    localStorage.clear();
    status.deviceChange = { reason: 'restored', previousId: 'old-id', deviceId: 'new-id', at: '2026-11-30T09:00:00Z' };
    renderPage();
    expect(screen.getByTestId('sync-device-change').textContent).toMatch(/perangkat baru.*dipulihkan dari cadangan/);
    expect(screen.getByRole('button', { name: 'Sembunyikan pemberitahuan ini' })).toBeTruthy();
  });

  it('lists an approval refused because the teammate lacked the right, once per change, with the reason', () => {
    const approval = { device: 'dev-b', member: 'm-budi', table: 'posts', id: 'p1', reason: 'permission_missing', permission: 'approve_posts', at: '2026-11-30T09:00:00Z' };
    status.refused = ['status', 'approved_by', 'approved_at'].map((field) => ({ ...approval, field }));
    renderPage();
    const rows = screen.getAllByTestId('sync-refused-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toMatch(/Budi.*Approved the post "Promo Desember".*Budi's roles at that moment did not allow: Approve posts/);
    expect(screen.getByTestId('sync-refused').textContent).toMatch(/1 change from a teammate was not applied/);
  });

  it('names a refused request for changes by the post', () => {
    status.refused = [{ device: 'dev-b', member: 'm-budi', table: 'posts', id: 'p1', field: 'status', reason: 'permission_missing', permission: 'approve_posts', at: '2026-11-30T09:00:00Z' }];
    renderPage();
    expect(screen.getByTestId('sync-refused-row').textContent).toMatch(/Budi.*Asked for changes to the post "Promo Desember".*Approve posts/);
  });

  it('says why in Bahasa Indonesia too', async () => {
    await i18n.changeLanguage('id');
    status.refused = [{ device: 'dev-b', member: 'm-budi', table: 'style_guide_entries', id: 'e1', field: 'text', reason: 'permission_missing', permission: 'edit_style_guide', at: '2026-11-30T09:00:00Z' }];
    renderPage();
    expect(screen.getByTestId('sync-refused-row').textContent).toMatch(/Budi.*Menyunting panduan gaya.*Peran Budi saat itu tidak mengizinkan: Mengubah panduan gaya/);
  });

  it('says a revoked computer made the change, in both languages', async () => {
    status.refused = [{ device: 'dev-b', member: 'm-budi', table: 'campaigns', id: 'c1', field: 'name', reason: 'revoked', permission: '', at: '2026-11-30T09:00:00Z' }];
    renderPage();
    expect(screen.getByTestId('sync-refused-row').textContent).toMatch(/Budi.*had been revoked before it made this change/);
    await i18n.changeLanguage('id');
    renderPage();
    expect(screen.getAllByTestId('sync-refused-row').at(-1)?.textContent).toMatch(/sudah dicabut sebelum membuat perubahan ini/);
  });

  it('says plainly when the computer that made a change belongs to no member', () => {
    status.refused = [{ device: 'dev-x', member: '', table: 'roles', id: 'r1', field: 'permissions', reason: 'no_member', permission: 'manage_team', at: '2026-11-30T09:00:00Z' }];
    renderPage();
    expect(screen.getByTestId('sync-refused-row').textContent).toMatch(/A computer that belongs to no member.*Changed a role.*The computer that made it belongs to no member, so it may not: Manage the team/);
  });

  it('shows nothing about refused changes when there are none', () => {
    renderPage();
    expect(screen.queryByTestId('sync-refused')).toBeNull();
  });

  it('says how many devices have the same data', () => {
    status.agreement = { agreeing: 2, total: 2, devices: [{ id: 'b', name: 'Budi', state: 'agree' }] };
    renderPage();
    expect(screen.getByTestId('sync-agreement').textContent).toBe("This computer's data is in agreement with 2 of 2 devices");
    expect(screen.queryByTestId('sync-agreement-differs')).toBeNull();
  });

  it('names a device whose data differs and the first table, and rebuilds on request', async () => {
    status.agreement = {
      agreeing: 1,
      total: 3,
      devices: [
        { id: 'b', name: 'Budi', state: 'differs', firstTable: 'members' },
        { id: 'c', name: 'Citra', state: 'behind' },
      ],
    };
    renderPage();
    expect(screen.getByTestId('sync-agreement').textContent).toMatch(/1 of 3 devices/);
    expect(screen.getByTestId('sync-agreement-differs').textContent).toMatch(/Budi received the same changes.*first in: members/);
    expect(screen.getByText(/Citra has not received the same changes/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: "Rebuild this computer's data" }));
    await waitFor(() => expect(rebuild.mutateAsync).toHaveBeenCalledTimes(1));
  });

  it('says it in Bahasa Indonesia too, open conflicts included', async () => {
    await i18n.changeLanguage('id');
    status.agreement = { agreeing: 1, total: 2, devices: [{ id: 'b', name: 'Budi', state: 'differs', firstTable: 'open.conflicts' }] };
    renderPage();
    expect(screen.getByTestId('sync-agreement').textContent).toBe('Data komputer ini selaras dengan 1 dari 2 perangkat');
    expect(screen.getByTestId('sync-agreement-differs').textContent).toMatch(/Budi menerima perubahan yang sama.*konflik yang terbuka/);
  });
});
