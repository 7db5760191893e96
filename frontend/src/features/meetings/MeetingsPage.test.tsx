import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { MeetingsPage } from './MeetingsPage';

const meetings = vi.fn();
vi.mock('../../shared/api/meetings', async (orig) => ({
  ...(await orig<typeof import('../../shared/api/meetings')>()),
  useMeetings: () => meetings(),
}));
vi.mock('../../shared/api/team', async (orig) => ({
  ...(await orig<typeof import('../../shared/api/team')>()),
  useMembers: () => ({ data: [] }),
}));
vi.mock('../../shared/api/workspace', () => ({ useWorkspaceInfo: () => ({ data: { timeZone: 'Asia/Jakarta' } }) }));
vi.mock('../../shared/lib/datetime', async (orig) => ({
  ...(await orig<typeof import('../../shared/lib/datetime')>()),
  useDates: () => ({ dayTime: (day: string, time: string) => `${day} ${time}` }),
}));
// The form's own data is not what these tests are about: it shows the date it starts with.
vi.mock('./MeetingForm', () => ({
  emptyMeeting: (_kind: string, date: string) => ({ date }),
  MeetingForm: ({ initial }: { initial: { date: string } }) => <output data-testid="new-meeting-date">{initial.date}</output>,
}));

const row = { kind: 'checkin', time: '09:00', attendeeIds: [], guests: [], repeat: 'weekly' };

function renderPage() {
  render(
    <MemoryRouter>
      <MantineProvider>
        <MeetingsPage />
      </MantineProvider>
    </MemoryRouter>,
  );
}

describe('MeetingsPage', () => {
  beforeEach(() => i18n.changeLanguage('en'));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('lists a series whose repeat rule cannot be read with a warning, beside the others', () => {
    meetings.mockReturnValue({
      isPending: false,
      data: [
        { ...row, id: 'a', title: 'Monday stand-up', next: '2026-12-07' },
        { ...row, id: 'b', title: 'Fortnightly review', next: '', ruleUnreadable: true },
      ],
    });
    renderPage();
    expect(screen.getByText('Monday stand-up')).toBeInTheDocument();
    expect(screen.getByText('2026-12-07 09:00')).toBeInTheDocument();
    expect(screen.getByText('Fortnightly review')).toBeInTheDocument();
    expect(screen.getByText('Its repeat rule cannot be read: update Postdeck on this computer')).toBeInTheDocument();
  });

  it("plans a new meeting on the workspace's today, not this computer's", async () => {
    meetings.mockReturnValue({ isPending: false, isError: false, data: [] });
    // 20:00 UTC on 1 December: already 2 December in Jakarta, the workspace's
    // zone, while a computer in New York (TZ below) is still on 1 December.
    vi.stubEnv('TZ', 'America/New_York');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2026, 11, 1, 20, 0)));
    renderPage();
    await userEvent.click(screen.getByTestId('meeting-new'));
    expect((await screen.findByTestId('new-meeting-date')).textContent).toBe('2026-12-02');
  });
});
