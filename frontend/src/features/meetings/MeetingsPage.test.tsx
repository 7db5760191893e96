import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
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
vi.mock('../../shared/lib/datetime', async (orig) => ({
  ...(await orig<typeof import('../../shared/lib/datetime')>()),
  useDates: () => ({ dayTime: (day: string, time: string) => `${day} ${time}` }),
}));

const row = { kind: 'checkin', time: '09:00', attendeeIds: [], guests: [], repeat: 'weekly' };

describe('MeetingsPage', () => {
  beforeEach(() => i18n.changeLanguage('en'));

  it('lists a series whose repeat rule cannot be read with a warning, beside the others', () => {
    meetings.mockReturnValue({
      isPending: false,
      data: [
        { ...row, id: 'a', title: 'Monday stand-up', next: '2026-12-07' },
        { ...row, id: 'b', title: 'Fortnightly review', next: '', ruleUnreadable: true },
      ],
    });
    render(
      <MemoryRouter>
        <MantineProvider>
          <MeetingsPage />
        </MantineProvider>
      </MemoryRouter>,
    );
    expect(screen.getByText('Monday stand-up')).toBeInTheDocument();
    expect(screen.getByText('2026-12-07 09:00')).toBeInTheDocument();
    expect(screen.getByText('Fortnightly review')).toBeInTheDocument();
    expect(screen.getByText('Its repeat rule cannot be read: update Postdeck on this computer')).toBeInTheDocument();
  });
});
