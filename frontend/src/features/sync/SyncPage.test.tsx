import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
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
}));
vi.mock('../../shared/api/team', () => ({ useMembers: () => ({ data: [] }) }));
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

  it('says it in Bahasa Indonesia too', async () => {
    await i18n.changeLanguage('id');
    status.deviceChange = { reason: 'restored', previousId: 'old-id', deviceId: 'new-id', at: '2026-11-30T09:00:00Z' };
    renderPage();
    expect(screen.getByTestId('sync-device-change').textContent).toMatch(/perangkat baru.*dipulihkan dari cadangan/);
  });
});
