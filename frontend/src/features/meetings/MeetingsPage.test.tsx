import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';

const zone = { timeZone: 'Asia/Jakarta' };
vi.mock('../../shared/api/workspace', () => ({ useWorkspaceInfo: () => ({ data: { timeZone: zone.timeZone } }) }));
vi.mock('../../shared/api/team', () => ({ useMembers: () => ({ data: [{ id: 'a', name: 'Ana' }] }) }));
vi.mock('../../shared/api/meetings', () => ({
  useMeetings: () => ({ isPending: false, isError: false, data: [] }),
}));
// The form's own data is not what this test is about.
vi.mock('./MeetingForm', () => ({
  emptyMeeting: (_kind: string, date: string) => ({ date }),
  MeetingForm: ({ initial }: { initial: { date: string } }) => <output data-testid="new-meeting-date">{initial.date}</output>,
}));

const { MeetingsPage } = await import('./MeetingsPage');

describe('MeetingsPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it("plans a new meeting on the workspace's today, not this computer's", async () => {
    await i18n.changeLanguage('en');
    // 20:00 UTC on 1 December: already 2 December in Jakarta, the workspace's
    // zone, while a computer in New York (TZ below) is still on 1 December.
    vi.stubEnv('TZ', 'America/New_York');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2026, 11, 1, 20, 0)));
    render(
      <MantineProvider>
        <MemoryRouter>
          <MeetingsPage />
        </MemoryRouter>
      </MantineProvider>,
    );
    await userEvent.click(screen.getByTestId('meeting-new'));
    expect((await screen.findByTestId('new-meeting-date')).textContent).toBe('2026-12-02');
  });
});
